-- Valeurs en vigueur des tables calculées faits, faits_niveau et faits_territoires (schema.sql), pour les
-- indicateurs et dates demandés (listes ; NULL = tous) : base.rafraichir_faits efface puis réécrit ces clés, toutes
-- à la construction, celles d'un import quand on l'ajoute ou l'annule (et base.rafraichir_territoires les agrégats
-- des seuls territoires enregistrés qui changent). Chaque règle ci-dessous ne regarde qu'une
-- clé (indicateur, date) à la fois : recalculer une clé donne exactement ce qu'un recalcul complet donne pour elle.
CREATE OR REPLACE MACRO cle_demandee(indicateur_, date_, indicateurs_, dates_) AS
    (indicateurs_ IS NULL OR list_contains(indicateurs_, indicateur_)) AND (dates_ IS NULL OR list_contains(dates_, date_));

-- Les valeurs d'une table d'import (« faits_import », « faits_import_niveau ») dont l'import n'est pas annulé, pour les
-- clés demandées, avec les colonnes d'une valeur de base (provenance « import », référence : le numéro d'import) ;
-- parmi elles, pour une même clé, l'import le plus récent gagne (import_le_plus_recent, dans QUALIFY).
CREATE OR REPLACE MACRO valeurs_importees_actives(table_, indicateurs_, dates_) AS TABLE
    SELECT fi.* EXCLUDE (import_id), 'import' AS provenance, CAST(fi.import_id AS VARCHAR) AS reference, fi.import_id
    FROM query_table(table_) fi JOIN imports i USING (import_id)
    WHERE NOT i.annule AND cle_demandee(fi.indicateur, fi.date, indicateurs_, dates_);
CREATE OR REPLACE MACRO import_le_plus_recent(indicateur_, lieu_, date_, import_id_) AS
    row_number() OVER (PARTITION BY indicateur_, lieu_, date_ ORDER BY import_id_ DESC) = 1;

-- « faits » : la valeur en vigueur par (indicateur, commune, date).
-- Un import actif (le plus récent) remplace la valeur de base de même clé ; pour chaque
-- (indicateur, date) couvert par un import dans un département, toutes les valeurs de démonstration de ce
-- département sont retirées : on ne mélange jamais démonstration et données réelles dans le total d'un
-- département ni de ses territoires (un import du Rhône laisse au Nord sa démonstration).
CREATE OR REPLACE MACRO faits_en_vigueur(indicateurs_, dates_) AS TABLE
WITH imports_actifs AS (
    SELECT * FROM valeurs_importees_actives('faits_import', indicateurs_, dates_)
    QUALIFY import_le_plus_recent(indicateur, code_commune, date, import_id)
), cles_importees AS (  -- (indicateur, date, département) où des chiffres réels sont importés
    SELECT DISTINCT imp.indicateur, imp.date, c.departement
    FROM imports_actifs imp JOIN communes c USING (code_commune)
), base_des_cles AS (
    SELECT b.* FROM faits_base b WHERE cle_demandee(b.indicateur, b.date, indicateurs_, dates_)
)
SELECT * EXCLUDE (import_id) FROM imports_actifs
UNION ALL
SELECT b.*
FROM base_des_cles b
WHERE NOT EXISTS (SELECT 1 FROM imports_actifs imp
                  WHERE imp.indicateur = b.indicateur AND imp.code_commune = b.code_commune AND imp.date = b.date)
  AND NOT (b.provenance = 'demonstration'
           AND EXISTS (SELECT 1 FROM cles_importees c JOIN communes k ON k.departement = c.departement
                       WHERE c.indicateur = b.indicateur AND c.date = b.date AND k.code_commune = b.code_commune))
ORDER BY indicateur, date, code_commune;

-- « faits_niveau » : la valeur en vigueur par (indicateur, territoire, date) pour les chiffres publiés à
-- l'échelle d'un territoire (fichiers DARES par zone d'emploi ou département, région, France) : le dernier
-- import actif, sinon la valeur de base.
CREATE OR REPLACE MACRO faits_niveau_en_vigueur(indicateurs_, dates_) AS TABLE
WITH imports_actifs AS (
    SELECT * FROM valeurs_importees_actives('faits_import_niveau', indicateurs_, dates_)
    QUALIFY import_le_plus_recent(indicateur, territoire, date, import_id)
)
SELECT * EXCLUDE (import_id) FROM imports_actifs
UNION ALL
SELECT b.*
FROM faits_base_niveau b
WHERE cle_demandee(b.indicateur, b.date, indicateurs_, dates_)
  AND NOT EXISTS (SELECT 1 FROM imports_actifs imp
                  WHERE imp.indicateur = b.indicateur AND imp.territoire = b.territoire AND imp.date = b.date)
ORDER BY indicateur, territoire, date;

-- « faits_territoires » (« mart ») : valeur par territoire (communes comprises), indicateur et date ; les requêtes
-- la lisent au lieu de réagréger (1 à 2 ms au lieu de 10 à 45 ms par série). Un chiffre publié à l'échelle du
-- territoire (faits_niveau) l'emporte toujours sur la somme de ses communes : « a_l_echelle » le dit,
-- « somme_communes » garde la somme pour comparaison.
CREATE OR REPLACE MACRO faits_territoires_en_vigueur(territoires_, indicateurs_, dates_) AS TABLE
WITH sommes AS MATERIALIZED (  -- lue deux fois : calculée une fois
    SELECT * FROM agreger_territoires(territoires_, indicateurs_, dates_)
), publies AS (
    SELECT n.territoire, n.indicateur, n.date, n.valeur,
           CASE n.statut WHEN 'ok' THEN 'ok' WHEN 'secret' THEN 'secret' ELSE 'incomplet' END AS statut,
           n.valeur AS valeur_connue, CAST(n.statut = 'secret' AS BIGINT) AS nb_secret,
           CAST(0 AS BIGINT) AS nb_non_ok, n.provenance = 'demonstration' AS demonstration,
           n.provenance AS provenances, n.source AS sources, true AS a_l_echelle, s.valeur AS somme_communes
    FROM faits_niveau n
    LEFT JOIN sommes s USING (territoire, indicateur, date)
    WHERE cle_demandee(n.indicateur, n.date, indicateurs_, dates_)
      AND (territoires_ IS NULL OR list_contains(territoires_, n.territoire))
)
SELECT * FROM (
    SELECT s.*, false AS a_l_echelle, CAST(NULL AS DOUBLE) AS somme_communes
    FROM sommes s ANTI JOIN publies p USING (territoire, indicateur, date)
    UNION ALL BY NAME
    SELECT * FROM publies
) ORDER BY territoire, indicateur, date;
