"""La carte en figure Plotly, pour ce qui quitte l'écran : images PNG et SVG téléchargées, portrait PowerPoint et PDF.
Elle dessine le même ``carto.Dessin`` que la carte SVG de l'écran : formes colorées par classe, contours, noms,
légende sous la carte (titre au-dessus, noms longs repliés), emprise au format du cadre."""
from __future__ import annotations

import html
import textwrap
from dataclasses import replace

import plotly.graph_objects as go
import shapely

from observatoire.cartes import carto


def lignes(geometries) -> tuple[list, list]:
    """Longitudes et latitudes des contours extérieurs de ``geometries`` (polygones ou multipolygones), séparés par
    None : une seule trace de lignes Plotly pour tous."""
    lon, lat = [], []
    for geom in geometries:
        for poly in getattr(geom, "geoms", [geom]):
            x, y = shapely.get_coordinates(poly.exterior).T
            lon += list(x) + [None]
            lat += list(y) + [None]
    return lon, lat


def figure(d: carto.Dessin, format_: float | None = None) -> go.Figure:
    """Le dessin en figure Plotly (images PNG et SVG téléchargées, portrait et présentation). ``format_`` (largeur /
    hauteur de la zone de dessin) : l'emprise est étendue pour remplir ce cadre."""
    couleurs = list(dict.fromkeys(d.formes.couleur))
    code_couleur = d.formes.couleur.map(couleurs.index).to_numpy()
    fig = go.Figure(go.Choropleth(
        geojson=d.geojson, featureidkey=d.id_geojson, locations=d.formes.code, z=code_couleur + 0.5, zmin=0,
        zmax=len(couleurs), colorscale=echelle_par_classes(couleurs), showscale=False, marker_line_color="white",
        marker_line_width=d.trait, customdata=[f"<b>{s[0]}</b><br>" + "<br>".join(s[1:]) for s in d.formes.survol],
        hovertemplate="%{customdata}<extra></extra>", showlegend=False,
    ))
    for libelle, couleur in reversed(d.legende):
        fig.add_trace(go.Scattergeo(lon=[None], lat=[None], mode="markers", name=libelle, hoverinfo="skip",
                                    marker=dict(size=14, symbol="square", color=couleur,
                                                line=dict(color="#888", width=0.5))))
    for c in d.contours:
        lon, lat = lignes(c.geometries)
        fig.add_trace(go.Scattergeo(lon=lon, lat=lat, mode="lines", hoverinfo="skip", name=libelle_legende(c.nom),
                                    line=dict(color=c.couleur, width=c.largeur, dash="dot" if c.pointille else None)))
    polices = {"clair": dict(size=11, color="white"), "fonce": dict(size=11, color="#111"),
               "halo": dict(size=12, color="#111", shadow="auto")}
    for style, e in d.etiquettes.groupby("style", sort=False):
        fig.add_trace(go.Scattergeo(lon=[p.x for p in e.point], lat=[p.y for p in e.point], text=e.nom, mode="text",
                                    hoverinfo="skip", showlegend=False, textfont=polices[style]))
    return cadrer(fig, d.emprise, d.titre, format_)


def pour_l_impression(d: carto.Dessin, largeur: int, hauteur: int, taille: int = 18) -> go.Figure:
    """La carte d'une diapositive ou d'une page imprimée de ``largeur`` × ``hauteur`` px : seulement les communes
    entières dans le cadre (une voisine coupée par le bord ne se lit pas), des noms de ``taille`` px (11 px devenaient
    6 pt sur la diapositive), seulement ceux qui tiennent dans le cadre sans en toucher un autre."""
    format_ = (largeur - 32) / (hauteur - 16 - LEGENDE_PX)
    lon, lat = carto.emprise_au_format(d.emprise, format_)
    dedans = [code for code in d.formes.code if code in d.geometries.index and _dans(d.geometries[code].bounds, lon, lat)]
    contours = [replace(c, geometries=[g for g in c.geometries if _dans(g.bounds, lon, lat)]) for c in d.contours]
    entier = replace(d, formes=d.formes[d.formes.code.isin(dedans)].reset_index(drop=True),
                     contours=[c for c in contours if c.geometries])
    place = _noms_qui_tiennent(d.etiquettes, lon, lat, largeur - 32, hauteur - 16 - LEGENDE_PX, taille)
    fig = figure(replace(entier, etiquettes=d.etiquettes[place]), format_)
    # noirs cernés de blanc : un nom blanc qui déborde de sa commune foncée disparaissait sur le fond blanc
    fig.update_traces(textfont=dict(size=taille, color="#111", shadow="auto"), selector=dict(type="scattergeo", mode="text"))
    return fig


LEGENDE_PX = 100  # légende sous la carte (titre et une ligne de classes) et marges : mesuré sur l'image (Kaleido)


def _dans(bornes, lon, lat) -> bool:
    x0, y0, x1, y1 = bornes
    return lon[0] <= x0 and x1 <= lon[1] and lat[0] <= y0 and y1 <= lat[1]


def _noms_qui_tiennent(etiquettes, lon, lat, largeur: float, hauteur: float, taille: int) -> list[bool]:
    """Les noms gardés, dans l'ordre des étiquettes (les communes les plus peuplées d'abord) : boîte estimée (0,62
    fois la taille par caractère, 1,5 fois en hauteur : un peu d'air) dans le cadre et sans chevauchement avec un nom
    gardé."""
    m0, m1 = carto.mercator(lat[0]), carto.mercator(lat[1])
    gardes, out = [], []
    for p, nom in zip(etiquettes.point, etiquettes.nom):
        x = (p.x - lon[0]) / (lon[1] - lon[0]) * largeur
        y = (m1 - carto.mercator(p.y)) / (m1 - m0) * hauteur
        demi_l, demi_h = len(nom) * 0.62 * taille / 2, 1.5 * taille / 2
        boite = (x - demi_l, y - demi_h, x + demi_l, y + demi_h)
        tient = boite[0] >= 0 and boite[1] >= 0 and boite[2] <= largeur and boite[3] <= hauteur and all(
            boite[2] <= g[0] or g[2] <= boite[0] or boite[3] <= g[1] or g[3] <= boite[1] for g in gardes)
        if tient:
            gardes.append(boite)
        out.append(tient)
    return out


def libelle_legende(nom: str, largeur: int = 48) -> str:
    """Un nom (parfois tapé par une personne) en entrée de légende Plotly : texte brut (balises échappées), replié
    en lignes de ``largeur`` caractères au plus — Plotly ne replie pas une entrée trop longue, il la coupe."""
    return "<br>".join(html.escape(ligne, quote=False) for ligne in textwrap.wrap(nom, largeur)) or " "


def echelle_par_classes(couleurs: list[str]) -> list:
    """Échelle de couleurs en paliers : la classe i (code i + 0,5) a exactement la couleur i."""
    n, echelle = len(couleurs), []
    for i, c in enumerate(couleurs):
        echelle += [[i / n, c], [(i + 1) / n, c]]
    return echelle


def cadrer(fig: go.Figure, emprise, titre_mesure: str, format_: float | None) -> go.Figure:
    """Cadre la carte sur l'emprise (remplit le format largeur / hauteur donné), légende sous la carte."""
    if format_:
        lon, lat = carto.emprise_au_format(emprise, format_)
    else:
        marge_x, marge_y = max((emprise[2] - emprise[0]) * 0.04, 0.01), max((emprise[3] - emprise[1]) * 0.04, 0.008)
        lon, lat = [emprise[0] - marge_x, emprise[2] + marge_x], [emprise[1] - marge_y, emprise[3] + marge_y]
    fig.update_geos(visible=False, projection_type="mercator", scope="europe", resolution=110,
                    lonaxis_range=lon, lataxis_range=lat)
    fig.update_layout(
        height=660, margin=dict(l=16, r=16, t=8, b=8), separators=", ", dragmode=False,
        # légende sous la carte : elle ne cache aucune commune (Dunkerque, en haut à gauche du Nord)
        legend=dict(title=dict(text=titre_mesure + " ", side="top"), orientation="h", x=0, y=0, yanchor="top",
                    font=dict(size=12), bgcolor="rgba(255,255,255,0)"),
    )
    return fig
