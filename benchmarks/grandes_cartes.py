"""Les plus grandes cartes dans un vrai navigateur (Chromium de Debian, sans tête), depuis un lien : chaque commune
d'une région (le Grand Est, 5 115 communes ; Auvergne-Rhône-Alpes ; les Hauts-de-France) et la France par
département, sur une base de toute la France. Serveur lancé comme en production (``python -m observatoire app``,
préchauffé) sur la base ``OBSERVATOIRE_DB`` ; chaque mesure ouvre un contexte neuf (1366×768) et s'arrête quand les
formes sont dessinées. Donne les temps, leur médiane et le poids du HTML de la carte.
Usage : ``OBSERVATOIRE_DEPARTEMENTS=tous python -m observatoire build`` puis
``OBSERVATOIRE_DEPARTEMENTS=tous python benchmarks/grandes_cartes.py [N]``
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))
sys.path.insert(0, str(RACINE / "deploiement"))
import locale_grappe  # noqa: E402

from observatoire import chemins  # noqa: E402

LIENS = {"Grand Est par commune": ("carte?territoire=dep-67&etendue=region&indicateur=population", 1000),
         "Auvergne-Rhône-Alpes par commune": ("carte?territoire=dep-69&etendue=region&indicateur=population", 1000),
         "Hauts-de-France par commune": ("carte?territoire=dep-59&etendue=region&indicateur=population", 1000),
         "France par département": ("carte?couche=departements&region=&indicateur=population", 90)}


def main(n: int = 5) -> None:
    base = chemins.base()
    proc, adresse = locale_grappe.serveur(base, chemins.dossier_imports(), base.parent / "banc-cartes.log")
    try:
        locale_grappe.attendre_sante("http://" + adresse)
        with sync_playwright() as p:
            navigateur = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            for nom, (lien, formes) in LIENS.items():
                temps, poids = [], 0
                for _ in range(n):
                    contexte = navigateur.new_context(viewport={"width": 1366, "height": 768})
                    page = contexte.new_page()
                    debut = time.perf_counter()
                    page.goto(f"http://{adresse}/{lien}")
                    page.wait_for_function(f"() => document.querySelectorAll('.obs-carte [data-code]').length >= {formes}",
                                           timeout=180_000)
                    temps.append(time.perf_counter() - debut)
                    poids = page.evaluate("() => document.querySelector('.obs-carte').outerHTML.length")
                    contexte.close()
                print(f"{nom} : médiane {statistics.median(temps):.2f} s ({', '.join(f'{t:.2f}' for t in temps)}), "
                      f"{poids / 1e6:.2f} Mo de HTML", flush=True)
    finally:
        proc.terminate()
        proc.wait(timeout=15)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
