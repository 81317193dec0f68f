-- Profil des demandeurs d'emploi ABC d'un territoire à une date : part des femmes, des moins de 25 ans, des
-- 50 ans et plus, de la longue durée (12 mois et plus), des allocataires du RSA, et leur évolution sur un an
-- (en points de pourcentage).
-- Renvoie : indicateur, libelle_bulletin, titre_synthese, valeur, part (en %), evolution_points, demonstration.
-- Paramètres : $territoire, $date.
WITH cles AS (  -- les profils et leur ordre : colonne profil_synthese de data/indicateurs.csv
    SELECT indicateur, profil_synthese AS ordre FROM indicateurs WHERE profil_synthese IS NOT NULL
), valeurs AS (  -- à la date et un an plus tôt, avec le total ABC
    SELECT ft.indicateur, ft.date, ft.valeur, ft.demonstration
    FROM valeurs_territoires([$territoire], (SELECT list(indicateur) FROM cles) || ['demandeurs_abc'],
                             [CAST($date AS DATE), un_an_avant($date)]) ft
), parts AS (
    SELECT v.indicateur, v.date, v.valeur,
           part_comparable(v.valeur, total.valeur, v.demonstration, total.demonstration) AS part, v.demonstration
    FROM valeurs v JOIN valeurs total ON total.indicateur = 'demandeurs_abc' AND total.date = v.date
)
SELECT c.indicateur, i.libelle_bulletin, i.titre_synthese, a_la_date.valeur, a_la_date.part,
       ecart_comparable(a_la_date.part, un_an_avant.part, a_la_date.demonstration, un_an_avant.demonstration)
           AS evolution_points,
       a_la_date.demonstration
FROM cles c
JOIN indicateurs i USING (indicateur)
JOIN parts a_la_date ON a_la_date.indicateur = c.indicateur AND a_la_date.date = CAST($date AS DATE)
LEFT JOIN parts un_an_avant ON un_an_avant.indicateur = c.indicateur AND un_an_avant.date < CAST($date AS DATE)
ORDER BY c.ordre;
