"""Temps d'une interaction vu dans Chromium : du clic de la personne à la fin de l'exécution (plus d'élément
périmé, plus d'indicateur « en cours ») et au texte attendu à l'écran. Serveur lancé comme en production
(``python -m observatoire app``), navigateur Chromium de Debian sans tête, fenêtre 1366×768.
Interactions : territoire choisi dans la barre latérale (on tape, on clique l'option), lien de la barre
latérale, mesure de la carte, clic sur une commune de la carte, diapositive suivante. Médianes sur N répétitions (valeurs alternées).
Usage : ``python benchmarks/interactions_navigateur.py [N]``
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from outils_navigateur import cliquer_commune  # noqa: E402
from premiere_page import chromium, serveur  # noqa: E402

FIN = ("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
       " && !document.querySelector('[data-stale=\"true\"]')")


def fin(page, texte: str) -> None:
    """Attend la fin de l'exécution et le texte attendu dans le titre ou la barre de la page."""
    page.wait_for_function(f"() => ({FIN})() && document.body.innerText.includes({texte!r})", timeout=60_000)


def chrono(page, geste, texte: str) -> float:
    page.wait_for_function(FIN, timeout=60_000)
    page.wait_for_timeout(300)
    t = time.perf_counter()
    geste()
    fin(page, texte)
    return time.perf_counter() - t


def territoire(page, tape: str, option: str):
    champ = page.locator("[data-testid='stSidebar'] input[aria-label='Territoire']")
    champ.click()
    champ.fill(tape)
    page.get_by_role("option", name=option, exact=True).first.wait_for()
    return lambda: page.get_by_role("option", name=option, exact=True).first.click()


def lien(page, titre: str):
    return lambda: page.locator("[data-testid='stSidebar'] [data-testid='stPageLink'] a", has_text=titre).first.click()


def mesure(page, option: str):
    champ = page.locator("[data-testid='stMain'] input[aria-label='Mesure']")
    champ.click()
    champ.fill(option)
    page.get_by_role("option", name=option, exact=True).first.wait_for()
    return lambda: page.get_by_role("option", name=option, exact=True).first.click()


def main(n: int = 5) -> None:
    proc, url = serveur()
    mesures: dict[str, list[float]] = {}
    try:
        with sync_playwright() as p:
            nav = chromium(p)
            page = nav.new_page(viewport={"width": 1366, "height": 768})
            page.goto(url)
            page.wait_for_selector("[data-testid='stMetric']", timeout=90_000)
            for k in range(n):
                nom, tape, clic, cliquee = (("Mission Emploi Lys-Tourcoing", "Lys-Tourcoing", "59599", "Tourcoing"),
                                            ("Roubaix", "Roubaix", "59650", "Wattrelos"))[k % 2]
                page.goto(url)
                page.wait_for_selector("[data-testid='stMetric']", timeout=90_000)
                mesures.setdefault("territoire (barre latérale)", []).append(
                    chrono(page, territoire(page, tape, nom), f"Synthèse – {nom}"))
                mesures.setdefault("lien Synthèse → Carte", []).append(
                    chrono(page, lien(page, "Carte"), "Carte – "))
                page.wait_for_selector(".obs-carte [data-code]", timeout=60_000)
                mesures.setdefault("mesure de la carte", []).append(
                    chrono(page, mesure(page, "Pour 100 habitants"), "Pour 100 habitants"))
                mesures.setdefault("clic sur une commune de la carte", []).append(
                    chrono(page, lambda: cliquer_commune(page, clic), f"Demandeurs ABC – {cliquee}"))
                mesures.setdefault("lien Carte → Évolutions", []).append(
                    chrono(page, lien(page, "Évolutions"), "Évolutions – "))
                mesures.setdefault("lien → Mode présentation", []).append(
                    chrono(page, lien(page, "Mode présentation"), "1 / "))
                mesures.setdefault("diapositive suivante", []).append(
                    chrono(page, lambda: page.get_by_role("button", name="Suivante").click(), "2 / "))
            nav.close()
    finally:
        proc.terminate()
        proc.wait()
    toutes = [x for v in mesures.values() for x in v]
    for nom, v in mesures.items():
        print(f"{nom:<34} médiane {statistics.median(v):.2f} s  (min {min(v):.2f}, max {max(v):.2f}, n = {len(v)})")
    print(f"{'toutes interactions':<34} médiane {statistics.median(toutes):.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
