"""Zones d'emploi 2020 (Insee) et bassins d'emploi 2021 (France Travail) qui touchent le Nord, comme territoires.

Sources : ``../shared/data/reel/zones-emploi-2020-communes.csv`` et
``../shared/data/reel/bassins-emploi-france-travail-2021-communes.csv`` (Licence Ouverte). Les codes des deux
zonages se chevauchent (3218 est la zone d'emploi de Roubaix-Tourcoing mais le bassin de Dunkerque) : les
identifiants disent le zonage (``ze-3218``, ``be-3218``). Pour chaque zone, on garde ses communes du Nord (au
COG 2026) et le nombre de ses communes hors du Nord : ses totaux sont alors « incomplets », jamais la somme de
sa seule partie nordiste. Écrit ``data/ref/zonages.csv`` et ``data/ref/zonages_communes.csv``.

Usage : ``python scripts/refresh_zonages.py``
"""
from __future__ import annotations

import csv
from collections import defaultdict
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


def lire(nom: str) -> list[dict]:
    with open(REEL / nom, encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def main() -> None:
    with open(REF / "passage_cog.csv", encoding="utf-8") as f:
        passage = {r["ancien_code"]: r["code_commune"] for r in csv.DictReader(f)}
    with open(REF / "communes.csv", encoding="utf-8") as f:
        communes = {r["code_commune"] for r in csv.DictReader(f)}
    zonages = {
        "ze": [(r["codgeo"], r["codze2020"], r["libze2020"]) for r in lire("zones-emploi-2020-communes.csv")],
        "be": [(r["codgeo"], r["codbe"], NOMS_BASSINS.get(r["codbe"], (r["libbe"].title(), "de " + r["libbe"].title())))
               for r in lire("bassins-emploi-france-travail-2021-communes.csv")],
    }
    lignes, membres = [], []
    for zonage, rangs in zonages.items():
        nord = {code for codgeo, code, _ in rangs if codgeo.startswith("59")}
        for code in sorted(nord):
            nom = next(n for _, c, n in rangs if c == code)
            dedans = {passage.get(g, g) for g, c, _ in rangs if c == code and g.startswith("59")} & communes
            dehors = len({g for g, c, _ in rangs if c == code and not g.startswith("59")})
            ident = f"{zonage}-{code}"
            if zonage == "ze":
                textes = (f"Zone d'emploi de {nom}", f"ZE {nom}", f"la zone d'emploi de {nom}", "zone_emploi",
                          "Insee, zonage en zones d'emploi 2020")
            else:
                court, complement = nom
                textes = (f"Bassin d'emploi {complement}", f"BE {court}", f"le bassin d'emploi {complement}",
                          "bassin_emploi", "France Travail, bassins d'emploi 2021")
            lignes.append([ident, *textes[:4], dehors, textes[4]])
            membres += [[ident, c] for c in sorted(dedans)]
    with open(REF / "zonages.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["territoire", "nom", "nom_court", "designation", "type", "communes_hors_nord", "source"])
        w.writerows(lignes)
    with open(REF / "zonages_communes.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["territoire", "code_commune"])
        w.writerows(membres)
    print(f"{len(lignes)} zones et bassins, {len(membres)} appartenances écrits dans data/ref/")


if __name__ == "__main__":
    main()
