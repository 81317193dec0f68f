-- Tableau du bulletin « La demande d'emploi » (annexe du bulletin N°55) pour un territoire et une date :
-- pour chaque indicateur du bulletin, dans l'ordre de l'annexe (catégorie A, ABC, sexe, âge, durée, RSA,
-- niveau de formation), une ligne pour le territoire puis une ligne par commune membre, par nombre de
-- demandeurs ABC décroissant.
-- Renvoie : ordre, rubrique, indicateur, niveau (0 territoire, 1 commune), code, libelle, nombre,
-- part (en % du total de référence, vide pour ABC), evolution_annuelle, evolution_annuelle_pct (en %),
-- statut, demonstration.
-- Paramètres : $territoire (identifiant ou code INSEE), $date (fin de trimestre), $detail (vrai : une ligne
-- par commune membre ; faux : les seuls totaux du territoire).
WITH unites AS (
    SELECT code_commune AS unite, 1 AS niveau FROM territoire_communes
    WHERE territoire = $territoire AND code_commune <> $territoire AND $detail
    UNION ALL
    SELECT $territoire, 0
),
valeurs_deux_dates AS (  -- la date et un an avant
    SELECT ft.territoire AS unite, ft.indicateur, ft.date, ft.valeur, ft.statut, ft.demonstration
    FROM valeurs_territoires((SELECT list(unite) FROM unites),
                             (SELECT list(indicateur) FROM indicateurs WHERE ordre_bulletin IS NOT NULL),
                             [CAST($date AS DATE), un_an_avant($date)]) ft
),
a_la_date AS (SELECT * FROM valeurs_deux_dates WHERE date = CAST($date AS DATE)),
un_an_avant AS (SELECT * FROM valeurs_deux_dates WHERE date < CAST($date AS DATE)),
demandeurs_abc AS (SELECT unite, valeur FROM a_la_date WHERE indicateur = 'demandeurs_abc')
SELECT i.ordre_bulletin AS ordre, i.rubrique_bulletin AS rubrique, i.indicateur, u.niveau, u.unite AS code,
       CASE WHEN u.niveau = 0 THEN i.libelle_bulletin ELSE t.nom END AS libelle,
       a_la_date.valeur AS nombre,
       part_comparable(a_la_date.valeur, total.valeur, a_la_date.demonstration, total.demonstration) AS part,
       ecart_comparable(a_la_date.valeur, un_an_avant.valeur, a_la_date.demonstration, un_an_avant.demonstration)
           AS evolution_annuelle,
       evolution_comparable(a_la_date.valeur, un_an_avant.valeur, a_la_date.demonstration,
                            un_an_avant.demonstration) AS evolution_annuelle_pct,
       CASE WHEN a_la_date.statut = 'ok' AND coalesce(un_an_avant.statut, 'missing') = 'ok' THEN 'ok'
            ELSE coalesce(a_la_date.statut, 'missing') END AS statut,
       coalesce(a_la_date.demonstration, true) OR coalesce(un_an_avant.demonstration, false) AS demonstration
FROM indicateurs i
CROSS JOIN unites u
JOIN territoires t ON t.territoire = u.unite
LEFT JOIN a_la_date ON a_la_date.unite = u.unite AND a_la_date.indicateur = i.indicateur
LEFT JOIN un_an_avant ON un_an_avant.unite = u.unite AND un_an_avant.indicateur = i.indicateur
LEFT JOIN a_la_date total ON total.unite = u.unite AND total.indicateur = i.total_de_reference
LEFT JOIN demandeurs_abc ON demandeurs_abc.unite = u.unite
WHERE i.ordre_bulletin IS NOT NULL
ORDER BY i.ordre_bulletin, u.niveau, demandeurs_abc.valeur DESC NULLS LAST, t.nom;
