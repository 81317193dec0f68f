"""Écrit la couche IRIS de la MEL (recensement 2019) depuis ../shared/data/reel/iris-mel-2019.geojson.

- data/ref/iris_2019.csv : une ligne par IRIS (code, commune, nom, type) et les seuls comptages de l'Insee
  (colonnes ``P19_*`` et ``C19_*`` que l'observatoire utilise) ; les autres colonnes du fichier (``%_*``,
  ``DIFF_*``, ``cat_*``, ``DIPLOM_*``…) sont dérivées par celui qui le redistribue et ne sont pas reprises.
- Le fichier répète 9 IRIS (526 entités pour 517 IRIS : mêmes contours et mêmes comptages de l'Insee, seules
  des colonnes dérivées diffèrent) : chaque IRIS est gardé une fois, après vérification que ses doubles ont
  les mêmes comptages et le même contour.
- static/geo/iris_mel.geojson : contours simplifiés en couverture (``shapely.coverage_simplify`` : limites
  partagées simplifiées une fois, ni trou ni chevauchement), propriété ``code_iris`` seule, servis au navigateur.

Usage : ``.venv/bin/python scripts/refresh_iris.py [--source FICHIER]``
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import geopandas as gpd
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from observatoire.chemins import GEO, REF, SHARED  # noqa: E402
from observatoire.formats import accorder  # noqa: E402

SOURCE = SHARED / "data" / "reel" / "iris-mel-2019.geojson"
# comptages de l'Insee repris (les mesures de data/iris_mesures.csv en sont des rapports)
VARIABLES = ["P19_POP", "P19_POP0014", "P19_POP1529", "P19_POP3044", "P19_POP4559", "P19_POP6074", "P19_POP75P",
             "P19_POP0019", "P19_POP65P", "C19_POP15P"] + [f"C19_POP15P_CS{i}" for i in range(1, 9)]
TOLERANCE = 0.0002  # degrés (~15 m) : quartiers lisibles, fichier léger
GRILLE = 1e-5


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--source", type=Path, default=SOURCE)
    p.add_argument("--sortie", type=Path, default=REF / "iris_2019.csv")
    p.add_argument("--geo", type=Path, default=GEO.parent / "static" / "geo" / "iris_mel.geojson")
    a = p.parse_args(argv)
    g = gpd.read_file(a.source)
    inconnues = [v for v in VARIABLES if v not in g.columns]
    if inconnues:
        print(f"{a.source} : colonnes absentes {', '.join(inconnues)}", file=sys.stderr)
        return 1
    g = g.rename(columns={"CODE_IRIS": "code_iris", "INSEE_COM": "code_commune", "NOM_IRIS": "nom_iris",
                          "TYP_IRIS_x": "type_iris"}).sort_values("code_iris", kind="stable")
    doubles = g[g.code_iris.duplicated(keep=False)]
    for code, d in doubles.groupby("code_iris"):
        if d[VARIABLES].nunique().max() > 1 or not all(x.equals(d.geometry.iloc[0]) for x in d.geometry):
            print(f"{a.source} : IRIS {code} en double avec des comptages ou des contours différents", file=sys.stderr)
            return 1
    g = g.drop_duplicates("code_iris")
    table = g[["code_iris", "code_commune", "nom_iris", "type_iris", *VARIABLES]].copy()
    table[VARIABLES] = table[VARIABLES].round(2)
    table.to_csv(a.sortie, index=False)
    geoms = shapely.set_precision(shapely.coverage_simplify(shapely.make_valid(g.geometry.values), TOLERANCE),
                                  GRILLE)
    contours = gpd.GeoDataFrame({"code_iris": g.code_iris.values}, geometry=geoms, crs="EPSG:4326")
    texte = json.dumps(contours.__geo_interface__, ensure_ascii=False, separators=(",", ":"))
    a.geo.write_text(texte, encoding="utf-8")
    print(f"{len(table)} IRIS de {accorder(table.code_commune.nunique(), 'commune')} "
          f"({doubles.code_iris.nunique()} en double écarté(s)) -> {a.sortie} ; contours "
          f"{len(texte.encode()) // 1024} Ko -> {a.geo}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
