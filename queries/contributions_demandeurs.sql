-- Qui fait bouger la demande d'emploi ABC d'un territoire entre deux dates : la contribution de chaque groupe
-- (catégories A, B, C ; sexe ; tranches d'âge ; ancienneté) en points de l'évolution totale. Dans chaque ventilation
-- (une partition exacte de A, B, C : data/identites.csv, passée en $composantes), les contributions s'additionnent
-- à l'évolution du total : contribution = 100 · (x₁ − x₀) / ABC₀.
-- Une contribution n'est calculée que si ses termes sont de même nature (tous réels ou tous de démonstration).
-- Renvoie : ventilation (famille de l'indicateur : demande, sexe, age, duree), indicateur, libelle, depart,
-- arrivee, variation, contribution_points, evolution_totale_pct (du total ABC), demonstration ; dans l'ordre du
-- dictionnaire.
-- Paramètres : $territoire, $de, $a (dates), $composantes (les indicateurs des partitions de A, B, C).
WITH groupes AS (
    SELECT rowid AS ordre, indicateur, famille AS ventilation,
           upper(replace(libelle_court, 'Demandeurs ABC – ', '')[1])
               || replace(libelle_court, 'Demandeurs ABC – ', '')[2:] AS libelle  -- « Femmes », « Catégorie A »
    FROM indicateurs
    WHERE list_contains($composantes, indicateur)
), valeurs AS (
    SELECT * FROM valeurs_territoires([$territoire], $composantes || ['demandeurs_abc'],
                                      [CAST($de AS DATE), CAST($a AS DATE)])
), total AS (
    SELECT t0.valeur AS abc0, t1.valeur AS abc1, coalesce(t0.demonstration OR t1.demonstration, false) AS demo_total
    FROM valeurs t0 JOIN valeurs t1 ON t1.indicateur = 'demandeurs_abc' AND t1.date = CAST($a AS DATE)
    WHERE t0.indicateur = 'demandeurs_abc' AND t0.date = CAST($de AS DATE)
)
SELECT g.ventilation, g.indicateur, g.libelle, x0.valeur AS depart, x1.valeur AS arrivee,
       x1.valeur - x0.valeur AS variation,
       CASE WHEN meme_nature(x0.demonstration OR x1.demonstration, t.demo_total)
            THEN 100.0 * (x1.valeur - x0.valeur) / nullif(t.abc0, 0) END AS contribution_points,
       100.0 * (t.abc1 - t.abc0) / nullif(t.abc0, 0) AS evolution_totale_pct,
       coalesce(x0.demonstration OR x1.demonstration OR t.demo_total, false) AS demonstration
FROM groupes g
CROSS JOIN total t
LEFT JOIN valeurs x0 ON x0.indicateur = g.indicateur AND x0.date = CAST($de AS DATE)
LEFT JOIN valeurs x1 ON x1.indicateur = g.indicateur AND x1.date = CAST($a AS DATE)
ORDER BY g.ordre;
