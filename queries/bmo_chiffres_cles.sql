-- Chiffres clés de l'enquête BMO pour une zone, son département et sa région : projets de recrutement,
-- part jugée difficile, part saisonnière. Un métier sous secret statistique dans un bassin (moins de 5
-- projets, « * » chez France Travail) n'est pas compté et le nombre de ces cellules est rendu ; les parts
-- sont calculées sur les métiers dont la part est publiée.
-- Paramètres : $zone (code de bassin « 3216 », « dep-59 », « dep-69 » ou « reg-32 »).
-- Renvoie : niveau (zone, departement, region), nom, projets, cellules_secretes, part_difficiles, part_saisonniers
--   (en %), metiers (métiers avec au moins un projet publié).
WITH niveaux AS (
    SELECT * FROM (VALUES ('zone', $zone, 1), ('departement', departement_zone_bmo($zone), 2),
                          ('region', region_zone_bmo($zone), 3)) v(niveau, zone, ordre)
    WHERE niveau = 'zone' OR zone <> $zone
), lignes_par_niveau AS (
    SELECT n.niveau, n.ordre, n.zone AS zone_du_niveau, b.*
    FROM niveaux n
    JOIN bmo b ON dans_zone_bmo(b.bassin, b.departement, b.region, n.zone)
)
SELECT niveau, nom_zone_bmo(zone_du_niveau, false) AS nom,
       sum(projets) AS projets,
       count(*) FILTER (WHERE projets IS NULL) AS cellules_secretes,
       100 * sum(difficiles) / sum(projets) FILTER (WHERE difficiles IS NOT NULL) AS part_difficiles,
       100 * sum(saisonniers) / sum(projets) FILTER (WHERE saisonniers IS NOT NULL) AS part_saisonniers,
       count(DISTINCT code_metier) FILTER (WHERE projets IS NOT NULL) AS metiers
FROM lignes_par_niveau
GROUP BY niveau, ordre, zone_du_niveau
ORDER BY ordre;
