"""Délai d'affichage de la première page dans un vrai navigateur (Chromium de Debian, sans tête) :
serveur démarré par ``python -m observatoire app`` (préchauffé) et prêt (santé OK), puis chronométrage du chargement jusqu'à ce que les chiffres
clés soient visibles ; aussi la carte (lien profond) jusqu'au dessin des communes. Chaque mesure ouvre une
session neuve (caches de requêtes du serveur vidés par un redémarrage avant chaque série). Deux mesures : vue par le
banc (de l'appel de ``goto`` au retour de l'attente, délais de Playwright compris) et par le navigateur lui-même
(``performance.now()`` quand l'élément apparaît dans la page, depuis le début de la navigation).
Usage : ``python benchmarks/premiere_page.py [N]``
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
CIBLES = {"synthèse": ("", "[data-testid='stMetric']"), "carte": ("carte", ".obs-carte [data-code]")}
# instant (horloge du navigateur) où le sélecteur apparaît dans la page
GUET = """const s = %r; new MutationObserver((_, o) => { if (document.querySelector(s)) { window.__vu = performance.now();
o.disconnect(); } }).observe(document, {subtree: true, childList: true});"""


def serveur() -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "observatoire", "app", "--server.port", str(port),
                             "--server.address", "127.0.0.1"], cwd=RACINE, env=dict(os.environ),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("serveur non démarré")


def main(n: int = 5) -> None:
    with sync_playwright() as p:
        nav = p.chromium.launch(executable_path="/usr/bin/chromium",
                                args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for nom, (chemin, selecteur) in CIBLES.items():
            froid, suivants, navigateur = [], [], []
            for i in range(n):
                proc, url = serveur()  # serveur neuf : aucun cache
                try:
                    for liste in (froid, suivants):
                        page = nav.new_page(viewport={"width": 1366, "height": 768})
                        page.add_init_script(GUET % selecteur)
                        t = time.perf_counter()
                        page.goto(f"{url}/{chemin}")
                        page.wait_for_selector(selecteur, timeout=60_000)
                        liste.append(time.perf_counter() - t)
                        navigateur.append(page.evaluate("window.__vu") / 1000)
                        page.close()
                finally:
                    proc.terminate()
                    proc.wait()
            print(f"{nom:<10} premier visiteur après démarrage : médiane {statistics.median(froid):.2f} s ; "
                  f"visiteur suivant : {statistics.median(suivants):.2f} s ; horloge du navigateur (tous) : "
                  f"{statistics.median(navigateur):.2f} s  (n = {n})")
        nav.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
