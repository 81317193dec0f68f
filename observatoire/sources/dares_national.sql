-- Le fichier communal de la DARES lu et contrôlé ligne à ligne par DuckDB, avec les règles du lecteur
-- « dares_communes » (officiels.py, lieux.py, valeurs.py) : une ligne par ligne du fichier (table « brut » : ligne,
-- cellules commune, date, categorie, anciennete, sexe, age, nombre).
-- Paramètres : $departements (départements couverts), $toute_la_france, $dares_indicateurs (liste de structures
-- sexe, age, indicateur : les croisements repris). Tables lues : brut, communes_connues (code_commune),
-- passage (ancien_code, code_commune).
-- Colonnes rendues : ligne ; ecartee (motif d'une ligne écartée sans erreur, ou NULL) ; commune (code au COG en
-- vigueur, NULL si erroné) ; erreur_commune ; indicateur (NULL si la ligne n'est pas reprise) ; date ; erreur_date ;
-- valeur, statut (ok, secret, missing) ; erreur_valeur.
WITH lieu AS (
    SELECT *,
           CASE WHEN regexp_matches(commune_texte, '(?i)^\d[\dab]\d{3}\b')
                    THEN upper(regexp_extract(commune_texte, '(?i)^(\d[\dab]\d{3})\b', 1))
                WHEN regexp_matches(commune_texte, '(?i)\b\d[\dab]\d{3}$')
                    THEN upper(regexp_extract(commune_texte, '(?i)\b(\d[\dab]\d{3})$', 1))
                ELSE commune_texte END AS code_lu
    FROM (SELECT *, regexp_replace(coalesce(commune_cellule, ''), '^\s+|\s+$', '', 'g') AS commune_texte FROM brut)
),
ecart AS (
    SELECT *,
           CASE WHEN normaliser(code_lu) = 'ensemble' OR normaliser(code_lu) = '' OR starts_with(normaliser(code_lu), 'total')
                    THEN 'total'
                WHEN regexp_matches(code_lu, '^(751\d\d|6938\d|132\d\d)$') THEN 'plm'
                WHEN NOT $toute_la_france AND NOT list_contains($departements,
                         CASE WHEN starts_with(code_lu, '97') THEN left(code_lu, 3) ELSE left(code_lu, 2) END)
                    THEN 'hors'
           END AS ecartee
    FROM lieu
),
commune AS (
    SELECT ecart.*,
           regexp_matches(code_lu, '(?i)^\s*(\d{4,5}|2[AB]\d{3})(?:\.0)?\s*(?:[-–—:]\s*.*)?$') AS code_valide,
           lpad(upper(regexp_extract(code_lu, '(?i)^\s*(\d{4,5}|2[AB]\d{3})', 1)), 5, '0') AS code_5
    FROM ecart
),
commune_au_cog AS (
    SELECT commune.*, coalesce(passage.code_commune, commune.code_5) AS code_cog
    FROM commune LEFT JOIN passage ON passage.ancien_code = commune.code_5
),
commune_controlee AS (
    SELECT commune_au_cog.*,
           CASE WHEN ecartee IS NULL AND code_valide AND connue.code_commune IS NOT NULL THEN code_cog END AS commune,
           CASE WHEN ecartee IS NOT NULL THEN NULL
                WHEN NOT code_valide THEN '« ' || code_lu || ' » n''est pas un code commune INSEE'
                WHEN connue.code_commune IS NULL THEN 'code commune inconnu « ' || code_cog || ' » (absent du COG 2026)'
           END AS erreur_commune
    FROM commune_au_cog LEFT JOIN communes_connues AS connue ON connue.code_commune = commune_au_cog.code_cog
),
reprise AS (
    SELECT commune_controlee.*,
           CASE WHEN ecartee IS NOT NULL THEN ecartee
                WHEN replace(normaliser(categorie), ' ', '') NOT IN ('abc', 'categoriesabc', 'categorieabc') THEN 'categorie'
                WHEN normaliser(anciennete) NOT IN ('total', 'ensemble', '') THEN 'anciennete'
                WHEN croisement.indicateur IS NULL THEN 'sexe_age'
           END AS motif,
           croisement.indicateur AS indicateur_repris
    FROM commune_controlee
    LEFT JOIN (SELECT unnest($dares_indicateurs, recursive := true)) AS croisement
           ON croisement.sexe = normaliser(commune_controlee.sexe) AND croisement.age = normaliser(commune_controlee.age)
),
trimestre AS (
    SELECT *, regexp_extract(coalesce(date_cellule, ''), '(?i)^\s*(\d{4})\s*-?\s*T([1-4])\s*$', ['annee', 'rang']) AS t
    FROM reprise
),
date_lue AS (
    SELECT *,
           CASE WHEN t.annee <> '' THEN last_day(make_date(TRY_CAST(t.annee AS INTEGER), 3 * TRY_CAST(t.rang AS INTEGER), 1)) END AS date,
           CASE WHEN motif IS NULL AND t.annee = '' THEN '« ' || coalesce(date_cellule, '') || ' » n''est pas un trimestre (attendu AAAA-T1 … AAAA-T4)'
           END AS erreur_date,
           CASE WHEN regexp_replace(coalesce(nombre_cellule, ''), '^\s+|\s+$', '', 'g') = '' THEN 's' ELSE nombre_cellule END
               AS cellule
    FROM trimestre
),
nombre AS (
    SELECT *,
           regexp_replace(cellule, '^\s+|\s+$', '', 'g') AS brut,
           replace(replace(regexp_replace(brut, '[\s\x{00a0}\x{202f}\x{2009}]', '', 'g'), ',', '.'), '−', '-') AS texte
    FROM date_lue
),
valeur_lue AS (
    SELECT *,
           CASE WHEN regexp_matches(brut, '(?i)^(|nd|n\.d\.?|na|n/a|-|–|—|\.)$') THEN 'missing'
                WHEN regexp_matches(brut, '(?i)^(s|secret|c|<\s*\d+|\d+\s*(a|à)\s*\d+)$') THEN 'secret'
                WHEN regexp_matches(texte, '^[+\-−]?\d+(\.\d+)?$') THEN 'ok'
           END AS statut_lu,
           CASE WHEN regexp_matches(texte, '^[+\-−]?\d+(\.\d+)?$') THEN TRY_CAST(texte AS DOUBLE) END AS nombre_lu
    FROM nombre
)
SELECT ligne, motif AS ecartee, commune, erreur_commune, indicateur_repris AS indicateur, date, erreur_date,
       CASE WHEN statut_lu = 'ok' THEN nombre_lu END AS valeur, statut_lu AS statut,
       CASE WHEN motif IS NOT NULL OR erreur_date IS NOT NULL THEN NULL
            WHEN statut_lu IS NULL THEN '« ' || brut || ' » n''est pas un nombre'
            WHEN statut_lu = 'ok' AND nombre_lu < 0 THEN 'valeur négative « ' || cellule || ' » pour un effectif'
            WHEN statut_lu = 'ok' AND nombre_lu <> floor(nombre_lu) THEN 'effectif non entier « ' || cellule || ' »'
       END AS erreur_valeur
FROM valeur_lue
