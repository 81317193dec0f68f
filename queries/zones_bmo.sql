-- Zones de l'enquête BMO chargée qu'un lien peut demander à la page « Métiers qui recrutent » : ses bassins
-- d'emploi (« 3216 ») et ses départements (« dep-59 »).
-- Paramètres : aucun.
-- Renvoie : zone.
SELECT DISTINCT bassin AS zone FROM bmo
UNION
SELECT DISTINCT 'dep-' || departement FROM bmo
ORDER BY zone;
