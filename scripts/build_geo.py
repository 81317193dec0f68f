"""Construit geo/ : contours des communes (COG 2026) et des territoires, simplifiés pour le navigateur.

Entrée : ../shared/data/communes-59-nord.geojson (IGN ADMIN EXPRESS COG 2018, Licence Ouverte).
Étapes : validation (polygones valides) ; passage COG 2018 -> 2026 (communes fusionnées dissoutes,
rapporté) ; simplification de la couverture par GEOS (``shapely.coverage_simplify`` : les limites
communes à deux voisines sont simplifiées une seule fois, donc ni trou ni chevauchement) ; contours
des territoires par union. Écrit aussi geo/rapport.json (tailles, écarts COG).

Usage : ``python scripts/build_geo.py``
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
import shapely.geometry

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from observatoire import referentiel  # noqa: E402
from observatoire.chemins import GEO, SHARED  # noqa: E402
from contours_cog import au_cog_2026  # noqa: E402  (scripts/, le dossier de ce script)

SOURCE = SHARED / "data" / "communes-59-nord.geojson"
# tolérance de simplification (degrés) par niveau de détail : « detail » pour une carte zoomée sur un
# territoire, « leger » pour le Nord entier (moins de 300 Ko envoyés au navigateur)
NIVEAUX = {"detail": 0.0008, "leger": 0.004}
# zone d'affichage de la carte -> niveau de détail envoyé au navigateur
ZONES = {"mel": "detail", "arr-lille": "detail", "nord": "leger"}
STATIC = GEO.parent / "static" / "geo"
GRILLE = 1e-5       # coordonnées arrondies à ~1 m (les sommets partagés restent partagés)


def ecrire(gdf: gpd.GeoDataFrame, nom: str) -> float:
    """GeoJSON compact (sans espaces) ; renvoie la taille en Ko."""
    texte = json.dumps(gdf.__geo_interface__, ensure_ascii=False, separators=(",", ":"))
    (GEO / nom).write_text(texte, encoding="utf-8")
    return round(len(texte.encode()) / 1024, 1)


def simplifier(communes: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    simple = communes.copy()
    geoms = shapely.coverage_simplify(communes.geometry.values, tolerance)
    # grille commune (sommets partagés restent partagés), puis arrondi pour un JSON court
    geoms = shapely.set_precision(geoms, GRILLE)
    simple["geometry"] = shapely.transform(geoms, lambda xy: np.round(xy, 5))
    invalides = int((~simple.is_valid).sum())
    aretes = int((~shapely.is_empty(shapely.coverage_invalid_edges(simple.geometry.values))).sum())
    if invalides or aretes:
        raise SystemExit(f"Simplification {tolerance} : {invalides} polygones invalides, {aretes} communes "
                         "à bords incohérents (trou ou chevauchement entre voisines)")
    return simple


def main() -> None:
    brut = gpd.read_file(SOURCE)
    invalides = brut[~brut.is_valid]
    if len(invalides):
        raise SystemExit(f"{SOURCE.name} : géométries invalides {list(invalides.code)}")
    com = referentiel.communes().set_index("code_commune")
    communes, fusions, inconnues, absentes = au_cog_2026(brut, com.index)
    if inconnues or absentes:
        raise SystemExit(f"Écart COG non résolu : inconnues {inconnues}, absentes {absentes}")
    communes["nom"] = communes.code_commune.map(com.nom)
    communes = communes[["code_commune", "nom", "geometry"]]
    rapport = {"source": SOURCE.name, "communes_source": len(brut), "communes_cog_2026": len(communes),
               "fusions_cog_2018_2026": fusions, "tolerances_degres": NIVEAUX, "grille_degres": GRILLE}
    mel = referentiel.territoire("mel").membres
    niveaux = {}
    for niveau, tol in NIVEAUX.items():
        simple = niveaux[niveau] = simplifier(communes, tol)
        rapport[f"sommets_{niveau}"] = int(shapely.get_num_coordinates(simple.geometry.values).sum())
        rapport[f"ko_communes_nord_{niveau}"] = ecrire(simple, f"communes_{niveau}.geojson")
        rapport[f"ko_communes_mel_{niveau}"] = round(len(json.dumps(
            simple[simple.code_commune.isin(mel)].__geo_interface__, separators=(",", ":"))) / 1024, 1)

    lignes = []
    for t in (t for t in referentiel.territoires() if t.membres):  # région, France : pas de communes, pas de contour
        geom = shapely.union_all(simple.geometry[simple.code_commune.isin(t.membres)].values)
        lignes.append({"territoire": t.territoire, "nom": t.nom, "type": t.type, "geometry": geom})
    terr = gpd.GeoDataFrame(lignes, crs=simple.crs)
    rapport["ko_territoires"] = ecrire(terr, "territoires.geojson")

    # fichiers servis au navigateur (static/geo/, mis en cache par lui) : une zone d'affichage par fichier,
    # anneaux extérieurs dans le sens horaire comme l'attend d3-geo (go.Choropleth), identifiant = code INSEE
    STATIC.mkdir(parents=True, exist_ok=True)
    for zone, niveau in ZONES.items():
        g = niveaux[niveau]
        g = g[g.code_commune.isin(referentiel.territoire(zone).membres)]
        geo = {"type": "FeatureCollection", "features": [
            {"type": "Feature", "id": c, "properties": {},
             "geometry": shapely.geometry.mapping(shapely.orient_polygons(geom, exterior_cw=True))}
            for c, geom in zip(g.code_commune, g.geometry)]}
        texte = json.dumps(geo, separators=(",", ":"))
        (STATIC / f"communes_{zone}.geojson").write_text(texte, encoding="utf-8")
        rapport[f"ko_navigateur_{zone}"] = round(len(texte.encode()) / 1024, 1)
    (GEO / "rapport.json").write_text(json.dumps(rapport, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(rapport, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
