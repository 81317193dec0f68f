-- Couche IRIS de la carte : chaque IRIS des communes d'un territoire avec la mesure choisie (recensement 2019),
-- seulement si toutes les communes du territoire sont couvertes (les 95 communes de la MEL) ; sinon aucune ligne.
-- Renvoie : code_iris, nom_iris (initiale en capitale), type_iris, code_commune, commune, valeur (la mesure : un nombre d'habitants ou
-- une part en %), numerateur, denominateur (les comptages de l'Insee dont elle est faite), population,
-- rang (1 = valeur la plus élevée du territoire), nb_iris.
-- Paramètres : $territoire, $mesure (data/iris_mesures.csv).
WITH membres AS (
    SELECT code_commune FROM territoire_communes WHERE territoire = $territoire
),
couvert AS (  -- le territoire entier est-il couvert par la couche ?
    SELECT count(*) = count(*) FILTER (WHERE code_commune IN (SELECT code_commune FROM iris)) AS oui FROM membres
),
mesure_choisie AS (SELECT * FROM iris_mesures WHERE mesure = $mesure),
comptes AS (
    SELECT i.code_iris, upper(left(i.nom_iris, 1)) || substr(i.nom_iris, 2) AS nom_iris, i.type_iris, i.code_commune, c.nom AS commune,
           num.valeur AS numerateur, denom.valeur AS denominateur, pop.valeur AS population
    FROM iris i
    JOIN membres USING (code_commune)
    JOIN communes c USING (code_commune)
    CROSS JOIN mesure_choisie
    JOIN iris_comptages num ON num.code_iris = i.code_iris AND num.variable = mesure_choisie.numerateur
    LEFT JOIN iris_comptages denom ON denom.code_iris = i.code_iris AND denom.variable = mesure_choisie.denominateur
    JOIN iris_comptages pop ON pop.code_iris = i.code_iris AND pop.variable = 'P19_POP'
    WHERE (SELECT oui FROM couvert)
)
SELECT code_iris, nom_iris, type_iris, code_commune, commune,
       CASE WHEN (SELECT denominateur FROM mesure_choisie) IS NULL THEN numerateur
            ELSE 100.0 * numerateur / nullif(denominateur, 0) END AS valeur,
       numerateur, denominateur, population,
       rank() OVER (ORDER BY CASE WHEN (SELECT denominateur FROM mesure_choisie) IS NULL THEN numerateur
                                  ELSE 100.0 * numerateur / nullif(denominateur, 0) END DESC NULLS LAST) AS rang,
       count(*) OVER () AS nb_iris
FROM comptes
ORDER BY rang, nom_iris;  -- l'ordre du tableau de la page
