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
v AS (
    SELECT ft.territoire AS unite, ft.indicateur, ft.date, ft.valeur, ft.statut, ft.demonstration
    FROM valeurs_territoires((SELECT list(unite) FROM unites),
                             (SELECT list(indicateur) FROM indicateurs WHERE ordre_bulletin IS NOT NULL),
                             [CAST($date AS DATE), CAST(CAST($date AS DATE) - INTERVAL 1 YEAR AS DATE)]) ft
),
n AS (SELECT * FROM v WHERE date = CAST($date AS DATE)),
p AS (SELECT * FROM v WHERE date < CAST($date AS DATE)),
abc AS (SELECT unite, valeur FROM n WHERE indicateur = 'demandeurs_abc')
SELECT i.ordre_bulletin AS ordre, i.rubrique_bulletin AS rubrique, i.indicateur, u.niveau, u.unite AS code,
       CASE WHEN u.niveau = 0 THEN i.libelle_bulletin ELSE t.nom END AS libelle,
       n.valeur AS nombre,
       part_comparable(n.valeur, tot.valeur, n.demonstration, tot.demonstration) AS part,
       ecart_comparable(n.valeur, p.valeur, n.demonstration, p.demonstration) AS evolution_annuelle,
       evolution_comparable(n.valeur, p.valeur, n.demonstration, p.demonstration) AS evolution_annuelle_pct,
       CASE WHEN n.statut = 'ok' AND coalesce(p.statut, 'manquant') = 'ok' THEN 'ok'
            ELSE coalesce(n.statut, 'manquant') END AS statut,
       coalesce(n.demonstration, true) OR coalesce(p.demonstration, false) AS demonstration
FROM indicateurs i
CROSS JOIN unites u
JOIN territoires t ON t.territoire = u.unite
LEFT JOIN n ON n.unite = u.unite AND n.indicateur = i.indicateur
LEFT JOIN p ON p.unite = u.unite AND p.indicateur = i.indicateur
LEFT JOIN n tot ON tot.unite = u.unite AND tot.indicateur = i.total_de_reference
LEFT JOIN abc ON abc.unite = u.unite
WHERE i.ordre_bulletin IS NOT NULL
ORDER BY i.ordre_bulletin, u.niveau, abc.valeur DESC NULLS LAST, t.nom;
