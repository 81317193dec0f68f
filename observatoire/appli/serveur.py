"""Lanceur de l'application : prépare le processus (imports lourds, géométries, base) puis démarre
Streamlit dans ce même processus, pour que la première page soit rapide dès que le serveur répond.

Usage : ``python -m observatoire app [options de streamlit run]``
"""
from __future__ import annotations

import sys
import time

from observatoire import chemins


def prechauffer() -> float:
    t = time.perf_counter()
    import inspect

    from observatoire.appli import acces  # noqa: F401 — scipy, scikit-learn, geopandas, argon2 : ~2 s à froid
    from observatoire.cartes import carte_svg  # noqa: F401 — scipy, scikit-learn, geopandas, argon2 : ~2 s à froid
    from observatoire.cartes import carto
    from observatoire.modele import base  # noqa: F401 — scipy, scikit-learn, geopandas, argon2 : ~2 s à froid
    from observatoire.modele import publication
    if publication.en_lecture_seule():  # une réplique sur une autre machine : le nettoyage revient à l'écrivain
        print("Stockage de la base en lecture seule : lecture de copies locales des instantanés.", flush=True)
    else:
        for fait in publication.nettoyer():  # après un arrêt brutal d'un import : copies, journal, archive
            print(f"Nettoyage : {fait}.", flush=True)
    base.connecter().close()  # construit la base si elle manque
    for z in (carto.ZONES_NORD if carto.couverture.courante().avec_nord else ()):
        carto.geometries(z)
    carto.formes_territoires()
    carte_svg.prechauffer()
    # Navigation par st.navigation (app.py) dès la première session : sinon Streamlit, voyant le dossier pages/,
    # exécuterait une page ouverte par lien direct sans app.py, et controles.etat_courant devrait relancer l'exécution.
    from streamlit.runtime.pages_manager import PagesManager
    PagesManager.uses_pages_directory = False
    # Au premier élément affiché, Streamlit cherche s'il tourne dans une console (inspect.stack : ~0,4 s, les
    # fichiers de tous les modules chargés) ; le faire ici remplit les caches d'inspect avant le premier visiteur.
    inspect.stack()
    # La première exécution de page importait le cadre et ses modules, ouvrait l'icône par PIL (qui charge alors ses
    # greffons) et calculait les choix de la barre latérale : 0,5 s au lieu de 0,06 s pour le premier visiteur
    # (py-spy). Fait ici une fois ; pas d'exécution de page complète (AppTest ralentissait ensuite le serveur).
    from PIL import Image

    from observatoire.appli import cadre  # noqa: F401 — ses modules (composition, recherche, mentions…)
    from observatoire.appli import composition, donnees
    Image.init()
    composition.prechauffer()
    donnees.prechauffer()
    # Tout ce qui est chargé jusqu'ici (modules, géométries, référentiels, tracés SVG) vit autant que le processus :
    # gelé, le ramasse-miettes ne le parcourt plus à chaque collecte complète
    import gc
    gc.collect()
    gc.freeze()
    return time.perf_counter() - t


def main(args: list[str]) -> None:
    duree = prechauffer()
    from observatoire.appli import page_servie, reseau
    page_servie.installer()  # page en français (lang, noms des commandes), contrastes, focus, téléphone
    reseau.installer()  # connexions sans l'algorithme de Nagle : pas 40 ms par fichier sur une connexion gardée
    print(f"Préchauffage : {duree:.1f} s. Démarrage de Streamlit…", flush=True)
    from streamlit.web import cli
    sys.argv = ["streamlit", "run", str(chemins.RACINE / "app.py"), *args]
    sys.exit(cli.main())
