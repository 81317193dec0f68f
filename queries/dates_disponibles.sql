-- Dates de fin de trimestre pour lesquelles un indicateur a des valeurs, de la plus récente à la plus ancienne.
-- Renvoie : date.
-- Paramètres : $indicateur.
SELECT DISTINCT date FROM faits WHERE indicateur = $indicateur ORDER BY date DESC;
