-- Territoires proposés à l'utilisateur : d'abord les territoires nommés (maisons de l'emploi, MEL,
-- arrondissement, Nord, puis région et France, qui n'ont pas de communes : territoires de comparaison
-- seulement) dans l'ordre de data/territoires.csv, puis les zones d'emploi et bassins d'emploi
-- (data/ref/zonages.csv), puis les communes par nom.
-- Renvoie : territoire, nom, nom_court, type, nb_communes.
-- Paramètres : aucun.
SELECT territoire, nom, nom_court, type, nb_communes
FROM territoires
ORDER BY type = 'commune', CASE WHEN type = 'commune' THEN nom END, rowid;
