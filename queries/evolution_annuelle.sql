-- Évolution sur un an d'un indicateur pour un territoire : valeur à la date et un an plus tôt.
-- Renvoie : date, date_precedente, valeur, valeur_precedente, evolution (absolue), evolution_pct (en %),
-- statut, demonstration.
-- Paramètres : $territoire, $indicateur, $date.
SELECT v.date, p.date AS date_precedente, v.valeur, p.valeur AS valeur_precedente,
       ecart_comparable(v.valeur, p.valeur, v.demonstration, p.demonstration) AS evolution,
       evolution_comparable(v.valeur, p.valeur, v.demonstration, p.demonstration) AS evolution_pct,
       CASE WHEN v.statut = 'ok' AND p.statut = 'ok' THEN 'ok' ELSE 'incomplet' END AS statut,
       v.demonstration OR p.demonstration AS demonstration
FROM valeurs_territoires([$territoire], [$indicateur], [CAST($date AS DATE)]) v
LEFT JOIN valeurs_territoires([$territoire], [$indicateur], [CAST(CAST($date AS DATE) - INTERVAL 1 YEAR AS DATE)]) p
       ON true;
