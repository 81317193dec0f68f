-- Part d'un indicateur dans son total de référence (ex. femmes / ABC, A / ABC) pour un territoire à une date.
-- Renvoie : indicateur, total_de_reference, valeur, total, part_pct (en %), statut, demonstration.
-- Paramètres : $territoire, $indicateur, $date.
SELECT v.indicateur, i.total_de_reference, v.valeur, t.valeur AS total,
       100.0 * v.valeur / nullif(t.valeur, 0) AS part_pct,
       CASE WHEN v.statut = 'ok' AND t.statut = 'ok' THEN 'ok' ELSE 'incomplet' END AS statut,
       v.demonstration OR t.demonstration AS demonstration
FROM valeurs_territoires([$territoire], [$indicateur], [CAST($date AS DATE)]) v
JOIN indicateurs i USING (indicateur)
JOIN valeurs_territoires([$territoire], NULL, [CAST($date AS DATE)]) t
  ON t.indicateur = i.total_de_reference;
