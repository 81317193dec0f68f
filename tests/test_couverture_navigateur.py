"""Un observatoire du Rhône (OBSERVATOIRE_DEPARTEMENTS=69) dans Chromium, par l'interface seulement : il s'ouvre
sur la Métropole de Lyon, dit en une phrase que les demandeurs d'emploi ne sont pas encore chargés (aucune erreur,
aucun chiffre inventé), trouve « villeurbanne » tapé sans majuscule, puis le fichier communal de la DARES du Rhône déposé sur
la page d'import remplit la Synthèse et la carte de la Métropole et de ses 58 communes. Puis toute la France
(OBSERVATOIRE_DEPARTEMENTS=tous) : la MEL comparée aux métropoles, puis à Lyon ; la carte de la France par
département, puis celle de la région du département choisi au clavier."""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys

import pytest
from outils_axe import auditer
from openpyxl import load_workbook
from outils_navigateur import (arreter, attendre, capture, choisir, choisir_dans_la_page, demarrer, deposer, lien,
                               relancer, sans_erreur, survoler, telecharger)

from observatoire.chemins import RACINE

TITRES_METROPOLES = ["Rang", "Métropole", "Demandeurs ABC", "Pour 100 habitants", "Évolution sur un an (%)"]
PAS_CHARGE = "Aucun chiffre n'est encore chargé pour la Métropole de Lyon en demandeurs d'emploi"


@pytest.fixture(scope="module")
def serveur_rhone(tmp_path_factory):
    dossier = tmp_path_factory.mktemp("rhone_app")
    env = {"OBSERVATOIRE_DEPARTEMENTS": "69"}
    subprocess.run([sys.executable, "-m", "observatoire", "build"], cwd=RACINE, check=True, capture_output=True,
                   env=dict(os.environ, OBSERVATOIRE_DB=str(dossier / "rhone.duckdb"),
                            OBSERVATOIRE_IMPORTS=str(dossier / "imports"), **env))
    proc, url = demarrer(dossier / "rhone.duckdb", dossier / "imports", env=env)
    yield url, dossier
    arreter(proc)


def test_rhone_de_la_metropole_de_lyon_a_l_import_de_la_dares(serveur_rhone, navigateur):
    url, dossier = serveur_rhone
    contexte = navigateur.new_context(viewport={"width": 1366, "height": 768})
    page = contexte.new_page()
    page.goto(url)
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=90_000)
    attendre(page)
    sans_erreur(page)
    assert page.locator("h1").first.inner_text() == "Synthèse – Métropole de Lyon"
    principal = page.inner_text("[data-testid='stMain']")
    assert PAS_CHARGE in principal and "n'invente aucun chiffre hors du Nord" in principal
    assert "démonstration" not in principal.lower()
    assert auditer(page) == []
    capture(page, "rhone_synthese_sans_demandeurs_1366x768")

    # la carte d'un indicateur sans valeur dessine les communes (« non disponible ») et propose la population
    lien(page, "Carte")
    page.wait_for_selector(".obs-carte svg path", timeout=60_000)
    assert page.locator(".obs-carte svg path").count() >= 58  # les communes de la Métropole de Lyon
    assert "les communes sont dessinées sans couleur" in page.inner_text("[data-testid='stMain']")
    relancer(page, page.get_by_role("button", name="Population municipale").click)
    assert page.locator("h1").first.inner_text() == "Carte – Population – Métropole de Lyon"
    assert "les communes sont dessinées sans couleur" not in page.inner_text("[data-testid='stMain']")
    capture(page, "rhone_carte_population_1366x768")
    lien(page, "Synthèse")

    champ = page.locator("[data-testid='stSidebar'] input[aria-label='Chercher une commune ou un territoire']")
    champ.fill("villeurbanne")
    champ.press("Enter")
    attendre(page)
    relancer(page, page.locator("[data-testid='stSidebar']").get_by_role("button", name="Villeurbanne (69)").click)
    assert page.locator("h1").first.inner_text() == "Synthèse – Villeurbanne"

    fichier = dossier / "dares_communes_rhone.csv"
    subprocess.run([sys.executable, str(RACINE / "benchmarks" / "fichier_dares.py"), str(fichier), "0",
                    "--departements", "69"], check=True, capture_output=True)
    lien(page, "Importer des données")
    deposer(page, fichier)
    page.wait_for_selector("text=Si vous confirmez", timeout=60_000)
    attendre(page)
    page.get_by_role("button", name="Confirmer l'import").click()
    page.wait_for_selector("text=/Import n°\\d+ enregistré/", timeout=60_000)
    lien(page, "Synthèse")
    # la session passe à la base publiée à l'exécution suivante (qui peut suivre celle du lien) : on attend le chiffre
    carte_abc = page.locator("[data-testid='stMetric']", has_text="Demandeurs d'emploi ABC")
    carte_abc.wait_for(timeout=60_000)
    attendre(page)
    sans_erreur(page)
    assert carte_abc.count() == 1 and "non disponible" not in carte_abc.inner_text()
    assert "Aucun chiffre n'est encore chargé pour la commune de Villeurbanne en demandeurs" not in \
        page.inner_text("[data-testid='stMain']")
    capture(page, "rhone_synthese_apres_import_1366x768")

    assert "Situation au 31/12/2024" in page.inner_text("[data-testid='stMain']")  # la dernière date chargée
    lien(page, "Carte")
    sans_erreur(page)
    # une commune de la Métropole : la carte montre la Métropole entière, au niveau de détail d'un EPCI
    page.wait_for_selector(".obs-carte [data-code='69266']", timeout=60_000)
    assert page.locator(".obs-carte [data-code]").count() == 58
    capture(page, "rhone_carte_villeurbanne_1366x768")

    # l'enquête BMO, elle, couvre toute la France : le bassin de la commune, comparé au Rhône et à sa région ; pas
    # de bandeau « aucun chiffre chargé » (il parle des entreprises et de l'emploi salarié, pas de cette enquête)
    lien(page, "Métiers qui recrutent")
    sans_erreur(page)
    assert page.locator("h1").first.inner_text() == "Métiers qui recrutent – Villeurbanne"
    principal = page.inner_text("[data-testid='stMain']")
    assert "bassin d'emploi de villeurbanne" in principal.lower() and "Rhône : " in principal
    assert "Auvergne-Rhône-Alpes : " in principal and "Aucun chiffre n'est encore chargé" not in principal
    assert "Nord" not in principal
    assert auditer(page) == []
    capture(page, "rhone_metiers_villeurbanne_1366x768")
    contexte.close()


def formes_dessinees(page, n: int) -> None:
    """Attend que la carte montre ``n`` formes (une exécution qui commence tard, sur une machine chargée, n'est pas
    prise pour finie : on attend ce qu'elle doit dessiner), puis la fin de l'exécution."""
    page.wait_for_function("n => document.querySelectorAll('.obs-carte [data-code]').length === n", arg=n,
                           timeout=90_000)
    attendre(page)


def test_toute_la_france_la_mel_comparee_aux_metropoles_puis_a_lyon(navigateur, tmp_path):
    """Toute la France (OBSERVATOIRE_DEPARTEMENTS=tous), le fichier communal de la DARES du Rhône importé : sur
    Comparer, la MEL voit les 22 métropoles de la base rangées, la Métropole de Lyon (chiffres réels) avant celles
    qui n'ont aucun chiffre ; à la date du fichier, un bouton met à côté d'elle Lyon d'abord, et la page nomme les
    métropoles restées sans chiffre au lieu de les taire."""
    env = {"OBSERVATOIRE_DEPARTEMENTS": "tous"}
    base_, imports = tmp_path / "france.duckdb", tmp_path / "imports"
    commande = dict(os.environ, OBSERVATOIRE_DB=str(base_), OBSERVATOIRE_IMPORTS=str(imports), **env)
    fichier = tmp_path / "dares_communes_rhone.csv"
    subprocess.run([sys.executable, str(RACINE / "benchmarks" / "fichier_dares.py"), str(fichier), "0",
                    "--departements", "69"], check=True, capture_output=True)
    for args in (["build"], ["import", str(fichier)]):
        subprocess.run([sys.executable, "-m", "observatoire", *args], cwd=RACINE, check=True, capture_output=True,
                       env=commande)
    proc, url = demarrer(base_, imports, env=env)
    try:
        page = navigateur.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
        page.goto(url + "/comparer")
        page.wait_for_selector("text=Les métropoles", timeout=120_000)
        attendre(page)
        sans_erreur(page)
        assert "Les 22 métropoles de la base" in page.inner_text("[data-testid='stMain']")
        choisir(page, "Date", "31/12/2024", "31/12/2024")
        relancer(page, page.get_by_role("button", name="Comparer avec les autres métropoles").click)
        assert "comparer=epci-200046977%2C" in page.url  # Lyon d'abord : la seule autre qui a des chiffres
        principal = page.inner_text("[data-testid='stMain']")
        # puis, sans chiffre, les plus peuplées : nommées en une phrase, pas tues
        assert "comparé à Métropole de Lyon, Métropole du Grand Paris, Métropole d'Aix-Marseille-Provence, " \
               "Bordeaux Métropole, Toulouse Métropole." in principal
        assert ("Aucun chiffre au 31/12/2024 pour Métropole du Grand Paris, Métropole d'Aix-Marseille-Provence, "
                "Bordeaux Métropole et Toulouse Métropole : importez leurs fichiers") in principal
        sans_erreur(page)
        assert auditer(page) == []
        capture(page, "france_mel_comparee_a_lyon_1366x768")
        # le classement des métropoles tel que téléchargé en Excel : son cartouche (titre, date, sources, statut de
        # démonstration : la MEL a les chiffres calibrés du Nord), les 22 métropoles, la MEL puis Lyon, les autres
        # sans chiffre à la date
        classeur = telecharger(page, page.locator(".st-key-comparer_metropoles_tableau_xlsx button").first)
        ws = load_workbook(io.BytesIO(classeur)).active
        bloc = {ws.cell(k, 1).value: ws.cell(k, 2).value for k in range(1, 8)}
        assert bloc["Titre"] == "Les métropoles – demandeurs d'emploi ABC" and bloc["Date"] == "au 31/12/2024"
        assert "DARES" in bloc["Sources"] and bloc["Statut"].startswith("DONNÉES DE DÉMONSTRATION")
        entete = next(r for r in ws.iter_rows() if r[0].value == "Rang")[0].row
        assert [c.value for c in ws[entete]] == TITRES_METROPOLES
        lignes = [[c.value for c in r] for r in ws.iter_rows(min_row=entete + 1) if r[1].value]
        assert len(lignes) == 22 and [ligne[:2] for ligne in lignes[:2]] == [[1, "MEL"], [2, "Métropole de Lyon"]]
        assert {(ligne[0], ligne[2]) for ligne in lignes[2:]} == {(None, None)}  # sans chiffre, sans rang
        page.close()

        # la carte de la France par département, ouverte par un lien : 96 départements de métropole (l'outre-mer dans
        # le tableau), aucune commune envoyée ; Entrée sur le Rhône le choisit, puis la carte de sa
        # région
        page = navigateur.new_page(viewport={"width": 1366, "height": 768})
        page.goto(url + "/carte?couche=departements&region=&indicateur=population&date=2024-12-31")
        page.wait_for_selector(".obs-carte [data-code='dep-69']", timeout=120_000)
        attendre(page)
        sans_erreur(page)
        assert page.locator("h1").first.inner_text() == "Carte des départements – Population – France"
        formes = page.locator(".obs-carte [data-code]").evaluate_all("fs => fs.map(f => f.dataset.code)")
        assert len(formes) == 96 and "nord" in formes and "dep-2A" in formes and "dep-971" not in formes
        assert "outre-mer : dans le tableau" in page.inner_text("[data-testid='stMain']")
        # au clavier et au lecteur d'écran : chaque département est un bouton nommé par son nom, sa valeur et son rang
        assert page.locator(".obs-carte [data-code='dep-69']").get_attribute("aria-label").startswith(
            "Rhône, Nombre : 1\u202f907\u202f982, 4ᵉ sur 106")
        assert auditer(page) == []
        capture(page, "france_carte_des_departements_1366x768")
        # la bulle au survol dit que la carte est prête à recevoir un clic (carte_svg.js branché)
        assert survoler(page, "dep-69").inner_text().split("\n")[:2] == ["Rhône", "Nombre : 1\u202f907\u202f982"]
        # au clavier : Entrée sur le Rhône le choisit, comme un clic (le clic sur une forme : parcours des communes)
        page.locator(".obs-carte [data-code='dep-69']").focus()
        relancer(page, lambda: page.keyboard.press("Enter"))
        assert "territoire=dep-69" in page.url
        choisir_dans_la_page(page, "Région", "Celle du territoire (Auvergne-Rhône-Alpes)")
        # le titre change au début de l'exécution, la carte à sa fin : on attend la carte elle-même
        formes_dessinees(page, 12)
        assert "Auvergne-Rhône-Alpes" in page.locator("h1").first.inner_text()
        sans_erreur(page)
        capture(page, "france_carte_auvergne_rhone_alpes_1366x768")
        # puis toute la région par commune : chaque commune d'Auvergne-Rhône-Alpes, le Rhône cerné, la liste classée
        relancer(page, page.locator("[data-testid='stMain'] button", has_text=re.compile(r"^Communes$")).click)
        choisir_dans_la_page(page, "Communes montrées", "Toute sa région (Auvergne-Rhône-Alpes)")
        formes_dessinees(page, 4021)
        assert page.locator("h1").first.inner_text() == "Carte des communes – Population – Auvergne-Rhône-Alpes"
        assert "Auvergne-Rhône-Alpes – 4\u202f021 communes classées" in page.inner_text("[data-testid='stMain']")
        assert "territoire=dep-69" in page.url and "etendue=region" in page.url
        sans_erreur(page)
        capture(page, "france_carte_des_communes_auvergne_rhone_alpes_1366x768")
        page.close()
    finally:
        arreter(proc)
