-- Chiffres publiés (data/publications.csv) confrontés à la base : pour chacun, la même mesure
-- (niveau, part, évolution absolue ou en %) calculée sur le même territoire et aux mêmes dates, et s'il
-- est reproduit à l'arrondi publié (écart au plus d'une demi-unité de la précision publiée ; un « -0 % »
-- publié exige une évolution négative ou nulle).
-- Un chiffre dont un terme (valeur, référence ou total) est devenu incomplet par un import qui ne couvre qu'une
-- partie des communes n'est pas vérifiable (somme partielle ou absente) : non_verifiable le dit, import_incomplet
-- donne le dernier import actif en cause.
-- Renvoie : les colonnes de publications (publication, territoire, indicateur, date, mesure, valeur, precision,
-- date_reference, document, page, citation, verification), calcule, ecart, conforme, non_verifiable, import_incomplet.
-- Paramètres : aucun.
WITH ft AS (
    SELECT * FROM valeurs_territoires(
        (SELECT list(DISTINCT territoire) FROM publications),
        (SELECT list(DISTINCT indicateur) FROM publications) || ['demandeurs_abc'],
        (SELECT list(DISTINCT date) || list(DISTINCT date_reference) FILTER (WHERE date_reference IS NOT NULL)
         FROM publications))
), v AS (
    SELECT p.*, n.valeur AS n, r.valeur AS r, tot.valeur AS tot,
           'incomplet' IN (n.statut, r.statut, tot.statut) AS terme_incomplet
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
), dernier_import AS (
    SELECT fi.indicateur, fi.date, max(fi.import_id) AS import_id
    FROM faits_import fi JOIN imports i USING (import_id)
    WHERE NOT i.annule
    GROUP BY fi.indicateur, fi.date
)
SELECT publication, territoire, indicateur, date, mesure, valeur, precision, date_reference, document, page,
       citation, verification, calcule, calcule - valeur AS ecart,
       coalesce(abs(calcule - valeur) <= precision / 2 + 1e-9 AND (NOT signbit(valeur) OR calcule <= 0), false)
           AS conforme,
       coalesce(terme_incomplet, false) AS non_verifiable,
       (SELECT max(d.import_id) FROM dernier_import d
        WHERE d.indicateur = c.indicateur AND d.date IN (c.date, c.date_reference)) AS import_incomplet
FROM c
ORDER BY publication;
