-- Projets de recrutement par métier dans une zone de l'enquête BMO, avec leur rang. Dans une zone de
-- plusieurs bassins (Nord, région), un métier additionne ses bassins publiés et dit combien sont sous secret ;
-- sa part de projets difficiles (ou saisonniers) n'est donnée que si chacun de ces bassins la publie (sinon
-- elle serait calculée sur les seuls bassins où elle est assez grande pour être publiée).
-- Paramètres : $zone (code de bassin « 3216 », « dep-59 » ou « reg-32 »), $seuil_difficulte (nombre de projets
--   au-dessous duquel un métier n'est pas classé par difficulté : une part sur trois projets ne dit rien).
-- Renvoie : code_metier, metier, libelle_famille, projets (vide = secret statistique), part_difficiles,
--   part_saisonniers (en %), bassins_secrets, statut (« secret statistique » ou vide), rang_projets,
--   rang_difficulte (vide sous le seuil).
WITH lignes_de_la_zone AS (
    SELECT * FROM bmo WHERE dans_zone_bmo(bassin, departement, region, $zone)
), par_metier AS (
    SELECT code_metier, any_value(metier) AS metier, any_value(libelle_famille) AS libelle_famille,
           sum(projets) AS projets,
           CASE WHEN count(*) FILTER (WHERE projets IS NOT NULL AND difficiles IS NULL) = 0
                THEN 100 * sum(difficiles) / sum(projets) END AS part_difficiles,
           CASE WHEN count(*) FILTER (WHERE projets IS NOT NULL AND saisonniers IS NULL) = 0
                THEN 100 * sum(saisonniers) / sum(projets) END AS part_saisonniers,
           count(*) FILTER (WHERE projets IS NULL) AS bassins_secrets
    FROM lignes_de_la_zone
    GROUP BY code_metier
)
SELECT *,
       CASE WHEN projets IS NULL THEN 'secret statistique' END AS statut,
       CASE WHEN projets IS NOT NULL THEN rank() OVER (ORDER BY projets DESC NULLS LAST) END AS rang_projets,
       CASE WHEN projets >= $seuil_difficulte AND part_difficiles IS NOT NULL
            THEN rank() OVER (ORDER BY CASE WHEN projets >= $seuil_difficulte THEN part_difficiles END DESC NULLS LAST,
                                       projets DESC) END AS rang_difficulte
FROM par_metier
ORDER BY projets DESC NULLS LAST, metier;
