-- Série d'un indicateur pour un territoire en indice base 100 à une date choisie
-- (l'observatoire publie en base 100 au 31/12/2011).
-- Renvoie : date, valeur, indice (100 à la date de base), demonstration.
-- Paramètres : $territoire, $indicateur, $date_base.
WITH s AS (
    SELECT date, valeur, demonstration FROM valeurs_territoires([$territoire], [$indicateur], NULL)
)
SELECT s.date, s.valeur, 100.0 * s.valeur / nullif(b.valeur, 0) AS indice, s.demonstration
FROM s, (SELECT valeur FROM s WHERE date = CAST($date_base AS DATE)) b
ORDER BY s.date;
