"""La page HTML que Streamlit sert, rendue française et accessible avant même la première ligne de Python.

Streamlit écrit en dur ``<html lang="en">`` et le titre « Streamlit » dans son index.html, et nomme ses
propres commandes en anglais (« Collapse sidebar », « Clear all »…). Le lanceur (``serveur.main``) sert donc
un dossier statique préparé ici : des liens vers chaque fichier du dossier de Streamlit, sauf index.html, dont
une copie dit ``lang="fr"``, porte le titre de l'Observatoire et charge ``interface/observatoire.css`` (contrastes,
cibles tactiles) et ``interface/observatoire.js`` (noms français des commandes de Streamlit, focus sur le titre
après un changement de page, barre latérale refermée après un choix sur téléphone, pastilles décoratives
masquées aux lecteurs d'écran) ; il précharge aussi les modules de Streamlit que la page va demander
(``prechargement``). Une mise à jour de Streamlit qui changerait ces points d'accroche fait échouer
``preparer`` au démarrage (et tests/test_accessibilite.py), au lieu de repasser la page en anglais sans bruit."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from observatoire.appli import prechargement

INTERFACE = Path(__file__).parent / "interface"
ACCROCHES = {'<html lang="en">': '<html lang="fr">',
             "<title>Streamlit</title>": "<title>Observatoire de l'emploi</title>",
             "</head>": '<link rel="stylesheet" href="./observatoire-interface.css" />'
                        '<script defer src="./observatoire-interface.js"></script></head>'}


class StreamlitInattendu(RuntimeError):
    """Une mise à jour de Streamlit a changé un point d'accroche du lanceur : son index.html (la page ne serait plus
    en français) ou la fonction qui lie sa socket (``reseau``) ; vu au démarrage plutôt que sans bruit."""


def index_francais(html: str) -> str:
    for avant, apres in ACCROCHES.items():
        if html.count(avant) != 1:
            raise StreamlitInattendu(f"index.html de Streamlit : « {avant} » introuvable ou répété ; "
                                     "observatoire/appli/page_servie.py est à revoir pour cette version de Streamlit.")
        html = html.replace(avant, apres)
    return html


def preparer(origine: Path, dossier: Path | None = None) -> Path:
    """Le dossier statique servi : liens vers ``origine`` (le dossier de Streamlit), index.html francisé, et les
    fichiers de l'interface de l'Observatoire."""
    dossier = Path(dossier or tempfile.mkdtemp(prefix="observatoire-page-"))
    for entree in origine.iterdir():
        if entree.name != "index.html" and not (dossier / entree.name).exists():
            os.symlink(entree, dossier / entree.name)
    html = index_francais((origine / "index.html").read_text(encoding="utf-8"))
    html = html.replace("</head>", prechargement.script(html, origine / "static" / "js") + "</head>")
    (dossier / "index.html").write_text(html, encoding="utf-8")
    for fichier, nom in (("observatoire.css", "observatoire-interface.css"), ("observatoire.js", "observatoire-interface.js")):
        (dossier / nom).write_bytes((INTERFACE / fichier).read_bytes())
    return dossier


def installer() -> Path:
    """À appeler avant le démarrage du serveur de Streamlit : il servira le dossier préparé."""
    from streamlit import file_util
    dossier = preparer(Path(file_util.get_static_dir()))
    atexit.register(shutil.rmtree, dossier, ignore_errors=True)  # effacé à la fin du serveur
    file_util.get_static_dir = lambda: str(dossier)
    return dossier
