-- Les territoires du même niveau (communes entre elles, EPCI entre eux…) dans la zone couverte dont le profil ressemble
-- le plus à celui d'un territoire à une date : population (logarithme), demandeurs pour 100 habitants, parts des
-- femmes, des moins de 25 ans, des 50 ans et plus, de la longue durée, poids des six secteurs de l'emploi salarié
-- (data/criteres_comparables.csv). Chaque critère est centré-réduit sur les territoires du niveau ; la distance est
-- la racine de la somme des carrés des écarts. proches_par nomme les deux critères les plus proches.
-- Seuls les territoires qui ont tous les critères sont classés ; un territoire de nature différente (réel contre
-- démonstration) reste classé, et reel_et_demonstration le dit.
-- Renvoie : territoire, nom, nom_court, distance, proches_par, demonstration, reel_et_demonstration, rang (1 : le
-- plus proche) ; les $nombre plus proches.
-- Paramètres : $territoire, $date, $nombre.
WITH niveau AS (
    SELECT type FROM territoires WHERE territoire = $territoire
), candidats AS (
    SELECT territoire, nom, nom_court FROM territoires
    WHERE type = (SELECT type FROM niveau) AND (communes_hors_couverture = 0 OR territoire = $territoire)
), criteres AS (
    SELECT rowid AS ordre, * FROM criteres_comparables
), valeurs AS (
    SELECT territoire, indicateur, valeur, demonstration
    FROM valeurs_territoires((SELECT list(territoire) FROM candidats),
                             (SELECT list(numerateur) || list(denominateur) FILTER (WHERE denominateur IS NOT NULL)
                              FROM criteres),
                             [CAST($date AS DATE), millesime_population(CAST($date AS DATE))])
    WHERE (indicateur = 'population') = (date = millesime_population(CAST($date AS DATE)))
), mesures AS (
    SELECT c.territoire, k.critere, k.libelle, k.ordre,
           CASE k.transformation WHEN 'log' THEN ln(nullif(n.valeur, 0))
                                 ELSE 100.0 * n.valeur / nullif(d.valeur, 0) END AS mesure,
           coalesce(n.demonstration, false) OR coalesce(d.demonstration, false) AS demonstration
    FROM candidats c CROSS JOIN criteres k
    JOIN valeurs n ON n.territoire = c.territoire AND n.indicateur = k.numerateur
    LEFT JOIN valeurs d ON d.territoire = c.territoire AND d.indicateur = k.denominateur
    WHERE n.valeur IS NOT NULL AND (k.denominateur IS NULL OR d.valeur IS NOT NULL)
), centrees_reduites AS (
    SELECT *, (mesure - avg(mesure) OVER (PARTITION BY critere))
              / nullif(stddev_samp(mesure) OVER (PARTITION BY critere), 0) AS z
    FROM mesures
), ecarts AS (
    SELECT a.territoire, a.critere, a.libelle, a.ordre, abs(a.z - cible.z) AS ecart, a.demonstration,
           cible.demonstration AS demonstration_cible
    FROM centrees_reduites a
    JOIN centrees_reduites cible ON cible.territoire = $territoire AND cible.critere = a.critere
    WHERE a.territoire <> $territoire
), distances AS (
    SELECT territoire, sqrt(sum(ecart * ecart)) AS distance,
           array_to_string(list(libelle ORDER BY ecart, ordre)[1:2], ' et ') AS proches_par,
           bool_or(demonstration) AS demonstration, bool_or(demonstration) <> bool_or(demonstration_cible)
               AS reel_et_demonstration
    FROM ecarts
    GROUP BY territoire
    HAVING count(*) = (SELECT count(*) FROM criteres)
)
SELECT d.territoire, c.nom, c.nom_court, d.distance, d.proches_par, d.demonstration, d.reel_et_demonstration,
       row_number() OVER (ORDER BY d.distance, d.territoire) AS rang
FROM distances d JOIN candidats c USING (territoire)
ORDER BY rang
LIMIT $nombre;
