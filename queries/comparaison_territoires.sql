-- Comparaison de territoires à une date sur les indicateurs clés : niveau, part dans le total de référence,
-- ratio pour 100 habitants (dernier millésime de population en vigueur), évolution sur un an (en %), et le
-- rang de chaque territoire parmi ceux comparés pour la part, le ratio et l'évolution (1 = la plus élevée).
-- Les indicateurs annuels (entreprises, créations) sont pris au dernier 31 décembre disponible.
-- Renvoie : ordre, indicateur, libelle_court, territoire, nom_court, valeur, part, pour_100, evolution_pct,
-- rang_part, rang_pour_100, rang_evolution, nb_territoires, millesime_population (« RP 2021 », « COG 2024 »),
-- demonstration.
-- Paramètres : $territoires (liste), $date.
WITH cles AS (  -- les indicateurs comparés et leur ordre : colonne comparaison de data/indicateurs.csv
    SELECT indicateur, comparaison AS ordre FROM indicateurs WHERE comparaison IS NOT NULL
),
d AS (  -- dates utiles ; indicateurs annuels : dernier 31 décembre au plus tard à la date
    SELECT CAST($date AS DATE) AS dt, CAST(CAST($date AS DATE) - INTERVAL 1 YEAR AS DATE) AS dt1,
           make_date(year(CAST($date AS DATE) + INTERVAL 1 DAY) - 1, 12, 31) AS da,
           make_date(year(CAST($date AS DATE) + INTERVAL 1 DAY) - 2, 12, 31) AS da1,
           millesime_population(CAST($date AS DATE)) AS dm
),
t AS (SELECT unnest($territoires) AS territoire, generate_subscripts($territoires, 1) AS ordre_t),
v AS (
    SELECT ft.territoire, ft.indicateur, ft.date, ft.valeur, ft.demonstration
    FROM valeurs_territoires($territoires, (SELECT list(indicateur) FROM cles),
        [CAST($date AS DATE), CAST(CAST($date AS DATE) - INTERVAL 1 YEAR AS DATE),
         make_date(year(CAST($date AS DATE) + INTERVAL 1 DAY) - 1, 12, 31),
         make_date(year(CAST($date AS DATE) + INTERVAL 1 DAY) - 2, 12, 31)]) ft
    UNION ALL  -- population : les quelques millésimes, la jointure choisit celui en vigueur
    SELECT ft.territoire, ft.indicateur, ft.date, ft.valeur, ft.demonstration
    FROM valeurs_territoires($territoires, ['population'], NULL) ft
),
k AS (  -- une ligne par (indicateur, territoire) avec ses dates : les jointures suivantes sont des équi-jointures
    SELECT c.ordre, c.indicateur, i.libelle_court, i.total_de_reference, t.territoire, te.nom_court, t.ordre_t,
           CASE WHEN i.frequence = 'annuelle' THEN d.da ELSE d.dt END AS dn,
           CASE WHEN i.frequence = 'annuelle' THEN d.da1 ELSE d.dt1 END AS dp, d.dt, d.dm
    FROM cles c
    JOIN indicateurs i USING (indicateur)
    CROSS JOIN t
    CROSS JOIN d
    JOIN territoires te ON te.territoire = t.territoire
),
base AS (
    SELECT k.ordre, k.indicateur, k.libelle_court, k.territoire, k.nom_court, k.ordre_t,
           n.valeur, part_comparable(n.valeur, tot.valeur, n.demonstration, tot.demonstration) AS part,
           100.0 * n.valeur / nullif(pop.valeur, 0) AS pour_100,
           evolution_comparable(n.valeur, p.valeur, n.demonstration, p.demonstration) AS evolution_pct,
           libelle_millesime_population(CAST($date AS DATE)) AS millesime_population, n.demonstration
    FROM k
    LEFT JOIN v n ON n.territoire = k.territoire AND n.indicateur = k.indicateur AND n.date = k.dn
    LEFT JOIN v p ON p.territoire = k.territoire AND p.indicateur = k.indicateur AND p.date = k.dp
    LEFT JOIN v tot ON tot.territoire = k.territoire AND tot.indicateur = k.total_de_reference AND tot.date = k.dt
    LEFT JOIN v pop ON pop.territoire = k.territoire AND pop.indicateur = 'population' AND pop.date = k.dm
)
SELECT ordre, indicateur, libelle_court, territoire, nom_court, valeur, part, pour_100, evolution_pct,
       rank() OVER (PARTITION BY indicateur ORDER BY part DESC NULLS LAST) AS rang_part,
       rank() OVER (PARTITION BY indicateur ORDER BY pour_100 DESC NULLS LAST) AS rang_pour_100,
       rank() OVER (PARTITION BY indicateur ORDER BY evolution_pct DESC NULLS LAST) AS rang_evolution,
       count(*) OVER (PARTITION BY indicateur) AS nb_territoires, millesime_population, demonstration
FROM base
ORDER BY ordre, ordre_t;
