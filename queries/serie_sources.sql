-- Série d'un indicateur pour un territoire et, à chaque date, d'où vient la valeur (commande « serie », pour les
-- scripts et les vérifications).
-- Renvoie : date, valeur, statut, provenance (officiel, publication, demonstration, import), source (producteurs),
-- definition (de l'indicateur).
-- Paramètres : $territoire, $indicateur.
SELECT v.date, v.valeur, v.statut, v.provenances AS provenance,
       (SELECT string_agg(DISTINCT coalesce(s.producteur, x.source), ' ; ')
        FROM unnest(string_split(v.sources, ',')) AS x(source) LEFT JOIN sources s ON s.source = x.source) AS source,
       i.definition
FROM valeurs_territoires([$territoire], [$indicateur], NULL) v
JOIN indicateurs i ON i.indicateur = v.indicateur
ORDER BY v.date;
