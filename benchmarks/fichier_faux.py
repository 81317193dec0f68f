"""Écrit un CSV au format long dont toutes les lignes sont fausses (indicateur inconnu), de la taille voulue (47 Mo
par défaut, sous la limite de 50 000 000 octets) : pour mesurer qu'un fichier à un million d'erreurs est refusé en
temps et en mémoire bornés (rapport : 1 000 problèmes cités, les autres comptés).

Usage : ``.venv/bin/python benchmarks/fichier_faux.py /tmp/faux47.csv [Mo]``, puis
``farm-bench -n 3 --timeout 800 -- .venv/bin/python -m observatoire import /tmp/faux47.csv --dry-run``
"""
from __future__ import annotations

import sys
from pathlib import Path


def main() -> int:
    sortie, mo = Path(sys.argv[1]), float(sys.argv[2]) if len(sys.argv) > 2 else 47
    lignes = 0
    with sortie.open("w", encoding="utf-8") as f:
        f.write("code_commune;indicateur;date;valeur\n")
        while f.tell() < mo * 1_000_000:
            f.write("59512;chomeurs;2021-12-31;1\n")
            lignes += 1
    print(f"{sortie} : {lignes} lignes fausses, {sortie.stat().st_size} octets")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
