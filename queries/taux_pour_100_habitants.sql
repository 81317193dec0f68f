-- Ratio d'un indicateur pour 100 habitants d'un territoire à une date, avec le millésime de population
-- utilisé (le dernier millésime du COG en vigueur à la date, le plus ancien avant 2021).
-- Renvoie : valeur, population, millesime_population, pour_100_habitants, statut, demonstration.
-- Paramètres : $territoire, $indicateur, $date.
WITH m AS (
    SELECT millesime_population(CAST($date AS DATE)) AS debut,
           year(millesime_population(CAST($date AS DATE))) AS millesime
)
SELECT v.valeur, p.valeur AS population, m.millesime AS millesime_population,
       100.0 * v.valeur / nullif(p.valeur, 0) AS pour_100_habitants,
       CASE WHEN v.statut = 'ok' AND p.statut = 'ok' THEN 'ok' ELSE 'incomplet' END AS statut,
       v.demonstration
FROM valeurs_territoires([$territoire], [$indicateur], [CAST($date AS DATE)]) v, m
JOIN valeurs_territoires([$territoire], ['population'], NULL) p ON p.date = m.debut;
