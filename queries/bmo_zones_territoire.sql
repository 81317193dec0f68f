-- Où lire l'enquête « Besoins en main-d'œuvre » pour un territoire : France Travail la publie par bassin
-- d'emploi. Renvoie les bassins du Nord qui contiennent au moins une commune du territoire (le plus peuplé
-- d'abord), puis le Nord entier (somme de ses huit bassins).
-- Paramètres : $territoire (identifiant de territoire).
-- Renvoie : zone (code de bassin BMO « 3216 », ou « dep-59 » pour le Nord), territoire (be-3216, nord), nom,
--   communes_en_commun (communes du territoire dans la zone), part_population (% de la population du territoire
--   au dernier millésime qui habite la zone).
WITH communes_du_territoire AS (
    SELECT code_commune FROM territoire_communes WHERE territoire = $territoire
), population_recente AS (
    SELECT code_commune, valeur AS population
    FROM faits
    WHERE indicateur = 'population' AND date = (SELECT max(date) FROM faits WHERE indicateur = 'population')
), bassins_du_territoire AS (
    SELECT substr(t.territoire, 4) AS zone, t.territoire, t.nom,
           count(*) AS communes_en_commun,
           100 * sum(p.population) / (SELECT sum(population) FROM population_recente
                                      WHERE code_commune IN (SELECT code_commune FROM communes_du_territoire))
               AS part_population
    FROM territoires t
    JOIN territoire_communes tc USING (territoire)
    JOIN communes_du_territoire c USING (code_commune)
    LEFT JOIN population_recente p USING (code_commune)
    WHERE t.type = 'bassin_emploi'
    GROUP BY ALL
)
SELECT zone, territoire, nom, communes_en_commun, part_population
FROM (
    SELECT *, 0 AS groupe FROM bassins_du_territoire
    UNION ALL
    SELECT 'dep-59', 'nord', 'Nord (ses huit bassins d''emploi)', (SELECT count(*) FROM communes_du_territoire),
           100, 1
)
ORDER BY groupe, part_population DESC, zone;
