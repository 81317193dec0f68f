"""Écrit un fichier DARES communal (disposition officielle, en-tête technique, « ; », UTF-8 avec BOM) d'environ
``TAILLE`` Mo pour mesurer l'import d'un gros fichier : les 647 communes du Nord (valeurs cohérentes, arrondies à
5) et, pour atteindre la taille, des communes d'autres départements, des arrondissements et des lignes de total,
comme dans le fichier national.

Usage : ``python benchmarks/fichier_dares.py SORTIE.csv [TAILLE_MO]`` puis, par exemple,
``farm-bench -n 5 -- .venv/bin/python -m observatoire import SORTIE.csv`` sur une copie de la base
(``OBSERVATOIRE_DB``).
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
ENTETE = ("date;code_region;region;code_departement;departement;code_commune;commune;type_de_donnees;categorie;"
          "sexe;tranche_d_age;nombre_de_demandeurs_d_emploi")
TRIMESTRES = [f"{a}-T4" for a in range(2015, 2025)]


def lignes_commune(date: str, dep: str, code: str, nom: str, total: int) -> list[str]:
    f = round(total * 0.48 / 5) * 5
    j, s = round(total * 0.15 / 5) * 5, round(total * 0.22 / 5) * 5
    parts = (("Total", "Total", total), ("Femmes", "Total", f), ("Hommes", "Total", total - f),
             ("Total", "Moins de 25 ans", j), ("Total", "De 25 à 49 ans", total - j - s),
             ("Total", "50 ans et plus", s))
    return [f"{date};32;Hauts-de-France;{dep};Dép. {dep};{code};{nom};Données brutes;ABC;{sx};{age};{v}"
            for sx, age, v in parts]


def main(sortie: Path, taille_mo: float = 30) -> None:
    with open(RACINE / "data" / "ref" / "communes.csv", encoding="utf-8") as f:
        nord = [(r["code_commune"], r["nom"]) for r in csv.DictReader(f)]
    lignes = [ENTETE]
    for date in TRIMESTRES:
        lignes += [x for code, nom in nord for x in lignes_commune(date, "59", code, nom, 100 + int(code[2:]) % 900 * 5)]
        lignes.append(f"{date};32;Hauts-de-France;59;Nord;Total;Total;Données brutes;ABC;Total;Total;210000")
    taille = sum(len(x.encode()) + 1 for x in lignes)
    k = 0
    while taille < taille_mo * 1024 * 1024:  # autres départements jusqu'à la taille voulue
        dep = f"{1 + k // 900 % 95:02d}".replace("59", "58")
        code = f"{dep}{k % 900 + 1:03d}"
        bloc = lignes_commune(TRIMESTRES[k % len(TRIMESTRES)], dep, code, f"Commune {code}", 200)
        lignes += bloc
        taille += sum(len(x.encode()) + 1 for x in bloc)
        k += 1
    sortie.write_text("\ufeff" + "\n".join(lignes) + "\n", encoding="utf-8")
    print(f"{sortie} : {sortie.stat().st_size / 1024 / 1024:.1f} Mo, {len(lignes) - 1} lignes")


if __name__ == "__main__":
    main(Path(sys.argv[1]), float(sys.argv[2]) if len(sys.argv) > 2 else 30)
