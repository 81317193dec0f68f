-- Journal des imports, du plus récent au plus ancien.
-- Renvoie : import_id, fichier, sha256, lignes, date_import, annule, date_annulation.
-- Paramètres : aucun.
SELECT import_id, fichier, sha256, lignes, date_import, annule, date_annulation
FROM imports
ORDER BY import_id DESC;
