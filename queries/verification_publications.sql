-- Chiffres publiés (data/publications.csv) confrontés à la base : pour chacun, la même mesure
-- (niveau, part, évolution absolue ou en %) calculée sur le même territoire et aux mêmes dates, et s'il
-- est reproduit à l'arrondi publié (écart au plus d'une demi-unité de la précision publiée ; un « -0 % »
-- publié exige une évolution négative ou nulle).
-- Un chiffre dont un terme (valeur, référence ou total) est devenu incomplet par un import qui ne couvre qu'une
-- partie des communes, ou n'a pas de valeur (secret statistique, date absente), n'est pas vérifiable, quel que soit
-- le territoire : non_verifiable le dit, terme_absent dit pourquoi (statut du terme : « incomplet », « secret »,
-- ou « absent »), import_incomplet donne le dernier import actif en cause.
-- Renvoie : les colonnes de publications (publication, territoire, indicateur, date, mesure, valeur, precision,
-- date_reference, document, page, citation, verification), titre_document (data/documents.csv), calcule, ecart, conforme, non_verifiable,
-- terme_absent, import_incomplet,
-- et pour les afficher : nom_territoire, libelle_indicateur, libelle_mesure, libelle_verification, document_et_page.
-- Paramètres : aucun.
WITH valeurs AS (
    SELECT * FROM valeurs_territoires(
        (SELECT list(DISTINCT territoire) FROM publications),
        (SELECT list(DISTINCT indicateur) FROM publications) || ['demandeurs_abc'],
        (SELECT list(DISTINCT date) || list(DISTINCT date_reference) FILTER (WHERE date_reference IS NOT NULL)
         FROM publications))
), termes AS (  -- une seule jointure : la valeur à la date, à la date de référence et le total, choisis par filtre
    SELECT p.*,
           any_value(v.valeur) FILTER (WHERE v.indicateur = p.indicateur AND v.date = p.date) AS valeur_a_la_date,
           any_value(v.valeur) FILTER (WHERE v.indicateur = p.indicateur AND v.date = p.date_reference)
               AS valeur_reference,
           any_value(v.valeur) FILTER (WHERE v.indicateur = i.total_de_reference AND v.date = p.date) AS valeur_total,
           list(v.statut) AS statuts
    FROM publications p
    JOIN indicateurs i USING (indicateur)
    LEFT JOIN valeurs v ON v.territoire = p.territoire
        AND ((v.indicateur = p.indicateur AND v.date IN (p.date, p.date_reference))
             OR (v.indicateur = i.total_de_reference AND v.date = p.date))
    GROUP BY ALL
), calcules AS (
    SELECT *, list_contains(statuts, 'incomplet') AS terme_incomplet,
           CASE WHEN list_contains(statuts, 'incomplet') THEN 'incomplet'
                WHEN list_contains(statuts, 'secret') THEN 'secret' ELSE 'absent' END AS statut_terme,
           CASE mesure WHEN 'niveau' THEN valeur_a_la_date
                       WHEN 'part' THEN 100.0 * valeur_a_la_date / valeur_total
                       WHEN 'evolution_abs' THEN valeur_a_la_date - valeur_reference
                       WHEN 'evolution_pct' THEN 100.0 * (valeur_a_la_date - valeur_reference) / valeur_reference
           END AS calcule
    FROM termes
), dernier_import AS (
    SELECT fi.indicateur, fi.date, max(fi.import_id) AS import_id
    FROM faits_import fi JOIN imports i USING (import_id)
    WHERE NOT i.annule
    GROUP BY fi.indicateur, fi.date
)
SELECT publication, territoire, indicateur, date, mesure, valeur, precision, date_reference, document,
       (SELECT titre FROM documents d WHERE d.document = calcules.document) AS titre_document, page,
       citation, verification, calcule, calcule - valeur AS ecart,
       coalesce(abs(calcule - valeur) <= precision / 2 + 1e-9 AND (NOT signbit(valeur) OR calcule <= 0), false)
           AS conforme,
       coalesce(terme_incomplet, false) OR calcule IS NULL AS non_verifiable,
       CASE WHEN coalesce(terme_incomplet, false) OR calcule IS NULL THEN statut_terme END AS terme_absent,
       (SELECT max(d.import_id) FROM dernier_import d
        WHERE d.indicateur = calcules.indicateur AND d.date IN (calcules.date, calcules.date_reference))
           AS import_incomplet,
       (SELECT nom FROM territoires t WHERE t.territoire = calcules.territoire) AS nom_territoire,
       (SELECT libelle_court FROM indicateurs i WHERE i.indicateur = calcules.indicateur) AS libelle_indicateur,
       CASE mesure WHEN 'niveau' THEN 'nombre' WHEN 'part' THEN 'part (%)' WHEN 'evolution_abs' THEN 'évolution'
                   WHEN 'evolution_pct' THEN 'évolution (%)' END AS libelle_mesure,
       CASE verification WHEN 'exact' THEN 'retrouvé' WHEN 'erratum' THEN 'erreur dans le rapport'
                         WHEN 'referentiel' THEN 'population officielle gardée' END AS libelle_verification,
       coalesce((SELECT titre FROM documents d WHERE d.document = calcules.document), document) || ', ' || page
           AS document_et_page
FROM calcules
ORDER BY publication;
