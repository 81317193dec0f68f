"""Couche IRIS de la carte : les quartiers des communes de la MEL (recensement 2019), classés comme les communes,
avec le contour des communes et, pour une commune seule, le nom de ses quartiers."""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import carto, formats
from .chemins import GEO

URL = f"{carto.URL_STATIQUE}geo/iris_mel.geojson"  # écrit par scripts/refresh_iris.py
ATTRIBUTION = "Insee, RP 2019 ; contours IRIS : IGN-Insee"
MESURE_CARTO = {"habitants": "niveau", "%": "part"}  # unité -> format des nombres de la carte des communes


@lru_cache
def _iris() -> pd.DataFrame:
    import geopandas as gpd
    g = gpd.read_file(GEO.parent / "static" / "geo" / "iris_mel.geojson")
    g["point"] = g.geometry.representative_point()
    return g


def figure(df: pd.DataFrame, unite: str, classes: carto.Classes, titre: str, format_: float | None = None) -> go.Figure:
    """``df`` : résultat de queries/iris_territoire.sql (une ligne par IRIS du territoire)."""
    mesure = MESURE_CARTO[unite]
    idx = df.valeur.map(lambda x: carto.indice_classe(x, classes))
    couleurs = classes.couleurs + [carto.GRIS_MANQUANT]
    code_couleur = idx.where(idx >= 0, len(classes.couleurs))
    texte = [carto.texte_mesure(v, mesure) if pd.notna(v) else "non disponible" for v in df.valeur]
    fig = go.Figure(go.Choropleth(
        geojson=URL, featureidkey="properties.code_iris", locations=df.code_iris, z=code_couleur + 0.5, zmin=0,
        zmax=len(couleurs), colorscale=carto.echelle_par_classes(couleurs), showscale=False,
        marker_line_color="white", marker_line_width=0.4,
        customdata=np.stack([df.nom_iris, df.commune, texte,
                             [formats.nombre(p) for p in df.population]], axis=-1),
        hovertemplate=("<b>%{customdata[0]}</b> (%{customdata[1]})<br>" + titre + " : %{customdata[2]}<br>"
                       "Population : %{customdata[3]} habitants<extra></extra>"),
        showlegend=False,
    ))
    carto.legende(fig, classes, manquant=df.valeur.isna().any())
    g = carto._communes("detail")
    communes = g[g.code_commune.isin(df.code_commune)]  # leurs contours, noms et points d'étiquette
    lon, lat = carto.lignes(communes.geometry)
    fig.add_trace(go.Scattergeo(lon=lon, lat=lat, mode="lines", line=dict(color="#222", width=1.4),
                                hoverinfo="skip", name="Limite de commune"))
    fonce = {i for i, c in enumerate(couleurs) if carto._luminance(c) < 0.45}
    if len(communes) == 1:  # une commune : le nom de ses quartiers
        classe = dict(zip(df.code_iris, code_couleur.astype(int)))
        points = df.merge(_iris()[["code_iris", "point"]], on="code_iris").rename(columns={"nom_iris": "nom"})
        noms = points.loc[carto.sans_chevauchement(points, 0.09, 14)]
        carto.etiqueter(fig, noms, [classe[c] in fonce for c in noms.code_iris])
    else:  # plusieurs communes : leur nom
        pts = communes[["code_commune", "nom", "point"]].merge(
            df.groupby("code_commune", as_index=False).population.sum(), on="code_commune")
        noms = pts.loc[carto.sans_chevauchement(pts, 0.05, 30)]
        carto.etiqueter(fig, noms)
    emprise = communes.total_bounds
    return carto.cadrer(fig, emprise, titre, format_)
