"""Parcours d'une personne dans Chromium, par l'interface seulement : taper dans la barre latérale, cliquer ses
liens, cliquer la carte, les boutons des diapositives, copier l'adresse dans un nouveau navigateur, déposer un
fichier, confirmer. On vérifie ce qu'elle vérifierait à l'écran : le territoire et la date choisis sur chaque
page et chaque diapositive, aucune erreur, les chiffres publiés."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as DelaiDepasse

from outils_axe import auditer
from outils_navigateur import (attendre, capture, choisir, cliquer_commune, deposer, lien, redimensionner, relancer,
                               sans_erreur, taper_dans_la_page, valeur)

MNO = "Maison de l'emploi Métropole Nord-Ouest"
TITRES = {"Synthèse": "Synthèse – ", "Carte": "Carte – ", "Évolutions": "Évolutions – ",
          "Profil des demandeurs": "Profil des demandeurs d'emploi – ", "Comparer les territoires": "Comparer les territoires – ",
          "Emploi salarié et entreprises": "Emploi salarié et entreprises – ",
          "Métiers qui recrutent": "Métiers qui recrutent – "}
SANS_TERRITOIRE = ["Sources et méthodes", "Importer des données"]


def ouvrir(navigateur, url: str, largeur: int = 1366, hauteur: int = 768):
    page = navigateur.new_page(viewport={"width": largeur, "height": hauteur})
    page.goto(url)
    page.wait_for_selector("[data-testid='stSidebar'] input[aria-label='Territoire']", timeout=90_000)
    attendre(page)
    return page


def titre(page) -> str:
    return page.locator("h1").first.inner_text()


def verifier_vue(page, nom: str, date: str, code: str, titre_page: str | None) -> None:
    """Ce qu'une personne vérifie : la barre latérale et le titre disent son territoire et sa date, l'adresse aussi."""
    sans_erreur(page)
    assert valeur(page, "Territoire") == nom
    assert valeur(page, "Date") == date
    assert f"territoire={code}" in page.url and f"date={'-'.join(reversed(date.split('/')))}" in page.url
    if titre_page:
        assert titre(page).startswith(titre_page) and titre(page).endswith(nom), titre(page)


# sur ces pages, les réglages qu'une personne change (liste de la page, option tapée) et ce que l'adresse en garde
REGLAGES = {"Carte": ([("Mesure", "Pour 100 habitants"), ("Classes", "Seuils naturels (Jenks)")],
                      ["mesure=pour_100", "classes=seuils_naturels"]),
            "Évolutions": ([("Base 100 au", "31/12/2019")], ["base=2019-12-31"]),
            "Comparer les territoires": ([], ["mesure=evolution_pct"])}
ADRESSE_COPIEE = ["Synthèse", "Carte", "Évolutions", "Profil des demandeurs", "Comparer les territoires",
                  "Emploi salarié et entreprises"]


def rouvrir_ailleurs(navigateur, page, reglages: list[tuple[str, str]]) -> None:
    """L'adresse de ``page`` copiée dans un autre navigateur rouvre toute la vue : titre, territoire, réglages."""
    contexte = navigateur.new_context(viewport={"width": 1366, "height": 768})
    autre = contexte.new_page()
    autre.goto(page.url)
    autre.wait_for_selector("h1", timeout=90_000)
    attendre(autre)
    sans_erreur(autre)
    assert titre(autre) == titre(page) and valeur(autre, "Territoire") == valeur(page, "Territoire"), page.url
    for libelle, option in reglages:
        assert autre.locator(f"[data-testid='stMain'] input[aria-label='{libelle}']").input_value() == option
    contexte.close()


def test_chaque_lien_deux_fois_garde_le_choix_et_l_adresse_copiee_rouvre_la_vue(serveur, navigateur, largeur=1366,
                                                                                  hauteur=768):
    """Choisis une MDE et une date dans la barre latérale, puis chaque lien deux fois de suite : même territoire, même
    date, même adresse ; sur six pages, les réglages de la page changés (carte : mesure et classes ; évolutions : base
    100), puis l'adresse copiée, ouverte dans un autre navigateur, rouvre toute la vue. Capture de chaque page à la
    fin de ce parcours (artefacts/parcours_<page>_<taille>.png)."""
    page = ouvrir(navigateur, serveur, largeur, hauteur)
    choisir(page, "Territoire", "Nord-Ouest", MNO)
    choisir(page, "Date", "31/12/2021", "31/12/2021")
    verifier_vue(page, MNO, "31/12/2021", "mno", "Synthèse – ")
    for lien_titre in [*TITRES, *SANS_TERRITOIRE]:
        for _ in range(2):
            lien(page, lien_titre)
            verifier_vue(page, MNO, "31/12/2021", "mno", TITRES.get(lien_titre))
        if lien_titre == "Carte":
            page.wait_for_selector(".obs-carte [data-code]", timeout=60_000)
        capture(page, f"parcours_{lien_titre.split()[0].lower()}_{largeur}x{hauteur}")
        reglages, attendu = REGLAGES.get(lien_titre, ([], []))
        for libelle, option in reglages:
            taper_dans_la_page(page, libelle, option)
        for a in attendu:
            assert a in page.url, page.url
        if lien_titre in ADRESSE_COPIEE:
            rouvrir_ailleurs(navigateur, page, reglages)
    page.close()


def test_commune_par_recherche_puis_clic_sur_la_carte(serveur, navigateur):
    """Une commune choisie par la recherche, la carte, un clic sur une commune, puis chaque page."""
    page = ouvrir(navigateur, serveur, 1366, 900)
    choisir(page, "Territoire", "Roubaix", "Roubaix")
    lien(page, "Carte")
    page.wait_for_selector(".obs-carte [data-code]", timeout=60_000)
    verifier_vue(page, "Roubaix", valeur(page, "Date"), "59512", "Carte – ")
    assert "Tourcoing" in " ".join(page.locator(".obs-carte .noms text").all_text_contents()), "voisines nommées"
    # un clic sur une autre commune de la carte en fait le territoire choisi
    cliquer_commune(page, "59650")  # Wattrelos, voisine
    page.wait_for_function("() => !location.search.includes('territoire=59512')", timeout=30_000)
    attendre(page)
    sans_erreur(page)
    nom = valeur(page, "Territoire")
    assert nom != "Roubaix" and titre(page).endswith(nom)
    code = re.search(r"territoire=(\d{5})", page.url).group(1)
    date = valeur(page, "Date")
    for lien_titre in TITRES:
        lien(page, lien_titre)
        verifier_vue(page, nom, date, code, TITRES[lien_titre])
    page.close()


def test_presentation_depuis_la_barre_laterale(serveur, navigateur):
    """La présentation (sans barre latérale) montre le territoire et la date choisis sur chacune de ses 9 diapositives,
    ses boutons sont à jour à chaque clic, l'adresse porte la diapositive, « Quitter » ramène au même choix. Chaque
    diapositive tient dans l'écran au projecteur et sur le portable ; à 1366×768, axe n'y trouve aucune violation
    grave (WCAG 2.1 A et AA), un seul titre de niveau 1, et aucun texte de graphique sous 18 px (lisible au fond de
    la salle)."""
    page = ouvrir(navigateur, serveur)
    choisir(page, "Territoire", "Nord-Ouest", MNO)
    choisir(page, "Date", "31/12/2023", "31/12/2023")
    lien(page, "Mode présentation")
    page.wait_for_selector(".diapo-titre", timeout=60_000)
    precedente = page.get_by_role("button", name="Précédente")
    suivante = page.get_by_role("button", name="Suivante")
    n = int(re.search(r"1 / (\d+)", page.inner_text("body")).group(1))
    assert n == 9 and page.locator("[data-testid='stSidebar']").is_hidden()
    for k in range(1, n + 1):
        corps = page.inner_text("body")
        assert f"{k} / {n}" in corps and f"diapo={k}" in page.url
        assert "31/12/2023" in corps and MNO in corps, (k, corps[:500])
        assert precedente.is_disabled() == (k == 1) and suivante.is_disabled() == (k == n), k
        assert k < n or "Le point sur la demande d'emploi" in corps  # la dernière : le commentaire
        sans_erreur(page)
        # au projecteur puis sur le portable, tout tient dans l'écran : ni barre de défilement, ni bouton tronqué
        for largeur, hauteur in ((1920, 1080), (1366, 768)):
            redimensionner(page, largeur, hauteur)
            graphe = page.locator(".st-key-diapo_graphique .js-plotly-plot")
            if graphe.count():  # le graphique prend la hauteur de l'écran (pas 450 px au milieu du vide) : Plotly
                try:            # suit la largeur puis la hauteur de sa zone, en deux passes ; on attend la seconde
                    # moins les lignes du sous-titre au-delà de la première (la phrase de la cascade en a deux)
                    en_plus = page.evaluate("() => { const p = document.querySelector('.diapo-sous-titre'); "
                                            "const r = document.createRange(); r.selectNodeContents(p); "
                                            "const n = r.getClientRects().length; "
                                            "return p.getBoundingClientRect().height * (n - 1) / n; }")
                    page.wait_for_function("h => document.querySelector('.st-key-diapo_graphique .js-plotly-plot')"
                                           ".getBoundingClientRect().height >= h", arg=hauteur - 320 - en_plus,
                                           timeout=15_000)
                except DelaiDepasse:
                    pytest.fail(f"diapositive {k} à {largeur}×{hauteur} : graphique de "
                                f"{graphe.bounding_box()['height']:.0f} px, pas la hauteur de l'écran")
            assert page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")\
                <= hauteur + 2, f"diapositive {k} plus haute que l'écran à {largeur}×{hauteur}"
            for bouton in (precedente, suivante):
                assert bouton.evaluate("b => b.scrollWidth <= b.clientWidth"), f"bouton tronqué à {largeur} px"
            capture(page, f"parcours_presentation_{k}_{largeur}x{hauteur}")
        titre_diapo = page.inner_text(".diapo-titre")
        assert auditer(page) == [], titre_diapo
        assert page.locator("h1.diapo-titre").count() == 1
        tailles = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot text')]
            .filter(t => t.textContent.trim()).map(t => parseFloat(getComputedStyle(t).fontSize))""")
        assert min(tailles, default=18) >= 18, (titre_diapo, min(tailles))
        if k < n:
            suivante.click()
            page.wait_for_selector(f"text={k + 1} / {n}", timeout=30_000)
            attendre(page)
    precedente.click()
    page.wait_for_selector(f"text={n - 1} / {n}", timeout=30_000)
    attendre(page)
    # l'adresse copiée rouvre la même diapositive, du même territoire, dans un autre navigateur
    contexte = navigateur.new_context(viewport={"width": 1366, "height": 768})
    autre = contexte.new_page()
    autre.goto(page.url)
    autre.wait_for_selector(f"text={n - 1} / {n}", timeout=90_000)
    autre.wait_for_selector(".diapo-source", timeout=60_000)
    attendre(autre)
    assert MNO in autre.inner_text("body") and "31/12/2023" in autre.inner_text("body")
    contexte.close()
    relancer(page, page.get_by_text("Quitter la présentation").click)
    verifier_vue(page, MNO, "31/12/2023", "mno", "Synthèse – ")
    page.close()


def deposer_pour(navigateur, url: str, territoire: tuple[str, str], date: str, fichier):
    """Une analyste choisit son territoire (tapé, option) et sa date, regarde la carte « Demandeurs d'emploi ABC »
    de la Synthèse, puis dépose ``fichier`` sur la page d'import et attend le rapport. Renvoie la page, la carte
    et son texte d'avant l'import."""
    page = ouvrir(navigateur, url, 1366, 768)
    choisir(page, "Territoire", *territoire)
    choisir(page, "Date", date, date)
    carte_abc = page.locator("[data-testid='stMetric']", has_text="Demandeurs d'emploi ABC")
    avant = carte_abc.inner_text()
    lien(page, "Importer des données")
    deposer(page, fichier)
    page.wait_for_selector("text=Si vous confirmez", timeout=60_000)
    attendre(page)
    return page, carte_abc, avant


def test_import_d_une_commune_puis_les_totaux(serveur_ecriture, navigateur, tmp_path):
    """Une analyste choisit son territoire, dépose le chiffre d'une commune ; le rapport lui dit, avant
    de confirmer, que le total de son territoire deviendra incomplet ; après confirmation, la Synthèse dit
    « incomplet (2 communes sans valeur) », jamais « secret », sans comparaison impossible ; l'annulation rend
    le total d'avant."""
    url, _ = serveur_ecriture
    fichier = tmp_path / "roubaix_2022.csv"
    fichier.write_text("code_commune;indicateur;date;valeur\n59512;demandeurs_abc;31/12/2022;14 900\n",
                       encoding="utf-8")
    page, carte_abc, avant = deposer_pour(navigateur, url, ("Roubaisis", "MiE du Roubaisis"), "31/12/2022", fichier)
    assert "incomplet" not in avant
    corps = page.inner_text("body")
    assert "Fichier valide" in corps in corps and "le total de 6 territoires deviendra incomplet" in corps, corps[:3000]
    page.get_by_text("Totaux qui deviendront incomplets").click()
    page.get_by_text("Valeurs de démonstration qui disparaîtront").click()
    attendre(page)
    capture(page, "parcours_import_rapport_1366x768")
    grilles = page.locator("[data-testid='stDataFrame']")  # grilles dessinées : le texte est dans leur table ARIA
    assert "MiE du Roubaisis" in grilles.nth(1).text_content()  # le tableau des totaux incomplets
    page.get_by_role("button", name="Confirmer l'import").click()
    page.wait_for_selector("text=Import n°1 enregistré", timeout=30_000)
    lien(page, "Synthèse")
    verifier_vue(page, "MiE du Roubaisis", "31/12/2022", "mie-roubaisis", "Synthèse – ")
    lignes = [x for x in carte_abc.inner_text().split("\n") if x.strip()]
    assert lignes[1:3] == ["incomplet", "2 communes sans valeur"], lignes
    corps = page.inner_text("body")
    assert "secret" not in corps.lower() and "(–)" not in corps
    capture(page, "parcours_import_synthese_1366x768")
    lien(page, "Importer des données")
    page.get_by_role("button", name="Annuler cet import").click()
    page.wait_for_selector("text=Import n°1 annulé", timeout=30_000)
    lien(page, "Synthèse")
    verifier_vue(page, "MiE du Roubaisis", "31/12/2022", "mie-roubaisis", "Synthèse – ")
    assert carte_abc.inner_text() == avant
    page.close()


def test_zone_d_emploi_choisie_dans_la_barre_laterale(serveur, navigateur):
    """Une zone d'emploi se choisit en tapant son nom ; celle de Roubaix-Tourcoing (entièrement dans le
    Nord) a ses chiffres et sa carte ; celle de Lille (6 communes dans le Pas-de-Calais) dit « incomplet » et
    pourquoi ; un bassin d'emploi (même code 3218, autre aire) ne se confond pas avec la zone."""
    page = ouvrir(navigateur, serveur, 1366, 768)
    choisir(page, "Territoire", "Zone d'emploi de Roubaix", "Zone d'emploi de Roubaix-Tourcoing")
    verifier_vue(page, "Zone d'emploi de Roubaix-Tourcoing", valeur(page, "Date"), "ze-3218", "Synthèse – ")
    carte_abc = page.locator("[data-testid='stMetric']", has_text="Demandeurs d'emploi ABC")
    assert "incomplet" not in carte_abc.inner_text()
    lien(page, "Carte")
    page.wait_for_selector(".obs-carte [data-code]", timeout=60_000)
    verifier_vue(page, "Zone d'emploi de Roubaix-Tourcoing", valeur(page, "Date"), "ze-3218", "Carte – ")
    lien(page, "Synthèse")
    choisir(page, "Territoire", "Zone d'emploi de Lille", "Zone d'emploi de Lille")
    lignes = [x for x in carte_abc.inner_text().split("\n") if x.strip()]
    assert lignes[1:3] == ["incomplet", "6 communes hors du Nord"], lignes
    choisir(page, "Territoire", "Bassin d'emploi de Dunkerque", "Bassin d'emploi de Dunkerque")
    assert "territoire=be-3218" in page.url and titre(page).endswith("Bassin d'emploi de Dunkerque")
    capture(page, "parcours_bassin_emploi_1366x768")
    page.close()


def test_metiers_qui_recrutent_d_une_commune(serveur, navigateur, largeur=1366, hauteur=768):
    """Une élue tape sa commune, ouvre « Métiers qui recrutent » : les chiffres réels de son bassin
    d'emploi (BMO 2024), comparés au Nord et à la région, sans marque de démonstration ; elle passe au Nord
    entier, copie l'adresse : un autre navigateur rouvre la même vue."""
    page = ouvrir(navigateur, serveur, largeur, hauteur)
    choisir(page, "Territoire", "Roubaix", "Roubaix")
    lien(page, "Métiers qui recrutent")
    verifier_vue(page, "Roubaix", valeur(page, "Date"), "59512", "Métiers qui recrutent – ")
    corps = page.inner_text("[data-testid='stMain']")
    assert "Chiffres de tout le bassin d'emploi du Versant nord-est (Roubaix-Tourcoing), dont Roubaix fait partie" \
        in corps
    projets = page.locator("[data-testid='stMetric']", has_text="Projets de recrutement")
    assert "12\u202f854" in projets.inner_text()
    assert "Nord : 82\u202f228 · Hauts-de-France : 174\u202f511" in corps
    assert "démonstration" not in corps.lower()
    assert "France Travail, enquête Besoins en main-d'œuvre (BMO) 2024" in corps
    for graphe in ("bmo_top_projets", "bmo_top_difficiles", "bmo_familles"):
        page.locator(f".st-key-{graphe} .js-plotly-plot, [data-testid='stPlotlyChart']").first.wait_for()
    grille = page.locator("[data-testid='stDataFrame'] .dvn-scroller").first  # la grille défile-t-elle en largeur ?
    assert grille.evaluate("g => g.scrollWidth <= g.clientWidth + 1"), "tableau des métiers plus large que la page"
    capture(page, f"parcours_metiers_{largeur}x{hauteur}")
    champ = page.locator("[data-testid='stMain'] input[aria-label=\"Bassin d'emploi\"]")
    champ.click()
    page.get_by_role("option", name="Nord (ses huit bassins d'emploi)").click()
    attendre(page)
    assert "zone=dep-59" in page.url
    assert "82\u202f228" in projets.inner_text()
    contexte = navigateur.new_context(viewport={"width": largeur, "height": hauteur})
    autre = contexte.new_page()
    autre.goto(page.url)
    autre.wait_for_selector("[data-testid='stMetric']", timeout=90_000)
    attendre(autre)
    assert autre.locator("[data-testid='stMain'] input[aria-label=\"Bassin d'emploi\"]").input_value() == \
        "Nord (ses huit bassins d'emploi)"
    assert "82\u202f228" in autre.locator("[data-testid='stMetric']", has_text="Projets de recrutement").inner_text()
    contexte.close()
    page.close()


def test_quartiers_iris_d_une_commune(serveur, navigateur, largeur=1366, hauteur=768):
    """Un élu tape sa commune, ouvre la carte, passe aux quartiers IRIS : les chiffres du recensement
    2019 de ses quartiers, sans marque de démonstration, attribués à l'Insee ; il choisit une mesure, copie
    l'adresse : un autre navigateur rouvre les mêmes quartiers et la même mesure."""
    page = ouvrir(navigateur, serveur, largeur, hauteur)
    choisir(page, "Territoire", "Roubaix", "Roubaix")
    lien(page, "Carte")
    page.locator("[data-testid='stMain'] button", has_text=re.compile(r"^IRIS$")).click()
    attendre(page)
    verifier_vue(page, "Roubaix", valeur(page, "Date"), "59512", "Carte des quartiers – Population – ")
    champ = page.locator("[data-testid='stMain'] input[aria-label='Mesure (recensement 2019)']")
    champ.click()
    page.get_by_role("option", name="Ouvriers").click()
    attendre(page)
    assert titre(page) == "Carte des quartiers – Ouvriers – Roubaix" and "iris=ouvriers" in page.url
    corps = page.inner_text("[data-testid='stMain']")
    assert "Roubaix – 38 quartiers IRIS classés" in corps
    assert "Insee, RP 2019 ; contours IRIS : IGN-Insee" in corps and "démonstration" not in corps.lower()
    page.locator(".obs-carte [data-code]").first.wait_for()
    assert page.locator(".obs-carte [data-code]").count() == 38
    grille = page.locator("[data-testid='stDataFrame'] .dvn-scroller").first
    assert grille.evaluate("g => g.scrollWidth <= g.clientWidth + 1"), "tableau des quartiers plus large que la page"
    capture(page, f"parcours_iris_{largeur}x{hauteur}")
    contexte = navigateur.new_context(viewport={"width": largeur, "height": hauteur})
    autre = contexte.new_page()
    autre.goto(page.url)
    autre.wait_for_selector("[data-testid='stMain'] h1", timeout=90_000)
    attendre(autre)
    assert titre(autre) == "Carte des quartiers – Ouvriers – Roubaix"
    contexte.close()
    page.close()


def test_import_d_un_fichier_officiel_par_departement(serveur_ecriture, navigateur):
    """Une analyste dépose le fichier DARES par département tel qu'elle l'a téléchargé ; le rapport
    nomme la disposition, ce qui est écarté, et que le chiffre du Nord remplacera la somme de ses communes ;
    après confirmation, la Synthèse du Nord montre le chiffre publié et le dit, le Profil nomme la définition
    de la DARES ; l'annulation rend la vue d'avant."""
    url, _ = serveur_ecriture
    page, carte_abc, avant = deposer_pour(navigateur, url, ("Nord", "Département du Nord"), "31/12/2024",
                                          Path(__file__).parent / "fixtures" / "officiels" / "dares_departements.csv")
    corps = page.inner_text("body")
    assert "Disposition reconnue : DARES, demandeurs d'emploi inscrits à France Travail, données trimestrielles " \
           "brutes par région et département" in corps, corps[:3000]
    assert "6 lignes d'un autre département que le Nord" in corps
    assert "le chiffre publié à l'échelle du territoire remplacera la somme des communes pour : France, " \
           "Département du Nord" in corps
    capture(page, "parcours_import_officiel_rapport_1366x768")
    page.get_by_role("button", name="Confirmer l'import").click()
    page.wait_for_selector("text=/Import n°\\d+ enregistré/", timeout=30_000)  # le module a pu importer avant
    lien(page, "Synthèse")
    verifier_vue(page, "Département du Nord", "31/12/2024", "nord", "Synthèse – ")
    assert "240\u202f115" in carte_abc.inner_text()
    assert "chiffre publié à l'échelle du territoire" in page.inner_text("[data-testid='stMain']")
    capture(page, "parcours_import_officiel_synthese_1366x768")
    lien(page, "Profil des demandeurs")
    assert "Données réelles : DARES / France Travail – moyenne des trois fins de mois du trimestre, arrondie à 5" \
        in page.inner_text("[data-testid='stMain']")
    lien(page, "Importer des données")
    page.get_by_role("button", name="Annuler cet import").click()
    page.wait_for_selector("text=/Import n°\\d+ annulé/", timeout=30_000)
    lien(page, "Synthèse")
    assert carte_abc.inner_text() == avant
    page.close()


@pytest.mark.parametrize("largeur, hauteur", [(1366, 768), (390, 844)])
def test_pourquoi_l_emploi_a_bouge(serveur, navigateur, largeur, hauteur):
    """Page Emploi de la MEL, au portable puis sur un téléphone tactile : la phrase dit la variation et ses trois
    effets, la cascade (Tendance : Nord, Structure sectorielle, Effet local, Variation) tient entière dans la
    largeur, puis le tableau des secteurs et ses téléchargements ; « Sa région » (touché) passe la référence aux Hauts-de-France
    dans la phrase, la cascade et l'adresse."""
    contexte = navigateur.new_context(viewport={"width": largeur, "height": hauteur}, has_touch=largeur < 500,
                                      is_mobile=largeur < 500)
    page = contexte.new_page()
    page.goto(f"{serveur}/emploi?territoire=mel")
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=90_000)
    attendre(page)
    section = page.get_by_role("heading", name="Pourquoi l'emploi a bougé")
    section.scroll_into_view_if_needed()
    corps = page.inner_text("[data-testid='stMain']")
    assert re.search(r"La Métropole Européenne de Lille (gagne|perd) [\d\u202f]+ emplois salariés privés du "
                     r"30/09/2025 au 30/09/2026 : la tendance de sa référence \(Département du Nord\)", corps), corps
    cascade = page.locator(".st-key-emploi_cascade .js-plotly-plot")
    cascade.scroll_into_view_if_needed()
    boite = cascade.bounding_box()
    assert boite["x"] >= 0 and boite["x"] + boite["width"] <= largeur + 1 and boite["height"] > 250
    marches = cascade.locator(".xtick text").all_text_contents()
    assert marches == ["Tendance : Nord", "Structure sectorielle", "Effet local", "Variation"], marches
    capture(page, f"parcours_emploi_cascade_{largeur}x{hauteur}")
    # le tableau des secteurs (son TOTAL : tests/test_pages.py) et ses téléchargements, dans la largeur
    telecharger_csv = page.locator(".st-key-emploi_decomposition_csv")
    telecharger_csv.scroll_into_view_if_needed()
    assert telecharger_csv.bounding_box()["x"] + telecharger_csv.bounding_box()["width"] <= largeur
    region = page.get_by_role("radio", name="Sa région")
    region.tap() if largeur < 500 else region.click()
    attendre(page)
    assert "(Région Hauts-de-France)" in page.inner_text("[data-testid='stMain']")
    assert cascade.locator(".xtick text").first.text_content() == "Tendance : Hauts-de-France"
    assert "emploi.reference=region" in page.url or "reference=region" in page.url, page.url
    sans_erreur(page)
    contexte.close()
