-- Dictionnaire des indicateurs, dans l'ordre de data/indicateurs.csv.
-- Renvoie : indicateur (code), libelle, libelle_court, unite, frequence, famille, total_de_reference (pour
-- les parts), agregation, source, libelle_source, definition, profil_evolutions (rang dans la liste « Profil »
-- des Évolutions, vide si absent), graphique (graphique de page qui le montre avec d'autres : categories_abc,
-- emploi_total, entreprises ; vide sinon), echelle (commune, ou departement : publié à partir du département).
-- Paramètres : aucun.
SELECT i.indicateur, i.libelle, i.libelle_court, i.unite, i.frequence, i.famille, i.total_de_reference,
       i.agregation, i.source, s.libelle AS libelle_source, i.definition, i.profil_evolutions, i.graphique,
       i.echelle
FROM indicateurs i LEFT JOIN sources s USING (source)
ORDER BY i.rowid;
