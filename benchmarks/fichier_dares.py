"""Écrit un fichier DARES communal (disposition officielle, en-tête technique, « ; », UTF-8 avec BOM) d'environ
``TAILLE`` Mo pour mesurer l'import d'un gros fichier : les communes des départements choisis (le Nord par défaut ;
valeurs cohérentes, arrondies à 5), une ligne de total par département et, pour atteindre la taille, des communes
fictives d'autres départements, comme dans le fichier national.

Usage : ``python benchmarks/fichier_dares.py SORTIE.csv [TAILLE_MO] [--departements 69|tous] [--trimestriel]``
(``0`` pour la seule taille des communes choisies) puis, par exemple,
``farm-bench -n 5 -- .venv/bin/python -m observatoire import SORTIE.csv`` sur une copie de la base
(``OBSERVATOIRE_DB``).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))
from observatoire import referentiel  # noqa: E402
ENTETE = ("date;code_region;region;code_departement;departement;code_commune;commune;type_de_donnees;categorie;"
          "sexe;tranche_d_age;nombre_de_demandeurs_d_emploi")
TRIMESTRES = [f"{a}-T4" for a in range(2015, 2025)]


def lignes_commune(date: str, dep: str, code: str, nom: str, total: int) -> list[str]:
    f = round(total * 0.48 / 5) * 5
    j, s = round(total * 0.15 / 5) * 5, round(total * 0.22 / 5) * 5
    parts = (("Total", "Total", total), ("Femmes", "Total", f), ("Hommes", "Total", total - f),
             ("Total", "Moins de 25 ans", j), ("Total", "De 25 à 49 ans", total - j - s),
             ("Total", "50 ans et plus", s))
    return [f"{date};00;Région;{dep};Dép. {dep};{code};{nom};Données brutes;ABC;{sx};{age};{v}"
            for sx, age, v in parts]


def main(sortie: Path, taille_mo: float = 30, departements: str = "59", trimestres: list[str] = TRIMESTRES) -> None:
    france = referentiel.communes_france()
    if departements != "tous":
        france = france[france.departement.isin(departements.split(","))]
    lignes = [ENTETE]
    for date in trimestres:
        for dep, communes in france.groupby("departement"):
            lignes += [x for code, nom in zip(communes.code_commune, communes.nom)
                       for x in lignes_commune(date, dep, code, nom, 100 + int(code[2:].replace("A", "0").replace(
                           "B", "0")) % 900 * 5)]
            lignes.append(f"{date};00;Région;{dep};Dép. {dep};Total;Total;Données brutes;ABC;Total;Total;210000")
    taille = sum(len(x.encode()) + 1 for x in lignes)
    k = 0
    while taille < taille_mo * 1024 * 1024:  # communes fictives d'autres départements jusqu'à la taille voulue
        dep = f"{1 + k // 900 % 95:02d}".replace("59", "58")
        code = f"{dep}{k % 900 + 1:03d}"
        bloc = lignes_commune(trimestres[k % len(trimestres)], dep, code, f"Commune {code}", 200)
        lignes += bloc
        taille += sum(len(x.encode()) + 1 for x in bloc)
        k += 1
    sortie.write_text("\ufeff" + "\n".join(lignes) + "\n", encoding="utf-8")
    print(f"{sortie} : {sortie.stat().st_size / 1024 / 1024:.1f} Mo, {len(lignes) - 1} lignes")


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("sortie", type=Path)
    p.add_argument("taille_mo", type=float, nargs="?", default=30, help="taille minimale (communes fictives en plus)")
    p.add_argument("--departements", default="59", help="« 59 », « 69 », « 59,62 » ou « tous »")
    p.add_argument("--trimestriel", action="store_true",
                   help="les 40 trimestres de 2015 à 2024 (T1 à T4) au lieu des seuls quatrièmes trimestres")
    a = p.parse_args()
    main(a.sortie, a.taille_mo, a.departements,
         [f"{an}-T{t}" for an in range(2015, 2025) for t in range(1, 5)] if a.trimestriel else TRIMESTRES)
