"""Observatoire de l'emploi – point d'entrée. Le cadre commun (barre latérale, choix partagés, état dans
l'URL) est dessiné ici, une seule fois, avant la page (ses listes après elle) : ses choix suivent donc
l'utilisateur de page en page."""
from observatoire.appli import cadre

page = cadre.navigation()
cadre.dessiner(page.url_path or "synthese")
try:
    cadre.executer(page)
finally:  # les listes de la barre latérale après la page : le navigateur montre la page d'abord
    cadre.choix_partages()
