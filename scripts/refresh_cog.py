"""Rafraîchit les référentiels communes / populations / EPCI du Nord depuis le COG officiel.

Source : paquet npm ``@etalab/decoupage-administratif`` (licence MIT), une version par millésime
du COG. Le script télécharge chaque archive avec ``npm pack`` (seul accès réseau du projet), puis
écrit dans ``data/ref/`` des CSV versionnés : l'application n'a plus besoin du réseau ensuite.

Usage : ``python scripts/refresh_cog.py [--cache DOSSIER]``
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

PAQUET = "@etalab/decoupage-administratif"
# millésime du COG -> version du paquet (voir ../shared/data/PROVENANCE.md)
VERSIONS = {2021: "1.1.1", 2022: "2.3.1", 2023: "3.1.1", 2024: "4.1.0", 2025: "5.3.0", 2026: "6.0.0"}
DEPARTEMENT = "59"
MEL = "200093201"
REF = Path(__file__).resolve().parent.parent / "data" / "ref"


def charger(version: str, cache: Path) -> dict[str, list]:
    archive = cache / f"etalab-decoupage-administratif-{version}.tgz"
    if not archive.exists():
        subprocess.run(["npm", "pack", f"{PAQUET}@{version}", "--pack-destination", str(cache)],
                       check=True, capture_output=True)
    with tarfile.open(archive) as tar:
        return {nom: json.load(tar.extractfile(f"package/data/{nom}.json"))
                for nom in ("communes", "epci", "arrondissements")}


def ecrire(nom: str, entetes: list[str], lignes: list[list]) -> None:
    with open(REF / nom, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(entetes)
        w.writerows(lignes)
    print(f"data/ref/{nom} : {len(lignes)} lignes")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "cog-npm")
    args = p.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    donnees = {annee: charger(v, args.cache) for annee, v in VERSIONS.items()}

    dernier = max(VERSIONS)
    actuelles = {c["code"]: c for c in donnees[dernier]["communes"]
                 if c.get("departement") == DEPARTEMENT and c["type"] == "commune-actuelle"}
    # table de passage : anciens codes (communes fusionnées) -> code du dernier COG
    passage = {ancien: code for code, c in actuelles.items() for ancien in c.get("anciensCodes", [])}
    arr = {a["code"]: a["nom"] for a in donnees[dernier]["arrondissements"]}
    epci_de = {m["code"]: (e["code"], e["nom"]) for e in donnees[dernier]["epci"] for m in e["membres"]}

    ecrire("communes.csv", ["code_commune", "nom", "arrondissement", "nom_arrondissement", "epci", "nom_epci"],
           [[code, c["nom"], c["arrondissement"], arr[c["arrondissement"]], *epci_de.get(code, ("", ""))]
            for code, c in sorted(actuelles.items())])
    ecrire("passage_cog.csv", ["ancien_code", "code_commune", "millesime"],
           [[a, n, dernier] for a, n in sorted(passage.items())])

    lignes = []
    for annee, d in donnees.items():
        pop: dict[str, int] = {}
        for c in d["communes"]:
            if c.get("departement") == DEPARTEMENT and c["type"] == "commune-actuelle":
                code = passage.get(c["code"], c["code"])
                pop[code] = pop.get(code, 0) + c["population"]
        manquantes = set(actuelles) - set(pop)
        if manquantes:
            raise SystemExit(f"COG {annee} : communes sans population {sorted(manquantes)}")
        lignes += [[code, annee, VERSIONS[annee], pop[code]] for code in sorted(actuelles)]
    ecrire("populations.csv", ["code_commune", "millesime_cog", "version_paquet", "population"], lignes)


if __name__ == "__main__":
    main()
