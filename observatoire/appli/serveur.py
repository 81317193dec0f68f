"""Lanceur de l'application : prépare le processus (imports lourds, géométries, base) puis démarre
Streamlit dans ce même processus, pour que la première page soit rapide dès que le serveur répond.

Usage : ``python -m observatoire app [options de streamlit run]``
"""
from __future__ import annotations

import sys
import time

from observatoire import chemins

PAGES_PRECHAUFFEES = ("pages/synthese.py", "pages/carte.py", "pages/evolutions.py")


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
    executer_les_pages()
    # Navigation par st.navigation (app.py) dès la première session : sinon Streamlit, voyant le dossier pages/,
    # exécuterait une page ouverte par lien direct sans app.py, et controles.etat_courant devrait relancer l'exécution.
    from streamlit.runtime.pages_manager import PagesManager
    PagesManager.uses_pages_directory = False
    # Au premier élément affiché, Streamlit cherche s'il tourne dans une console (inspect.stack : ~0,4 s, les
    # fichiers de tous les modules chargés) ; le faire ici remplit les caches d'inspect avant le premier visiteur.
    inspect.stack()
    # Tout ce qui est chargé jusqu'ici (modules, géométries, référentiels, tracés SVG) vit autant que le processus :
    # gelé, le ramasse-miettes ne le parcourt plus à chaque collecte complète
    import gc
    gc.collect()
    gc.freeze()
    return time.perf_counter() - t


def executer_les_pages() -> None:
    """Chaque page exécutée une fois, sur la vue par défaut, avant le premier visiteur : modules des pages importés,
    requêtes et figures de la vue par défaut en cache (la première exécution d'une page après le démarrage prenait
    0,4 à 0,6 s contre 0,05 à 0,13 s ensuite : benchmarks/premiere_page.py)."""
    import logging

    from streamlit.testing.v1 import AppTest
    logging.disable(logging.WARNING)  # « missing ScriptRunContext » : hors du serveur, sans objet ici
    try:
        for page in PAGES_PRECHAUFFEES:
            at = AppTest.from_file(str(chemins.RACINE / "app.py"), default_timeout=120)
            at.switch_page(page)
            at.run()
            if at.exception:  # la page le montrera au visiteur, et le journal de chaque exécution le dira
                print(f"Préchauffage : {page} a échoué ({at.exception[0].value}).", flush=True)
    finally:
        logging.disable(logging.NOTSET)
    # Le préchauffage a lu la configuration de Streamlit sans les options de la ligne de commande ; Streamlit la relit
    # avec elles (elles s'appliquent : port, préfixe d'URL…) et avertirait à tort qu'un redémarrage est nécessaire.
    logging.getLogger("streamlit.config").addFilter(
        lambda r: "config option section was detected" not in r.getMessage())


def main(args: list[str]) -> None:
    duree = prechauffer()
    from observatoire.appli import page_servie
    page_servie.installer()  # page en français (lang, noms des commandes), contrastes, focus, téléphone
    print(f"Préchauffage : {duree:.1f} s. Démarrage de Streamlit…", flush=True)
    from streamlit.web import cli
    sys.argv = ["streamlit", "run", str(chemins.RACINE / "app.py"), *args]
    sys.exit(cli.main())
