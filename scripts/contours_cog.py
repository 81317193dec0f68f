"""Contours de l'IGN (ADMIN EXPRESS COG 2018) ramenés au COG 2026, pour scripts/build_geo.py (le Nord) et
scripts/build_geo_france.py (toute la France) : une seule règle de passage."""
from __future__ import annotations

import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from observatoire import referentiel  # noqa: E402


def au_cog_2026(brut: gpd.GeoDataFrame, codes_2026: pd.Index) -> tuple[gpd.GeoDataFrame, dict, list, list]:
    """``brut`` (colonne ``code`` au COG 2018) -> (communes au COG 2026 : une forme valide par commune, les
    communes fusionnées depuis 2018 dissoutes dans leur commune nouvelle ; fusions 2018 -> 2026 ; codes 2018 absents
    du COG 2026 ; communes du COG 2026 sans contour en 2018, jamais inventées)."""
    passage = referentiel.passage_cog()
    brut = brut.assign(code_commune=brut.code.map(lambda c: passage.get(c, c)))
    fusions = {c: passage[c] for c in brut.code if c in passage}
    inconnues = sorted(set(brut.code_commune) - set(codes_2026))
    sans_contour = sorted(set(codes_2026) - set(brut.code_commune))
    communes = brut[brut.code_commune.isin(codes_2026)].dissolve(by="code_commune", as_index=False)
    communes = communes[["code_commune", "geometry"]]
    communes["geometry"] = shapely.make_valid(communes.geometry.values)
    return communes, fusions, inconnues, sans_contour
