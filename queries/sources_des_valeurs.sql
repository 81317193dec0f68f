-- Sources réelles des valeurs qu'un graphique ou un tableau affiche (hors panel de démonstration) : chaque
-- source présente dans ces valeurs, avec son producteur et sa définition, pour les écrire sous le graphique.
-- Renvoie : source, producteur, definition.
-- Paramètres : $territoires, $indicateurs (listes), $dates (liste de dates ; NULL = toutes).
WITH presentes AS (
    SELECT DISTINCT unnest(string_split(sources, ',')) AS source
    FROM valeurs_territoires($territoires, $indicateurs, $dates)
)
SELECT s.source, s.producteur, s.definition
FROM presentes
JOIN sources s USING (source)
WHERE s.source <> 'panel-demo'
ORDER BY s.source;
