-- Valeurs par département pour la carte des départements (couverture de plusieurs départements) : les départements
-- d'une région, ou tous ceux de la base, avec l'indicateur à la date, un an plus tôt et à la date de base (chiffres de
-- faits_territoires : somme des communes, ou chiffre publié à l'échelle du département), sa part dans le total de
-- référence, le ratio pour 100 habitants, l'évolution annuelle, l'indice base 100, la mesure choisie et le rang.
-- Renvoie : territoire, departement, nom, membre (le territoire choisi est ce département ou en fait partie), valeur,
-- statut, demonstration, valeur_1an, evolution, evolution_pct, part, population, millesime, pour_100, indice, mesure,
-- rang, nb_departements (départements classés : ceux qui ont une valeur).
-- Paramètres : $region (code de région ; '' : tous les départements de la base), $territoire (territoire choisi),
-- $indicateur, $date, $date_base, $mesure (niveau, part, pour_100, evolution, evolution_pct, indice).
WITH departements AS (  -- un département de la base : son territoire (« dep-69 », « nord »), son code et sa région
    SELECT t.territoire, t.nom_court AS nom, any_value(c.departement) AS departement, any_value(c.region) AS region
    FROM territoires t
    JOIN territoire_communes USING (territoire)
    JOIN communes c USING (code_commune)
    WHERE t.type = 'departement'
    GROUP BY t.territoire, t.nom_court
),
departements_montres AS (SELECT * FROM departements WHERE $region = '' OR region = $region),
communes_choisies AS (SELECT code_commune FROM territoire_communes WHERE territoire = $territoire),
departements_du_choix AS (  -- le territoire choisi est dans ce département (ou est ce département)
    SELECT DISTINCT c.departement FROM communes_choisies JOIN communes c USING (code_commune)
),
millesime AS (SELECT millesime_population(CAST($date AS DATE)) AS d),
dates AS (SELECT * FROM dates_de_la_carte($indicateur, $date, $date_base)),
valeurs_indicateur AS (
    SELECT territoire, date, valeur, statut, demonstration FROM faits_territoires
    WHERE indicateur = $indicateur AND territoire IN (SELECT territoire FROM departements_montres)
      AND date IN (SELECT unnest([a_la_date, un_an_avant, date_base]) FROM dates)
),
total_de_reference AS (
    SELECT territoire, valeur, demonstration FROM faits_territoires
    WHERE indicateur = (SELECT total_de_reference FROM indicateurs WHERE indicateur = $indicateur)
      AND date = CAST($date AS DATE) AND statut = 'ok'
),
population AS (
    SELECT territoire, valeur, libelle_millesime_population(CAST($date AS DATE)) AS millesime FROM faits_territoires
    WHERE indicateur = 'population' AND date = (SELECT d FROM millesime)
),
par_departement AS (
    SELECT d.territoire, d.departement, d.nom, d.departement IN (SELECT departement FROM departements_du_choix) AS membre,
           a.valeur, coalesce(a.statut, 'missing') AS statut, a.demonstration,
           un_an.valeur AS valeur_1an, base.valeur AS valeur_base, total.valeur AS total,
           un_an.demonstration AS demo_1an, base.demonstration AS demo_base, total.demonstration AS demo_total,
           population.valeur AS population, population.millesime
    FROM departements_montres d
    CROSS JOIN dates
    LEFT JOIN valeurs_indicateur a ON a.territoire = d.territoire AND a.date = dates.a_la_date
    LEFT JOIN valeurs_indicateur un_an ON un_an.territoire = d.territoire AND un_an.date = dates.un_an_avant
    LEFT JOIN valeurs_indicateur base ON base.territoire = d.territoire AND base.date = dates.date_base
    LEFT JOIN total_de_reference total ON total.territoire = d.territoire
    LEFT JOIN population ON population.territoire = d.territoire
),
choisie AS (
    SELECT *, unnest(mesures_de_carte($mesure, valeur, valeur_1an, total, population, valeur_base,
                                      demonstration, demo_1an, demo_total, demo_base))
    FROM par_departement
)
SELECT territoire, departement, nom, membre, valeur, statut, coalesce(demonstration, false) AS demonstration,
       valeur_1an, evolution, evolution_pct, part, population, millesime, pour_100, indice, mesure,
       CASE WHEN mesure IS NOT NULL THEN rank() OVER (PARTITION BY mesure IS NULL ORDER BY mesure DESC) END AS rang,
       count(mesure) OVER () AS nb_departements
FROM choisie
ORDER BY mesure DESC NULLS LAST, nom;
