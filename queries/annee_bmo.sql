-- Année de l'enquête Besoins en main-d'œuvre en vigueur (vue bmo : dernier import actif, sinon l'enquête embarquée).
-- Paramètres : aucun.
-- Renvoie : annee.
SELECT max(annee) AS annee FROM bmo;
