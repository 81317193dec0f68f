-- Séries trimestrielles d'un indicateur pour plusieurs territoires : valeur, part dans le total de référence
-- de l'indicateur (en %), indice base 100 à une date choisie. Réel et démonstration ne sont jamais joints dans
-- une courbe : un territoire qui a des valeurs réelles (importées ou officielles) pour l'indicateur ne montre
-- qu'elles, sauf si $avec_demonstration ; ses points de démonstration forment alors une courbe à part
-- (« … (démonstration) »), dont la base 100 est prise dans la démonstration, celle des réels dans le réel. Une part
-- n'est jamais celle d'une valeur réelle dans un total de démonstration (part_comparable : NULL).
-- Renvoie : territoire, nom_court, courbe (nom de la courbe), date, valeur, part, indice, statut, demonstration,
--   reelle (valeur réelle), reel_depuis (première date réelle du territoire, vide s'il n'en a pas), sources
--   (ordre : territoires dans l'ordre demandé, puis dates).
-- Paramètres : $territoires (liste d'identifiants), $indicateur, $date_base, $avec_demonstration (booléen).
WITH territoires_demandes AS (
    SELECT unnest($territoires) AS territoire, generate_subscripts($territoires, 1) AS ordre
), valeurs AS (
    SELECT ft.territoire, ft.date, ft.valeur, ft.statut, ft.demonstration, ft.sources,
           valeur_reelle(ft.demonstration, ft.provenances) AS reelle
    FROM valeurs_territoires($territoires, [$indicateur], NULL) ft
), totaux_de_reference AS (
    SELECT ft.territoire, ft.date, ft.valeur, ft.demonstration
    FROM valeurs_territoires($territoires,
                             (SELECT list(total_de_reference) FROM indicateurs WHERE indicateur = $indicateur),
                             NULL) ft
), premiere_date_reelle AS (
    SELECT territoire, min(date) AS reel_depuis FROM valeurs WHERE reelle GROUP BY territoire
), valeurs_montrees AS (
    SELECT v.*, r.reel_depuis
    FROM valeurs v LEFT JOIN premiere_date_reelle r USING (territoire)
    WHERE r.reel_depuis IS NULL OR v.reelle OR $avec_demonstration
), bases AS (
    SELECT territoire, reelle, valeur FROM valeurs_montrees WHERE date = CAST($date_base AS DATE)
)
SELECT v.territoire, te.nom_court,
       te.nom_court || CASE WHEN v.reel_depuis IS NOT NULL AND NOT v.reelle THEN ' (démonstration)' ELSE '' END
           AS courbe,
       v.date, v.valeur, part_comparable(v.valeur, tot.valeur, v.demonstration, tot.demonstration) AS part,
       100.0 * v.valeur / nullif(b.valeur, 0) AS indice, v.statut, v.demonstration, v.reelle, v.reel_depuis,
       v.sources
FROM valeurs_montrees v
JOIN territoires_demandes USING (territoire)
JOIN territoires te USING (territoire)
LEFT JOIN totaux_de_reference tot ON tot.territoire = v.territoire AND tot.date = v.date
LEFT JOIN bases b ON b.territoire = v.territoire AND b.reelle = v.reelle
ORDER BY territoires_demandes.ordre, v.reelle, v.date;
