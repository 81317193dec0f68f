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
dates AS (  -- dates utiles ; indicateurs annuels : dernier 31 décembre au plus tard à la date
    SELECT CAST($date AS DATE) AS a_la_date, un_an_avant($date) AS un_an_avant,
           make_date(year(CAST($date AS DATE) + INTERVAL 1 DAY) - 1, 12, 31) AS fin_d_annee,
           make_date(year(CAST($date AS DATE) + INTERVAL 1 DAY) - 2, 12, 31) AS fin_d_annee_precedente,
           millesime_population(CAST($date AS DATE)) AS date_population
),
territoires_compares AS (SELECT unnest($territoires) AS territoire, generate_subscripts($territoires, 1) AS ordre_t),
valeurs AS (
    SELECT ft.territoire, ft.indicateur, ft.date, ft.valeur, ft.demonstration
    FROM valeurs_territoires($territoires, (SELECT list(indicateur) FROM cles),
        [CAST($date AS DATE), un_an_avant($date),
         make_date(year(CAST($date AS DATE) + INTERVAL 1 DAY) - 1, 12, 31),
         make_date(year(CAST($date AS DATE) + INTERVAL 1 DAY) - 2, 12, 31)]) ft
    UNION ALL  -- population : les quelques millésimes, la jointure choisit celui en vigueur
    SELECT ft.territoire, ft.indicateur, ft.date, ft.valeur, ft.demonstration
    FROM valeurs_territoires($territoires, ['population'], NULL) ft
),
lignes AS (  -- une ligne par (indicateur, territoire) avec ses dates : les jointures suivantes sont des équi-jointures
    SELECT c.ordre, c.indicateur, i.libelle_court, i.total_de_reference, tc.territoire, te.nom_court, tc.ordre_t,
           CASE WHEN i.frequence = 'annuelle' THEN d.fin_d_annee ELSE d.a_la_date END AS date_valeur,
           CASE WHEN i.frequence = 'annuelle' THEN d.fin_d_annee_precedente ELSE d.un_an_avant END AS date_un_an_avant,
           d.a_la_date, d.date_population
    FROM cles c
    JOIN indicateurs i USING (indicateur)
    CROSS JOIN territoires_compares tc
    CROSS JOIN dates d
    JOIN territoires te ON te.territoire = tc.territoire
),
base AS (
    SELECT l.ordre, l.indicateur, l.libelle_court, l.territoire, l.nom_court, l.ordre_t,
           actuelle.valeur,
           part_comparable(actuelle.valeur, total.valeur, actuelle.demonstration, total.demonstration) AS part,
           100.0 * actuelle.valeur / nullif(population.valeur, 0) AS pour_100,
           evolution_comparable(actuelle.valeur, precedente.valeur, actuelle.demonstration, precedente.demonstration)
               AS evolution_pct,
           libelle_millesime_population(CAST($date AS DATE)) AS millesime_population, actuelle.demonstration
    FROM lignes l
    LEFT JOIN valeurs actuelle ON actuelle.territoire = l.territoire AND actuelle.indicateur = l.indicateur
        AND actuelle.date = l.date_valeur
    LEFT JOIN valeurs precedente ON precedente.territoire = l.territoire AND precedente.indicateur = l.indicateur
        AND precedente.date = l.date_un_an_avant
    LEFT JOIN valeurs total ON total.territoire = l.territoire AND total.indicateur = l.total_de_reference
        AND total.date = l.a_la_date
    LEFT JOIN valeurs population ON population.territoire = l.territoire AND population.indicateur = 'population'
        AND population.date = l.date_population
)
SELECT ordre, indicateur, libelle_court, territoire, nom_court, valeur, part, pour_100, evolution_pct,
       rank() OVER (PARTITION BY indicateur ORDER BY part DESC NULLS LAST) AS rang_part,
       rank() OVER (PARTITION BY indicateur ORDER BY pour_100 DESC NULLS LAST) AS rang_pour_100,
       rank() OVER (PARTITION BY indicateur ORDER BY evolution_pct DESC NULLS LAST) AS rang_evolution,
       count(*) OVER (PARTITION BY indicateur) AS nb_territoires, millesime_population, demonstration
FROM base
ORDER BY ordre, ordre_t;
