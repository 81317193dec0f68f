"""Cartographie : zone d'affichage, géométries, classes (mapclassify), couleurs et figure Plotly de la carte.

Aucun fond de carte externe : les communes et les contours sont dessinés en vecteurs (go.Choropleth sur une
projection Mercator sans tuiles), ce qui fonctionne hors ligne."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import mapclassify
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely
from plotly.colors import sample_colorscale, sequential

from . import formats, referentiel
from .chemins import GEO

METHODES = {"quantiles": "Quantiles (effectifs égaux)", "seuils_naturels": "Seuils naturels (Jenks)",
            "intervalles_egaux": "Intervalles égaux"}
MESURES = {"niveau": "Nombre", "part": "Part dans le total (%)", "pour_100": "Pour 100 habitants",
           "evolution": "Évolution sur un an", "evolution_pct": "Évolution sur un an (%)",
           "indice": "Indice base 100"}
DIVERGENTES = {"evolution", "evolution_pct"}
DECIMALES = {"niveau": 0, "part": 1, "pour_100": 1, "evolution": 0, "evolution_pct": 1, "indice": 1}
SUFFIXES = {"part": "\u202f%", "evolution_pct": "\u202f%"}
GRIS_SECRET, GRIS_MANQUANT = "#9e9e9e", "#e0e0e0"
# palettes ColorBrewer sûres pour les daltoniens : séquentielle YlGnBu, divergente RdBu (bleu = baisse)
SEQUENTIELLE = sequential.YlGnBu
DIVERGENTE = ["#2166ac", "#67a9cf", "#d1e5f0", "#f7f7f7", "#fddbc7", "#ef8a62", "#b2182b"]
MDE = ("melt", "mie-roubaisis", "mno")
# Plotly charge un fond topojson même invisible : servi localement (static/), jamais depuis un CDN
URL_STATIQUE = "/app/static/"
# La carte à l'écran : une zone à la hauteur de l'écran moins l'en-tête de la page (zone, écart, minimum en px,
# voir ui.graphique_hauteur_ecran), dont le format largeur / hauteur est ~1,5 à 1366×768 comme à 1920×1080.
HAUTEUR_ECRAN = ("carte_zone", 260, 420)
FORMAT_ECRAN = 1.5
CONFIG_PLOTLY = {"displayModeBar": False, "scrollZoom": False, "topojsonURL": URL_STATIQUE}


def zone(territoire: str) -> str:
    """Territoire dont on dessine les communes : la MEL pour ce qui est dans la MEL, sinon l'arrondissement
    de Lille ou le Nord."""
    membres = set(referentiel.territoire(territoire).membres)
    for z in ("mel", "arr-lille"):
        if membres <= set(referentiel.territoire(z).membres):
            return z
    return "nord"


@lru_cache
def _communes(niveau: str) -> pd.DataFrame:
    import geopandas as gpd
    g = gpd.read_file(GEO / f"communes_{niveau}.geojson")
    g["point"] = g.geometry.representative_point()
    return g


@lru_cache
def _territoires() -> pd.DataFrame:
    import geopandas as gpd
    return gpd.read_file(GEO / "territoires.geojson").set_index("territoire")


@lru_cache
def geometries(z: str) -> tuple[str, pd.DataFrame]:
    """Adresse du GeoJSON des communes de la zone (static/geo/, écrit par scripts/build_geo.py : le
    navigateur le charge une fois et le garde en cache) et points d'étiquette des communes."""
    g = _communes("leger" if z == "nord" else "detail")
    g = g[g.code_commune.isin(referentiel.territoire(z).membres)]
    return f"{URL_STATIQUE}geo/communes_{z}.geojson", g[["code_commune", "point"]]


def voisinage(territoire: str) -> list[str]:
    """Communes montrées et nommées : celles du territoire ; pour une commune seule, elle et ses voisines
    (sinon la carte, cadrée sur elle, couperait ses voisines sans les nommer)."""
    membres = referentiel.territoire(territoire).membres
    if len(membres) > 1:
        return list(membres)
    g = _communes("leger")
    forme = g.loc[g.code_commune == membres[0]].geometry.iloc[0]
    return list(g.loc[g.intersects(forme.buffer(0.002)), "code_commune"])


def sans_chevauchement(df: pd.DataFrame, ecart_relatif: float, maximum: int = 40) -> pd.Index:
    """Étiquettes qui ne se chevauchent pas : des plus peuplées aux moins peuplées, on garde un nom s'il est
    assez loin de ceux déjà gardés (``ecart_relatif`` de la largeur de la zone)."""
    if df.empty:
        return df.index
    x = np.array([p.x for p in df.point])
    y = np.array([p.y for p in df.point]) * 1.5  # un degré de latitude vaut ~1,5 degré de longitude ici
    seuil = ecart_relatif * max(x.max() - x.min(), (y.max() - y.min()) * 1.6, 0.05)
    gardes: list[int] = []
    for i in np.argsort(-df.population.fillna(0).to_numpy(), kind="stable"):
        if len(gardes) < maximum and all(abs(x[i] - x[j]) > seuil * 1.8 or abs(y[i] - y[j]) > seuil * 0.6
                                         for j in gardes):
            gardes.append(i)
    return df.index[gardes]


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


def _contours(territoires: list[str]) -> tuple[list, list]:
    return lignes(_territoires().geometry[t] for t in territoires)


def _mercator(lat: float) -> float:
    return float(np.degrees(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))))


def emprise_au_format(emprise, format_: float) -> tuple[list[float], list[float]]:
    """Longitudes et latitudes à montrer pour que l'emprise (xmin, ymin, xmax, ymax), avec une marge de 4 %,
    remplisse un cadre largeur / hauteur = ``format_`` en projection de Mercator : la carte occupe alors tout son
    cadre au lieu d'y laisser des bandes vides (on montre un peu plus de communes voisines)."""
    x0, y0, x1, y1 = emprise
    marge_x, marge_y = max((x1 - x0) * 0.04, 0.01), max((y1 - y0) * 0.04, 0.008)
    x0, x1, y0, y1 = x0 - marge_x, x1 + marge_x, y0 - marge_y, y1 + marge_y
    m0, m1 = _mercator(y0), _mercator(y1)
    if (x1 - x0) / (m1 - m0) < format_:  # trop haute : on élargit
        d = ((m1 - m0) * format_ - (x1 - x0)) / 2
        x0, x1 = x0 - d, x1 + d
    else:  # trop large : on rehausse (en Mercator, puis retour en latitude)
        d = ((x1 - x0) / format_ - (m1 - m0)) / 2
        m0, m1 = m0 - d, m1 + d
        y0, y1 = (float(np.degrees(2 * np.arctan(np.exp(np.radians(m))) - np.pi / 2)) for m in (m0, m1))
    return [x0, x1], [y0, y1]


def figure(df: pd.DataFrame, territoire: str, mesure: str, classes: Classes, titre_mesure: str,
           format_: float | None = None) -> go.Figure:
    """Choroplèthe des communes de la zone, contours des MDE, territoire choisi en trait épais, noms.
    ``format_`` (largeur / hauteur de la zone de dessin) : l'emprise est étendue pour remplir ce cadre."""
    z = zone(territoire)
    geo, points = geometries(z)
    df = df.merge(points, on="code_commune")
    idx = df.mesure.map(lambda x: indice_classe(x, classes))
    idx[df.statut == "secret"] = -2
    couleurs = classes.couleurs + [GRIS_MANQUANT, GRIS_SECRET]  # -1 manquant, -2 secret
    n = len(couleurs)
    echelle = echelle_par_classes(couleurs)
    code_couleur = idx.where(idx >= 0, len(classes.couleurs) + (-idx - 1))
    valeur_txt = [("secret statistique" if s == "secret" else "non disponible") if pd.isna(m) else texte_mesure(m, mesure)
                  for m, s in zip(df.mesure, df.statut)]
    rang_txt = [f"{formats.rang(int(r))} sur {int(n_)} du territoire" if pd.notna(r) else "hors du territoire choisi"
                for r, n_ in zip(df.rang, df.nb_membres)]
    evol_txt = [formats.pourcent(e, signe=True) for e in df.evolution_pct]
    fig = go.Figure(go.Choropleth(
        geojson=geo, locations=df.code_commune, z=code_couleur + 0.5, zmin=0, zmax=n, colorscale=echelle,
        showscale=False, marker_line_color="white", marker_line_width=0.6,
        customdata=np.stack([df.nom, valeur_txt, rang_txt, evol_txt], axis=-1),
        hovertemplate=("<b>%{customdata[0]}</b><br>" + titre_mesure + " : %{customdata[1]}<br>"
                       "%{customdata[2]}<br>Évolution sur un an : %{customdata[3]}<extra></extra>"),
        showlegend=False,
    ))
    legende(fig, classes, (df.statut == "secret").any(), ((df.statut != "secret") & df.mesure.isna()).any())
    autres = [t for t in MDE if t != territoire and set(referentiel.territoire(t).membres) <=
              set(referentiel.territoire(z).membres)]
    if autres:
        lon, lat = _contours(autres)
        fig.add_trace(go.Scattergeo(lon=lon, lat=lat, mode="lines", line=dict(color="#555", width=1.2, dash="dot"),
                                    hoverinfo="skip", name="Maisons de l'emploi"))
    if territoire in _territoires().index:
        lon, lat = _contours([territoire])
        fig.add_trace(go.Scattergeo(lon=lon, lat=lat, mode="lines", line=dict(color="#111", width=2.6),
                                    hoverinfo="skip", name=referentiel.territoire(territoire).nom_court))
    communes_vues = voisinage(territoire)
    vues = df[df.code_commune.isin(communes_vues)]
    etiquettes = vues.loc[sans_chevauchement(vues, 0.05 if len(communes_vues) > 40 else 0.035,
                                              14 if len(communes_vues) > 40 else 40)]
    fonce = {i for i, c in enumerate(couleurs) if _luminance(c) < 0.45}
    etiqueter(fig, etiquettes, [int(code_couleur[i]) in fonce for i in etiquettes.index])
    emprise = _communes("leger").loc[lambda g: g.code_commune.isin(communes_vues)].total_bounds
    return cadrer(fig, emprise, titre_mesure, format_)


def echelle_par_classes(couleurs: list[str]) -> list:
    """Échelle de couleurs en paliers : la classe i (code i + 0,5) a exactement la couleur i."""
    n, echelle = len(couleurs), []
    for i, c in enumerate(couleurs):
        echelle += [[i / n, c], [(i + 1) / n, c]]
    return echelle


def legende(fig: go.Figure, classes: Classes, secret: bool = False, manquant: bool = False) -> None:
    """Légende des classes (et du secret, des valeurs non disponibles) : un carré de couleur par classe."""
    lignes = list(zip(classes.libelles, classes.couleurs))
    if secret:
        lignes.append(("Secret statistique", GRIS_SECRET))
    if manquant:
        lignes.append(("Non disponible", GRIS_MANQUANT))
    for libelle, couleur in reversed(lignes):
        fig.add_trace(go.Scattergeo(lon=[None], lat=[None], mode="markers", name=libelle, hoverinfo="skip",
                                    marker=dict(size=14, symbol="square", color=couleur,
                                                line=dict(color="#888", width=0.5))))


def etiqueter(fig: go.Figure, etiquettes: pd.DataFrame, sur_fonce: list[bool] | None = None) -> None:
    """Noms (colonnes ``point``, ``nom``), en blanc sur les couleurs foncées ; sans ``sur_fonce`` (un nom posé
    sur plusieurs couleurs), en noir cerné de blanc."""
    police = (dict(size=11, color=["white" if f else "#111" for f in sur_fonce]) if sur_fonce is not None
              else dict(size=12, color="#111", shadow="auto"))
    fig.add_trace(go.Scattergeo(
        lon=[p.x for p in etiquettes.point], lat=[p.y for p in etiquettes.point], text=etiquettes.nom,
        mode="text", hoverinfo="skip", showlegend=False, textfont=police))


def cadrer(fig: go.Figure, emprise, titre_mesure: str, format_: float | None) -> go.Figure:
    """Cadre la carte sur l'emprise (remplit le format largeur / hauteur donné), légende sous la carte."""
    if format_:
        lon, lat = emprise_au_format(emprise, format_)
    else:
        marge_x, marge_y = max((emprise[2] - emprise[0]) * 0.04, 0.01), max((emprise[3] - emprise[1]) * 0.04, 0.008)
        lon, lat = [emprise[0] - marge_x, emprise[2] + marge_x], [emprise[1] - marge_y, emprise[3] + marge_y]
    fig.update_geos(visible=False, projection_type="mercator", scope="europe", resolution=110,
                    lonaxis_range=lon, lataxis_range=lat)
    fig.update_layout(
        height=660, margin=dict(l=0, r=0, t=0, b=0), separators=", ", dragmode=False,
        # légende sous la carte : elle ne cache aucune commune (Dunkerque, en haut à gauche du Nord)
        legend=dict(title=dict(text=titre_mesure + " "), orientation="h", x=0, y=0, yanchor="top",
                    font=dict(size=12), bgcolor="rgba(255,255,255,0)"),
    )
    return fig
