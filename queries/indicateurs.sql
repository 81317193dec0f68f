-- Dictionnaire des indicateurs : code, libellé, unité, fréquence, famille, total de référence (pour
-- les parts), mode d'agrégation, source et définition, dans l'ordre du fichier data/indicateurs.csv.
-- Paramètres : aucun.
SELECT i.indicateur, i.libelle, i.libelle_court, i.unite, i.frequence, i.famille, i.total_de_reference,
       i.agregation, i.source, s.libelle AS libelle_source, i.definition
FROM indicateurs i LEFT JOIN sources s USING (source)
ORDER BY i.rowid;
