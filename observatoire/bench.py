"""Banc d'essai : durée de construction de la base, médiane de chaque requête de queries/ sur le panel
complet, et la même question posée en pandas pur sur les mêmes données (en mémoire), en ratio.

Usage : ``python -m observatoire bench [--repetitions N] [--markdown]`` (``--markdown`` : le tableau de
docs/performances.md, dont tests/test_readme.py vérifie qu'il nomme exactement les requêtes mesurées ici).
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from observatoire import formats
from observatoire.modele import base

PARAMS = {
    "indicateurs": {},
    "series_indicateurs": {"territoire": "mel", "indicateurs": ["demandeurs_a", "demandeurs_b", "demandeurs_c"]},
    "bulletin": {"territoire": "melt", "date": "2023-12-31", "detail": True},
    "chiffres_cles": {"territoire": "melt", "date": "2023-12-31"},
    "verification_publications": {},
    # requêtes des pages (sans équivalent pandas dans ce banc)
    "territoires": {},
    "dates_disponibles": {"indicateur": "demandeurs_abc"},
    "structure_demandeurs": {"territoire": "mel", "date": "2021-12-31"},
    "series_comparees": {"territoires": ["melt", "mel", "nord"], "indicateur": "demandeurs_abc_femmes",
                         "date_base": "2011-12-31", "avec_demonstration": False},
    "carte_communes": {"zone": "nord", "region": None, "territoire": "nord", "indicateur": "demandeurs_abc", "date": "2021-12-31",
                       "date_base": "2011-12-31", "mesure": "pour_100"},
    "comparaison_territoires": {"territoires": ["melt", "mel", "arr-lille", "nord"], "date": "2023-12-31"},
    "emploi_secteurs": {"territoire": "nord", "date": "2021-12-31"},
}


class Pandas:
    """Les mêmes questions en pandas, sur les tables chargées en mémoire."""

    def __init__(self, con):
        self.f = con.execute("SELECT * FROM faits").df()
        self.tc = con.execute("SELECT * FROM territoire_communes").df()
        self.ind = con.execute("SELECT * FROM indicateurs").df().set_index("indicateur")
        self.pub = con.execute("SELECT * FROM publications").df()
        self.f["date"] = pd.to_datetime(self.f.date)

    def _somme(self, terr, ind, d=None) -> pd.Series:
        m = self.tc.code_commune[self.tc.territoire == terr]
        x = self.f[(self.f.indicateur == ind) & self.f.code_commune.isin(m)]
        if d is not None:
            x = x[x.date == pd.Timestamp(d)]
        return x.groupby("date").valeur.sum()

    def indicateurs(self):
        return self.ind.reset_index()

    def series_indicateurs(self, territoire, indicateurs):
        return {i: self._somme(territoire, i) for i in indicateurs}

    def bulletin(self, territoire, date, detail):
        d, d1 = pd.Timestamp(date), pd.Timestamp(date) - pd.DateOffset(years=1)
        membres = self.tc[self.tc.territoire == territoire]
        x = self.f[self.f.date.isin([d, d1]) & self.f.indicateur.isin(self.ind.index[self.ind.ordre_bulletin.notna()])]
        x = x.merge(membres, on="code_commune")
        communes = x.pivot_table(index=["indicateur", "code_commune"], columns="date", values="valeur", aggfunc="sum")
        total = communes.groupby(level="indicateur").sum()
        return total, communes

    def chiffres_cles(self, territoire, date):
        out = {}
        for ind in ("population", "demandeurs_abc", "demandeurs_a", "emploi_prive", "etablissements",
                    "creations_entreprises"):
            s = self._somme(territoire, ind)
            s = s[s.index <= pd.Timestamp(date)]
            out[ind] = (s.iloc[-1], s.get(s.index[-1] - pd.DateOffset(years=1)))
        return out

    def verification_publications(self):
        return [self._somme(r.territoire, r.indicateur, r.date).sum() for r in self.pub.itertuples()]


def mediane_ms(f, n: int) -> float:
    f()  # échauffement (caches)
    durees = []
    for _ in range(n):
        t = time.perf_counter()
        f()
        durees.append((time.perf_counter() - t) * 1000)
    return statistics.median(durees)


def ms(x: float) -> str:
    """« 3,5 ms », « 3 554 ms » (tableaux de docs/performances.md)."""
    return f"{formats.nombre(x, 0 if x >= 1000 else 1)} ms"


def lignes_markdown(build_s: float, mesures: dict[str, tuple[float, float | None]]) -> list[str]:
    """Le tableau de docs/performances.md : une ligne par mesure, dans l'ordre de PARAMS."""
    out = ["| mesure | DuckDB | pandas | pandas / DuckDB |", "|---|---:|---:|---:|",
           f"| construction de la base | {formats.nombre(build_s, 1)} s | | |"]
    for nom, (ddb, pan) in mesures.items():
        ratio = f"{formats.nombre(pan / ddb, 1)}×" if pan else ""
        out.append(f"| {nom} | {ms(ddb)} | {ms(pan) if pan else ''} | {ratio} |")
    return out


def main(repetitions: int = 15, markdown: bool = False) -> None:
    with tempfile.TemporaryDirectory() as d:
        builds = [base.construire(Path(d) / f"bench{i}.duckdb", rejouer_imports=False)["total"] for i in range(3)]
    print(f"Construction de la base (3 fois) : médiane {statistics.median(builds):.2f} s")
    mesures = {}
    with base.connecter() as con:
        pdq = Pandas(con)
        print(f"\n{'requête':<28}{'DuckDB (ms)':>12}{'pandas (ms)':>13}{'pandas / DuckDB':>17}")
        for nom, p in PARAMS.items():
            ddb = mediane_ms(lambda: base.requete(con, nom, **p), repetitions)
            pan = mediane_ms(lambda: getattr(pdq, nom)(**p), max(3, repetitions // 3)) if hasattr(pdq, nom) else None
            mesures[nom] = (ddb, pan)
            print(f"{nom:<28}{ddb:>12.1f}" + (f"{pan:>13.1f}{pan / ddb:>16.1f}×" if pan else f"{'–':>13}{'–':>17}"))
    faits = formats.nombre(len(pdq.f))
    print(f"\nMédianes sur {repetitions} exécutions (pandas : {max(3, repetitions // 3)}), après une exécution "
          f"d'échauffement ; panel complet du Nord ({faits} faits, données chargées en mémoire pour pandas).")
    if markdown:  # le tableau de docs/performances.md, à recopier tel quel
        print("\n" + "\n".join(lignes_markdown(statistics.median(builds), mesures)))
