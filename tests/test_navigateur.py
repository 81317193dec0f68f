"""Ce qu'une personne voit : la page d'accueil dans Chromium (Debian, sans tête), à 1366×768 et 1920×1080.
Captures d'écran enregistrées dans artefacts/."""
from __future__ import annotations

import os
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

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("Chromium absent : .ci/run doit installer les paquets chromium et chromium-driver")
    pytest.skip("Chromium absent (apt-get install chromium chromium-driver)", allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def serveur(base_construite):
    port = port_libre()
    env = dict(os.environ, OBSERVATOIRE_DB=str(base_construite))
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                             "--server.address", "127.0.0.1", "--server.headless", "true"],
                            cwd=RACINE, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            break
        except OSError:
            time.sleep(0.25)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def navigateur():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu",
                                                              "--disable-background-networking"])
        yield b
        b.close()


@pytest.mark.parametrize("taille", [(1366, 768), (1920, 1080)])
def test_synthese_dans_chromium(serveur, navigateur, taille):
    page = navigateur.new_page(viewport={"width": taille[0], "height": taille[1]})
    page.goto(serveur)
    page.wait_for_selector("[data-testid='stMetric']", timeout=30_000)
    page.wait_for_timeout(500)
    assert page.locator("[data-testid='stException']").count() == 0
    texte = page.inner_text("body")
    assert "Synthèse – Métropole Européenne de Lille" in texte
    assert "Données de démonstration" in texte
    assert "1\u202f195\u202f234" in texte  # population MEL, format français
    assert "IGN – ADMIN EXPRESS 2018" in texte
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTEFACTS / f"synthese_{taille[0]}x{taille[1]}.png", full_page=True)
    page.close()
