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
dates AS (SELECT * FROM dates_de_la_carte($indicateur, $date, $date_base)),
valeurs_de_la_zone AS (
    SELECT code_commune, date, valeur, statut, provenance FROM faits
    WHERE indicateur = $indicateur AND code_commune IN (SELECT code_commune FROM zone)
      AND date IN (SELECT unnest([a_la_date, un_an_avant, date_base]) FROM dates)
),
totaux AS (
    SELECT code_commune, valeur, provenance FROM faits
    WHERE indicateur = (SELECT total_de_reference FROM indicateurs WHERE indicateur = $indicateur)
      AND date = CAST($date AS DATE) AND statut = 'ok'
),
populations AS (
    SELECT code_commune, valeur, libelle_millesime_population(CAST($date AS DATE)) AS millesime FROM faits
    WHERE indicateur = 'population' AND date = (SELECT d FROM millesime)
),
base AS (
    SELECT c.code_commune, c.nom, membres.code_commune IS NOT NULL AS membre,
           actuelle.valeur, coalesce(actuelle.statut, 'missing') AS statut, actuelle.provenance,
           an_passe.valeur AS valeur_1an, de_base.valeur AS valeur_base, totaux.valeur AS total,
           actuelle.provenance = 'demonstration' AS demo, an_passe.provenance = 'demonstration' AS demo_1an,
           de_base.provenance = 'demonstration' AS demo_base, totaux.provenance = 'demonstration' AS demo_total,
           populations.valeur AS population, populations.millesime
    FROM zone
    JOIN communes c USING (code_commune)
    LEFT JOIN membres USING (code_commune)
    CROSS JOIN dates
    LEFT JOIN valeurs_de_la_zone actuelle ON actuelle.code_commune = c.code_commune AND actuelle.date = dates.a_la_date
    LEFT JOIN valeurs_de_la_zone an_passe ON an_passe.code_commune = c.code_commune AND an_passe.date = dates.un_an_avant
    LEFT JOIN valeurs_de_la_zone de_base ON de_base.code_commune = c.code_commune AND de_base.date = dates.date_base
    LEFT JOIN totaux ON totaux.code_commune = c.code_commune
    LEFT JOIN populations ON populations.code_commune = c.code_commune
),
choisie AS (
    SELECT *, unnest(mesures_de_carte($mesure, valeur, valeur_1an, total, population, valeur_base,
                                      demo, demo_1an, demo_total, demo_base))
    FROM base
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
