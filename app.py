"""Observatoire de l'emploi – point d'entrée. Le cadre commun (barre latérale, choix partagés, état dans
l'URL) est dessiné ici, une seule fois, avant la page : ses choix suivent donc l'utilisateur de page en page."""
from observatoire.appli import cadre

page = cadre.navigation()
cadre.dessiner(page.url_path or "synthese")
cadre.executer(page)
