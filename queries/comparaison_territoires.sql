-- Comparaison de territoires à une date sur les indicateurs clés : niveau, part dans le total de référence,
-- ratio pour 100 habitants (dernier millésime de population en vigueur), évolution sur un an (en %), et le
-- rang de chaque territoire parmi ceux comparés pour la part et l'évolution (1 = la plus élevée).
-- Renvoie : ordre, indicateur, libelle_court, territoire, nom_court, valeur, part, pour_100, evolution_pct,
-- rang_part, rang_pour_100, rang_evolution, nb_territoires, millesime_population, demonstration.
-- Paramètres : $territoires (liste), $date.
WITH t AS (SELECT unnest($territoires) AS territoire, generate_subscripts($territoires, 1) AS ordre_t),
cles(indicateur, ordre) AS (
    VALUES ('demandeurs_abc', 1), ('demandeurs_a', 2), ('demandeurs_abc_femmes', 3), ('demandeurs_abc_moins_25', 4),
           ('demandeurs_abc_50_plus', 5), ('demandeurs_abc_12_mois_plus', 6), ('demandeurs_abc_rsa', 7),
           ('demandeurs_abc_sans_diplome', 8), ('emploi_prive', 9), ('etablissements', 10),
           ('creations_entreprises', 11)
),
m AS (SELECT max(date) AS d FROM faits WHERE indicateur = 'population' AND date <= CAST($date AS DATE)),
annuels AS (  -- indicateurs annuels : dernier 31 décembre au plus tard à la date
    SELECT max(date) AS d FROM faits WHERE indicateur = 'etablissements' AND date <= CAST($date AS DATE)
),
v AS (
    SELECT ft.territoire, ft.indicateur, ft.date, ft.valeur, ft.demonstration
    FROM valeurs_territoires($territoires, (SELECT list(indicateur) FROM cles) || ['population'],
                             [CAST($date AS DATE), CAST(CAST($date AS DATE) - INTERVAL 1 YEAR AS DATE),
                              (SELECT d FROM annuels), CAST((SELECT d FROM annuels) - INTERVAL 1 YEAR AS DATE),
                              (SELECT d FROM m)]) ft
),
base AS (
    SELECT c.ordre, c.indicateur, i.libelle_court, t.territoire, te.nom_court, t.ordre_t,
           n.valeur, 100.0 * n.valeur / nullif(tot.valeur, 0) AS part,
           100.0 * n.valeur / nullif(pop.valeur, 0) AS pour_100,
           100.0 * (n.valeur - p.valeur) / nullif(p.valeur, 0) AS evolution_pct,
           year((SELECT d FROM m)) AS millesime_population, n.demonstration
    FROM cles c
    JOIN indicateurs i USING (indicateur)
    CROSS JOIN t
    JOIN territoires te ON te.territoire = t.territoire
    LEFT JOIN v n ON n.territoire = t.territoire AND n.indicateur = c.indicateur
         AND n.date = CASE WHEN i.frequence = 'annuelle' THEN (SELECT d FROM annuels) ELSE CAST($date AS DATE) END
    LEFT JOIN v p ON p.territoire = t.territoire AND p.indicateur = c.indicateur
         AND p.date = CAST(n.date - INTERVAL 1 YEAR AS DATE)
    LEFT JOIN v tot ON tot.territoire = t.territoire AND tot.indicateur = i.total_de_reference AND tot.date = n.date
    LEFT JOIN v pop ON pop.territoire = t.territoire AND pop.indicateur = 'population' AND pop.date = (SELECT d FROM m)
)
SELECT ordre, indicateur, libelle_court, territoire, nom_court, valeur, part, pour_100, evolution_pct,
       rank() OVER (PARTITION BY indicateur ORDER BY part DESC NULLS LAST) AS rang_part,
       rank() OVER (PARTITION BY indicateur ORDER BY pour_100 DESC NULLS LAST) AS rang_pour_100,
       rank() OVER (PARTITION BY indicateur ORDER BY evolution_pct DESC NULLS LAST) AS rang_evolution,
       count(*) OVER (PARTITION BY indicateur) AS nb_territoires, millesime_population, demonstration
FROM base
ORDER BY ordre, ordre_t;
