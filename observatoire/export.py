"""Images statiques des graphiques (PNG, SVG) par Kaleido, hors ligne : Chromium de Debian, fond topojson et
GeoJSON lus dans static/ (jamais sur un CDN). Un serveur Kaleido reste ouvert pour les images suivantes."""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path

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
