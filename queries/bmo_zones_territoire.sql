-- Où lire l'enquête « Besoins en main-d'œuvre » pour un territoire : France Travail la publie par bassin
-- d'emploi. Renvoie les bassins qui contiennent au moins une commune du territoire (le plus peuplé d'abord),
-- puis chaque département du territoire dont l'enquête est chargée (somme de ses bassins).
-- Paramètres : $territoire (identifiant de territoire).
-- Renvoie : zone (code de bassin BMO « 3216 », ou « dep-59 » pour le Nord), niveau (bassin, departement),
--   territoire (be-3216, nord, dep-69), nom, communes_en_commun (communes du territoire dans la zone),
--   part_population (% de la population du territoire au dernier millésime qui habite la zone).
WITH communes_du_territoire AS (
    SELECT code_commune FROM territoire_communes WHERE territoire = $territoire
), population_recente AS (
    SELECT code_commune, valeur AS population
    FROM faits
    WHERE indicateur = 'population' AND date = (SELECT max(date) FROM faits WHERE indicateur = 'population')
), population_du_territoire AS (
    SELECT sum(population) AS population FROM population_recente SEMI JOIN communes_du_territoire USING (code_commune)
), communes_et_zones AS (  -- chaque commune du territoire, dans son bassin et dans son département
    SELECT tc.code_commune, 'bassin' AS niveau, substr(tc.territoire, 4) AS zone
    FROM territoire_communes tc JOIN territoires t USING (territoire) SEMI JOIN communes_du_territoire USING (code_commune)
    WHERE t.type = 'bassin_emploi'
    UNION ALL
    SELECT c.code_commune, 'departement', 'dep-' || c.departement
    FROM communes c SEMI JOIN communes_du_territoire USING (code_commune)
    WHERE c.departement IN (SELECT departement FROM bmo)
), zones_du_territoire AS (
    SELECT z.niveau, z.zone, count(*) AS communes_en_commun,
           100 * sum(p.population) / (SELECT population FROM population_du_territoire) AS part_population
    FROM communes_et_zones z LEFT JOIN population_recente p USING (code_commune)
    GROUP BY ALL
), bassins_par_departement AS (
    SELECT 'dep-' || departement AS zone, count(DISTINCT bassin) AS bassins FROM bmo GROUP BY ALL
)
SELECT z.zone, z.niveau, territoire_zone_bmo(z.zone) AS territoire,
       CASE z.niveau WHEN 'bassin' THEN nom_zone_bmo(z.zone, false)
            ELSE nom_zone_bmo(z.zone, true) || ' (ses ' || coalesce(list_extract(
                ['un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix'], b.bassins),
                CAST(b.bassins AS VARCHAR)) || ' bassins d''emploi)' END AS nom,
       z.communes_en_commun, z.part_population
FROM zones_du_territoire z LEFT JOIN bassins_par_departement b USING (zone)
ORDER BY z.niveau = 'departement', z.part_population DESC, z.zone;
