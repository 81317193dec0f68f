-- Dates déjà couvertes par les imports actifs d'un jeu des sources officielles (communes et territoires),
-- pour dire ce qu'une actualisation ajoute (« 2 trimestres ajoutés »).
-- Paramètres : $jeu.
-- Renvoie : date (une ligne par date couverte).
WITH imports_du_jeu AS (
    SELECT import_id FROM imports WHERE jeu = $jeu AND NOT annule
), dates_importees AS (
    SELECT import_id, date FROM faits_import
    UNION ALL
    SELECT import_id, date FROM faits_import_niveau
)
SELECT DISTINCT d.date
FROM dates_importees d JOIN imports_du_jeu USING (import_id)
ORDER BY d.date;
