-- Table « faits » : la valeur en vigueur par (indicateur, commune, date).
-- Un import actif (le plus récent) remplace la valeur de base de même clé ; pour chaque
-- (indicateur, date) couvert par un import, toutes les valeurs de démonstration sont retirées :
-- on ne mélange jamais démonstration et données réelles dans un même total.
CREATE OR REPLACE TABLE faits AS
WITH imp AS (
    SELECT fi.*
    FROM faits_import fi JOIN imports i USING (import_id)
    WHERE NOT i.annule
    QUALIFY row_number() OVER (PARTITION BY fi.indicateur, fi.code_commune, fi.date ORDER BY fi.import_id DESC) = 1
), couvert AS (
    SELECT DISTINCT indicateur, date FROM imp
)
SELECT indicateur, code_commune, date, valeur, statut, source, 'import' AS provenance,
       CAST(import_id AS VARCHAR) AS reference
FROM imp
UNION ALL
SELECT b.*
FROM faits_base b
WHERE NOT EXISTS (SELECT 1 FROM imp
                  WHERE imp.indicateur = b.indicateur AND imp.code_commune = b.code_commune AND imp.date = b.date)
  AND NOT (b.provenance = 'demonstration'
           AND EXISTS (SELECT 1 FROM couvert c WHERE c.indicateur = b.indicateur AND c.date = b.date))
ORDER BY indicateur, date, code_commune;

-- Table « faits_niveau » : la valeur en vigueur par (indicateur, territoire, date) pour les chiffres publiés à
-- l'échelle d'un territoire (fichiers DARES par zone d'emploi ou département, région, France) : le dernier
-- import actif, sinon la valeur de base.
CREATE OR REPLACE TABLE faits_niveau AS
WITH imp AS (
    SELECT fi.*
    FROM faits_import_niveau fi JOIN imports i USING (import_id)
    WHERE NOT i.annule
    QUALIFY row_number() OVER (PARTITION BY fi.indicateur, fi.territoire, fi.date ORDER BY fi.import_id DESC) = 1
)
SELECT indicateur, territoire, date, valeur, statut, source, 'import' AS provenance,
       CAST(import_id AS VARCHAR) AS reference
FROM imp
UNION ALL
SELECT b.*
FROM faits_base_niveau b
WHERE NOT EXISTS (SELECT 1 FROM imp
                  WHERE imp.indicateur = b.indicateur AND imp.territoire = b.territoire AND imp.date = b.date)
ORDER BY indicateur, territoire, date;
