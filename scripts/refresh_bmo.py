"""Enquête « Besoins en main-d'œuvre » 2024 de France Travail pour toute la France.

Source : ``../shared/data/reel/bmo-2024-france-travail.xlsx`` (classeur open data de France Travail, feuille
``BMO_2024_open_data``, Licence Ouverte), lu par ``observatoire.sources.bmo`` (le même lecteur que
``python -m observatoire actualiser --source bmo``). Une cellule « * » (secret statistique) reste vide dans la
sortie, jamais 0. Écrit ``data/ref/bmo_2024.csv.gz`` (versionné : l'application n'a pas besoin de ``../shared``
ensuite).

Usage : ``python scripts/refresh_bmo.py [--source FICHIER] [--sortie CSV]``
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))
from observatoire.sources import bmo  # noqa: E402

SOURCE = RACINE.parent / "shared" / "data" / "reel" / "bmo-2024-france-travail.xlsx"
SORTIE = RACINE / "data" / "ref" / "bmo_2024.csv.gz"


def main(source: Path, sortie: Path = SORTIE) -> None:
    df = bmo.lire_classeur(source)
    for c in bmo.EFFECTIFS:
        df[c] = df[c].astype("Int64")
    df.to_csv(sortie, index=False, lineterminator="\r\n",  # comme le fichier versionné (module csv)
              compression={"method": "gzip", "mtime": 0} if sortie.suffix == ".gz" else None)  # mêmes octets
    print(f"{sortie.name} : {len(df)} lignes ({df.region.nunique()} régions), "
          f"{int((df.departement == '59').sum())} dans le Nord.")


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--source", type=Path, default=SOURCE)
    p.add_argument("--sortie", type=Path, default=SORTIE)
    a = p.parse_args()
    main(a.source, a.sortie)
