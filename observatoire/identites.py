"""Les identités entre indicateurs, écrites une fois dans ``data/identites.csv`` : « égalité » (le total est la
somme exacte de ses composantes : hommes + femmes = ABC) et « inclusion » (la somme des composantes ne dépasse
pas le total : RSA ≤ ABC). Lues par la validation des imports, le panel de démonstration (la composante
``reste`` y est calculée comme total moins les autres), le calibrage (``calibree`` : total et composantes publiés
ensemble, ajustés ensemble) et les tests."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from observatoire.chemins import DATA


@dataclass(frozen=True)
class Identite:
    regle: str                    # « egalite » ou « inclusion »
    total: str
    composantes: tuple[str, ...]
    reste: str | None             # égalité : la composante que le panel déduit des autres
    calibree: bool

    def __str__(self) -> str:
        return f"{' + '.join(self.composantes)} {'=' if self.regle == 'egalite' else '<='} {self.total}"


@lru_cache(maxsize=1)
def identites() -> tuple[Identite, ...]:
    with open(DATA / "identites.csv", encoding="utf-8", newline="") as f:
        return tuple(Identite(r["regle"], r["total"], tuple(r["composantes"].split()), r["reste"] or None,
                              r["calibree"] == "oui") for r in csv.DictReader(f, delimiter=";"))


def egalites() -> list[Identite]:
    return [i for i in identites() if i.regle == "egalite"]


def inclusions() -> list[Identite]:
    return [i for i in identites() if i.regle == "inclusion"]
