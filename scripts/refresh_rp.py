"""Populations municipales des recensements 2013 à 2021 (Insee) pour les communes du Nord, ramenées au COG 2026.

Source : ``../shared/data/reel/populations-municipales-2013-2021.csv`` (Insee, Licence Ouverte ; géographie
COG 2024, colonnes ``p13_pop`` … ``p21_pop`` = population du recensement de 2013 … 2021). Les communes
fusionnées depuis sont additionnées sous leur code COG 2026 (``data/ref/passage_cog.csv``). Écrit
``data/ref/populations_rp.csv`` (versionné : l'application n'a pas besoin de ``../shared`` ensuite).

Usage : ``python scripts/refresh_rp.py [--source FICHIER]``
"""
from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
SOURCE = RACINE.parent / "shared" / "data" / "reel" / "populations-municipales-2013-2021.csv"
REF = RACINE / "data" / "ref"
ANNEES = range(2013, 2022)


def main(source: Path) -> None:
    with open(REF / "passage_cog.csv", encoding="utf-8") as f:
        passage = {r["ancien_code"]: r["code_commune"] for r in csv.DictReader(f)}
    with open(REF / "communes.csv", encoding="utf-8") as f:
        communes = {r["code_commune"] for r in csv.DictReader(f)}
    totaux: dict[tuple[str, int], int] = defaultdict(int)
    with open(source, encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            if r["dep"] != "59":
                continue
            code = passage.get(r["codgeo"], r["codgeo"])
            if code not in communes:
                raise SystemExit(f"{source.name} : commune {r['codgeo']} ({r['libgeo']}) absente du COG 2026 du Nord")
            for a in ANNEES:
                totaux[code, a] += int(float(r[f"p{a % 100}_pop"]))
    manquantes = communes - {c for c, _ in totaux}
    if manquantes:
        raise SystemExit(f"{source.name} : communes du Nord sans population : {', '.join(sorted(manquantes))}")
    with open(REF / "populations_rp.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["code_commune", "annee_rp", "population"])
        for (code, a), v in sorted(totaux.items()):
            w.writerow([code, a, v])
    print(f"{len(communes)} communes × {len(ANNEES)} recensements écrits dans data/ref/populations_rp.csv")


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--source", type=Path, default=SOURCE)
    main(p.parse_args().source)
