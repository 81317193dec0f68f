-- Emploi salarié privé par grand secteur pour un territoire à une date (comme le tableau Urssaf du rapport
-- de la MiE) : effectif, part du total, évolution trimestrielle et annuelle (en %).
-- Renvoie : indicateur, libelle, valeur, part, evolution_trimestrielle_pct, evolution_annuelle_pct,
-- demonstration (secteurs dans l'ordre du dictionnaire, total en dernier).
-- Paramètres : $territoire, $date.
WITH dates AS (
    SELECT CAST($date AS DATE) AS a_la_date, last_day(CAST($date AS DATE) - INTERVAL 3 MONTH) AS trimestre_avant,
           CAST(CAST($date AS DATE) - INTERVAL 1 YEAR AS DATE) AS un_an_avant
),
valeurs_trois_dates AS (
    SELECT * FROM valeurs_territoires([$territoire],
        (SELECT list(indicateur) FROM indicateurs WHERE famille = 'emploi'),
        [(SELECT a_la_date FROM dates), (SELECT trimestre_avant FROM dates), (SELECT un_an_avant FROM dates)])
)
SELECT i.indicateur, replace(i.libelle_court, 'Salariés privés – ', '') AS libelle, actuel.valeur,
       part_comparable(actuel.valeur, total.valeur, actuel.demonstration, total.demonstration) AS part,
       evolution_comparable(actuel.valeur, trimestre.valeur, actuel.demonstration, trimestre.demonstration)
           AS evolution_trimestrielle_pct,
       evolution_comparable(actuel.valeur, annee.valeur, actuel.demonstration, annee.demonstration)
           AS evolution_annuelle_pct,
       actuel.demonstration
FROM indicateurs i
JOIN valeurs_trois_dates actuel ON actuel.indicateur = i.indicateur AND actuel.date = (SELECT a_la_date FROM dates)
LEFT JOIN valeurs_trois_dates trimestre ON trimestre.indicateur = i.indicateur
    AND trimestre.date = (SELECT trimestre_avant FROM dates)
LEFT JOIN valeurs_trois_dates annee ON annee.indicateur = i.indicateur AND annee.date = (SELECT un_an_avant FROM dates)
LEFT JOIN valeurs_trois_dates total ON total.indicateur = 'emploi_prive' AND total.date = (SELECT a_la_date FROM dates)
WHERE i.famille = 'emploi'
ORDER BY i.indicateur = 'emploi_prive', i.rowid;
