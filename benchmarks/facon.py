"""Requêtes de la Synthèse (chiffres clés, séries des cartes) pour un territoire nommé et pour un territoire à
façon, vu par les vues temporaires du curseur (observatoire.modele.facon.preparer), côté serveur, base complète du Nord.
Médianes sur N répétitions. Usage : ``python benchmarks/facon.py [N]``"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))
from observatoire import referentiel  # noqa: E402
from observatoire.modele import base, facon  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 15
CAS = {
    "MiE du Roubaisis (3 communes, territoire nommé)": "mie-roubaisis",
    "Roubaix + Tourcoing + Wattrelos (à façon)": facon.Facon("RTW", ("59512", "59599", "59650")).territoire(),
    "Nord sans Lille (646 communes, à façon)": facon.Facon("Nord sans Lille", tuple(
        c for c in referentiel.territoire("nord").membres if c != "59350")).territoire(),
}


def mesurer(con, territoire) -> float:
    c = con.cursor()
    t0 = time.perf_counter()
    a_facon = not isinstance(territoire, str)
    facon.preparer(c, (territoire,) if a_facon else ())
    ident = territoire.territoire if a_facon else territoire
    base.requete(c, "chiffres_cles", territoire=ident, date="2026-09-30")
    base.requete(c, "series_indicateurs", territoire=ident, indicateurs=["demandeurs_abc", "population"])
    c.close()
    return time.perf_counter() - t0


if __name__ == "__main__":
    with base.connecter() as con:
        for nom, territoire in CAS.items():
            print(f"{nom} : {statistics.median(mesurer(con, territoire) for _ in range(N)) * 1000:.0f} ms")
