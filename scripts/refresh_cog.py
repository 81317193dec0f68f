"""Rafraîchit les référentiels de toute la France (communes, EPCI, arrondissements, départements, régions,
populations légales) depuis le COG officiel ; l'application n'en garde que les départements couverts.

Source : paquet npm ``@etalab/decoupage-administratif`` (licence MIT), une version par millésime
du COG. Le script télécharge chaque archive avec ``npm pack`` (seul accès réseau du projet), puis
écrit dans ``data/ref/`` des CSV versionnés : l'application n'a plus besoin du réseau ensuite.

Usage : ``python scripts/refresh_cog.py [--cache DOSSIER]``
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

PAQUET = "@etalab/decoupage-administratif"
# millésime du COG -> version du paquet (voir ../shared/data/PROVENANCE.md)
VERSIONS = {2021: "1.1.1", 2022: "2.3.1", 2023: "3.1.1", 2024: "4.1.0", 2025: "5.3.0", 2026: "6.0.0"}
REF = Path(__file__).resolve().parent.parent / "data" / "ref"


def charger(version: str, cache: Path) -> dict[str, list]:
    archive = cache / f"etalab-decoupage-administratif-{version}.tgz"
    if not archive.exists():
        subprocess.run(["npm", "pack", f"{PAQUET}@{version}", "--pack-destination", str(cache)],
                       check=True, capture_output=True)
    with tarfile.open(archive) as tar:
        return {nom: json.load(tar.extractfile(f"package/data/{nom}.json"))
                for nom in ("communes", "epci", "arrondissements", "departements", "regions")}


def ecrire(nom: str, entetes: list[str], lignes: list[list]) -> None:
    """CSV versionné ; compressé (``.csv.gz``) pour les référentiels de toute la France."""
    # mtime=0 : deux exécutions identiques écrivent les mêmes octets (git ne voit aucun changement)
    with (gzip.GzipFile(REF / nom, "wb", mtime=0) if nom.endswith(".gz") else open(REF / nom, "wb")) as brut:
        with io.TextIOWrapper(brut, encoding="utf-8", newline="") as f:
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
    actuelles = {c["code"]: c for c in donnees[dernier]["communes"] if c["type"] == "commune-actuelle"}
    # table de passage : anciens codes (communes fusionnées) -> code du dernier COG
    passage = {ancien: code for code, c in actuelles.items() for ancien in c.get("anciensCodes", [])}
    arr = {a["code"]: a["nom"] for a in donnees[dernier]["arrondissements"]}
    epci_de = {m["code"]: (e["code"], e["nom"], e["type"]) for e in donnees[dernier]["epci"] for m in e["membres"]}
    ecrire("communes.csv.gz", ["code_commune", "nom", "departement", "region", "arrondissement",
                               "nom_arrondissement", "epci", "nom_epci", "type_epci"],
           [[code, c["nom"], c["departement"], c["region"], c.get("arrondissement", ""),
             arr.get(c.get("arrondissement", ""), ""), *epci_de.get(code, ("", "", ""))]
            for code, c in sorted(actuelles.items())])
    # type_liaison : le TNCC de l'Insee (article et charnière du nom : 2 = « le Nord », « du Nord »)
    ecrire("departements.csv", ["departement", "nom", "region", "type_liaison"],
           [[d["code"], d["nom"], d["region"], d["typeLiaison"]]
            for d in sorted(donnees[dernier]["departements"], key=lambda d: d["code"])])
    ecrire("arrondissements.csv", ["arrondissement", "nom", "departement", "type_liaison"],
           [[a["code"], a["nom"], a["departement"], a["typeLiaison"]]
            for a in sorted(donnees[dernier]["arrondissements"], key=lambda a: a["code"])])
    ecrire("regions.csv", ["region", "nom", "type_liaison"],
           [[r["code"], r["nom"], r["typeLiaison"]] for r in sorted(donnees[dernier]["regions"], key=lambda r: r["code"])])
    # Paris, Lyon, Marseille : arrondissements municipaux (le recensement les donne séparément) -> commune
    ecrire("arrondissements_municipaux.csv", ["code_arrondissement", "code_commune", "nom"],
           [[c["code"], c["commune"], c["nom"]] for c in sorted(donnees[dernier]["communes"], key=lambda c: c["code"])
            if c["type"] == "arrondissement-municipal"])
    ecrire("passage_cog.csv", ["ancien_code", "code_commune", "millesime"],
           [[a, n, dernier] for a, n in sorted(passage.items())])

    lignes = []
    for annee, d in donnees.items():
        pop: dict[str, int] = {}
        for c in d["communes"]:
            if c["type"] == "commune-actuelle" and c.get("population") is not None:
                code = passage.get(c["code"], c["code"])
                pop[code] = pop.get(code, 0) + c["population"]
        manquantes = set(actuelles) - set(pop)
        if len(manquantes) > len(actuelles) // 100:
            raise SystemExit(f"COG {annee} : {len(manquantes)} communes sans population")
        lignes += [[code, annee, VERSIONS[annee], pop[code]] for code in sorted(actuelles) if code in pop]
    ecrire("populations.csv.gz", ["code_commune", "millesime_cog", "version_paquet", "population"], lignes)


if __name__ == "__main__":
    main()
