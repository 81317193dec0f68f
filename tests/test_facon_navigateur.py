"""Territoires à façon dans Chromium, par l'interface seulement : une directrice compose « Roubaix + Tourcoing +
Wattrelos » par trois clics sur la carte (puis au clavier), le nomme, parcourt chaque page et chaque diapositive sous ce nom et
avec ses totaux, télécharge son PowerPoint, ouvre le lien dans un autre navigateur, l'enregistre pour tous,
importe un fichier de zonage de trois zones, et se voit refuser en français un fichier de zonage hostile."""
from __future__ import annotations

import io
import re
import shutil

from outils_axe import auditer
from outils_navigateur import (arreter, attendre, capture, choisir, cliquer_commune, demarrer, deposer, lien, relancer,
                               sans_erreur, telecharger)
from pptx import Presentation

from observatoire.modele import base

NOM = "Roubaix Tourcoing Wattrelos"
RTW = ("59512", "59599", "59650")
PAGES = {"Synthèse": "Synthèse – ", "Évolutions": "Évolutions – ", "Profil des demandeurs": "Profil des demandeurs",
         "Comparer les territoires": "Comparer les territoires – ", "Emploi salarié et entreprises": "Emploi salarié",
         "Métiers qui recrutent": "Métiers qui recrutent – ", "Carte": "Carte – "}


def _ouvrir(contexte, url: str):
    page = contexte.new_page()
    page.goto(url)
    page.wait_for_selector("[data-testid='stSidebar'] input[aria-label='Territoire']", timeout=90_000)
    attendre(page)
    return page


def _abc(page) -> str:
    return page.locator("[data-testid='stMetric']", has_text="Demandeurs d'emploi ABC").locator(
        "[data-testid='stMetricValue']").inner_text()


def test_composer_partager_enregistrer_importer(base_construite, navigateur, tmp_path):
    shutil.copy(base_construite, tmp_path / "observatoire.duckdb")
    proc, url = demarrer(tmp_path / "observatoire.duckdb", tmp_path / "imports")
    with base.connecter(chemin=base_construite) as con:  # les totaux attendus : la somme de la série de chaque commune
        attendu = sum(base.requete(con, "serie_sources", territoire=c, indicateur="demandeurs_abc")
                      .set_index("date").valeur.iloc[-1] for c in RTW)
    attendu_txt = f"{int(attendu):,}".replace(",", "\u202f")
    contexte = navigateur.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    try:
        page = _ouvrir(contexte, url)
        lien(page, "Carte")
        page.get_by_text("Composer un territoire en cliquant").click()
        attendre(page)
        for code in RTW:
            cliquer_commune(page, code)
            attendre(page)
        for communes in (2, 3):  # au clavier aussi : Entrée sur une commune la retire, puis la remet
            page.locator(f".obs-carte [data-code='{RTW[2]}']").focus()
            page.keyboard.press("Enter")
            page.wait_for_selector(f"text=/Territoire en composition : {communes} communes/", timeout=30_000)
            attendre(page)
        page.wait_for_selector("text=/Territoire en composition : 3 communes/", timeout=30_000)
        capture(page, "facon_composition_carte_1366x768")
        nom = page.locator("[data-testid='stSidebar'] input[aria-label='Nom du territoire']")
        if not nom.is_visible():
            page.get_by_text("Composer un territoire", exact=True).click()
        nom.fill(NOM)
        nom.press("Enter")
        attendre(page)
        page.get_by_role("button", name="Afficher ce territoire").first.click()
        attendre(page)
        assert page.locator("h1").first.inner_text().endswith(NOM)
        assert "communes=59512%2C59599%2C59650" in page.url or "communes=59512,59599,59650" in page.url
        for titre, debut in PAGES.items():
            lien(page, titre)
            sans_erreur(page)
            h1 = page.locator("h1").first.inner_text()
            assert h1.startswith(debut) and h1.endswith(NOM), h1
            if titre == "Synthèse":
                assert _abc(page) == attendu_txt
            if titre == "Carte":  # le tableau classé : ses trois communes, sans lignes vides dessous
                hauteur = page.locator("[data-testid='stDataFrame']").first.bounding_box()["height"]
                assert hauteur < 35 * 5 + 10, hauteur
        lien(page, "Mode présentation")
        page.wait_for_selector(".diapo-titre", timeout=60_000)
        n = int(re.search(r"1 / (\d+)", page.inner_text("body")).group(1))
        for k in range(1, n + 1):
            assert NOM in page.inner_text("body"), k
            sans_erreur(page)
            if k < n:
                page.get_by_role("button", name="Suivante").click()
                page.wait_for_selector(f"text={k + 1} / {n}", timeout=30_000)
                attendre(page)
        page.get_by_role("button", name="Préparer le PowerPoint").click()
        bouton = page.get_by_role("button", name="Télécharger (PowerPoint)")
        bouton.wait_for(timeout=180_000)
        prs = Presentation(io.BytesIO(telecharger(page, bouton)))
        textes = " ".join(sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame)
        assert NOM in textes and attendu_txt in textes
        relancer(page, page.get_by_text("Quitter la présentation").click)

        # le lien copié (le bloc « Lien à partager » de la barre latérale), dans un navigateur neuf : la même vue,
        # sans rien sur le serveur
        autre_contexte = navigateur.new_context(viewport={"width": 1366, "height": 768})
        lien_copie = page.locator("[data-testid='stSidebar'] [data-testid='stCode'] code").first.inner_text().strip()
        assert lien_copie.startswith(url + "/?communes="), lien_copie
        autre = _ouvrir(autre_contexte, lien_copie)
        assert autre.locator("h1").first.inner_text() == f"Synthèse – {NOM}", (lien_copie, autre.url)
        assert _abc(autre) == attendu_txt
        autre_contexte.close()

        # enregistré pour tous : une autre personne le trouve dans la liste
        capture(page, "facon_apres_presentation_1366x768")
        lien(page, "Importer des données")
        page.get_by_role("button", name=f"Enregistrer « {NOM} » pour tous").click()
        page.wait_for_selector(f"text=« {NOM} » est enregistré pour tous", timeout=60_000)
        attendre(page)
        assert page.locator("h1").first.inner_text() == "Importer des données"
        autre_contexte = navigateur.new_context(viewport={"width": 1366, "height": 768})
        autre = _ouvrir(autre_contexte, url)
        choisir(autre, "Territoire", "Wattrelos", NOM)
        assert autre.locator("h1").first.inner_text() == f"Synthèse – {NOM}" and _abc(autre) == attendu_txt
        autre_contexte.close()

        # un fichier de zonage de trois zones, puis un fichier hostile
        zonage = tmp_path / "antennes.csv"
        zonage.write_text("code_commune;territoire\n59512;Antenne Roubaix\n59339;Antenne Roubaix\n"
                          "59599;Antenne Tourcoing\n59421;Antenne Tourcoing\n59350;Antenne Lille\n", encoding="utf-8")
        deposer(page, zonage, "territoires_fichier")
        page.wait_for_selector("text=/Fichier valide : 3 territoires/", timeout=60_000)
        page.get_by_role("button", name="Enregistrer ces 3 territoires pour tous").click()
        page.wait_for_selector("text=/3 territoires enregistré/", timeout=60_000)
        attendre(page)
        sans_erreur(page)
        assert auditer(page) == []
        capture(page, "facon_enregistres_1366x768")
        hostile = tmp_path / "hostile.csv"
        hostile.write_text("code_commune;territoire\n62041;=HYPERLINK(\"http://exemple.invalid\")\n59512;\n",
                           encoding="utf-8")
        deposer(page, hostile, "territoires_fichier")
        page.wait_for_selector("text=/Fichier de zonage refusé : 2 problème/", timeout=60_000)
        # le rapport, tel qu'on le télécharge
        rapport = telecharger(page, page.locator(".st-key-territoires_problemes_csv button").first, 60_000
                              ).decode("utf-8-sig")
        assert "62041 » est une commune hors des départements couverts (Nord)" in rapport
        assert "nom de territoire vide" in rapport and "HYPERLINK" not in rapport.split("Problème")[0]
    finally:
        contexte.close()
        arreter(proc)
