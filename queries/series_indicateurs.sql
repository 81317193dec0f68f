-- Séries trimestrielles de plusieurs indicateurs pour un territoire (ex. catégories A, B, C à empiler).
-- Renvoie : indicateur, libelle_court, date, valeur, statut, demonstration (indicateurs dans l'ordre demandé).
-- Paramètres : $territoire, $indicateurs (liste de codes).
WITH ordre_demande AS (SELECT unnest($indicateurs) AS indicateur, generate_subscripts($indicateurs, 1) AS ordre)
SELECT ft.indicateur, ind.libelle_court, ft.date, ft.valeur, ft.statut, ft.demonstration
FROM valeurs_territoires([$territoire], $indicateurs, NULL) ft
JOIN ordre_demande USING (indicateur)
JOIN indicateurs ind USING (indicateur)
ORDER BY ordre_demande.ordre, ft.date;
