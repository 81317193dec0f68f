-- Série chronologique d'un indicateur pour un territoire, toutes dates disponibles.
-- Renvoie : date, valeur, statut, demonstration, provenances (une ligne par date, ordre chronologique).
-- Paramètres : $territoire, $indicateur.
SELECT date, valeur, statut, demonstration, provenances
FROM valeurs_territoires([$territoire], [$indicateur], NULL)
ORDER BY date;
