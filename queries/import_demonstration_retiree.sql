-- Valeurs de démonstration qui disparaîtraient si l'import était confirmé, par indicateur et date : celles que
-- l'import remplace (même commune) et celles qui sont retirées sans remplacement (autres communes du même
-- département, pour ne jamais mélanger démonstration et données réelles dans un total, voir faits.sql).
-- Renvoie : indicateur, libelle (court), date, remplacees, retirees_sans_remplacement.
-- Paramètres : $indicateurs, $communes, $dates (listes parallèles : une entrée par valeur importée).
WITH importees AS (
    SELECT unnest($indicateurs) AS indicateur, unnest($communes) AS code_commune,
           CAST(unnest($dates) AS DATE) AS date
),
couvertes AS (  -- (indicateur, date, département) des valeurs importées
    SELECT DISTINCT i.indicateur, i.date, c.departement FROM importees i JOIN communes c USING (code_commune)
),
demonstration AS (
    SELECT f.indicateur, f.date,
           EXISTS (SELECT 1 FROM importees i WHERE i.indicateur = f.indicateur AND i.code_commune = f.code_commune
                   AND i.date = f.date) AS remplacee
    FROM faits f JOIN communes c USING (code_commune) JOIN couvertes USING (indicateur, date, departement)
    WHERE f.provenance = 'demonstration'
)
SELECT d.indicateur, i.libelle_court AS libelle, d.date,
       count(*) FILTER (WHERE d.remplacee) AS remplacees,
       count(*) FILTER (WHERE NOT d.remplacee) AS retirees_sans_remplacement
FROM demonstration d JOIN indicateurs i USING (indicateur)
GROUP BY ALL
ORDER BY libelle, d.date;
