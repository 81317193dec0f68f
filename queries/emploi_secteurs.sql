-- Emploi salarié privé par grand secteur pour un territoire à une date (comme le tableau Urssaf du rapport
-- de la MiE) : effectif, part du total, évolution trimestrielle et annuelle (en %).
-- Renvoie : indicateur, libelle, valeur, part, evolution_trimestrielle_pct, evolution_annuelle_pct,
-- demonstration (secteurs dans l'ordre du dictionnaire, total en dernier).
-- Paramètres : $territoire, $date.
WITH d AS (
    SELECT CAST($date AS DATE) AS d, last_day(CAST($date AS DATE) - INTERVAL 3 MONTH) AS dt,
           CAST(CAST($date AS DATE) - INTERVAL 1 YEAR AS DATE) AS da
),
v AS (
    SELECT * FROM valeurs_territoires([$territoire],
        (SELECT list(indicateur) FROM indicateurs WHERE famille = 'emploi'),
        [(SELECT d FROM d), (SELECT dt FROM d), (SELECT da FROM d)])
)
SELECT i.indicateur, replace(i.libelle_court, 'Salariés privés – ', '') AS libelle, n.valeur,
       part_comparable(n.valeur, tot.valeur, n.demonstration, tot.demonstration) AS part,
       evolution_comparable(n.valeur, t.valeur, n.demonstration, t.demonstration) AS evolution_trimestrielle_pct,
       evolution_comparable(n.valeur, a.valeur, n.demonstration, a.demonstration) AS evolution_annuelle_pct,
       n.demonstration
FROM indicateurs i
JOIN v n ON n.indicateur = i.indicateur AND n.date = (SELECT d FROM d)
LEFT JOIN v t ON t.indicateur = i.indicateur AND t.date = (SELECT dt FROM d)
LEFT JOIN v a ON a.indicateur = i.indicateur AND a.date = (SELECT da FROM d)
LEFT JOIN v tot ON tot.indicateur = 'emploi_prive' AND tot.date = (SELECT d FROM d)
WHERE i.famille = 'emploi'
ORDER BY i.indicateur = 'emploi_prive', i.rowid;
