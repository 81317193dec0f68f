"""Banc de charge : 20 sessions Chromium (un navigateur, 20 pages) pendant 60 s, par le proxy nginx
devant 1 ou 2 répliques (deploiement/locale_grappe.py), chacune enchaînant changements de page (liens de la barre
latérale) et de territoire ou d'indicateur (adresse), pendant qu'un import est publié au milieu.

Mesure : temps de chaque interaction (du clic à la fin de l'exécution, médiane et 95e centile), exceptions
Streamlit, sessions perdues (page qui ne répond plus en 60 s), mémoire (RSS) des répliques avant et après.

Usage : ``.venv/bin/python benchmarks/charge.py [--sessions 20] [--duree 60] [--repliques 1 2]``
"""
from __future__ import annotations

import argparse
import asyncio
import random
import time

from grappe_de_charge import grappe_sous_import, quantile, rss_mo

LIENS = ["Synthèse", "Carte", "Évolutions", "Profil des demandeurs", "Comparer les territoires",
         "Emploi salarié et entreprises", "Métiers qui recrutent"]
TERRITOIRES = ["mel", "melt", "mno", "mie-roubaisis", "59512", "59350", "arr-lille", "ze-3216"]
INDICATEURS = ["demandeurs_abc", "demandeurs_a", "demandeurs_abc_femmes", "emploi_prive"]
FIN_EXECUTION = ("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
                 " && !document.querySelector('[data-stale=\"true\"]')"
                 " && document.querySelector('[data-testid=\"stMain\"] h1')")


async def session(navigateur, url: str, fin: float, hasard: random.Random, mesures: list, bilan: dict,
                  retard: float) -> None:
    await asyncio.sleep(retard)  # arrivées étalées (une personne toutes les 0,5 s), comme un vrai public
    contexte = await navigateur.new_context(viewport={"width": 1366, "height": 768})
    page = await contexte.new_page()
    try:
        debut = time.perf_counter()
        await page.goto(f"{url}/?territoire={hasard.choice(TERRITOIRES)}", timeout=180_000)
        await page.wait_for_function(FIN_EXECUTION, timeout=180_000)
        bilan["premieres"].append(time.perf_counter() - debut)
        while time.monotonic() < fin:
            debut = time.perf_counter()
            if hasard.random() < 0.6:
                await page.locator("[data-testid='stSidebar'] [data-testid='stPageLink'] a",
                                   has_text=hasard.choice(LIENS)).first.click()
            else:
                chemin = page.url.split("?")[0]
                await page.goto(f"{chemin}?territoire={hasard.choice(TERRITOIRES)}"
                                f"&indicateur={hasard.choice(INDICATEURS)}")
            await page.wait_for_timeout(150)
            await page.wait_for_function(FIN_EXECUTION, timeout=60_000)
            mesures.append(time.perf_counter() - debut)
            bilan["exceptions"] += await page.locator("[data-testid='stException']").count()
    except Exception as e:  # noqa: BLE001 — une session qui ne répond plus est comptée, pas fatale
        bilan["perdues"] += 1
        bilan["erreurs"].append(type(e).__name__)
    finally:
        await contexte.close()


async def charge(url: str, sessions: int, duree: float, importer) -> tuple[list, dict]:
    from playwright.async_api import async_playwright
    mesures, bilan = [], {"exceptions": 0, "perdues": 0, "erreurs": [], "premieres": []}
    async with async_playwright() as p:
        navigateur = await p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        fin = time.monotonic() + duree
        taches = [session(navigateur, url, fin, random.Random(i), mesures, bilan, 0.5 * i) for i in range(sessions)]

        async def au_milieu():
            await asyncio.sleep(duree / 2)
            await asyncio.to_thread(importer)
        await asyncio.gather(*taches, au_milieu())
        await navigateur.close()
    return mesures, bilan


def mesurer(repliques: int, sessions: int, duree: float) -> None:
    with grappe_sous_import(repliques) as (g, publier):
        def importer():
            reussi, erreur = publier()
            print(f"  import publié au milieu : {'oui' if reussi else 'NON ' + erreur}")

        pids = [p.pid for p, _ in g["repliques"]]
        avant = [rss_mo(pid) for pid in pids]
        mesures, bilan = asyncio.run(charge(g["url"], sessions, duree, importer))
        apres = [rss_mo(pid) for pid in pids]
    print(f"{repliques} réplique(s), {sessions} sessions, {duree:.0f} s : {len(mesures)} interactions, "
          f"médiane {quantile(mesures, 50)}, p95 {quantile(mesures, 95)} ; première page médiane "
          f"{quantile(bilan['premieres'], 50)} ; "
          f"exceptions Streamlit {bilan['exceptions']} ; sessions perdues {bilan['perdues']} "
          f"{sorted(set(bilan['erreurs']))} ; RSS des répliques avant {' / '.join(f'{x:.0f}' for x in avant)} Mo, "
          f"après {' / '.join(f'{x:.0f}' for x in apres)} Mo", flush=True)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sessions", type=int, default=20)
    p.add_argument("--duree", type=float, default=60)
    p.add_argument("--repliques", type=int, nargs="+", default=[1, 2])
    a = p.parse_args()
    for n in a.repliques:
        mesurer(n, a.sessions, a.duree)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
