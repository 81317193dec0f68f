-- Mesures de la couche IRIS, dans l'ordre du menu (data/iris_mesures.csv).
-- Renvoie : mesure, libelle, libelle_court, unite.
-- Paramètres : aucun.
SELECT mesure, libelle, libelle_court, unite FROM iris_mesures ORDER BY ordre;
