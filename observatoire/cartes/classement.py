"""Classer et colorer les valeurs d'une carte : mesures montrées, méthodes de classes (mapclassify), palettes sûres
pour les daltoniens, libellés de la légende en français, couleur et style du nom de chaque forme. Commun aux cartes
des communes, des quartiers et des départements, à l'écran comme dans les images."""
from __future__ import annotations

from dataclasses import dataclass

import mapclassify
import numpy as np
import pandas as pd
from plotly.colors import sample_colorscale, sequential

from observatoire import formats

DIVERGENTES = {"evolution", "evolution_pct"}
DECIMALES = {"niveau": 0, "part": 1, "pour_100": 1, "evolution": 0, "evolution_pct": 1, "indice": 1}
SUFFIXES = {"part": formats.POURCENT, "evolution_pct": formats.POURCENT}
GRIS_SECRET, GRIS_MANQUANT = "#9e9e9e", "#e0e0e0"
# palettes ColorBrewer sûres pour les daltoniens : séquentielle YlGnBu, divergente RdBu (bleu = baisse)
SEQUENTIELLE = sequential.YlGnBu
DIVERGENTE = ["#2166ac", "#67a9cf", "#d1e5f0", "#f7f7f7", "#fddbc7", "#ef8a62", "#b2182b"]


@dataclass
class Classes:
    bornes: list[float]     # bornes supérieures
    minimum: float
    couleurs: list[str]
    libelles: list[str]


def texte_mesure(x: float, mesure: str) -> str:
    return formats.nombre(x, DECIMALES[mesure], signe=mesure in DIVERGENTES) + SUFFIXES.get(mesure, "")


def classer(valeurs: pd.Series, mesure: str, methode: str, k: int) -> Classes:
    v = valeurs.dropna().to_numpy(dtype=float)
    if len(v) == 0:  # aucune valeur : une carte sans couleur, chaque commune « non disponible »
        return Classes([], float("nan"), [], [])
    k = max(1, min(k, len(np.unique(v))))
    if k == 1:
        bornes = [float(v.max())]
    else:
        # Jenks exact sous 200 communes ; au-delà (Nord entier) l'algorithme exact en Python pur prend ~1 s :
        # variante échantillonnée de la même bibliothèque (20 % des communes, graine fixe)
        if methode == "seuils_naturels" and len(v) > 200:
            np.random.seed(0)
            classif = mapclassify.FisherJenksSampled(v, k=k, pct=0.2)
        else:
            classif = {"quantiles": mapclassify.Quantiles, "seuils_naturels": mapclassify.FisherJenks,
                       "intervalles_egaux": mapclassify.EqualInterval}[methode](v, k=k)
        bornes = [float(b) for b in classif.bins]
    bas = [float(v.min())] + bornes[:-1]
    libelles = [texte_mesure(h, mesure) if texte_mesure(b, mesure) == texte_mesure(h, mesure)
                else f"{texte_mesure(b, mesure)} – {texte_mesure(h, mesure)}" for b, h in zip(bas, bornes)]
    if mesure in DIVERGENTES:  # couleur selon le milieu de la classe, 0 au centre de la palette
        milieux = [(b + h) / 2 for b, h in zip(bas, bornes)]
        m = max(abs(x) for x in milieux) or 1
        couleurs = sample_colorscale(DIVERGENTE, [0.5 + 0.5 * x / m for x in milieux])
    else:
        couleurs = sample_colorscale(SEQUENTIELLE, list(np.linspace(0.08, 1, len(bornes))))
    return Classes(bornes, float(v.min()), couleurs, libelles)


def indice_classe(x: float, classes: Classes) -> int:
    return min(int(np.searchsorted(classes.bornes, x, side="left")), len(classes.bornes) - 1) if pd.notna(x) else -1


def _luminance(couleur: str) -> float:
    """Luminance relative (0 noir, 1 blanc) d'une couleur « rgb(r, g, b) » ou « #rrggbb »."""
    if couleur.startswith("#"):
        r, g, b = (int(couleur[i:i + 2], 16) for i in (1, 3, 5))
    else:
        r, g, b = (float(x) for x in couleur[couleur.index("(") + 1:-1].split(",")[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def legende_classes(classes: Classes, secret: bool = False, manquant: bool = False) -> list[tuple[str, str]]:
    """Légende des classes, puis du secret et des valeurs non disponibles s'il y en a."""
    return (list(zip(classes.libelles, classes.couleurs)) + ([("Secret statistique", GRIS_SECRET)] if secret else [])
            + ([("Non disponible", GRIS_MANQUANT)] if manquant else []))


def couleurs(valeurs: pd.Series, secret: pd.Series, classes: Classes) -> list[str]:
    """La couleur de chaque forme : celle de sa classe, le gris du secret statistique ou celui d'une valeur absente."""
    return [GRIS_SECRET if s else GRIS_MANQUANT if i < 0 else classes.couleurs[i]
            for s, i in zip(secret, valeurs.map(lambda x: indice_classe(x, classes)))]


def style_etiquette(couleur: str) -> str:
    return "clair" if _luminance(couleur) < 0.45 else "fonce"
