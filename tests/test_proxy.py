"""Plusieurs serveurs derrière un proxy : la configuration nginx du compose est celle que le test
démarre ; sur la boucle locale, deux répliques de lecture et un serveur d'écriture derrière le nginx de Debian ;
des sessions Chromium par le proxy (sessions collantes, WebSocket), un import publié pendant qu'elles lisent,
puis kill -9 d'une réplique : ses sessions repartent sur l'autre."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from outils_navigateur import attendre, capture, lien, sans_erreur

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE / "deploiement"))
import locale_grappe  # noqa: E402
from nginx import NGINX, configuration  # noqa: E402


def test_configuration_du_compose_a_jour():
    """deploiement/nginx.conf (image du proxy) est exactement ce qu'écrit deploiement/nginx.py pour le compose ;
    le compose a ses répliques de lecture en mode public, un seul serveur d'écriture, la base sur un volume."""
    attendu = configuration(["lecture1:8501", "lecture2:8501"], "ecriture:8501")
    assert (RACINE / "deploiement" / "nginx.conf").read_text(encoding="utf-8") == attendu
    compose = yaml.safe_load((RACINE / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert [services[s]["environment"]["OBSERVATOIRE_MODE"] for s in ("lecture1", "lecture2", "ecriture")] == \
        ["public", "public", "authentifie"]
    assert all("donnees:/donnees" in services[s]["volumes"] for s in ("lecture1", "lecture2", "ecriture"))
    assert services["proxy"]["build"]["dockerfile"] == "deploiement/Dockerfile.nginx"
    image = (RACINE / "Dockerfile").read_text(encoding="utf-8")
    assert image.startswith("# ") and "FROM python:3.11-slim" in image and "chromium" in image
    assert "/_stcore/health" in image and "OBSERVATOIRE_DB=/donnees/observatoire.duckdb" in image


@pytest.fixture
def grappe(base_construite, tmp_path):
    """Deux répliques de lecture (public) et un serveur d'écriture sur la même base, nginx devant."""
    if not Path(NGINX).exists():
        if os.environ.get("CI"):
            raise RuntimeError("nginx absent : scripts/systeme.sh tests doit l'installer")
        pytest.skip("nginx absent (apt-get install nginx-light)")
    shutil.copy(base_construite, tmp_path / "observatoire.duckdb")
    base, imports = tmp_path / "observatoire.duckdb", tmp_path / "imports"
    with locale_grappe.grappe(base, imports, lectures=2) as g:
        yield g | {"base": base, "imports": imports}


def replique(page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == "observatoire_replique")


def test_sessions_par_le_proxy_import_puis_panne_d_une_replique(grappe, navigateur, tmp_path):
    pages = []
    for i in range(4):  # quatre personnes : deux déjà passées par chaque réplique (cookie), deux nouvelles
        contexte = navigateur.new_context(viewport={"width": 1366, "height": 768})
        if i < 2:
            contexte.add_cookies([{"name": "observatoire_replique", "value": f"lecture{i + 1}",
                                   "url": grappe["url"]}])
        page = contexte.new_page()
        page.goto(grappe["url"] + "/?territoire=59512&date=2022-12-31")
        page.wait_for_selector("[data-testid='stMain'] h1", timeout=90_000)
        attendre(page)
        sans_erreur(page)
        assert page.locator("h1").first.inner_text() == "Synthèse – Roubaix"
        assert "Importer des données" not in page.inner_text("[data-testid='stSidebar']")  # public : pas d'import
        pages.append(page)
    assert [replique(p) for p in pages[:2]] == ["lecture1", "lecture2"]
    assert {replique(p) for p in pages[2:]} <= {"lecture1", "lecture2"}  # les nouvelles reçoivent la leur
    # collante : le même navigateur reste sur sa réplique de page en page
    lien(pages[0], "Carte")
    assert replique(pages[0]) == "lecture1" and pages[0].locator("h1").first.inner_text().startswith("Carte")
    # un import publié pendant que tout le monde lit (ligne de commande, sur la base partagée)
    f = tmp_path / "roubaix.csv"
    f.write_text("code_commune;indicateur;date;valeur\n59512;demandeurs_abc;31/12/2022;14 900\n", encoding="utf-8")
    env = dict(os.environ, OBSERVATOIRE_DB=str(grappe["base"]), OBSERVATOIRE_IMPORTS=str(grappe["imports"]))
    r = subprocess.run([sys.executable, "-m", "observatoire", "import", str(f)], cwd=RACINE, env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    lien(pages[1], "Synthèse")
    assert "14\u202f900" in pages[1].locator("[data-testid='stMetric']", has_text="Demandeurs d'emploi ABC").inner_text()
    # panne : kill -9 de la réplique de la première personne ; sa page repart sur l'autre par le proxy
    victime = pages[0]
    numero = int(replique(victime).removeprefix("lecture")) - 1
    grappe["repliques"][numero][0].send_signal(signal.SIGKILL)
    grappe["repliques"][numero][0].wait()
    victime.reload()
    victime.wait_for_selector("[data-testid='stMain'] h1", timeout=90_000)
    attendre(victime)
    sans_erreur(victime)
    assert victime.locator("h1").first.inner_text().startswith("Carte") and "territoire=59512" in victime.url
    lien(victime, "Synthèse")
    assert "14\u202f900" in victime.locator("[data-testid='stMetric']", has_text="Demandeurs d'emploi ABC").inner_text()
    capture(victime, "parcours_proxy_apres_panne_1366x768")
    for p in pages:
        p.context.close()
