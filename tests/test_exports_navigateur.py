"""Ce qui quitte l'écran, téléchargé depuis l'application comme une personne le fait (Chromium) puis ouvert :
Excel de Comparer (cartouche, pourcentages), image PNG d'un graphique (aucun libellé coupé, titre et sources),
PowerPoint préparé en mode présentation (aucune image coupée, démonstration marquée)."""
from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from outils_navigateur import ARTEFACTS, attendre, sans_erreur, telecharger
from outils_images import bords_encres

COMPARER = "comparer?territoire=mie-roubaisis&date=2021-12-31&comparer=mel,nord&comparer.mesure=evolution_pct"


@pytest.fixture
def page(serveur, navigateur):
    p = navigateur.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    yield p
    p.close()


def test_excel_et_png_de_comparer_tels_que_telecharges(serveur, page):
    page.goto(f"{serveur}/{COMPARER}")
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    attendre(page)
    sans_erreur(page)
    executions = page.evaluate("window.__obs_executions")
    classeur = telecharger(page, page.locator(".st-key-comparer_tableau_xlsx button").first)
    attendre(page)
    # télécharger ne relance pas la page : une relance remplaçait les fichiers préparés des autres boutons (le clic
    # suivant, sur PNG, restait alors sans fin)
    assert page.evaluate("window.__obs_executions") == executions
    ws = load_workbook(io.BytesIO(classeur)).active
    bloc = {ws.cell(k, 1).value: ws.cell(k, 2).value for k in range(1, 8)}
    assert bloc["Titre"] == "Comparaison des territoires – Évolution sur un an (%)"
    assert bloc["Territoire"] == "MiE du Roubaisis, Métropole Européenne de Lille, Département du Nord"
    assert bloc["Date"] == "au 31/12/2021" and bloc["Statut"].startswith("DONNÉES DE DÉMONSTRATION")
    assert bloc["Sources"]
    entete = next(r for r in ws.iter_rows() if r[0].value == "Indicateur")[0].row
    titres = [c.value for c in ws[entete]]
    assert titres[-2:] == ["Nombre (MiE du Roubaisis)", "Rang (MiE du Roubaisis)"]
    evolution = ws.cell(entete + 1, 2)
    assert evolution.number_format.startswith("+0.0%") and abs(evolution.value) < 1  # 3,8 % = 0,038
    image = telecharger(page, page.locator(".st-key-comparer_graphique_png button").first)
    ARTEFACTS.mkdir(exist_ok=True)
    (ARTEFACTS / "comparer_telecharge.png").write_bytes(image)
    assert image[:8] == b"\x89PNG\r\n\x1a\n" and bords_encres(image) == []


def test_powerpoint_prepare_en_presentation(serveur, page):
    page.goto(f"{serveur}/presentation?territoire=mie-roubaisis&date=2021-12-31")
    page.get_by_role("button", name="Préparer le PowerPoint").click()
    bouton = page.get_by_role("button", name="Télécharger (PowerPoint)")
    bouton.wait_for(timeout=180_000)
    prs = Presentation(io.BytesIO(telecharger(page, bouton)))
    images = [(k, sh) for k, s in enumerate(prs.slides) for sh in s.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(images) == 6  # carte, évolution, profil, comparaison, cascade de l'emploi, métiers
    for k, sh in images:
        (ARTEFACTS / f"pptx_diapo_{k}.png").write_bytes(sh.image.blob)
        assert bords_encres(sh.image.blob) == [], k
