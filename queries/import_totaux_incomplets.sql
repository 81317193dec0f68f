-- Totaux qui deviendraient incomplets si l'import était confirmé : pour chaque (indicateur, date) couvert par
-- l'import, les valeurs de démonstration sont retirées (faits.sql) ; un territoire dont le total est complet
-- aujourd'hui mais auquel il manquerait alors des communes est listé, avec le nombre de communes sans valeur.
-- Renvoie : territoire, nom, type, indicateur, libelle (court), date, communes_sans_valeur, nb_communes, apres
-- (« incomplet » s'il reste des communes renseignées, « sans valeur » s'il n'en reste aucune).
-- Paramètres : $indicateurs, $communes, $dates, $statuts (listes parallèles : une entrée par valeur importée).
WITH importees AS (
    SELECT unnest($indicateurs) AS indicateur, unnest($communes) AS code_commune,
           CAST(unnest($dates) AS DATE) AS date, unnest($statuts) AS statut
),
couvertes AS (
    SELECT DISTINCT indicateur, date FROM importees
),
gardees AS (  -- valeurs réelles déjà en base que l'import ne remplace pas
    SELECT f.indicateur, f.code_commune, f.date, f.statut
    FROM faits f JOIN couvertes USING (indicateur, date)
    WHERE f.provenance <> 'demonstration'
      AND NOT EXISTS (SELECT 1 FROM importees i
                      WHERE i.indicateur = f.indicateur AND i.code_commune = f.code_commune AND i.date = f.date)
),
en_vigueur_apres AS (
    SELECT indicateur, code_commune, date, statut FROM importees
    UNION ALL
    SELECT indicateur, code_commune, date, statut FROM gardees
),
renseignees_apres AS (
    SELECT tc.territoire, c.indicateur, c.date, count(a.code_commune) FILTER (WHERE a.statut = 'ok') AS communes_ok
    FROM couvertes c
    CROSS JOIN territoire_communes tc
    LEFT JOIN en_vigueur_apres a
           ON a.indicateur = c.indicateur AND a.date = c.date AND a.code_commune = tc.code_commune
    GROUP BY ALL
)
SELECT t.territoire, t.nom, t.type, r.indicateur, i.libelle_court AS libelle, r.date,
       t.nb_communes - r.communes_ok AS communes_sans_valeur, t.nb_communes,
       CASE WHEN r.communes_ok > 0 THEN 'incomplet' ELSE 'sans valeur' END AS apres
FROM renseignees_apres r
JOIN territoires t USING (territoire)
JOIN indicateurs i USING (indicateur)
JOIN faits_territoires avant
  ON avant.territoire = r.territoire AND avant.indicateur = r.indicateur AND avant.date = r.date
WHERE t.type <> 'commune' AND avant.statut = 'ok' AND r.communes_ok < t.nb_communes
ORDER BY communes_sans_valeur, t.nb_communes, t.nom, i.libelle, r.date;
