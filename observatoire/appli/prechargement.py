"""Les modules JavaScript de Streamlit qu'une page va demander, demandés dès l'index.html.

Streamlit charge le code de chaque sorte d'élément (liste déroulante, chiffre clé, carte en SVG, graphique Plotly…)
quand le premier élément de cette sorte arrive du serveur : une cascade d'une soixantaine de petits fichiers,
demandés pendant que le serveur exécute la page et servis lentement par lui (un seul fil Python). Mesuré dans
Chromium (`benchmarks/premiere_page.py`) : les chiffres de la Synthèse arrivent du serveur à 0,84 s et ne
s'affichent qu'à 1,18 s, le temps de cette cascade ; la page d'un seul chiffre de Streamlit les affiche 75 ms après.

Ici, l'index.html porte un court script qui, dès le code principal lu (``DOMContentLoaded``), ajoute selon le chemin
de l'adresse un ``<link rel="modulepreload">`` par module de ce que la page montre d'abord : le navigateur les reçoit
pendant que le websocket s'ouvre, avant que la page n'arrive du serveur (Synthèse : 1,18 → 1,01 s). Les modules sont
nommés par leur composant (``Metric``, ``rehype-raw``…), leurs dépendances retrouvées dans leurs
``import … from "./x.js"`` : une mise à jour de Streamlit qui renomme un composant fait échouer ``modules`` au
démarrage (``ComposantInconnu``) au lieu de ralentir la page sans bruit."""
from __future__ import annotations

import json
import re
from pathlib import Path

# Par chemin d'URL, les composants de ce que la page montre d'abord : les chiffres clés, leurs boutons de
# téléchargement et les liens de la barre latérale ; la carte et les courbes (SVG passé par st.markdown, donc
# rehype-raw) ; demandés dès le code principal lu. Le module des courbes des chiffres clés (Vega, 775 ko) n'y est
# pas : les chiffres s'affichent avant lui. Streamlit n'affiche une mise à jour qu'une fois chargés tous les modules
# qu'elle demande : les boutons de téléchargement, demandés à leur arrivée, retenaient les chiffres clés.
PAGES = {
    "": ("Metric", "DownloadButton", "Button", "PageLink"),
    "carte": ("rehype-raw", "PageLink"),
    "evolutions": ("rehype-raw", "PageLink"),
    **dict.fromkeys(("profil", "comparer", "emploi", "metiers", "sources", "presentation", "importer", "accessibilite"),
                    ("PageLink",)),
}
# Pas les listes de la barre latérale (une trentaine de fichiers) : demandées dès le code principal lu, elles
# prenaient les six connexions que le navigateur ouvre vers le serveur et retardaient l'ouverture du websocket
# (Synthèse 1,18 → 1,26 s) ; à l'ouverture du websocket, elles ralentissaient le serveur pendant qu'il exécute la page
# (0,94 → 1,03-1,2 s) ; à l'évènement « load », elles arrivaient avant la page sans l'afficher plus tôt (1,10 → 1,14 s).
# Dessinées après la page : la première page gagnait 0,02 à 0,05 s, mais chaque changement de page perdait 0,1 à
# 0,2 s (benchmarks/interactions_navigateur.py) ; essayé, retiré.
IMPORT = re.compile(r'(?:from|import)\s*"\./([^"]+\.js)"')  # import statique ; « import("./x.js") » n'en est pas un


class ComposantInconnu(RuntimeError):
    """Un composant nommé ici n'a plus de module dans cette version de Streamlit."""


def module(dossier_js: Path, composant: str) -> str:
    trouves = [f.name for f in dossier_js.glob(f"{composant}.*.js") if f.name.count(".") == 2]
    if len(trouves) != 1:
        raise ComposantInconnu(f"module « {composant} » de Streamlit introuvable ou ambigu ({trouves}) : "
                               "observatoire/appli/prechargement.py est à revoir pour cette version de Streamlit.")
    return trouves[0]


def modules(dossier_js: Path, composants, deja: set[str] = frozenset()) -> list[str]:
    """Les fichiers des ``composants`` et tout ce qu'ils importent, sauf ``deja`` (ce que l'index précharge)."""
    vus: set[str] = set()
    pile = [module(dossier_js, c) for c in composants]
    while pile:
        nom = pile.pop()
        if nom not in vus:
            vus.add(nom)
            pile.extend(IMPORT.findall((dossier_js / nom).read_text(encoding="utf-8")))
    return sorted(vus - set(deja))


def script(index_html: str, dossier_js: Path) -> str:
    """Le ``<script>`` à mettre dans l'en-tête : les modules de la page de l'adresse (dernier segment du
    chemin ; la Synthèse pour une adresse sans page ou sous un préfixe d'URL), préchargés."""
    deja = set(re.findall(r'\./static/js/([^"]+\.js)', index_html))
    par_page = {page: modules(dossier_js, composants, deja) for page, composants in PAGES.items()}
    return "<script>" + SCRIPT.replace("PAGES", json.dumps(par_page)) + "</script>"


SCRIPT = """(function () {
  var pages = PAGES, chemin = location.pathname.split('/').filter(Boolean).pop() || '';
  function precharger(fichiers) {
    fichiers.forEach(function (f) {
      var l = document.createElement('link');
      l.rel = 'modulepreload'; l.dataset.observatoire = ''; l.href = './static/js/' + f;
      document.head.appendChild(l);
    });
  }
  document.addEventListener('DOMContentLoaded', function () { precharger(chemin in pages ? pages[chemin] : pages['']); });
})();"""
