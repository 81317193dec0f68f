-- Profil des demandeurs d'emploi ABC d'un territoire à une date : part des femmes, des moins de 25 ans, des
-- 50 ans et plus, de la longue durée (12 mois et plus), des allocataires du RSA, et leur évolution sur un an
-- (en points de pourcentage).
-- Renvoie : indicateur, libelle_bulletin, titre_synthese, valeur, part (en %), evolution_points, demonstration.
-- Paramètres : $territoire, $date.
WITH cles AS (  -- les profils et leur ordre : colonne profil_synthese de data/indicateurs.csv
    SELECT indicateur, profil_synthese AS ordre FROM indicateurs WHERE profil_synthese IS NOT NULL
), v AS (
    SELECT ft.indicateur, ft.date, ft.valeur, ft.demonstration
    FROM valeurs_territoires([$territoire], (SELECT list(indicateur) FROM cles) || ['demandeurs_abc'],
                             [CAST($date AS DATE), un_an_avant($date)]) ft
), parts AS (
    SELECT v.indicateur, v.date, v.valeur, part_comparable(v.valeur, t.valeur, v.demonstration, t.demonstration) AS part,
           v.demonstration
    FROM v JOIN v t ON t.indicateur = 'demandeurs_abc' AND t.date = v.date
)
SELECT c.indicateur, i.libelle_bulletin, i.titre_synthese, n.valeur, n.part, ecart_comparable(n.part, p.part, n.demonstration, p.demonstration) AS evolution_points, n.demonstration
FROM cles c
JOIN indicateurs i USING (indicateur)
JOIN parts n ON n.indicateur = c.indicateur AND n.date = CAST($date AS DATE)
LEFT JOIN parts p ON p.indicateur = c.indicateur AND p.date < CAST($date AS DATE)
ORDER BY c.ordre;
