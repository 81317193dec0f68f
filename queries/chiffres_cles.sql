-- Chiffres clés d'un territoire à une date, comme les rapports des maisons de l'emploi les impriment :
-- population (dernier millésime en vigueur, le plus ancien avant 2021), demandeurs ABC et A, emploi salarié privé, entreprises et
-- créations, chacun à la dernière date disponible au plus tard à $date, avec son évolution sur un an.
-- Renvoie : indicateur, libelle, titre_synthese, hausse_defavorable, unite, date, millesime (population :
-- « RP 2021 » ou « COG 2024 »), valeur, evolution, evolution_pct, statut, manquantes (communes
-- sans valeur d'un total incomplet), hors_couverture (dont communes hors des départements couverts : zones d'emploi, bassins, EPCI à cheval),
-- demonstration, provenances, sources, a_l_echelle (chiffre publié à l'échelle du territoire, pas une somme
-- de ses communes).
-- Paramètres : $territoire, $date.
WITH cles AS (  -- les chiffres clés et leur ordre : colonne chiffre_cle de data/indicateurs.csv
    SELECT indicateur, chiffre_cle AS ordre FROM indicateurs WHERE chiffre_cle IS NOT NULL
),
derniere AS (
    SELECT ft.indicateur,
           CASE WHEN ft.indicateur = 'population' THEN millesime_population(CAST($date AS DATE))
                ELSE max(ft.date) FILTER (WHERE ft.date <= CAST($date AS DATE)) END AS date
    FROM valeurs_territoires([$territoire], (SELECT list(indicateur) FROM cles), NULL) ft
    GROUP BY ft.indicateur
)
SELECT c.indicateur, i.libelle, i.titre_synthese, i.hausse_defavorable = 'oui' AS hausse_defavorable, i.unite, v.date, v.valeur,
       ecart_comparable(v.valeur, p.valeur, v.demonstration, p.demonstration) AS evolution,
       evolution_comparable(v.valeur, p.valeur, v.demonstration, p.demonstration) AS evolution_pct,
       CASE WHEN c.indicateur = 'population' THEN libelle_millesime_population(CAST($date AS DATE)) END AS millesime,
       v.statut, v.nb_non_ok - v.nb_secret AS manquantes,
       (SELECT communes_hors_couverture FROM territoires WHERE territoire = $territoire) AS hors_couverture, v.demonstration, v.provenances, v.sources,
       v.a_l_echelle
FROM cles c
JOIN indicateurs i USING (indicateur)
JOIN derniere d USING (indicateur)
JOIN valeurs_territoires([$territoire], (SELECT list(indicateur) FROM cles), NULL) v
  ON v.indicateur = c.indicateur AND v.date = d.date
LEFT JOIN valeurs_territoires([$territoire], (SELECT list(indicateur) FROM cles), NULL) p
       ON p.indicateur = c.indicateur AND p.date = un_an_avant(d.date)
ORDER BY c.ordre;
