import json

import geopandas as gpd
import shapely

from observatoire import referentiel
from observatoire.chemins import GEO


def test_une_geometrie_valide_par_commune_du_cog_2026():
    for niveau in ("detail", "leger"):
        g = gpd.read_file(GEO / f"communes_{niveau}.geojson")
        assert sorted(g.code_commune) == sorted(referentiel.communes().code_commune)
        assert g.is_valid.all()
        assert set(g.geom_type) <= {"Polygon", "MultiPolygon"}


def test_simplification_sans_trou_ni_chevauchement():
    g = gpd.read_file(GEO / "communes_leger.geojson").to_crs(2154)  # Lambert-93, surfaces en m²
    aretes = shapely.coverage_invalid_edges(g.geometry.values)
    assert shapely.is_empty(aretes).all()
    # la surface de l'union égale la somme des surfaces (pas de recouvrement entre voisines)
    union = shapely.union_all(g.geometry.values)
    assert abs(union.area - g.area.sum()) / union.area < 1e-6


def test_contours_des_territoires():
    t = gpd.read_file(GEO / "territoires.geojson")
    # la région et la France n'ont pas de communes dans la base : pas de contour
    assert set(t.territoire) == {x.territoire for x in referentiel.territoires() if x.membres}
    assert t.is_valid.all()


def test_poids_envoye_au_navigateur():
    rapport = json.loads((GEO / "rapport.json").read_text())
    assert (GEO / "communes_leger.geojson").stat().st_size < 300 * 1024
    assert rapport["fusions_cog_2018_2026"] == {"59070": "59006"}


def test_france_au_niveau_leger_prepare_avec_des_limites_communes_entre_departements():
    """Le niveau léger de toute la France est préparé (geo/france/leger/, un fichier par département, simplifié d'un
    coup pour toute la France) : l'application ne simplifie plus 35 000 communes au démarrage, et la limite entre
    deux départements voisins (Nord, Pas-de-Calais) reste commune aux deux."""
    import pandas as pd
    france = GEO / "france"
    assert sorted(f.name for f in (france / "leger").glob("*.parquet")) == \
        sorted(f.name for f in (france / "detail").glob("*.parquet"))
    leger = pd.concat([gpd.read_parquet(france / "leger" / f"{d}.parquet") for d in ("59", "62")], ignore_index=True)
    detail = pd.concat([gpd.read_parquet(france / "detail" / f"{d}.parquet") for d in ("59", "62")])
    assert sorted(leger.code_commune) == sorted(detail.code_commune)
    assert leger.is_valid.all() and set(leger.geom_type) <= {"Polygon", "MultiPolygon"}
    assert shapely.is_empty(shapely.coverage_invalid_edges(leger.geometry.values)).all()
    assert shapely.get_num_coordinates(leger.geometry.values).sum() < shapely.get_num_coordinates(
        detail.geometry.values).sum()
