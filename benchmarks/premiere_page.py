"""Délai d'affichage de la première page dans un vrai navigateur (Chromium de Debian, sans tête) :
serveur démarré par ``python -m observatoire app`` (préchauffé) et prêt (santé OK), puis chronométrage du chargement jusqu'à ce que les chiffres
clés soient visibles ; aussi la carte (lien profond) jusqu'au dessin des communes. Chaque mesure ouvre une
session neuve (caches de requêtes du serveur vidés par un redémarrage avant chaque série). Deux mesures : vue par le
banc (de l'appel de ``goto`` au retour de l'attente, délais de Playwright compris) et par le navigateur lui-même
(``performance.now()`` quand l'élément apparaît dans la page, depuis le début de la navigation).
Usage : ``python benchmarks/premiere_page.py [N] [page…]`` (pages : synthèse, carte, évolutions ; toutes par défaut) ; chaque page est aussi rapportée au plancher de Streamlit (une page d'un
seul chiffre, benchmarks/plancher.py) mesuré dans le même passage.
"""
from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

RACINE = Path(__file__).resolve().parent.parent
# page -> (chemin, élément attendu) ; « plancher » : une page Streamlit d'un seul chiffre (benchmarks/plancher.py),
# servie par ``streamlit run`` : les rapports « × plancher » disent ce que l'Observatoire ajoute à Streamlit ;
# Évolutions : son premier graphique, dessiné par le serveur (courbes_html) ou par Plotly
CIBLES = {"plancher": ("", "[data-testid='stMetric']"), "synthèse": ("", "[data-testid='stMetric']"),
          "carte": ("carte", ".obs-carte [data-code]"),
          "évolutions": ("evolutions", ".obs-courbes path, [data-testid='stPlotlyChart'] .main-svg")}
# instant (horloge du navigateur) où le sélecteur apparaît dans la page
GUET = """const s = %r; new MutationObserver((_, o) => { if (document.querySelector(s)) { window.__vu = performance.now();
o.disconnect(); } }).observe(document, {subtree: true, childList: true});"""


def serveur(plancher: bool = False, racine: Path = RACINE) -> tuple[subprocess.Popen, str]:
    """Un serveur neuf sur un port libre, prêt (santé OK) : l'Observatoire de ``racine`` (une autre copie de travail
    pour comparer avant / après), ou le plancher."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    commande = ["-m", "streamlit", "run", str(RACINE / "benchmarks" / "plancher.py"), "--server.headless", "true",
                "--browser.gatherUsageStats", "false"] if plancher else ["-m", "observatoire", "app"]
    proc = subprocess.Popen([sys.executable, *commande, "--server.port", str(port), "--server.address", "127.0.0.1"],
                            cwd=RACINE if plancher else racine, env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("serveur non démarré")


def chromium(p):
    """Le Chromium de Debian, sans tête."""
    return p.chromium.launch(executable_path="/usr/bin/chromium",
                             args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])


def visite(nav, url: str, chemin: str, selecteur: str) -> tuple[float, float]:
    """Un visiteur neuf ouvre ``chemin`` : (secondes vues par le banc, de ``goto`` au retour de l'attente ; secondes
    à l'horloge du navigateur, quand ``selecteur`` apparaît dans la page)."""
    page = nav.new_page(viewport={"width": 1366, "height": 768})
    page.add_init_script(GUET % selecteur)
    t = time.perf_counter()
    page.goto(f"{url}/{chemin}")
    page.wait_for_selector(selecteur, timeout=60_000)
    banc = time.perf_counter() - t
    vu = page.evaluate("window.__vu") / 1000
    page.close()
    return banc, vu


def main(n: int = 5, pages: list[str] = ()) -> None:
    with sync_playwright() as p:
        nav = chromium(p)
        planchers = {}
        for nom, (chemin, selecteur) in CIBLES.items():
            if pages and nom != "plancher" and nom not in pages:
                continue
            froid, suivants, navigateur = [], [], []
            for i in range(n):
                proc, url = serveur(nom == "plancher")  # serveur neuf : aucun cache
                try:
                    for liste in (froid, suivants):
                        banc, vu = visite(nav, url, chemin, selecteur)
                        liste.append(banc)
                        navigateur.append(vu)
                finally:
                    proc.terminate()
                    proc.wait()
            medianes = [statistics.median(x) for x in (froid, suivants, navigateur)]
            planchers = planchers or dict(zip(("froid", "suivant", "navigateur"), medianes))
            rapport = " ; ".join(f"{m / planchers[k]:.2f}×".replace(".", ",")
                                 for k, m in zip(("froid", "suivant", "navigateur"), medianes))
            print(f"{nom:<10} premier visiteur après démarrage : médiane {medianes[0]:.2f} s ; visiteur suivant : "
                  f"{medianes[1]:.2f} s ; horloge du navigateur (tous) : {medianes[2]:.2f} s  (n = {n}) ; "
                  f"× plancher : {rapport}", flush=True)
        nav.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5, sys.argv[2:])
