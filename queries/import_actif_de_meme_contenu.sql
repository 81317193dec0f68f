-- Import actif dont le fichier a exactement ce contenu (même empreinte SHA-256).
-- Paramètres : $empreinte (SHA-256 du contenu).
-- Renvoie : import_id (aucune ligne si ce contenu n'a jamais été importé ou si son import est annulé).
SELECT import_id FROM imports WHERE sha256 = $empreinte AND NOT annule ORDER BY import_id DESC LIMIT 1;
