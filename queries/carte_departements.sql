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
choisie AS (
    SELECT v.lieu AS territoire, d.departement, d.nom,
           d.departement IN (SELECT departement FROM departements_du_choix) AS membre, v.* EXCLUDE (lieu)
    FROM valeurs_de_carte('territoire', (SELECT list(territoire) FROM departements_montres), $indicateur, $date,
                          $date_base, $mesure) v
    JOIN departements_montres d ON d.territoire = v.lieu
)
SELECT territoire, departement, nom, membre, valeur, statut, coalesce(demonstration, false) AS demonstration,
       valeur_1an, evolution, evolution_pct, part, population, millesime, pour_100, indice, mesure,
       CASE WHEN mesure IS NOT NULL THEN rank() OVER (PARTITION BY mesure IS NULL ORDER BY mesure DESC) END AS rang,
       count(mesure) OVER () AS nb_departements
FROM choisie
ORDER BY mesure DESC NULLS LAST, nom;
