-- Valeurs par commune pour la carte : toutes les communes d'une zone d'affichage, avec l'indicateur à la date,
-- un an plus tôt et à la date de base, sa part dans le total de référence, le ratio pour 100 habitants
-- (dernier millésime de population en vigueur), l'évolution annuelle, l'indice base 100, la mesure choisie,
-- et le rang de chaque commune du territoire choisi selon cette mesure.
-- Renvoie : code_commune, nom, membre, valeur, statut, provenance, demonstration, valeur_1an, evolution, evolution_pct, part,
-- population, millesime (« RP 2021 », « COG 2024 »), pour_100, indice, mesure, rang, rang_zone (rang dans toute la zone affichée), nb_membres.
-- Paramètres : $zone (territoire affiché), $region (code de la région affichée, sinon NULL : une région n'a pas de
-- communes dans territoire_communes), $territoire (territoire choisi), $indicateur, $date, $date_base,
-- $mesure (niveau, part, pour_100, evolution, evolution_pct, indice).
WITH zone AS (
    SELECT code_commune FROM territoire_communes WHERE territoire = $zone
    UNION
    SELECT code_commune FROM communes WHERE region = $region
),
membres AS (SELECT code_commune FROM territoire_communes WHERE territoire = $territoire),
millesime AS (SELECT millesime_population(CAST($date AS DATE)) AS d),
dates AS (  -- la population est datée du 1er janvier de son millésime : à chaque date, celle qui est en vigueur
    SELECT date_de_l_indicateur($indicateur, $date) AS a_la_date,
           date_de_l_indicateur($indicateur, un_an_avant($date)) AS un_an_avant,
           date_de_l_indicateur($indicateur, $date_base) AS date_base
),
f AS (
    SELECT code_commune, date, valeur, statut, provenance FROM faits
    WHERE indicateur = $indicateur AND code_commune IN (SELECT code_commune FROM zone)
      AND date IN (SELECT unnest([a_la_date, un_an_avant, date_base]) FROM dates)
),
tot AS (
    SELECT code_commune, valeur, provenance FROM faits
    WHERE indicateur = (SELECT total_de_reference FROM indicateurs WHERE indicateur = $indicateur)
      AND date = CAST($date AS DATE) AND statut = 'ok'
),
pop AS (
    SELECT code_commune, valeur, libelle_millesime_population(CAST($date AS DATE)) AS millesime FROM faits
    WHERE indicateur = 'population' AND date = (SELECT d FROM millesime)
),
base AS (
    SELECT c.code_commune, c.nom, m.code_commune IS NOT NULL AS membre,
           n.valeur, coalesce(n.statut, 'missing') AS statut, n.provenance,
           p.valeur AS valeur_1an, b.valeur AS valeur_base, tot.valeur AS total,
           n.provenance = 'demonstration' AS demo, p.provenance = 'demonstration' AS demo_1an,
           b.provenance = 'demonstration' AS demo_base, tot.provenance = 'demonstration' AS demo_total,
           pop.valeur AS population, pop.millesime
    FROM zone z
    JOIN communes c USING (code_commune)
    LEFT JOIN membres m USING (code_commune)
    CROSS JOIN dates d
    LEFT JOIN f n ON n.code_commune = c.code_commune AND n.date = d.a_la_date
    LEFT JOIN f p ON p.code_commune = c.code_commune AND p.date = d.un_an_avant
    LEFT JOIN f b ON b.code_commune = c.code_commune AND b.date = d.date_base
    LEFT JOIN tot ON tot.code_commune = c.code_commune
    LEFT JOIN pop ON pop.code_commune = c.code_commune
),
mesures AS (
    SELECT *, ecart_comparable(valeur, valeur_1an, demo, demo_1an) AS evolution,
           evolution_comparable(valeur, valeur_1an, demo, demo_1an) AS evolution_pct,
           part_comparable(valeur, total, demo, demo_total) AS part, 100.0 * valeur / nullif(population, 0) AS pour_100,
           part_comparable(valeur, valeur_base, demo, demo_base) AS indice
    FROM base
),
choisie AS (
    SELECT *, mesure_choisie($mesure, valeur, part, pour_100, evolution, evolution_pct, indice) AS mesure
    FROM mesures
)
SELECT code_commune, nom, membre, valeur, statut, provenance, coalesce(provenance = 'demonstration', false) AS demonstration,
       valeur_1an, evolution, evolution_pct, part,
       population, millesime, pour_100, indice, mesure,
       CASE WHEN membre AND mesure IS NOT NULL
            THEN rank() OVER (PARTITION BY membre, mesure IS NULL ORDER BY mesure DESC) END AS rang,
       CASE WHEN mesure IS NOT NULL THEN rank() OVER (PARTITION BY mesure IS NULL ORDER BY mesure DESC) END AS rang_zone,
       count(*) FILTER (WHERE membre) OVER () AS nb_membres
FROM choisie
ORDER BY membre DESC, mesure DESC NULLS LAST, nom;
