"""Couche IRIS de la carte : les quartiers des communes de la MEL (recensement 2019), classés comme les communes,
avec le contour des communes et, pour une commune seule, le nom de ses quartiers."""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from observatoire import formats
from observatoire.cartes import carto, classement
from observatoire.chemins import GEO

URL = f"{carto.URL_STATIQUE}geo/iris_mel.geojson"  # écrit par scripts/refresh_iris.py
ATTRIBUTION = "Insee, RP 2019 ; contours IRIS : IGN-Insee"
FORMAT_ECRAN = 1.05  # largeur / hauteur de la carte des quartiers, dans sa colonne (moins large que celle des communes)
MESURE_CARTO = {"habitants": "niveau", "%": "part"}  # unité -> format des nombres de la carte des communes


@lru_cache
def formes_iris() -> pd.DataFrame:
    import geopandas as gpd
    g = gpd.read_file(GEO.parent / "static" / "geo" / "iris_mel.geojson")
    g["point"] = g.geometry.representative_point()
    return g


def dessin(df: pd.DataFrame, unite: str, classes: classement.Classes, titre: str) -> carto.Dessin:
    """``df`` : résultat de queries/iris_territoire.sql (une ligne par IRIS du territoire)."""
    mesure = MESURE_CARTO[unite]
    couleur = classement.couleurs(df.valeur, pd.Series(False, index=df.index), classes)  # pas de secret ici
    texte = [classement.texte_mesure(v, mesure) if pd.notna(v) else formats.absence(None) for v in df.valeur]
    survol = [[f"{nom} ({commune})", f"{titre} : {t}", f"Population : {formats.nombre(p)} habitants"]
              for nom, commune, t, p in zip(df.nom_iris, df.commune, texte, df.population)]
    g = carto.formes_communes("detail")
    communes = g[g.code_commune.isin(df.code_commune)]  # leurs contours, noms et points d'étiquette
    if len(communes) == 1:  # une commune : le nom de ses quartiers
        classe = dict(zip(df.code_iris, couleur))
        points = df.merge(formes_iris()[["code_iris", "point"]], on="code_iris").rename(columns={"nom_iris": "nom"})
        noms = points.loc[carto.sans_chevauchement(points, 0.09, 14)]
        noms = noms.assign(style=[classement.style_etiquette(classe[c]) for c in noms.code_iris])
    else:  # plusieurs communes : leur nom
        pts = communes[["code_commune", "nom", "point"]].merge(
            df.groupby("code_commune", as_index=False).population.sum(), on="code_commune")
        noms = pts.loc[carto.sans_chevauchement(pts, 0.05, 30)].assign(style="halo")
    return carto.Dessin(
        formes=pd.DataFrame({"code": df.code_iris, "couleur": couleur, "survol": survol}),
        geometries=formes_iris().set_index("code_iris").geometry, source="iris", geojson=URL,
        id_geojson="properties.code_iris", trait=0.4,
        contours=[carto.Contour(list(communes.geometry), "#222", 1.4, False, "Limite de commune")],
        etiquettes=noms[["point", "nom", "style"]], legende=classement.legende_classes(classes, manquant=df.valeur.isna().any()),
        titre=titre, emprise=tuple(communes.total_bounds), cliquable=False)
