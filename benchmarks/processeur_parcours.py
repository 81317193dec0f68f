"""Qui prend le processeur pendant un parcours dans Chromium : temps de processeur de chaque sorte de processus de
Chromium (rendu, navigateur, GPU, réseau) et du serveur de l'application, pendant le même parcours (territoire tapé
dans la barre latérale, puis huit liens). Sert à savoir où va le temps des parcours de la CI (docs/tests.md).
Usage : ``python benchmarks/processeur_parcours.py [--sans-script] [--mouvement-reduit]``
  --sans-script       notre script de page (observatoire-interface.js) remplacé par un script vide
  --mouvement-reduit  le navigateur demande prefers-reduced-motion
Serveur lancé comme en production (``python -m observatoire app``) sur la base embarquée."""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from outils_navigateur import CHROMIUM, DRAPEAUX, Navigateur, attendre, choisir, lien  # noqa: E402
from premiere_page import serveur  # noqa: E402

LIENS = ["Carte", "Évolutions", "Profil des demandeurs", "Comparer les territoires", "Emploi salarié et entreprises",
         "Métiers qui recrutent", "Synthèse", "Carte"]
TIC = os.sysconf("SC_CLK_TCK")


def processus() -> list[tuple[int, int, str]]:
    """(pid, pid du parent, ligne de commande) de chaque processus de la machine."""
    tous = []
    for d in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{d}/stat").read_text()
            commande = Path(f"/proc/{d}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        tous.append((int(d), int(stat.rsplit(")", 1)[1].split()[1]), commande))
    return tous


def descendants(racine: int) -> list[tuple[int, str]]:
    tous, resultat, front = processus(), [], {racine}
    while front:
        enfants = [(p, c) for p, parent, c in tous if parent in front]
        resultat += enfants
        front = {p for p, _ in enfants}
    return resultat


def secondes(pid: int) -> float:
    """Temps de processeur (utilisateur + système, enfants attendus compris) du processus, en secondes."""
    try:
        champs = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(x) for x in champs[11:15]) / TIC


def par_sorte(racine: int) -> Counter:
    """Secondes de processeur des processus de Chromium descendant de ``racine``, par sorte (--type=…)."""
    sortes = Counter()
    for pid, commande in descendants(racine):
        if "chrom" not in commande.split(" ")[0]:
            continue
        sorte = next((a.split("=", 1)[1] for a in commande.split() if a.startswith("--type=")), "navigateur")
        sortes[sorte] += secondes(pid)
    return sortes


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--sans-script", action="store_true")
    options.add_argument("--mouvement-reduit", action="store_true")
    a = options.parse_args()
    proc, url = serveur()
    try:
        with sync_playwright() as p:
            nav = Navigateur(p.chromium.launch(executable_path=CHROMIUM, args=DRAPEAUX))
            page = nav.new_page(viewport={"width": 1366, "height": 768},
                                reduced_motion="reduce" if a.mouvement_reduit else "no-preference")
            if a.sans_script:
                page.route("**/observatoire-interface.js",
                           lambda r: r.fulfill(body="", content_type="text/javascript"))
            avant, serveur_avant, debut = par_sorte(os.getpid()), secondes(proc.pid), time.perf_counter()
            page.goto(url)
            page.wait_for_selector("[data-testid='stSidebar'] input[aria-label='Territoire']", timeout=90_000)
            attendre(page)
            choisir(page, "Territoire", "Roubaisis", "MiE du Roubaisis")
            for titre in LIENS:
                lien(page, titre)
            apres, serveur_apres, duree = par_sorte(os.getpid()), secondes(proc.pid), time.perf_counter() - debut
            nav.close()
    finally:
        proc.terminate()
        proc.wait()
    chromium = {sorte: apres[sorte] - avant.get(sorte, 0.0) for sorte in apres}
    print(f"Parcours : {duree:.1f} s ; serveur : {serveur_apres - serveur_avant:.1f} s de processeur ; Chromium : "
          f"{sum(chromium.values()):.1f} s (" + ", ".join(f"{s} {v:.1f} s" for s, v in
                                                         sorted(chromium.items(), key=lambda x: -x[1])) + ")")


if __name__ == "__main__":
    main()
