-- Les sources des données (data/sources.csv) : ce que les pages écrivent sous un chiffre réel.
-- Renvoie : source, libelle, producteur, licence, note, definition.
-- Paramètres : aucun.
SELECT source, libelle, producteur, licence, note, definition FROM sources ORDER BY source;
