-- Séries trimestrielles d'un indicateur pour plusieurs territoires : valeur, part dans le total de référence
-- de l'indicateur (en %), indice base 100 à une date choisie.
-- Renvoie : territoire, nom_court, date, valeur, part, indice, statut, demonstration (ordre : territoires
-- dans l'ordre demandé, puis dates).
-- Paramètres : $territoires (liste d'identifiants), $indicateur, $date_base.
WITH t AS (SELECT unnest($territoires) AS territoire, generate_subscripts($territoires, 1) AS ordre),
v AS (
    SELECT ft.territoire, ft.date, ft.valeur, ft.statut, ft.demonstration
    FROM valeurs_territoires($territoires, [$indicateur], NULL) ft
),
tot AS (
    SELECT ft.territoire, ft.date, ft.valeur
    FROM valeurs_territoires($territoires,
                             (SELECT list(total_de_reference) FROM indicateurs WHERE indicateur = $indicateur),
                             NULL) ft
),
b AS (SELECT territoire, valeur FROM v WHERE date = CAST($date_base AS DATE))
SELECT v.territoire, te.nom_court, v.date, v.valeur, 100.0 * v.valeur / nullif(tot.valeur, 0) AS part,
       100.0 * v.valeur / nullif(b.valeur, 0) AS indice, v.statut, v.demonstration
FROM v
JOIN t USING (territoire)
JOIN territoires te USING (territoire)
LEFT JOIN tot ON tot.territoire = v.territoire AND tot.date = v.date
LEFT JOIN b ON b.territoire = v.territoire
ORDER BY t.ordre, v.date;
