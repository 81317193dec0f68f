"""Enquête « Besoins en main-d'œuvre » 2024 de France Travail pour les Hauts-de-France.

Source : ``../shared/data/reel/bmo-2024-france-travail.xlsx`` (classeur open data de France Travail, feuille
``BMO_2024_open_data``, Licence Ouverte) : projets de recrutement (``met``), dont jugés difficiles (``xmet``),
dont saisonniers (``smet``), par métier BMO et bassin d'emploi (``BE24``). On garde la région Hauts-de-France
(``REG`` = 32) : les bassins du Nord pour la page « Métiers qui recrutent », les autres pour le total régional.
Une cellule « * » (secret statistique) reste vide dans la sortie, jamais 0. Écrit ``data/ref/bmo_2024.csv``
(versionné : l'application n'a pas besoin de ``../shared`` ensuite).

Usage : ``python scripts/refresh_bmo.py [--source FICHIER] [--sortie CSV]``
"""
from __future__ import annotations

import argparse
import csv
from pathlib import Path

from openpyxl import load_workbook

RACINE = Path(__file__).resolve().parent.parent
SOURCE = RACINE.parent / "shared" / "data" / "reel" / "bmo-2024-france-travail.xlsx"
SORTIE = RACINE / "data" / "ref" / "bmo_2024.csv"
FEUILLE = "BMO_2024_open_data"
REGION = "32"
COLONNES = {"annee": "annee", "Code métier BMO": "code_metier", "Nom métier BMO": "metier",
            "Famille_met": "famille", "Lbl_fam_met": "libelle_famille", "REG": "region", "Dept": "departement",
            "BE24": "bassin", "NOMBE24": "nom_bassin", "met": "projets", "xmet": "difficiles",
            "smet": "saisonniers"}


def effectif(cellule) -> str:
    """« * » (secret statistique) -> vide ; sinon un entier écrit tel quel."""
    texte = str(cellule).strip()
    if texte == "*":
        return ""
    return str(int(float(texte)))


def main(source: Path, sortie: Path = SORTIE) -> None:
    classeur = load_workbook(source, read_only=True, data_only=True)
    lignes = classeur[FEUILLE].iter_rows(values_only=True)
    entete = [str(c).strip() for c in next(lignes)]
    if set(COLONNES) - set(entete):
        raise SystemExit(f"{source.name} : colonnes absentes {sorted(set(COLONNES) - set(entete))}")
    position = {sortie: entete.index(nom) for nom, sortie in COLONNES.items()}
    garde = []
    for cellules in lignes:
        r = {sortie: cellules[i] for sortie, i in position.items()}
        if str(r["region"]).strip() != REGION:
            continue
        for c in ("projets", "difficiles", "saisonniers"):
            r[c] = effectif(r[c])
        r = {k: str(v).strip() if v is not None else "" for k, v in r.items()}
        r["departement"] = r["departement"].zfill(2)
        garde.append(r)
    classeur.close()
    garde.sort(key=lambda r: (r["bassin"], r["code_metier"]))
    with open(sortie, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(COLONNES.values()))
        w.writeheader()
        w.writerows(garde)
    print(f"{sortie.name} : {len(garde)} lignes (Hauts-de-France), "
          f"{sum(r['departement'] == '59' for r in garde)} dans le Nord.")


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--source", type=Path, default=SOURCE)
    p.add_argument("--sortie", type=Path, default=SORTIE)
    a = p.parse_args()
    main(a.source, a.sortie)
