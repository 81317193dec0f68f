-- Journal des imports, du plus récent au plus ancien, avec qui a importé et qui a annulé.
-- Renvoie : import_id, fichier, sha256, lignes, date_import, par, annule, date_annulation, annule_par.
-- Paramètres : aucun.
SELECT import_id, fichier, sha256, lignes, date_import, par, annule, date_annulation, annule_par
FROM imports
ORDER BY import_id DESC;
