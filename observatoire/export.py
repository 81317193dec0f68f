"""Images statiques des graphiques (PNG, SVG) par Kaleido, hors ligne : Chromium de Debian, GeoJSON lus dans
static/ et embarqués dans la figure, fond topojson de Plotly lu dans static/ (``pio.defaults.topojson`` :
sans lui, l'export de la carte échoue hors ligne). Un serveur Kaleido reste ouvert pour les images suivantes
(~0,2 s chacune après ~2 s de démarrage)."""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import warnings

import plotly.graph_objects as go
import plotly.io as pio

from .chemins import RACINE

STATIQUE = RACINE / "static"
CHROMIUM = Path("/usr/bin/chromium")
_verrou = threading.Lock()
_serveur = False


def _preparer() -> None:
    global _serveur
    if CHROMIUM.exists():
        os.environ.setdefault("BROWSER_PATH", str(CHROMIUM))
    pio.defaults.topojson = STATIQUE.as_uri() + "/"
    # Plotly avertit que les options passent mal par le serveur ; le topojson, lui, est bien utilisé
    warnings.filterwarnings("ignore", message="The kopts argument is ignored if using a server")
    if not _serveur:
        import kaleido
        kaleido.start_sync_server(silence_warnings=True)
        _serveur = True


def autonome(fig: go.Figure) -> go.Figure:
    """Copie de la figure dont les GeoJSON servis par l'application sont embarqués (pour l'export)."""
    from .carto import URL_STATIQUE
    fig = go.Figure(fig)
    for trace in fig.data:
        geo = getattr(trace, "geojson", None)
        if isinstance(geo, str) and geo.startswith(URL_STATIQUE):
            trace.geojson = json.loads((STATIQUE / geo.removeprefix(URL_STATIQUE)).read_text(encoding="utf-8"))
    return fig


def image(fig: go.Figure, format: str = "png", largeur: int = 1600, hauteur: int = 900, echelle: float = 2) -> bytes:
    with _verrou:
        _preparer()
        return autonome(fig).to_image(format=format, width=largeur, height=hauteur,
                                      scale=echelle if format == "png" else 1)
