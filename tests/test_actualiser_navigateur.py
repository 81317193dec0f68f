"""Actualiser par le bouton de la page d'import, dans Chromium : une analyste appuie, voit chaque service
avancer puis le rapport, et la Synthèse dit de quand datent les données (serveur local aux formats officiels)."""
from __future__ import annotations

import shutil
from datetime import date

import serveur_officiel as so
from outils_axe import auditer
from outils_navigateur import arreter, attendre, capture, demarrer, lien, sans_erreur


def test_bouton_actualiser_puis_date_sur_la_synthese(base_construite, navigateur, tmp_path):
    reponses = so.Reponses()
    service, adresse = so.demarrer(reponses)
    shutil.copy(base_construite, tmp_path / "observatoire.duckdb")
    proc, url = demarrer(tmp_path / "observatoire.duckdb", tmp_path / "imports", env=so.variables(adresse))
    try:
        page = navigateur.new_page(viewport={"width": 1366, "height": 768})
        page.goto(url)
        page.wait_for_selector("[data-testid='stSidebar'] input[aria-label='Territoire']", timeout=90_000)
        attendre(page)
        assert "Aucune actualisation depuis les services officiels" in page.inner_text("body")
        lien(page, "Importer des données")
        page.get_by_role("button", name="Mettre à jour depuis les sources officielles").click()
        page.wait_for_selector("text=France Travail (BMO) : terminé", timeout=180_000)
        page.wait_for_selector("text=/^Actualisation : DARES : 3 millésimes ajoutés/", timeout=60_000)
        attendre(page)
        sans_erreur(page)
        corps = page.inner_text("[data-testid='stMain']")
        assert "Urssaf : 2 millésimes ajoutés (2023, 2024)" in corps and "France Travail (BMO) : enquête 2025" in corps
        assert auditer(page) == []
        capture(page, "actualiser_rapport_1366x768")
        assert {r[0] for r in reponses.requetes} >= {"/bmo/Base_open_data_BMO_2025.xlsx"}
        lien(page, "Synthèse")
        attendu = f"Données à jour au {date.today():%d/%m/%Y} — DARES : T2 2025 ; Urssaf : 2024 ; Insee : 2024 ; BMO : 2025"
        sous_le_titre = page.locator("[data-testid='stMain'] [data-testid='stCaptionContainer']").first
        assert attendu in sous_le_titre.inner_text()  # sous le titre, pas seulement en pied de page
        capture(page, "actualiser_synthese_1366x768")
        lien(page, "Métiers qui recrutent")
        assert "enquête Besoins en main-d'œuvre (BMO) 2025" in page.inner_text("body")
        sans_erreur(page)
    finally:
        arreter(proc)
        service.shutdown()
