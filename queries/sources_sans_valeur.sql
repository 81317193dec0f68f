-- Les sources d'indicateurs dont aucun chiffre n'est chargé pour un territoire : hors du Nord (que calibre le panel
-- de démonstration), rien n'est inventé, et la page le dit en une phrase avec la façon de remplir ces séries.
-- Seuls les indicateurs publiés à la commune comptent (les catégories F et G ne le sont qu'à partir du département).
-- Renvoie : source, series_a_charger (les séries et le fichier officiel qui les remplit).
-- Paramètres : $territoire.
WITH valeurs_par_source AS (
    SELECT i.source, count(f.valeur) AS nb_valeurs
    FROM indicateurs i
    LEFT JOIN faits_territoires f
           ON f.indicateur = i.indicateur AND f.territoire = $territoire AND f.valeur IS NOT NULL
    WHERE i.indicateur <> 'population' AND i.echelle = 'commune'
    GROUP BY i.source
)
SELECT s.source, coalesce(s.series_a_charger, s.libelle) AS series_a_charger
FROM valeurs_par_source v
JOIN sources s USING (source)
WHERE v.nb_valeurs = 0
ORDER BY s.source;
