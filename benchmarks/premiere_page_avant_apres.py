"""La première page dans Chromium, avant / après dans un même passage : les serveurs du plancher de Streamlit, d'une
autre copie de travail (« avant », par exemple ``git worktree add /tmp/avant <commit>``, avec ``.venv`` et la base en
liens symboliques) et de celle-ci (« après ») démarrés tour à tour, dans un ordre qui alterne, pour que la machine
pèse pareil sur les trois. Chaque serveur neuf reçoit deux visiteurs ; horloge du navigateur, comme
``premiere_page.py`` (mêmes pages, même attente).

Usage : ``.venv/bin/python benchmarks/premiere_page_avant_apres.py /tmp/avant [N] [page…]`` (N serveurs neufs par
version, 7 par défaut ; pages : synthèse, carte, évolutions ; toutes par défaut).
"""
from __future__ import annotations

import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from premiere_page import CIBLES, RACINE, chromium, serveur, visite


def main(avant: Path, n: int = 7, pages: list[str] = ()) -> None:
    versions = {"plancher": RACINE, "avant": avant, "après": RACINE}
    with sync_playwright() as p:
        nav = chromium(p)
        for nom_page, (chemin, selecteur) in CIBLES.items():
            if nom_page == "plancher" or (pages and nom_page not in pages):
                continue
            vus = {v: ([], []) for v in versions}  # (premiers visiteurs, suivants) à l'horloge du navigateur
            for i in range(n):
                for version in (list(versions) if i % 2 == 0 else list(versions)[::-1]):
                    proc, url = serveur(version == "plancher", versions[version])
                    try:
                        attendu = CIBLES["plancher"] if version == "plancher" else (chemin, selecteur)
                        for liste in vus[version]:
                            liste.append(visite(nav, url, *attendu)[1])
                    finally:
                        proc.terminate()
                        proc.wait()
            plancher = statistics.median(vus["plancher"][0] + vus["plancher"][1])
            for version, (premiers, suivants) in vus.items():
                tous = statistics.median(premiers + suivants)
                print(f"{nom_page:<10} {version:<8} {tous:.2f} s ({tous / plancher:.2f}×) ; premier visiteur après "
                      f"démarrage {statistics.median(premiers):.2f} s, suivant {statistics.median(suivants):.2f} s "
                      f"(n = {n})".replace(".", ","), flush=True)
        nav.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 7, sys.argv[3:])
