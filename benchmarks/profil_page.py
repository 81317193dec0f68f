"""Ce que coûte une exécution de page côté serveur, sans réseau ni navigateur : chaque page exécutée par AppTest
(le même script que pour un navigateur), chronométrée dans trois cas — une vue neuve (territoire que la session n'a
pas encore vu : les caches de données manquent), la même vue redemandée (tout vient des caches partagés), et la
première exécution du processus.

Les temps sont ceux du fil d'exécution du script (pas l'envoi au navigateur) : médianes de ``--fois`` exécutions.

Usage : ``.venv/bin/python benchmarks/profil_page.py [--pages carte evolutions] [--fois 5]``
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))

PAGES = ["synthese", "carte", "evolutions", "profil", "comparer", "emploi", "metiers"]
TERRITOIRES = ["mel", "melt", "mno", "mie-roubaisis", "59512", "59350", "59599", "arr-lille", "59328", "59017"]


def executer(page: str, territoire: str) -> float:
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(RACINE / "app.py"), default_timeout=120)
    at.query_params["territoire"] = territoire
    if page != "synthese":
        at.switch_page(f"pages/{page}.py")
    debut = time.perf_counter()
    at.run()
    duree = time.perf_counter() - debut
    assert not at.exception, at.exception
    return duree


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pages", nargs="+", default=PAGES)
    p.add_argument("--fois", type=int, default=5)
    a = p.parse_args()
    os.chdir(RACINE)
    print("| page | première du processus | vue neuve (médiane) | même vue (médiane) |")
    print("|---|---|---|---|")
    for page in a.pages:
        premiere = executer(page, "mel")
        neuves = [executer(page, t) for t in TERRITOIRES[1:1 + a.fois]]
        memes = [executer(page, "mel") for _ in range(a.fois)]
        print(f"| {page} | {premiere * 1000:.0f} ms | {statistics.median(neuves) * 1000:.0f} ms | "
              f"{statistics.median(memes) * 1000:.0f} ms |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
