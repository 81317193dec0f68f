-- Série chronologique d'un indicateur pour un territoire, toutes dates disponibles.
-- Renvoie : date, valeur, statut, demonstration, provenances (une ligne par date, ordre chronologique).
-- Paramètres : $territoire, $indicateur.
SELECT date, valeur, statut, demonstration, provenances
FROM faits_territoires
WHERE territoire = $territoire AND indicateur = $indicateur
ORDER BY date;
