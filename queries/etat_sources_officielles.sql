-- État de chaque jeu des sources officielles (data/sources_officielles.csv) : dernière actualisation réussie
-- (import actif le plus récent du jeu) et période couverte par ses imports actifs.
-- Paramètres : aucun.
-- Renvoie : jeu, service, identifiant, libelle, source, derniere_actualisation (NULL si jamais actualisé),
--   premiere_date, derniere_date (dates des valeurs importées ; BMO : 1er janvier de l'année d'enquête).
WITH imports_actifs AS (
    SELECT import_id, jeu, date_import FROM imports WHERE jeu IS NOT NULL AND NOT annule
), dates_importees AS (
    SELECT import_id, min(date) AS premiere_date, max(date) AS derniere_date FROM (
        SELECT import_id, date FROM faits_import
        UNION ALL
        SELECT import_id, date FROM faits_import_niveau
        UNION ALL
        SELECT import_id, make_date(annee, 1, 1) FROM bmo_import
    ) GROUP BY import_id
), par_jeu AS (
    SELECT a.jeu, max(a.date_import) AS derniere_actualisation, min(d.premiere_date) AS premiere_date,
           max(d.derniere_date) AS derniere_date
    FROM imports_actifs a LEFT JOIN dates_importees d USING (import_id)
    GROUP BY a.jeu
)
SELECT s.jeu, s.service, s.identifiant, s.libelle, s.source, p.derniere_actualisation, p.premiere_date,
       p.derniere_date
FROM sources_officielles s LEFT JOIN par_jeu p USING (jeu)
ORDER BY s.ordre;
