"""Ruptures de série : les dates où une série change de définition ou de mode de collecte (la loi pour le plein
emploi au 1er janvier 2025, puis les changements de 2025 que signale la DREETS Hauts-de-France), lues dans
``data/ruptures.csv``.

Une évolution ou une courbe **passe** une rupture quand la rupture tombe après sa date de départ et au plus tard à
sa date d'arrivée (``debut < rupture <= fin``) : l'évolution sur un an au 31/03/2025 (depuis le 31/03/2024) passe
celle du 01/01/2025 ; celle au 31/12/2024 non. Tout ce qui montre une telle évolution le dit à côté du chiffre,
avec les mots d'ici (écran, fichiers, commandes, commentaire)."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from fnmatch import fnmatch
from functools import cache, lru_cache

import pandas as pd

from observatoire import formats
from observatoire.chemins import DATA


@dataclass(frozen=True)
class Rupture:
    rupture: str
    date: date
    indicateurs: tuple[str, ...]   # motifs (« demandeurs_* ») des indicateurs touchés
    titre: str                     # « loi pour le plein emploi »
    phrase: str                    # ce qui a changé, pour un élu
    mecanique: str                 # ce qu'une source chiffre de la part mécanique (vide sinon)
    source: str

    def touche(self, indicateur: str) -> bool:
        return any(fnmatch(str(indicateur), motif) for motif in self.indicateurs)


@cache
def toutes() -> tuple[Rupture, ...]:
    with open(DATA / "ruptures.csv", encoding="utf-8", newline="") as f:
        return tuple(Rupture(r["rupture"], date.fromisoformat(r["date"]), tuple(r["indicateurs"].split(",")),
                             r["titre"], r["phrase"], r["mecanique"], r["source"])
                     for r in csv.DictReader(f, delimiter=";"))


def _jour(x) -> date:
    return pd.Timestamp(x).date()


def passees(indicateurs, debut, fin) -> list[Rupture]:
    """Les ruptures que passe une évolution de ``debut`` à ``fin`` pour l'un des ``indicateurs`` (un nom ou une
    liste)."""
    if debut is None or fin is None or pd.isna(debut) or pd.isna(fin):
        return []
    indicateurs = (indicateurs,) if isinstance(indicateurs, str) else tuple(str(i) for i in indicateurs)
    d0, d1 = sorted((_jour(debut), _jour(fin)))
    return list(_passees(indicateurs, d0, d1))


@lru_cache(maxsize=4096)
def _passees(indicateurs: tuple[str, ...], d0: date, d1: date) -> tuple[Rupture, ...]:
    """Mémorisé : chaque page le demande pour chaque chiffre, courbe et tableau, aux mêmes dates de trimestre
    (4 % du temps du serveur sous charge en motifs ``fnmatch``, py-spy)."""
    return tuple(r for r in toutes() if d0 < r.date <= d1 and any(r.touche(i) for i in indicateurs))


def sur_un_an(indicateurs, date_) -> list[Rupture]:
    """Les ruptures que passe l'évolution sur un an au ``date_``."""
    return depuis(indicateurs, "un an", date_)


def des_chiffres(chiffres: pd.DataFrame) -> list[Rupture]:
    """Les ruptures que passent les évolutions sur un an de chiffres clés (colonnes ``indicateur``, ``date``,
    ``evolution_pct`` de la requête ``chiffres_cles``) : seulement celles qui sont montrées (évolution connue)."""
    return reunir(sur_un_an(c.indicateur, c.date) for c in chiffres.itertuples() if pd.notna(c.evolution_pct))


def reunir(listes) -> list[Rupture]:
    """Les ruptures de plusieurs listes, chacune une fois, dans l'ordre des dates."""
    return sorted({r for liste in listes for r in liste}, key=lambda r: r.date)


def un_an_avant(d: str, annees: int = 1) -> str:
    """« 2026-09-30 » -> « 2025-09-30 » : le départ d'une évolution sur un an (ou ``annees`` ans)."""
    return _avant(_jour(d), annees)


@lru_cache(maxsize=4096)
def _avant(d: date, annees: int) -> str:
    return (pd.Timestamp(d) - pd.DateOffset(years=annees)).date().isoformat()


def depuis(indicateurs, debut, fin) -> list[Rupture]:
    """Les ruptures que passe une évolution jusqu'à ``fin`` depuis ``debut`` : une date, « un an » (un an avant
    ``fin``) ou None (aucune évolution : aucune rupture)."""
    if debut is None:
        return []
    fin = pd.Timestamp(fin)
    return passees(indicateurs, pd.Timestamp(un_an_avant(fin)) if debut == "un an" else debut, fin)


def avertissement(ruptures: list[Rupture], quoi: str = "cette évolution", pluriel: bool = False) -> str | None:
    """Une phrase pour un élu, à côté du chiffre : « Attention, rupture de série : cette évolution passe le
    01/01/2025 (loi pour le plein emploi) ; elle ne se lit pas comme une évolution de la conjoncture. »"""
    if not ruptures:
        return None
    dates = formats.liste([f"le {formats.jour(r.date)} ({r.titre})" for r in ruptures])
    verbe, suite = ("passent", "elles ne se lisent pas") if pluriel else ("passe", "elle ne se lit pas")
    return (f"Attention, rupture de série : {quoi} {verbe} {dates} ; {suite} comme une évolution de la "
            "conjoncture.")


def explication(ruptures: list[Rupture]) -> list[str]:
    """Ce qui a changé à chaque rupture, et ce qu'une source chiffre de la part mécanique."""
    return [" ".join(x for x in (r.phrase, r.mecanique) if x) + f" Source : {r.source}." for r in ruptures]
