"""Populations municipales des recensements 2013 à 2021 (Insee) de toutes les communes de France, au COG 2026.

Source : ``../shared/data/reel/populations-municipales-2013-2021.csv`` (Insee, Licence Ouverte ; géographie
COG 2024, colonnes ``p13_pop`` … ``p21_pop`` = population du recensement de 2013 … 2021). Les communes
fusionnées depuis sont additionnées sous leur code COG 2026 (``data/ref/passage_cog.csv``), les arrondissements
municipaux de Paris, Lyon et Marseille sous le code de leur commune (``data/ref/arrondissements_municipaux.csv`` :
Lyon 69123 = 69381 + … + 69389). Écrit ``data/ref/populations_rp.csv.gz`` (versionné : l'application n'a pas
besoin de ``../shared`` ensuite).

Usage : ``python scripts/refresh_rp.py [--source FICHIER]``
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
from collections import defaultdict
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
SOURCE = RACINE.parent / "shared" / "data" / "reel" / "populations-municipales-2013-2021.csv"
REF = RACINE / "data" / "ref"
ANNEES = range(2013, 2022)


def main(source: Path) -> None:
    with open(REF / "passage_cog.csv", encoding="utf-8") as f:
        passage = {r["ancien_code"]: r["code_commune"] for r in csv.DictReader(f)}
    with open(REF / "arrondissements_municipaux.csv", encoding="utf-8") as f:
        passage |= {r["code_arrondissement"]: r["code_commune"] for r in csv.DictReader(f)}
    with gzip.open(REF / "communes.csv.gz", "rt", encoding="utf-8") as f:
        communes = {r["code_commune"] for r in csv.DictReader(f)}
    totaux: dict[tuple[str, int], int] = defaultdict(int)
    with open(source, encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            # outre-mer : le fichier écrit le département (3 chiffres) puis le numéro (3) : 973353 = 97353
            codgeo = r["codgeo"][:3] + r["codgeo"][4:] if len(r["codgeo"]) == 6 else r["codgeo"]
            code = passage.get(codgeo, codgeo)
            if code not in communes:
                raise SystemExit(f"{source.name} : commune {r['codgeo']} ({r['libgeo']}) absente du COG 2026")
            for a in ANNEES:
                if r[f"p{a % 100}_pop"].strip():  # Mayotte : pas de recensement avant 2017, cellule vide
                    totaux[code, a] += int(float(r[f"p{a % 100}_pop"]))
    manquantes = sorted(communes - {c for c, _ in totaux})
    if manquantes:  # Mayotte et les collectivités d'outre-mer hors recensement annuel : dites, pas inventées
        print(f"{len(manquantes)} communes sans population du recensement : {', '.join(manquantes[:12])}…")
    with gzip.GzipFile(REF / "populations_rp.csv.gz", "wb", mtime=0) as brut, \
            io.TextIOWrapper(brut, encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["code_commune", "annee_rp", "population"])
        for (code, a), v in sorted(totaux.items()):
            w.writerow([code, a, v])
    print(f"{len({c for c, _ in totaux})} communes × {len(ANNEES)} recensements écrits dans "
          "data/ref/populations_rp.csv.gz")


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--source", type=Path, default=SOURCE)
    main(p.parse_args().source)
