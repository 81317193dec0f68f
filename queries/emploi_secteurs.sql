-- Emploi salarié privé par grand secteur pour un territoire à une date (comme le tableau Urssaf du rapport
-- de la MiE) : effectif, part du total, évolution trimestrielle et annuelle (en %).
-- Renvoie : indicateur, libelle, secteur (libellé à afficher, « TOTAL » pour le total), est_total, valeur, part,
-- evolution_trimestrielle_pct, evolution_annuelle_pct, demonstration (secteurs dans l'ordre du dictionnaire, total
-- en dernier).
-- Paramètres : $territoire, $date.
WITH dates AS (
    SELECT CAST($date AS DATE) AS a_la_date, last_day(CAST($date AS DATE) - INTERVAL 3 MONTH) AS trimestre_avant,
           un_an_avant($date) AS un_an_avant
),
secteurs AS (  -- les indicateurs d'emploi : le total (sans total de référence) et ses secteurs
    SELECT rowid AS ordre, indicateur, total_de_reference,
           replace(libelle_court, 'Salariés privés – ', '') AS libelle, total_de_reference IS NULL AS est_total
    FROM indicateurs
    WHERE famille = 'emploi'
),
valeurs_trois_dates AS (
    SELECT * FROM valeurs_territoires([$territoire],
        (SELECT list(indicateur) FROM secteurs),
        [(SELECT a_la_date FROM dates), (SELECT trimestre_avant FROM dates), (SELECT un_an_avant FROM dates)])
)
SELECT i.indicateur, i.libelle,
       CASE WHEN i.est_total THEN 'TOTAL' ELSE upper(i.libelle[1]) || i.libelle[2:] END AS secteur,
       i.est_total, actuel.valeur,
       part_comparable(actuel.valeur, total.valeur, actuel.demonstration, total.demonstration) AS part,
       evolution_comparable(actuel.valeur, trimestre.valeur, actuel.demonstration, trimestre.demonstration)
           AS evolution_trimestrielle_pct,
       evolution_comparable(actuel.valeur, annee.valeur, actuel.demonstration, annee.demonstration)
           AS evolution_annuelle_pct,
       actuel.demonstration
FROM secteurs AS i
JOIN valeurs_trois_dates actuel ON actuel.indicateur = i.indicateur AND actuel.date = (SELECT a_la_date FROM dates)
LEFT JOIN valeurs_trois_dates trimestre ON trimestre.indicateur = i.indicateur
    AND trimestre.date = (SELECT trimestre_avant FROM dates)
LEFT JOIN valeurs_trois_dates annee ON annee.indicateur = i.indicateur AND annee.date = (SELECT un_an_avant FROM dates)
LEFT JOIN valeurs_trois_dates total ON total.indicateur = coalesce(i.total_de_reference, i.indicateur)
    AND total.date = (SELECT a_la_date FROM dates)
ORDER BY i.est_total, i.ordre;
