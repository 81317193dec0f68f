-- Dernier import actif d'un jeu des sources officielles (actualiser) : ce qu'il a reçu, pour ne rien
-- retélécharger ni réimporter quand le service n'a rien de nouveau.
-- Paramètres : $jeu (clé de data/sources_officielles.csv).
-- Renvoie : import_id, sha256, modifie (date de mise à jour annoncée par le service), date_import.
SELECT import_id, sha256, modifie, date_import
FROM imports
WHERE jeu = $jeu AND NOT annule
ORDER BY import_id DESC
LIMIT 1;
