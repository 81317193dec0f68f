"""Un graphique de courbes (``graphiques.lignes``) rendu par le serveur en HTML et SVG, sans Plotly.

Le navigateur l'affiche dès qu'il arrive, au lieu d'attendre les 4,7 Mo du module Plotly de Streamlit et ~1,2 s de
son évaluation (première visite d'Évolutions : premier graphique à 2,8 s, benchmarks/premiere_page.py). Lu dans la
figure Plotly elle-même (courbes, points réels, repère de date, ruptures, noms au bout des courbes) : l'image à
l'écran, le graphique interactif et les images téléchargées disent la même chose.

Les tracés sont un SVG étiré à la taille de son cadre (``preserveAspectRatio="none"``, traits de largeur fixe en
pixels) ; les textes (graduations, noms des courbes, ruptures, légende) sont du HTML placé en pourcentage du cadre :
ils gardent leur taille en pixels à toute largeur, d'un téléphone à un projecteur, sans script."""
from __future__ import annotations

import math
from html import escape

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from observatoire import formats

HAUTEUR = 340  # px : la zone des tracés (axes et légende en plus)
POINTILLES = {"dot": "2 4", "dash": "7 5", "solid": None}


class NonDessinable(ValueError):
    """La figure a ce que ce rendu ne sait pas dessiner (aires empilées, barres…) : la montrer avec Plotly."""


def _texte(s) -> str:
    """Un texte de la figure (nom, annotation) en texte brut sur une ligne : le saut de ligne de Plotly (« <br> »)
    devient une espace, puis tout est échappé."""
    return escape(str(s).replace("<br>", " ").replace("\n", " "))


def _trait(couleur, largeur, tirets) -> str:
    """Les attributs SVG du trait d'une ligne ou d'une courbe : couleur, largeur en pixels, tirets de Plotly."""
    pointilles = POINTILLES.get(tirets or "solid")
    return f'stroke="{couleur}" stroke-width="{largeur}"' + (f' stroke-dasharray="{pointilles}"' if pointilles else "")


def _cle_de_legende(t) -> str:
    """L'entrée de légende d'une trace : un trait de sa couleur et de son tireté, ou le losange d'un point réel."""
    if t.mode == "markers":
        return f'<span><i class="reel"></i>{_texte(t.name)}</span>'
    style = "solid" if (t.line.dash or "solid") == "solid" else "dotted"
    return f'<span><i style="border-top:{max(2, t.line.width or 2)}px {style} {t.line.color}"></i>{_texte(t.name)}</span>'


def _ms(x) -> float:
    """Une date de l'axe (Timestamp, datetime64, texte, ou millisecondes comme l'écrit add_vline) en millisecondes."""
    if isinstance(x, (int, float, np.integer, np.floating)):
        return float(x)
    return pd.Timestamp(x).timestamp() * 1000


def graduations(bas: float, haut: float, nombre: int = 5) -> list[float]:
    """Des graduations rondes (1, 2, 2,5 ou 5 × 10^k) couvrant [bas, haut], environ ``nombre``."""
    if haut <= bas:
        haut = bas + (abs(bas) or 1)
    brut = (haut - bas) / nombre
    puissance = 10 ** math.floor(math.log10(brut))
    pas = next(m * puissance for m in (1, 2, 2.5, 5, 10) if m * puissance >= brut)
    debut = math.floor(bas / pas) * pas
    return [round(debut + k * pas, 10) for k in range(int(math.ceil((haut - debut) / pas)) + 1)]


def _dates_reperes(debut: float, fin: float) -> list[tuple[float, str]]:
    """Les repères de l'axe des dates : chaque 1er janvier (« 2019 ») ; sur moins de quatre ans, chaque trimestre
    (« 03/2025 »), comme le graphique Plotly."""
    d0, d1 = pd.Timestamp(debut, unit="ms"), pd.Timestamp(fin, unit="ms")
    if d1 - d0 < pd.Timedelta(days=4 * 365):
        jours = pd.date_range(d0.normalize(), d1, freq="QS")
        return [(_ms(j), j.strftime("%m/%Y")) for j in jours]
    return [(_ms(pd.Timestamp(a, 1, 1)), str(a)) for a in range(d0.year + (d0 != pd.Timestamp(d0.year, 1, 1)), d1.year + 1)]


def _decimales(ticks: list[float]) -> int:
    return 0 if all(float(t).is_integer() for t in ticks) else max(len(f"{t:.10g}".split(".")[1]) for t in ticks
                                                                  if not float(t).is_integer())


def html(fig: go.Figure, nom: str) -> str:
    """Le graphique en un bloc HTML (une ligne : il passe par st.markdown), nommé ``nom`` pour les lecteurs d'écran,
    qui lisent ses valeurs dans le tableau qui le suit."""
    courbes, points = [], []
    for t in fig.data:
        if not isinstance(t, go.Scatter) or t.stackgroup or t.fill not in (None, "none"):
            raise NonDessinable(f"trace {type(t).__name__} {t.name!r}")
        x = [_ms(v) for v in (t.x if t.x is not None else ())]
        y = [float(v) if v is not None and not pd.isna(v) else math.nan for v in (t.y if t.y is not None else ())]
        (points if t.mode == "markers" else courbes).append((t, x, y))
    valeurs = [v for _, _, y in courbes + points for v in y if not math.isnan(v)]
    dates = [v for _, x, _ in courbes + points for v in x]
    if not valeurs:
        raise NonDessinable("aucune valeur")
    x0, x1 = min(dates), max(dates)
    x1 = x1 if x1 > x0 else x0 + 1
    marge = (max(valeurs) - min(valeurs)) * 0.05 or abs(valeurs[0]) * 0.05 or 1
    ticks = graduations(min(valeurs) - marge, max(valeurs) + marge)
    y0, y1 = ticks[0], ticks[-1]

    def px(x: float) -> float:
        return round((x - x0) / (x1 - x0) * 1000, 1)

    def py(y: float) -> float:
        return round((1 - (y - y0) / (y1 - y0)) * 1000, 1)

    traits = [f'<line x1="0" x2="1000" y1="{py(t)}" y2="{py(t)}" class="grille"/>' for t in ticks]
    etiquettes = []
    reperes = _dates_reperes(x0, x1)
    saut = 1 if len(reperes) <= 9 else 2  # une date sur deux nommée au-delà de neuf (une sur quatre sur un téléphone)
    for k, (ms, texte) in enumerate(reperes):
        traits.append(f'<line x1="{px(ms)}" x2="{px(ms)}" y1="0" y2="1000" class="grille-x"/>')
        if k % saut == 0:
            classe = ' class="impaire"' if (k // saut) % 2 else ""
            etiquettes.append(f'<span{classe} style="left:{px(ms) / 10}%">{texte}</span>')
    for forme in fig.layout.shapes:  # repère de la date choisie, ruptures de série (add_vline)
        if forme.x0 is not None and forme.x0 == forme.x1:
            traits.append(f'<line x1="{px(_ms(forme.x0))}" x2="{px(_ms(forme.x0))}" y1="0" y2="1000" '
                          f'{_trait(forme.line.color or "#888", forme.line.width or 1.5, forme.line.dash)}/>')
    for t, x, y in courbes:
        chemin = " ".join(("M" if k == 0 or math.isnan(y[k - 1]) else "L") + f"{px(a)},{py(b)}"
                          for k, (a, b) in enumerate(zip(x, y)) if not math.isnan(b))
        traits.append(f'<path d="{chemin}" {_trait(t.line.color, t.line.width or 2, t.line.dash)}'
                      f' opacity="{t.opacity if t.opacity is not None else 1}"/>')
    dessus = [f'<i class="reel" style="left:{px(a) / 10}%;top:{py(b) / 10}%"></i>'
              for _, x, y in points for a, b in zip(x, y) if not math.isnan(b)]
    fins, places = [], []
    ecart = 5.5  # % de la hauteur des tracés entre deux noms de fin de courbe (19 px), du bas vers le haut
    for a in sorted(fig.layout.annotations, key=lambda a: float(a.y) if a.yref != "paper" else 0):
        if a.yref == "paper":  # nom d'une rupture, en haut de sa ligne
            dessus.append(f'<span class="rupture" style="right:{100 - px(_ms(a.x)) / 10}%;color:{a.font.color}">'
                          f'{_texte(a.text)}</span>')
        else:  # nom au bout d'une courbe, écarté de son voisin du dessous
            haut = min(py(float(a.y)) / 10, places[-1] - ecart) if places else py(float(a.y)) / 10
            places.append(haut)
            fins.append(f'<span style="top:{round(haut, 1)}%"><i style="background:{a.font.color}"></i>'
                        f'{_texte(a.text)}</span>')
    decimales = _decimales(ticks)
    axe_y = "".join(f'<span style="top:{py(t) / 10}%">{formats.nombre(t, decimales)}</span>' for t in ticks)
    legende = "".join(_cle_de_legende(t) for t, _, _ in sorted(courbes + points,
                                                              key=lambda c: (c[0].mode == "markers", c[0].legendrank or 0)))
    titre_y = fig.layout.yaxis.title.text or ""
    return (f'<figure class="obs-courbes" role="img" aria-label="{_texte(nom)}">'
            f'<div class="legende" aria-hidden="true">{legende}</div>'
            f'<div class="titre-y" aria-hidden="true">{_texte(titre_y)}</div>'
            f'<div class="cadre{" avec-fins" if fins else ""}" style="height:{HAUTEUR}px" aria-hidden="true">'
            f'<div class="axe-y">{axe_y}</div>'
            f'<div class="traces"><svg viewBox="0 0 1000 1000" preserveAspectRatio="none">{"".join(traits)}</svg>'
            f'{"".join(dessus)}</div>'
            f'<div class="fins">{"".join(fins)}</div>'
            f'<div class="axe-x">{"".join(etiquettes)}</div></div></figure>')
