-- Les indicateurs qui ont au moins une valeur pour un territoire (à une date quelconque), dans l'ordre de
-- data/indicateurs.csv : ceux qu'une carte sans valeur propose à la place de l'indicateur choisi (dans une base du
-- Rhône avant tout import, la population seule).
-- Renvoie : indicateur, libelle.
-- Paramètres : $territoire.
WITH indicateurs_renseignes AS (
    SELECT DISTINCT indicateur
    FROM valeurs_territoires([$territoire], NULL, NULL)
    WHERE valeur IS NOT NULL
)
SELECT i.indicateur, i.libelle
FROM indicateurs i JOIN indicateurs_renseignes USING (indicateur)
ORDER BY i.rowid;
