-- Courbes des chiffres clés de la Synthèse : pour chaque indicateur, ses 20 derniers points jusqu'à la date. La
-- courbe d'un chiffre réel (valeur_reelle : importé ou officiel) ne reprend pas les points de démonstration d'avant : jamais une courbe qui mêle
-- démonstration et données réelles.
-- Paramètres : $territoire, $indicateurs (liste de codes), $date.
-- Renvoie : indicateur, dates, valeurs (une ligne par indicateur ; ses points en listes, les plus anciens d'abord).
WITH points AS (
    SELECT indicateur, date, valeur, demonstration, provenances
    FROM valeurs_territoires([$territoire], $indicateurs, NULL)
    WHERE date <= CAST($date AS DATE)
), chiffre_reel_importe AS (  -- le dernier point (celui du chiffre clé) est réel (importé ou officiel)
    SELECT indicateur, arg_max(valeur_reelle(demonstration, provenances), date) AS oui
    FROM points GROUP BY indicateur
), points_gardes AS (
    SELECT p.* FROM points p JOIN chiffre_reel_importe r USING (indicateur) WHERE NOT (r.oui AND p.demonstration)
), vingt_derniers AS (
    SELECT indicateur, date, valeur FROM points_gardes
    QUALIFY row_number() OVER (PARTITION BY indicateur ORDER BY date DESC) <= 20
)
SELECT indicateur, list(date ORDER BY date) AS dates, list(valeur ORDER BY date) AS valeurs
FROM vingt_derniers
GROUP BY indicateur
ORDER BY indicateur;
