"""La carte à l'écran : le dessin (carto.Dessin) rendu en SVG par le serveur, sans Plotly. Le navigateur affiche ce
SVG dès qu'il arrive au lieu d'attendre, pour une seule carte, les 4,7 Mo de Plotly (benchmarks/premiere_page.py) ;
un petit composant Streamlit (st.components.v2, carte_svg.js) ajoute la bulle de survol et le clic sur une commune."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from html import escape
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import numpy as np
import shapely
import streamlit as st

from observatoire.cartes import carto

ECHELLE = 10_000  # unités SVG par degré (en Mercator) : 1 unité ≈ 7 m à Lille, coordonnées entières
LARGEUR_SUPPOSEE = 646  # px : largeur de la carte à 1366×768 ; estimation de --k avant sa mesure (carte_svg.js)
POINTILLE = ' stroke-dasharray="2 3"'
CLAVIER = {"commune": ("d'une commune à l'autre", "la choisir"), "departement": ("d'un département à l'autre", "le choisir")}
_ICI = Path(__file__).parent
_CSS = " ".join((_ICI / "carte_svg.css").read_text().split())  # une seule ligne : un bloc HTML pour Markdown
_COMPOSANT = st.components.v2.component("observatoire_carte", js=(_ICI / "carte_svg.js").read_text(),
                                        isolate_styles=False)


def _texte(s: str) -> str:
    """Texte brut dans le HTML : échappé, et sur une ligne (un saut de ligne finirait le bloc HTML de Markdown)."""
    return escape(str(s)).replace("\n", "&#10;")


def _xy(coords: np.ndarray) -> np.ndarray:
    """Longitude, latitude -> coordonnées SVG (Mercator, y vers le bas), arrondies à l'unité."""
    y = np.degrees(np.log(np.tan(np.pi / 4 + np.radians(coords[:, 1]) / 2)))
    return np.rint(np.column_stack([coords[:, 0], -y]) * ECHELLE).astype(int)


def trace(geom) -> str:
    """Attribut ``d`` d'un polygone ou multipolygone, trous compris (règle de remplissage evenodd) : premier point,
    puis déplacements relatifs (deux fois plus court que des coordonnées absolues)."""
    parties = []
    for poly in getattr(geom, "geoms", [geom]):
        for anneau in [poly.exterior, *poly.interiors]:
            xy = _xy(shapely.get_coordinates(anneau))
            pas = np.diff(xy, axis=0)
            pas = pas[(pas != 0).any(axis=1)]  # points confondus une fois arrondis
            parties.append(f"M{xy[0, 0]} {xy[0, 1]}l" + " ".join(map(str, pas.ravel())) + "z")
    return "".join(parties)


def _geometries(source: str):
    """Les géométries d'un jeu (``Dessin.source``), par code : celles que reçoivent les dessins."""
    from observatoire.cartes import carte_departements, carto_iris
    if source == "iris":
        return carto_iris.formes_iris().set_index("code_iris").geometry
    if source == carte_departements.SOURCE:
        return carte_departements.formes().geometry
    return carto.formes_communes(source).set_index("code_commune").geometry


@lru_cache(maxsize=None)
def traces(source: str) -> Mapping[str, str]:
    """Le tracé de chaque forme d'un jeu de géométries, calculé une fois pour le jeu entier (les géométries ne
    changent pas pendant la vie du processus) ; une valeur en lecture seule, partagée par les sessions."""
    g = _geometries(source)
    return MappingProxyType({code: trace(geom) for code, geom in zip(g.index, g)})


def prechauffer() -> None:
    """Tracés de toutes les communes et de tous les IRIS (~0,25 s, au lancement du serveur)."""
    for source in ("detail", "leger", "iris"):
        traces(source)


def _contour(geometries) -> str:
    return "".join(trace(shapely.Polygon(p.exterior)) for g in geometries for p in getattr(g, "geoms", [g]))


def cadre(emprise, format_: float) -> tuple[int, int, int, int]:
    """viewBox (x, y, largeur, hauteur) qui montre l'emprise au format largeur / hauteur donné."""
    lon, lat = carto.emprise_au_format(emprise, format_)
    (x0, y1), (x1, y0) = _xy(np.array([[lon[0], lat[0]], [lon[1], lat[1]]]))
    return int(x0), int(y0), int(x1 - x0), int(y1 - y0)


def svg(d: carto.Dessin, format_: float, nom: str | None = None) -> str:
    """La carte et sa légende, en HTML. Tout texte est échappé (noms de communes et de quartiers, libellés).

    Accessibilité : la carte est nommée ``nom`` (indicateur, territoire, date). Sur une carte cliquable, chaque
    commune est un bouton nommé par son nom, sa valeur, son rang et son évolution ; une seule est dans l'ordre de
    tabulation, les flèches passent aux autres (carte_svg.js), Entrée ou Espace la choisit comme un clic. Sur une
    carte non cliquable (quartiers), les formes sont masquées aux lecteurs d'écran : le tableau à côté est
    l'alternative textuelle."""
    x, y, largeur, hauteur = cadre(d.emprise, format_)
    k = largeur / LARGEUR_SUPPOSEE
    nom = nom or d.titre
    visibles = d.formes[d.formes.code.isin(d.geometries.index)]
    if d.cliquable:
        visibles = visibles.assign(ordre=[s[0] for s in visibles.survol]).sort_values("ordre").drop(columns="ordre")
    # le texte de la bulle : le nom accessible d'une forme cliquable (lignes séparées par « , » : carte_svg.js les
    # sépare), sinon data-survol ; jamais les deux (5 115 communes du Grand Est : 1,98 Mo -> 1,53 Mo)
    # au clavier, on entre dans la carte par le territoire choisi (Dessin.premiere), à défaut par la première forme
    premiere = d.premiere if d.premiere in set(visibles.code) else next(iter(visibles.code), None)
    formes = "".join(
        f'<path d="{traces(d.source)[code]}" fill="{couleur}" data-code="{_texte(code)}"'
        + (f' role="button" tabindex="{0 if code == premiere else -1}" aria-label="{_texte(", ".join(survol))}"'
           if d.cliquable else f' data-survol="{_texte(chr(10).join(survol))}"') + "/>"
        for code, couleur, survol in visibles.itertuples(index=False))
    # le territoire choisi (trait plein) est cerné de blanc : visible même sur les classes les plus foncées
    contours = "".join(
        (f'<path class="contour" d="{_contour(c.geometries)}" stroke="#fff" style="stroke-width:{c.largeur + 3}px"/>'
         if not c.pointille else "")
        + f'<path class="contour{" pointille" if c.pointille else ""}" d="{_contour(c.geometries)}" '
        f'stroke="{c.couleur}" style="stroke-width:{c.largeur}px"/>' for c in d.contours)
    points = _xy(np.array([[p.x, p.y] for p in d.etiquettes.point]).reshape(-1, 2))
    noms = "".join(f'<text x="{px}" y="{py}" class="{style}">{_texte(nom)}</text>'
                   for (px, py), nom, style in zip(points, d.etiquettes.nom, d.etiquettes["style"]))
    legende = "".join(f'<span class="cle"><i style="background:{couleur}"></i>{_texte(libelle)}</span>'
                      for libelle, couleur in d.legende) + "".join(
        f'<span class="cle"><svg width="24" height="10" aria-hidden="true"><line x1="0" y1="5" x2="24" y2="5" stroke="{c.couleur}" '
        f'stroke-width="{c.largeur}"{POINTILLE if c.pointille else ""}/></svg>{_texte(c.nom)}</span>'
        for c in d.contours)
    passer, choisir = CLAVIER[d.forme]
    role = (f'role="group" aria-label="{_texte(nom)} – flèches pour passer {passer}, Entrée pour {choisir}"'
            if d.cliquable else f'role="img" aria-label="{_texte(nom)}"')
    return (f'<svg viewBox="{x} {y} {largeur} {hauteur}" preserveAspectRatio="xMidYMid meet" {role} '
            f'style="--k:{k:.3f}" class="{"cliquable" if d.cliquable else ""}">'
            f'<g class="formes" style="stroke-width:{d.trait}px">{formes}</g><g aria-hidden="true">{contours}</g>'
            f'<g class="noms" aria-hidden="true">{noms}</g>'
            '<g class="focus" aria-hidden="true"><path class="anneau-blanc"/><path class="anneau"/></g></svg>'
            f'<div class="legende"><span class="titre">{_texte(d.titre)}</span>{legende}</div>'
            '<div class="bulle" hidden aria-hidden="true"></div>')


def afficher(d: carto.Dessin, format_: float, hauteur: tuple[int, int], cle: str, on_commune=None,
             nom: str | None = None) -> None:
    """Affiche la carte et branche son comportement. Le SVG passe par ``st.markdown`` (rendu dès son arrivée, sans
    attendre de module) ; un composant sans rendu (carte_svg.js) y ajoute ensuite la bulle de survol, la taille des
    noms et le clic. ``hauteur`` : (écart, minimum) en px ; la carte et sa légende tiennent dans la hauteur de
    l'écran moins l'écart (en-tête de la page), au moins le minimum. ``on_commune`` : rappel d'un clic sur une
    forme cliquable, dont le code est alors dans ``st.session_state[cle].commune``."""
    contenu = svg(d, format_, nom)
    version = hashlib.blake2b(contenu.encode(), digest_size=8).hexdigest()
    ident = f"obs-carte-{cle}"
    ecart, minimum = hauteur
    st.markdown(f"<style>{_CSS} .st-key-{cle} {{display: none}}</style><div class=\"obs-carte\" id=\"{ident}\" "
                f"data-version=\"{version}\" style=\"max-height: max({minimum}px, calc(100vh - {ecart}px))\">{contenu}</div>",
                unsafe_allow_html=True)
    options = {"on_commune_change": on_commune} if on_commune else {}
    _COMPOSANT(key=cle, data={"id": ident, "version": version}, **options)
