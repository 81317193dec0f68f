-- Sources réelles des valeurs qu'un graphique ou un tableau affiche (hors panel de démonstration) : chaque
-- source présente dans ces valeurs, avec son producteur et sa définition, pour les écrire sous le graphique.
-- Une population est lue au millésime en vigueur à la date demandée (datée du 1er janvier de son millésime,
-- date_de_l_indicateur), comme sur la carte qui la montre.
-- Renvoie : source, producteur, definition.
-- Paramètres : $territoires, $indicateurs (listes), $dates (liste de dates ; NULL = toutes).
WITH dates_lues AS (
    SELECT DISTINCT indicateur, date_de_l_indicateur(indicateur, date_demandee) AS date
    FROM (SELECT unnest($indicateurs) AS indicateur) CROSS JOIN (SELECT unnest($dates) AS date_demandee)
),
presentes AS (
    SELECT DISTINCT unnest(string_split(v.sources, ',')) AS source
    FROM valeurs_territoires($territoires, $indicateurs, NULL) v
    WHERE $dates IS NULL
       OR EXISTS (SELECT 1 FROM dates_lues l WHERE l.indicateur = v.indicateur AND l.date = v.date)
)
SELECT s.source, s.producteur, s.definition
FROM presentes
JOIN sources s USING (source)
WHERE s.source <> 'panel-demo'
ORDER BY s.source;
