"""Construit geo/france/ : contours des communes de toute la France au COG 2026, pour une couverture autre que le
Nord seul (``OBSERVATOIRE_DEPARTEMENTS``), et ceux des départements et des régions.

Entrée : ../shared/data/communes-france-2018/ (IGN ADMIN EXPRESS COG 2018 simplifié, un fichier par département,
Licence Ouverte ; la même source que le fichier du Nord). Étapes, comme scripts/build_geo.py pour le Nord :
validation ; passage COG 2018 -> 2026 (communes fusionnées dissoutes, rapporté) ; communes du COG 2026 sans
contour en 2018 (créées depuis par scission) rapportées, jamais inventées ; simplification de la couverture de
toute la France d'un coup (``shapely.coverage_simplify`` : une limite entre deux départements reste commune aux
deux). Écrit, pour chaque niveau (« detail », « leger »), un fichier GeoParquet par département (l'application ne
lit que ceux de sa couverture),
``departements.parquet`` et ``regions.parquet`` (contours au niveau léger) et ``rapport.json``.

Usage : ``python scripts/build_geo_france.py``
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from observatoire import couverture, referentiel  # noqa: E402
from observatoire.chemins import GEO, SHARED  # noqa: E402
from contours_cog import au_cog_2026  # noqa: E402  (scripts/, le dossier de ce script)

SOURCE = SHARED / "data" / "communes-france-2018"
SORTIE = GEO / "france"
# tolérances (degrés ; Nord seul : 0,0008 et 0,004). Les deux niveaux sont écrits par commune : simplifier au
# démarrage de l'application les 35 000 communes de toute la France prenait 6 s
NIVEAUX = {"detail": 0.0015, "leger": 0.005}
PARQUET = {"compression": "zstd", "compression_level": 19}
GRILLE = 1e-5


def simplifier(communes: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    simple = communes.copy()
    geoms = shapely.coverage_simplify(communes.geometry.values, tolerance)
    simple["geometry"] = shapely.make_valid(shapely.set_precision(geoms, GRILLE))
    return simple


def main() -> None:
    brut = pd.concat([gpd.read_file(f) for f in sorted(SOURCE.glob("communes-*.geojson"))], ignore_index=True)
    brut["geometry"] = shapely.make_valid(brut.geometry.values)
    france = referentiel.communes_france().set_index("code_commune")
    communes, fusions, inconnues, sans_contour = au_cog_2026(brut, france.index)
    communes["departement"] = communes.code_commune.map(france.departement)
    communes["region"] = communes.code_commune.map(france.region)
    rapport = {"source": "communes-france-2018/ (IGN ADMIN EXPRESS COG 2018)", "communes_source": len(brut),
               "communes_cog_2026_dessinees": len(communes), "fusions_cog_2018_2026": len(fusions),
               "codes_2018_absents_du_cog_2026": inconnues, "communes_cog_2026_sans_contour": sans_contour,
               "tolerances_degres": NIVEAUX, "ko": {}}
    for niveau, tol in NIVEAUX.items():
        simple = simplifier(communes, tol)
        (SORTIE / niveau).mkdir(parents=True, exist_ok=True)
        for dep, g in simple.groupby("departement"):
            f = SORTIE / niveau / f"{dep}.parquet"
            g[["code_commune", "geometry"]].reset_index(drop=True).to_parquet(f, **PARQUET)
            rapport["ko"][f"{niveau}/{dep}"] = round(f.stat().st_size / 1024, 1)
        if niveau == "leger":
            deps = simple.dissolve(by="departement", as_index=False)[["departement", "geometry"]]
            deps["nom"] = deps.departement.map(couverture.departements_connus().nom)
            deps.to_parquet(SORTIE / "departements.parquet", **PARQUET)
            regs = simple.dissolve(by="region", as_index=False)[["region", "geometry"]]
            regs.to_parquet(SORTIE / "regions.parquet", **PARQUET)
    (SORTIE / "rapport.json").write_text(json.dumps(rapport, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print({k: v for k, v in rapport.items() if k != "ko"} | {"ko_total": round(sum(rapport["ko"].values()))})


if __name__ == "__main__":
    main()
