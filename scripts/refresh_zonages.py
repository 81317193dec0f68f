"""Zones d'emploi 2020 (Insee) et bassins d'emploi 2021 (France Travail) de toute la France, comme territoires.

Sources : ``../shared/data/reel/zones-emploi-2020-communes.csv`` et
``../shared/data/reel/bassins-emploi-france-travail-2021-communes.csv`` (Licence Ouverte). Les codes des deux
zonages se chevauchent (3218 est la zone d'emploi de Roubaix-Tourcoing mais le bassin de Dunkerque) : les
identifiants disent le zonage (``ze-3218``, ``be-3218``). Chaque zone garde toutes ses communes (au COG 2026) ;
l'application n'en retient que celles des départements couverts et compte les autres : les totaux d'une zone
à cheval sur la limite de la couverture sont alors « incomplets », jamais la somme de sa seule partie couverte.
Écrit ``data/ref/zonages.csv`` et ``data/ref/zonages_communes.csv.gz``.

Usage : ``python scripts/refresh_zonages.py``
"""
from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
REEL = RACINE.parent / "shared" / "data" / "reel"
REF = RACINE / "data" / "ref"
# Libellés des bassins de France Travail (en capitales abrégées dans le fichier) écrits pour l'écran.
# code -> (nom court, complément du nom : « Bassin d'emploi du Cambrésis »)
NOMS_BASSINS = {"3216": ("Lille", "de Lille"), "3217": ("Versant nord-est", "du Versant nord-est (Roubaix-Tourcoing)"),
                "3218": ("Dunkerque", "de Dunkerque"), "3219": ("Flandre-Lys", "de Flandre-Lys"),
                "3220": ("Douai", "de Douai"), "3221": ("Valenciennes", "de Valenciennes"),
                "3222": ("Cambrésis", "du Cambrésis"), "3223": ("Sambre-Avesnois", "de la Sambre-Avesnois")}


def _de(nom: str) -> str:
    """« de Lyon Centre », « d'Oullins »."""
    return ("d'" if nom[:1] in "AEIOUYÉÈÊÂÎÔ" else "de ") + nom


def lire(nom: str) -> list[dict]:
    """Les lignes du fichier ; les codes commune perdus de leur zéro initial (``1001`` pour ``01001``) rétablis."""
    with open(REEL / nom, encoding="utf-8-sig") as f:
        lignes = [r for r in csv.DictReader(f) if r["codgeo"].strip()]
    for r in lignes:
        r["codgeo"] = r["codgeo"].strip().zfill(5)
    return lignes


def main() -> None:
    with open(REF / "passage_cog.csv", encoding="utf-8") as f:
        passage = {r["ancien_code"]: r["code_commune"] for r in csv.DictReader(f)}
    with open(REF / "arrondissements_municipaux.csv", encoding="utf-8") as f:  # Paris, Lyon, Marseille
        passage |= {r["code_arrondissement"]: r["code_commune"] for r in csv.DictReader(f)}
    with gzip.open(REF / "communes.csv.gz", "rt", encoding="utf-8") as f:
        communes = {r["code_commune"] for r in csv.DictReader(f)}
    zonages = {
        "ze": [(r["codgeo"], r["codze2020"], r["libze2020"]) for r in lire("zones-emploi-2020-communes.csv")],
        "be": [(r["codgeo"], r["codbe"], NOMS_BASSINS.get(r["codbe"], (r["libbe"].title(), _de(r["libbe"].title()))))
               for r in lire("bassins-emploi-france-travail-2021-communes.csv")],
    }
    lignes, membres, inconnues = [], set(), set()
    for zonage, rangs in zonages.items():
        noms = {}
        for codgeo, code, nom in rangs:
            noms.setdefault(code, nom)
            if passage.get(codgeo, codgeo) in communes:
                membres.add((f"{zonage}-{code}", passage.get(codgeo, codgeo)))
            else:
                inconnues.add(codgeo)
        for code, nom in sorted(noms.items()):
            if zonage == "ze":
                textes = (f"Zone d'emploi de {nom}", f"ZE {nom}", f"la zone d'emploi de {nom}", "zone_emploi",
                          "Insee, zonage en zones d'emploi 2020")
            else:
                court, complement = nom
                textes = (f"Bassin d'emploi {complement}", f"BE {court}", f"le bassin d'emploi {complement}",
                          "bassin_emploi", "France Travail, bassins d'emploi 2021")
            lignes.append([f"{zonage}-{code}", *textes])
    with open(REF / "zonages.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["territoire", "nom", "nom_court", "designation", "type", "source"])
        w.writerows(lignes)
    with gzip.GzipFile(REF / "zonages_communes.csv.gz", "wb", mtime=0) as brut, \
            io.TextIOWrapper(brut, encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["territoire", "code_commune"])
        w.writerows(sorted(membres))
    print(f"{len(lignes)} zones et bassins, {len(membres)} appartenances écrits dans data/ref/ ; "
          f"{len(inconnues)} codes absents du COG 2026 ignorés : {', '.join(sorted(inconnues)[:10])}")


if __name__ == "__main__":
    main()
