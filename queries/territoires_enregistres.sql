-- Territoires à façon enregistrés pour tous, du plus récent au plus ancien, avec qui et quand.
-- Paramètres : aucun.
-- Renvoie : territoire, nom, nb_communes, auteur, date_creation, modifie_par, date_modification.
SELECT e.territoire, e.nom, t.nb_communes, e.auteur, e.date_creation, e.modifie_par, e.date_modification
FROM territoires_enregistres e
JOIN territoires t USING (territoire)
ORDER BY e.date_creation DESC, e.territoire DESC;
