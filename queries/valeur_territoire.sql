-- Valeur d'un indicateur pour un territoire (ou une commune) à une date.
-- Renvoie : territoire, nom, indicateur, date, valeur (vide si un membre est secret ou manquant),
-- statut (ok / secret / incomplet), valeur_connue, nb_non_ok, demonstration, provenances, sources.
-- Paramètres : $territoire, $indicateur, $date.
SELECT ft.territoire, t.nom, ft.indicateur, ft.date, ft.valeur, ft.statut, ft.valeur_connue, ft.nb_non_ok,
       ft.demonstration, ft.provenances, ft.sources
FROM valeurs_territoires([$territoire], [$indicateur], [CAST($date AS DATE)]) ft JOIN territoires t USING (territoire);
