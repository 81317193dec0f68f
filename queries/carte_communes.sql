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
choisie AS (
    SELECT v.lieu AS code_commune, c.nom, membres.code_commune IS NOT NULL AS membre, v.* EXCLUDE (lieu)
    FROM valeurs_de_carte('commune', (SELECT list(code_commune) FROM zone), $indicateur, $date, $date_base, $mesure) v
    JOIN communes c ON c.code_commune = v.lieu
    LEFT JOIN membres ON membres.code_commune = v.lieu
)
SELECT code_commune, nom, membre, valeur, statut, provenance, coalesce(provenance = 'demonstration', false) AS demonstration,
       valeur_1an, evolution, evolution_pct, part,
       population, millesime, pour_100, indice, mesure,
       CASE WHEN membre AND mesure IS NOT NULL
            THEN rank() OVER (PARTITION BY membre, mesure IS NULL ORDER BY mesure DESC) END AS rang,
       CASE WHEN mesure IS NOT NULL THEN rank() OVER (PARTITION BY mesure IS NULL ORDER BY mesure DESC) END AS rang_zone,
       count(*) FILTER (WHERE membre) OVER () AS nb_membres
FROM choisie
-- l'ordre du tableau de la page : les communes du territoire d'abord (toute une région : toutes ensemble), de la plus
-- haute mesure à la plus basse, puis celles sans mesure
ORDER BY CASE WHEN $region IS NULL THEN membre END DESC, mesure DESC NULLS LAST, nom;
