-- Évolution sur un an d'un indicateur pour un territoire : valeur à la date et un an plus tôt.
-- Renvoie : date, date_precedente, valeur, valeur_precedente, evolution (absolue), evolution_pct (en %),
-- statut, demonstration.
-- Paramètres : $territoire, $indicateur, $date.
SELECT v.date, p.date AS date_precedente, v.valeur, p.valeur AS valeur_precedente,
       v.valeur - p.valeur AS evolution, 100.0 * (v.valeur - p.valeur) / nullif(p.valeur, 0) AS evolution_pct,
       CASE WHEN v.statut = 'ok' AND p.statut = 'ok' THEN 'ok' ELSE 'incomplet' END AS statut,
       v.demonstration OR p.demonstration AS demonstration
FROM faits_territoires v
LEFT JOIN faits_territoires p
       ON p.territoire = v.territoire AND p.indicateur = v.indicateur
      AND p.date = CAST(v.date - INTERVAL 1 YEAR AS DATE)
WHERE v.territoire = $territoire AND v.indicateur = $indicateur AND v.date = CAST($date AS DATE);
