-- Vues dérivées, utilisées par les requêtes de queries/.

-- Valeur d'un indicateur par territoire (communes comprises) et date : la seule définition de l'agrégation.
-- Macro paramétrée (listes de territoires, d'indicateurs, de dates ; NULL = tout) pour que les filtres
-- s'appliquent avant l'agrégation. « valeur » n'est renseignée que si toutes les communes membres ont une
-- valeur « ok » : un total qui contient un secret statistique ou une valeur manquante dit « secret » /
-- « incomplet » au lieu d'une somme fausse.
CREATE OR REPLACE MACRO valeurs_territoires(territoires_, indicateurs_, dates_) AS TABLE
SELECT tc.territoire, f.indicateur, f.date,
       CASE WHEN count(*) FILTER (WHERE f.statut = 'ok') = any_value(t.nb_communes)
            THEN sum(f.valeur) FILTER (WHERE f.statut = 'ok') END AS valeur,
       CASE WHEN count(*) FILTER (WHERE f.statut = 'ok') = any_value(t.nb_communes) THEN 'ok'
            WHEN count(*) FILTER (WHERE f.statut = 'secret') > 0 THEN 'secret'
            ELSE 'incomplet' END AS statut,
       sum(f.valeur) FILTER (WHERE f.statut = 'ok') AS valeur_connue,
       count(*) FILTER (WHERE f.statut = 'secret') AS nb_secret,
       any_value(t.nb_communes) - count(*) FILTER (WHERE f.statut = 'ok') AS nb_non_ok,
       bool_or(f.provenance = 'demonstration') AS demonstration,
       string_agg(DISTINCT f.provenance, ',' ORDER BY f.provenance) AS provenances,
       string_agg(DISTINCT f.source, ',' ORDER BY f.source) AS sources
FROM territoire_communes tc
JOIN territoires t USING (territoire)
JOIN faits f USING (code_commune)
WHERE (territoires_ IS NULL OR list_contains(territoires_, tc.territoire))
  AND (indicateurs_ IS NULL OR list_contains(indicateurs_, f.indicateur))
  AND (dates_ IS NULL OR list_contains(dates_, f.date))
GROUP BY ALL;

-- Toutes les valeurs de territoires (pour les vérifications d'ensemble).
CREATE OR REPLACE VIEW faits_territoires AS SELECT * FROM valeurs_territoires(NULL, NULL, NULL);

-- Population en vigueur à une date : dernier millésime du COG publié au plus tard à cette date.
CREATE OR REPLACE VIEW millesimes_population AS
SELECT DISTINCT date AS debut, lead(date) OVER (ORDER BY date) AS fin, year(date) AS millesime
FROM (SELECT DISTINCT date FROM faits WHERE indicateur = 'population');
