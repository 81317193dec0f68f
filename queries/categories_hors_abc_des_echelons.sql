-- Les catégories de demandeurs publiées seulement à partir du département (F et G, créées le 1er janvier 2025 :
-- data/indicateurs.csv, échelle « departement »), pour les échelons qui englobent le territoire choisi et en ont une
-- valeur (département, région, France).
-- Renvoie : territoire, nom_court, indicateur, libelle_court, courbe (« Hauts-de-France – Catégorie G »), date,
-- valeur, demonstration, dans l'ordre des échelons demandés puis des indicateurs.
-- Paramètres : $territoires (liste, du plus petit au plus grand).
WITH indicateurs_publies_au_departement AS (
    SELECT indicateur, libelle_court, rowid AS ordre_indicateur FROM indicateurs WHERE echelle = 'departement'
), echelons AS (
    SELECT unnest($territoires) AS territoire, generate_subscripts($territoires, 1) AS ordre_echelon
)
SELECT v.territoire, t.nom_court, v.indicateur, i.libelle_court, t.nom_court || ' – ' || i.libelle_court AS courbe,
       v.date, v.valeur, v.demonstration
FROM valeurs_territoires($territoires, (SELECT list(indicateur) FROM indicateurs_publies_au_departement), NULL) v
JOIN indicateurs_publies_au_departement i USING (indicateur)
JOIN echelons e USING (territoire)
JOIN territoires t USING (territoire)
WHERE v.valeur IS NOT NULL
ORDER BY e.ordre_echelon, i.ordre_indicateur, v.date;
