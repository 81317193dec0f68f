"""Lire une image exportée comme une personne la regarde : un libellé coupé par le bord laisse de l'encre
contre ce bord (nos graphiques gardent une marge blanche tout autour)."""
from __future__ import annotations

import io

import numpy as np
from PIL import Image

BORD = 3  # pixels


def bords_encres(png: bytes, seuil: int = 200) -> list[str]:
    """Les côtés de l'image où de l'encre (pixel plus sombre que ``seuil``) touche le bord : un libellé coupé."""
    gris = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    bandes = {"gauche": gris[:, :BORD], "droite": gris[:, -BORD:], "haut": gris[:BORD, :], "bas": gris[-BORD:, :]}
    return [cote for cote, bande in bandes.items() if (bande < seuil).any()]
