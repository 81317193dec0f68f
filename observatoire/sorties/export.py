"""Images statiques des graphiques (PNG, SVG) par Kaleido, hors ligne : Chromium de Debian, GeoJSON lus dans
static/ et embarqués dans la figure, fond topojson de Plotly lu dans static/ (``pio.defaults.topojson`` :
sans lui, l'export de la carte échoue hors ligne). Un serveur Kaleido reste ouvert pour les images suivantes
(~0,2 s chacune après ~2 s de démarrage)."""
from __future__ import annotations

import html
import json
import os
import textwrap
import threading
import warnings
from functools import lru_cache
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

from observatoire import formats
from observatoire.chemins import RACINE

STATIQUE = RACINE / "static"
CHROMIUM = Path("/usr/bin/chromium")
_verrou = threading.Lock()


def _preparer() -> None:
    """Sous le verrou des images : Chromium, le topojson de Plotly, le serveur Kaleido (démarré une fois)."""
    if CHROMIUM.exists():
        os.environ.setdefault("BROWSER_PATH", str(CHROMIUM))
    pio.defaults.topojson = STATIQUE.as_uri() + "/"
    # Plotly avertit que les options passent mal par le serveur ; le topojson, lui, est bien utilisé
    warnings.filterwarnings("ignore", message="The kopts argument is ignored if using a server")
    _demarrer_kaleido()


@lru_cache(maxsize=1)
def _demarrer_kaleido() -> None:
    import kaleido
    kaleido.start_sync_server(silence_warnings=True)


def autonome(fig: go.Figure) -> go.Figure:
    """Copie de la figure dont les GeoJSON servis par l'application sont embarqués (pour l'export)."""
    from observatoire.cartes.carto import URL_STATIQUE
    fig = go.Figure(fig)
    for trace in fig.data:
        geo = getattr(trace, "geojson", None)
        if isinstance(geo, str) and geo.startswith(URL_STATIQUE):
            trace.geojson = json.loads((STATIQUE / geo.removeprefix(URL_STATIQUE)).read_text(encoding="utf-8"))
    return fig


def pour_export(fig: go.Figure) -> go.Figure:
    """La figure telle qu'elle sort de l'application, quel que soit le chemin (bouton PNG/SVG, PowerPoint, PDF,
    ligne de commande) : GeoJSON embarqués, modèle « plotly » et marges qui s'agrandissent pour les libellés.
    Streamlit, une fois importé, fait de son modèle le modèle par défaut de toute figure ; ce modèle ne
    réserve pas la place des libellés d'axe (``automargin``) : avec nos marges de 10 px, les libellés étaient
    coupés à gauche dans les images préparées dans l'application, entiers dans celles de la ligne de commande."""
    fig = autonome(fig)
    fig.update_layout(template=pio.templates["plotly"])
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def avec_cartouche(fig: go.Figure, cartouche) -> go.Figure:
    """L'image dit ce que l'écran dit autour du graphique, dans un en-tête au-dessus du dessin : titre ;
    territoire et date ; sources ; s'il y a lieu, la marque de démonstration (en rouge). ``cartouche`` :
    ``tableaux.Cartouche``. (Plotly place un titre par rapport à l'image entière, une annotation par rapport au
    dessin, dont la marge basse varie avec les libellés : tout va donc dans le titre.)"""
    lignes = [f"<b>{html.escape(cartouche.titre)}</b>",
              f'<span style="font-size:14px">{html.escape(cartouche.territoire)} – {html.escape(cartouche.date)}</span>']
    lignes += [f'<span style="font-size:12px;color:#333">{html.escape(ligne)}</span>'
               for ligne in textwrap.wrap("Source : " + cartouche.sources, 190)[:3]]
    lignes += [f'<span style="font-size:12px;color:#7a4a00"><b>{html.escape(ligne)}</b></span>'
               for ligne in textwrap.wrap(cartouche.rupture, 170)[:2]]
    if cartouche.demonstration:
        lignes.append('<span style="font-size:12px;color:#b2182b"><b>'
                      f'{html.escape(formats.MARQUE_DEMO_COURTE.upper())} : {formats.DEMO_CONSIGNE}</b></span>')
    haut = (fig.layout.margin.t or 0) + 50 + 22 * len(lignes)
    return fig.update_layout(title=dict(text="<br>".join(lignes), x=0.01, xanchor="left", y=1, yanchor="top", pad_t=28,
                                        yref="container", font_size=18), margin_t=haut)


def image(fig: go.Figure, format: str = "png", largeur: int = 1600, hauteur: int = 900, echelle: float = 2,
          cartouche=None) -> bytes:
    """L'image de la figure ; avec ``cartouche`` (graphique téléchargé seul), son titre et ses sources."""
    with _verrou:
        _preparer()
        fig = pour_export(fig)
        if cartouche is not None:
            fig = avec_cartouche(fig, cartouche)
        return fig.to_image(format=format, width=largeur, height=hauteur, scale=echelle if format == "png" else 1)
