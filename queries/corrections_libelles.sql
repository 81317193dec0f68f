-- Les coquilles évidentes d'une source corrigées à l'affichage (data/corrections_libelles.csv), pour les dire dans
-- « Sources et méthodes ».
-- Renvoie : texte_source, texte_affiche, libelle_source (la source concernée), note.
-- Paramètres : aucun.
SELECT c.texte_source, c.texte_affiche, s.libelle AS libelle_source, c.note
FROM corrections_libelles c JOIN sources s USING (source)
ORDER BY c.rowid;
