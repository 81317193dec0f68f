-- Chiffres publiés (data/publications.csv) confrontés à la base : pour chacun, la même mesure
-- (niveau, part, évolution absolue ou en %) calculée sur le même territoire et aux mêmes dates, et s'il
-- est reproduit à l'arrondi publié (écart au plus d'une demi-unité de la précision publiée ; un « -0 % »
-- publié exige une évolution négative ou nulle).
-- Renvoie : les colonnes de publications, calcule, ecart, conforme.
-- Paramètres : aucun.
WITH ft AS (
    SELECT * FROM valeurs_territoires(
        (SELECT list(DISTINCT territoire) FROM publications),
        (SELECT list(DISTINCT indicateur) FROM publications) || ['demandeurs_abc'],
        (SELECT list(DISTINCT date) || list(DISTINCT date_reference) FILTER (WHERE date_reference IS NOT NULL)
         FROM publications))
), v AS (
    SELECT p.*, n.valeur AS n, r.valeur AS r, tot.valeur AS tot
    FROM publications p
    JOIN indicateurs i USING (indicateur)
    LEFT JOIN ft n ON n.territoire = p.territoire AND n.indicateur = p.indicateur AND n.date = p.date
    LEFT JOIN ft r ON r.territoire = p.territoire AND r.indicateur = p.indicateur AND r.date = p.date_reference
    LEFT JOIN ft tot ON tot.territoire = p.territoire AND tot.indicateur = i.total_de_reference AND tot.date = p.date
), c AS (
    SELECT *, CASE mesure WHEN 'niveau' THEN n
                          WHEN 'part' THEN 100.0 * n / tot
                          WHEN 'evolution_abs' THEN n - r
                          WHEN 'evolution_pct' THEN 100.0 * (n - r) / r END AS calcule
    FROM v
)
SELECT publication, territoire, indicateur, date, mesure, valeur, precision, date_reference, document, page,
       citation, verification, calcule, calcule - valeur AS ecart,
       coalesce(abs(calcule - valeur) <= precision / 2 + 1e-9 AND (NOT signbit(valeur) OR calcule <= 0), false)
           AS conforme
FROM c
ORDER BY publication;
