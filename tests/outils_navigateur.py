"""Outils des tests dans Chromium (Debian, sans tête) : serveur de l'application lancé comme en production
(``python -m observatoire app``), navigateur Playwright, et gestes d'une personne dans l'interface."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
RACINE = Path(__file__).resolve().parent.parent
ARTEFACTS = RACINE / "artefacts"
DRAPEAUX = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ERREUR_FRANCAISE = "Cette vue n'a pas pu s'afficher"

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("Chromium absent : .ci/run doit installer les paquets chromium et chromium-driver")
    pytest.skip("Chromium absent (apt-get install chromium chromium-driver)", allow_module_level=True)


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def demarrer(base: Path, imports: Path, port: int | None = None, env: dict | None = None, options: tuple = ()):
    """Le lanceur de l'application (préchauffage compris), sur un port libre (ou ``port``) ; ``env`` : variables
    en plus (OBSERVATOIRE_MODE…) ; ``options`` : de « streamlit run ». Attend qu'il réponde."""
    port = port or port_libre()
    env = dict(os.environ, OBSERVATOIRE_DB=str(base), OBSERVATOIRE_IMPORTS=str(imports), **(env or {}))
    journal = open(base.parent / f"serveur-{port}.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "observatoire", "app", "--server.port", str(port),
                             "--server.address", "127.0.0.1", *options], cwd=RACINE, env=env, stdout=journal,
                            stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            break
        except OSError:
            time.sleep(0.25)
    return proc, url


def arreter(proc) -> None:
    proc.terminate()
    proc.wait(timeout=15)


def attendre(page, delai: int = 60_000) -> None:
    """Attend la fin de l'exécution en cours (plus d'indicateur « en cours », plus d'élément périmé)."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-stale=\"true\"]')", timeout=delai)
    page.wait_for_timeout(200)


def sans_erreur(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0, page.inner_text("body")[:2000]
    assert ERREUR_FRANCAISE not in page.inner_text("body")


def choisir(page, libelle: str, tape: str, option: str) -> None:
    """Tape ``tape`` dans la liste ``libelle`` de la barre latérale et clique l'option ``option``."""
    champ = page.locator(f"[data-testid='stSidebar'] input[aria-label='{libelle}']")
    champ.click()
    champ.fill(tape)
    page.get_by_role("option", name=option, exact=True).first.click()
    attendre(page)


def valeur(page, libelle: str) -> str:
    return page.locator(f"[data-testid='stSidebar'] input[aria-label='{libelle}']").input_value()


def lien(page, titre: str) -> None:
    """Clique un lien de la barre latérale, comme une personne."""
    page.locator("[data-testid='stSidebar'] [data-testid='stPageLink'] a", has_text=titre).first.click()
    attendre(page)


def deposer(page, chemin: Path) -> None:
    """Dépose un fichier et attend que l'application l'ait reçu (une seconde tentative si la page, chargée,
    n'avait pas encore branché le champ : arrive quand la machine est très occupée)."""
    champ = page.locator("[data-testid='stFileUploaderDropzoneInput']").first
    for essai in range(2):
        page.wait_for_timeout(1000)
        champ.set_input_files(str(chemin))
        try:
            # le nom d'un fichier long est abrégé (« dares_d…ements.csv ») : on attend aussi le verdict de l'analyse
            page.get_by_text(chemin.name, exact=True).or_(
                page.get_by_text(re.compile(r"^Fichier (valide|refusé)"))).first.wait_for(timeout=20_000)
            return
        except Exception:
            if essai:
                raise


def capture(page, nom: str) -> None:
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTEFACTS / f"{nom}.png", full_page=True)
