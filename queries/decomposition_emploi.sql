-- Pourquoi l'emploi salarié privé d'un territoire a bougé entre deux dates : analyse structurelle-résiduelle
-- (« shift-share ») par rapport à un territoire de référence (par défaut son département), sur les six secteurs.
-- Avec E l'emploi du territoire par secteur et R celui de la référence, la variation ΣE₁ − ΣE₀ est exactement
--   effet_tendance  = Σ E₀ᵢ · g        (g : croissance totale de la référence, sur ses six secteurs)
-- + effet_structure = Σ E₀ᵢ · (gᵢ − g)  (gᵢ : croissance de la référence dans le secteur i)
-- + effet_local     = Σ E₀ᵢ · (eᵢ − gᵢ) (eᵢ : croissance du territoire dans le secteur i).
-- Un effet n'est calculé que si ses termes sont de même nature (tous réels ou tous de démonstration).
-- Renvoie : une ligne par secteur (dans l'ordre du dictionnaire) puis le total (est_total) : ordre, indicateur, secteur, emploi_depart, emploi_arrivee,
-- variation, croissance_territoire_pct, croissance_reference_pct, croissance_reference_totale_pct, effet_tendance,
-- effet_structure, effet_local, demonstration (un terme au moins de démonstration), reel_et_demonstration (le
-- territoire et la référence ne sont pas de même nature).
-- Paramètres : $territoire, $reference, $de, $a (dates).
WITH secteurs AS (
    SELECT rowid AS ordre, indicateur, replace(libelle_court, 'Salariés privés – ', '') AS libelle
    FROM indicateurs
    WHERE famille = 'emploi' AND total_de_reference IS NOT NULL
), valeurs AS (
    SELECT * FROM valeurs_territoires([$territoire, $reference], (SELECT list(indicateur) FROM secteurs),
                                      [CAST($de AS DATE), CAST($a AS DATE)])
), par_secteur AS (
    SELECT s.ordre, s.indicateur, s.libelle,
           e0.valeur AS e0, e1.valeur AS e1, r0.valeur AS r0, r1.valeur AS r1,
           coalesce(e0.demonstration OR e1.demonstration, false) AS demo_territoire,
           coalesce(r0.demonstration OR r1.demonstration, false) AS demo_reference
    FROM secteurs s
    LEFT JOIN valeurs e0 ON e0.territoire = $territoire AND e0.indicateur = s.indicateur AND e0.date = CAST($de AS DATE)
    LEFT JOIN valeurs e1 ON e1.territoire = $territoire AND e1.indicateur = s.indicateur AND e1.date = CAST($a AS DATE)
    LEFT JOIN valeurs r0 ON r0.territoire = $reference AND r0.indicateur = s.indicateur AND r0.date = CAST($de AS DATE)
    LEFT JOIN valeurs r1 ON r1.territoire = $reference AND r1.indicateur = s.indicateur AND r1.date = CAST($a AS DATE)
), croissance_reference AS (
    SELECT sum(r1) / nullif(sum(r0), 0) - 1 AS g FROM par_secteur
), effets AS (
    SELECT p.*, c.g,
           p.e1 / nullif(p.e0, 0) - 1 AS ei, p.r1 / nullif(p.r0, 0) - 1 AS gi,
           meme_nature(p.demo_territoire, p.demo_reference) AS comparable
    FROM par_secteur p CROSS JOIN croissance_reference c
), lignes AS (
    SELECT ordre, indicateur, upper(libelle[1]) || libelle[2:] AS secteur, false AS est_total,
           e0 AS emploi_depart, e1 AS emploi_arrivee, e1 - e0 AS variation,
           100 * ei AS croissance_territoire_pct, 100 * gi AS croissance_reference_pct,
           100 * g AS croissance_reference_totale_pct,
           CASE WHEN comparable THEN e0 * g END AS effet_tendance,
           CASE WHEN comparable THEN e0 * (gi - g) END AS effet_structure,
           CASE WHEN comparable THEN e1 - e0 - e0 * gi END AS effet_local,
           demo_territoire OR demo_reference AS demonstration, NOT comparable AS reel_et_demonstration
    FROM effets
)
SELECT ordre, indicateur, secteur, est_total, emploi_depart, emploi_arrivee, variation, croissance_territoire_pct,
       croissance_reference_pct, croissance_reference_totale_pct, effet_tendance, effet_structure, effet_local,
       demonstration, reel_et_demonstration
FROM lignes
UNION ALL BY NAME
SELECT 'emploi_prive' AS indicateur, 'TOTAL' AS secteur, true AS est_total, sum(emploi_depart) AS emploi_depart,
       sum(emploi_arrivee) AS emploi_arrivee, sum(variation) AS variation,
       100 * (sum(emploi_arrivee) / nullif(sum(emploi_depart), 0) - 1) AS croissance_territoire_pct,
       any_value(croissance_reference_totale_pct) AS croissance_reference_pct,
       any_value(croissance_reference_totale_pct) AS croissance_reference_totale_pct,
       sum(effet_tendance) AS effet_tendance, sum(effet_structure) AS effet_structure, sum(effet_local) AS effet_local,
       bool_or(demonstration) AS demonstration, bool_or(reel_et_demonstration) AS reel_et_demonstration
FROM lignes
ORDER BY est_total, ordre;
