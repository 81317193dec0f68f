-- Part d'un indicateur dans son total de référence (ex. femmes / ABC, A / ABC) pour un territoire à une date.
-- Renvoie : indicateur, total_de_reference, valeur, total, part_pct (en %), statut, demonstration.
-- Paramètres : $territoire, $indicateur, $date.
SELECT v.indicateur, i.total_de_reference, v.valeur, t.valeur AS total,
       100.0 * v.valeur / nullif(t.valeur, 0) AS part_pct,
       CASE WHEN v.statut = 'ok' AND t.statut = 'ok' THEN 'ok' ELSE 'incomplet' END AS statut,
       v.demonstration OR t.demonstration AS demonstration
FROM faits_territoires v
JOIN indicateurs i USING (indicateur)
JOIN faits_territoires t ON t.territoire = v.territoire AND t.indicateur = i.total_de_reference AND t.date = v.date
WHERE v.territoire = $territoire AND v.indicateur = $indicateur AND v.date = CAST($date AS DATE);
