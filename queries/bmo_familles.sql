-- Répartition des projets de recrutement par famille de métiers : la zone choisie, son département et
-- sa région côte à côte (parts en % des projets publiés de chaque niveau).
-- Paramètres : $zone (code de bassin « 3216 », « dep-59 », « dep-69 » ou « reg-32 »).
-- Renvoie : niveau (zone, departement, region), nom_niveau, libelle_famille, projets, part (en %), ordre_famille
--   (familles de la plus grande à la plus petite dans la zone).
WITH niveaux AS (
    SELECT * FROM (VALUES ('zone', $zone, 1), ('departement', departement_zone_bmo($zone), 2),
                          ('region', region_zone_bmo($zone), 3)) v(niveau, zone, ordre)
    WHERE niveau = 'zone' OR zone <> $zone
), projets_par_famille AS (
    SELECT n.niveau, n.ordre, n.zone AS zone_du_niveau, b.libelle_famille, sum(b.projets) AS projets
    FROM niveaux n
    JOIN bmo b ON dans_zone_bmo(b.bassin, b.departement, b.region, n.zone)
    GROUP BY ALL
), parts AS (
    SELECT *, 100 * projets / sum(projets) OVER (PARTITION BY niveau) AS part FROM projets_par_famille
), ordre_des_familles AS (
    SELECT libelle_famille, row_number() OVER (ORDER BY part DESC, libelle_famille) AS ordre_famille
    FROM parts WHERE niveau = 'zone'
)
SELECT niveau, nom_zone_bmo(zone_du_niveau, true) AS nom_niveau,
       libelle_famille, projets, part, ordre_famille
FROM parts JOIN ordre_des_familles USING (libelle_famille)
ORDER BY ordre, ordre_famille;
