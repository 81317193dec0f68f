"""Ce qu'une personne voit : la page d'accueil dans Chromium (Debian, sans tête), à 1366×768 et 1920×1080.
Captures d'écran enregistrées dans artefacts/."""
from __future__ import annotations

from pathlib import Path

import pytest

from outils_axe import auditer
from outils_navigateur import (ARTEFACTS, attendre, carte_branchee, cliquer_commune, deposer, lien, redimensionner,
                               sans_erreur, survoler)

ANGLAIS = ["Collapse sidebar", "Expand sidebar", "Clear all", "Select all", "Choose an option", "Download as CSV",
           "Fullscreen", "Help for", "Search", "Close", "Skip to main content", "Link to heading"]
NOMS = """() => [...document.querySelectorAll('[aria-label], [title], [placeholder]')].flatMap(e =>
    ['aria-label', 'title', 'placeholder'].map(a => e.getAttribute(a)).filter(Boolean))"""


PAGES = {  # chemin -> (élément attendu, textes attendus)
    "": ("[data-testid='stMetric']", ["Synthèse – Métropole Européenne de Lille", "1\u202f195\u202f234"]),
    "carte": (".obs-carte [data-code]", ["Carte – Demandeurs ABC", "CSV", "Excel", "PNG", "SVG", "Nombre de classes"]),
    "evolutions": (".js-plotly-plot", ["Évolutions – Métropole Européenne de Lille", "Catégories A, B, C"]),
    "profil": ("[data-testid='stDataFrame']", ["Profil des demandeurs d'emploi", "Excel"]),
    "comparer": (".js-plotly-plot", ["Comparer les territoires", "Arrondissement de Lille"]),
    "emploi": ("[data-testid='stDataFrame']", ["Emploi salarié et entreprises", "Urssaf"]),
    "metiers": ("[data-testid='stDataFrame']", ["Métiers qui recrutent – Métropole Européenne de Lille",
                                                 "s'étend sur 2 bassins d'emploi", "Hauts-de-France : 174\u202f511"]),
    "sources": ("[data-testid='stDataFrame']", ["Sources et méthodes", "281 / 281"]),
    "importer": ("[data-testid='stFileUploader']", ["Importer des données", "Journal des imports"]),
    "accessibilite": ("[data-testid='stMain'] h1", ["Déclaration d'accessibilité", "partiellement conforme",
                                                    "Contenus non accessibles et alternatives", "Défenseur des droits"]),
}
PIEDS = {"metiers": "enquête Besoins en main-d'œuvre (BMO) 2024",  # données réelles, aucune marque de démonstration
         "importer": "IGN – ADMIN EXPRESS 2018", "accessibilite": "Déclaration établie le 30/11/2026"}


LIENS = {"": "Synthèse", "carte": "Carte", "evolutions": "Évolutions", "profil": "Profil des demandeurs",
         "comparer": "Comparer les territoires", "emploi": "Emploi salarié et entreprises",
         "metiers": "Métiers qui recrutent", "sources": "Sources et méthodes", "importer": "Importer des données",
         "accessibilite": "Accessibilité"}


def test_chaque_page_dans_chromium(serveur, navigateur):
    """Chaque page, ouverte par son lien de la barre latérale dans le même navigateur : ses textes, et son
    accessibilité : aucune violation grave ou critique d'axe-core (WCAG 2.1 A et AA), page en français (lang, noms des
    commandes), titre d'onglet, aucune requête vers un autre hôte ; puis sa mise en page sur le portable (1366×768) et
    au projecteur (1920×1080) : rien ne déborde à droite, capture. L'application n'est chargée qu'une fois."""
    page = navigateur.new_page(viewport={"width": 1366, "height": 768})
    hotes = set()
    page.on("request", lambda r: hotes.add(r.url.split("/")[2]))
    page.goto(serveur)
    page.wait_for_selector("[data-testid='stSidebar'] [data-testid='stPageLink']", timeout=90_000)
    attendre(page)
    for chemin, (selecteur, textes) in PAGES.items():
        lien(page, LIENS[chemin])
        page.wait_for_selector(selecteur, timeout=60_000)
        sans_erreur(page)
        reel = chemin == "metiers"  # enquête BMO : données réelles, aucune marque de démonstration
        for t in textes + ([] if chemin in PIEDS else ["Données de démonstration"]) + [PIEDS.get(chemin, "IGN – ADMIN EXPRESS 2018")]:
            # attendu jusqu'à ce qu'il paraisse (jamais une pause fixe : la vitesse de la machine ne décide de rien)
            page.wait_for_function("t => document.body.innerText.includes(t)", arg=t, timeout=30_000)
        texte = page.inner_text("body")
        assert not reel or "démonstration" not in texte.lower()
        assert page.evaluate("document.documentElement.lang") == "fr"
        assert auditer(page) == [], chemin
        noms = page.evaluate(NOMS)
        assert not [n for n in noms if any(n.startswith(a) for a in ANGLAIS)], (chemin, noms)
        assert page.title().endswith("– Métropole Européenne de Lille – Observatoire de l'emploi"), page.title()
        for largeur, hauteur in [(1920, 1080), (1366, 768)]:
            redimensionner(page, largeur, hauteur)
            assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), f"{chemin} déborde à {largeur} px"
            if chemin == "metiers":  # le tableau des métiers tient dans la page, sans défilement horizontal
                grille = page.locator("[data-testid='stDataFrame'] .dvn-scroller").first
                assert grille.evaluate("g => g.scrollWidth <= g.clientWidth + 1"), "tableau des métiers plus large que la page"
            page.screenshot(path=ARTEFACTS / f"{chemin or 'synthese'}_{largeur}x{hauteur}.png", full_page=True)
    assert hotes == {serveur.split("/")[2]}, hotes  # aucune requête ne quitte l'application
    page.close()


def test_lien_profond_puis_clic_sur_une_commune(serveur, navigateur):
    """La carte (SVG, sans Plotly) : légende en français avec le contour choisi, une forme par commune de la MEL,
    une bulle au survol, des noms à 11 px quelle que soit l'échelle ; un clic sur une commune la choisit."""
    page = navigateur.new_page(viewport={"width": 1366, "height": 900})
    chunks = []
    page.on("request", lambda r: chunks.append(r.url.rsplit("/", 1)[-1]))
    page.goto(f"{serveur}/carte?territoire=mie-roubaisis&date=2021-12-31&indicateur=demandeurs_abc")
    page.wait_for_selector(".obs-carte [data-code]", timeout=60_000)
    attendre(page)
    assert "MiE du Roubaisis – communes classées" in page.inner_text("body")
    legende = page.inner_text(".obs-carte .legende")
    assert "MiE du Roubaisis" in legende and "20\u202f920" in legende  # contour choisi ; Lille, borne haute, en français
    assert page.locator(".obs-carte [data-code]").count() == 95  # les communes de la MEL, contexte compris
    assert not [c for c in chunks if c.startswith("PlotlyChart")], "la carte ne doit pas attendre Plotly"
    # taille des noms mesurée par carte_svg.js : 11 px à l'écran (12 px cernés de blanc), pas l'échelle du dessin
    carte_branchee(page)
    hauteurs = page.evaluate("() => [...document.querySelectorAll('.obs-carte .noms text')]"
                             ".map(t => parseFloat(getComputedStyle(t).fontSize) / t.ownerSVGElement.style"
                             ".getPropertyValue('--k'))")
    assert hauteurs and all(10.9 < h < 12.1 for h in hauteurs), hauteurs
    bulle = survoler(page, "59512")
    assert bulle.inner_text().split("\n")[:2] == ["Roubaix", "Nombre : 14\u202f523"], bulle.inner_text()
    # un clic sur une commune en fait le territoire choisi (et l'URL suit)
    cliquer_commune(page, "59339")
    page.wait_for_function("() => location.search.includes('territoire=59339')", timeout=30_000)
    page.wait_for_selector("h1:has-text('Carte – Demandeurs ABC – Leers')", timeout=30_000)
    page.close()


def test_import_dans_le_navigateur(serveur_ecriture, navigateur, tmp_path):
    url, base = serveur_ecriture
    avant = base.read_bytes()
    page = navigateur.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{url}/importer")
    page.wait_for_selector("[data-testid='stFileUploader']", timeout=60_000)
    # un mauvais fichier : refusé, chaque problème avec sa ligne et sa colonne, base intacte
    mauvais = tmp_path / "mauvais.csv"
    mauvais.write_text("code_commune;indicateur;date;valeur\n59999;demandeurs_abc;2022-12-31;10\n"
                       "59512;chomeurs;2022-12-31;5\n", encoding="utf-8")
    deposer(page, mauvais)
    page.wait_for_selector("text=Fichier refusé : 2 problème(s)", timeout=60_000)
    assert base.read_bytes() == avant
    # un bon fichier : rapport, confirmation, journal
    bon = tmp_path / "bon.csv"
    bon.write_text("code_commune;indicateur;date;valeur\n59512;demandeurs_abc;31/12/2022;14 900\n"
                   "59339;demandeurs_abc;31/12/2022;600\n", encoding="utf-8")
    deposer(page, bon)
    page.wait_for_selector("text=Fichier valide", timeout=60_000)
    page.get_by_role("button", name="Confirmer l'import").click()
    page.wait_for_selector("text=Import n°1 enregistré", timeout=30_000)
    page.screenshot(path=ARTEFACTS / "importer_1366x900.png", full_page=True)
    # annulation
    page.get_by_role("button", name="Annuler cet import").click()
    page.wait_for_selector("text=Import n°1 annulé", timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()


def test_aucun_texte_anglais_dans_les_outils(serveur, navigateur):
    """Infobulles de la barre d'outils Plotly (locale française de Plotly.js, plein écran de
    Streamlit) et zone de dépôt de fichier en français ; aucune trace d'erreur détaillée pour les visiteurs. La barre
    d'outils ne propose pas de télécharger le graphique : son image (« plot-image.png ») n'aurait ni source, ni date, ni
    marque de démonstration ; les boutons PNG et SVG sous chaque graphique les portent."""
    import tomllib
    page = navigateur.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{serveur}/evolutions")
    page.wait_for_selector(".modebar-btn", state="attached", timeout=60_000)
    attendre(page)
    bulles = page.evaluate("() => [...document.querySelectorAll('.modebar-btn')]"
                           ".map(b => getComputedStyle(b, '::after').content)")
    assert '"Réinitialiser les axes"' in bulles and '"Plein écran"' in bulles, bulles
    assert '"Télécharger le graphique en fichier PNG"' not in bulles, bulles
    assert not {'"Zoom in"', '"Pan"', '"Autoscale"', '"Reset axes"', '"Fullscreen"', '"Download plot as a PNG"'} \
        & set(bulles), bulles
    # le menu ⋮ de Streamlit : « Imprimer », « Enregistrer l'écran », jamais « Print » ni « Made with Streamlit »
    page.locator("[data-testid='stMainMenu'] button, [data-testid='stMainMenuButton']").first.click()
    page.wait_for_selector("[data-testid='stMainMenuList']", timeout=10_000)
    menu = page.inner_text("[data-testid='stMainMenuList']")
    assert "Imprimer" in menu and not [w for w in ("Print", "Record", "Made with", "Settings", "About") if w in menu], menu
    page.keyboard.press("Escape")
    page.goto(f"{serveur}/importer")
    page.wait_for_selector("[data-testid='stFileUploaderDropzone']", timeout=60_000)
    textes = page.evaluate("() => [...document.querySelectorAll('[data-testid=stFileUploaderDropzone] *')]"
                           ".map(e => getComputedStyle(e, '::after').content).filter(c => c !== 'none')")
    assert '"ou glissez-déposez le fichier ici · 50 Mo au plus"' in textes and '"Parcourir"' in textes, textes
    page.close()
    config = tomllib.loads((Path(__file__).parent.parent / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["fileWatcherType"] == "none"  # aucune surveillance des modules à chaque session


# Relevé de la mise en page de la carte, rendu seulement quand deux relevés successifs (à 200 ms) sont identiques :
# sous charge, la colonne se cale après le dessin ; toutes les mesures viennent d'un même relevé (mesurer la zone
# puis la légende séparément pouvait les prendre de part et d'autre d'un changement de largeur).
MISE_EN_PAGE_STABLE = """() => { const z = document.querySelector('.obs-carte'), l = document.querySelector('.obs-carte .legende'),
    s = document.querySelector('.obs-carte > svg');
    if (!z || !l || !s) return null;
    const a = z.getBoundingClientRect(), b = l.getBoundingClientRect(), r = s.getBoundingClientRect(),
        vb = s.viewBox.baseVal, k = Math.min(r.width / vb.width, r.height / vb.height);
    const releve = {zone: {y: a.y, height: a.height, width: a.width}, legende: {y: b.y, height: b.height},
                    dessin: {width: vb.width * k, height: vb.height * k}};
    const cle = JSON.stringify(releve), stable = window.__obs_mise_en_page === cle;
    window.__obs_mise_en_page = cle; return stable ? releve : null; }"""


@pytest.mark.parametrize("taille", [(1366, 768), (1920, 1080)], ids=["portable", "projecteur"])
def test_la_carte_remplit_sa_zone(serveur, navigateur, taille):
    """La carte prend toute la largeur de sa colonne (ou toute la hauteur de l'écran moins l'en-tête),
    son cadre géographique remplit la zone de dessin et la légende la suit sans bande vide."""
    page = navigateur.new_page(viewport={"width": taille[0], "height": taille[1]})
    page.goto(f"{serveur}/carte?territoire=59512&date=2021-12-31")
    page.wait_for_selector(".obs-carte [data-code]", timeout=60_000)
    attendre(page)
    releve = page.wait_for_function(MISE_EN_PAGE_STABLE, polling=200, timeout=30_000).json_value()
    zone, legende, dessin = releve["zone"], releve["legende"], releve["dessin"]
    # la carte et sa légende tiennent dans la hauteur permise (écran moins l'en-tête), la légende suit la carte
    assert zone["height"] <= max(420, taille[1] - 260) + 1, zone
    assert abs(legende["y"] - (zone["y"] + zone["height"] - legende["height"])) < 2, (legende, zone)
    # le dessin prend toute la largeur de sa colonne, ou toute la hauteur permise
    assert dessin["width"] >= 0.97 * zone["width"] or \
        dessin["height"] >= 0.97 * (taille[1] - 260 - legende["height"]), (dessin, zone)
    assert dessin["height"] >= 0.97 * (zone["height"] - legende["height"]), "pas de bande vide au-dessus de la légende"
    page.close()


def test_noms_entiers_dans_la_barre_laterale(serveur, navigateur):
    """Ce qui est choisi se lit en entier : les étiquettes de « Comparer avec » (« Maison de l'emploi Métropole
    Nord-Ouest », pas « Maison de l'emploi … ») et les options de la liste « Territoire » (deux lignes au besoin) ;
    « Roubaix » tapé propose d'abord la commune, puis la zone d'emploi et le bassin qui la contiennent."""
    page = navigateur.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{serveur}/comparer?territoire=melt&comparer=mie-roubaisis,mno,mel")
    page.wait_for_selector("[data-testid='stSidebar'] [data-tag]", timeout=60_000)
    attendre(page)
    etiquettes = page.evaluate("() => [...document.querySelectorAll('[data-testid=stSidebar] [data-tag] > span[title]')]"
                               ".map(s => [s.textContent, s.scrollWidth <= s.clientWidth + 1])")
    assert etiquettes == [["MiE du Roubaisis", True], ["Maison de l'emploi Métropole Nord-Ouest", True],
                          ["Métropole Européenne de Lille", True]]
    champ = page.locator("[data-testid='stSidebar'] input[aria-label='Territoire']")
    champ.click()
    champ.fill("Roubaix")
    page.wait_for_selector("[role=option]")
    options = page.evaluate("() => [...document.querySelectorAll('[role=option] > [data-item-hl]')].map(o => [o.textContent,"
                            " o.scrollWidth <= o.clientWidth + 1 && o.scrollHeight <= o.parentElement.clientHeight])")
    assert options == [["Roubaix", True], ["Zone d'emploi de Roubaix-Tourcoing", True],
                       ["Bassin d'emploi du Versant nord-est (Roubaix-Tourcoing)", True]]
    page.keyboard.press("Escape")
    page.close()


def test_valeurs_du_graphique_ouvertes_au_clavier(serveur, navigateur):
    """Le tableau des valeurs d'un graphique (son équivalent texte) arrive quand on ouvre son panneau au clavier :
    Entrée sur le titre du panneau, le tableau et ses lignes, le focus resté sur le titre ; Entrée le referme."""
    page = navigateur.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{serveur}/evolutions")
    page.wait_for_selector(".obs-courbes path", timeout=60_000)
    attendre(page)
    tableaux = page.locator("[data-testid='stExpander'] table")
    assert tableaux.count() == 0  # replié : pas envoyé
    titre = page.locator("[data-testid='stExpander'] summary", has_text="Valeurs du graphique").first
    titre.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid='stExpander'] table", timeout=30_000)
    attendre(page)
    assert tableaux.first.get_attribute("aria-label") == "Valeurs du graphique Demandeurs ABC – base 100 au 31/12/2011"
    assert page.locator("[data-testid='stExpander'] table tbody tr").first.locator("td, th").all_inner_texts() == \
        ["MEL", "31/12/2011", "100,0"]
    assert page.evaluate("() => document.activeElement.closest('summary')?.textContent").endswith(
        "Valeurs du graphique")
    page.keyboard.press("Enter")
    attendre(page)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stExpander\"] table')", timeout=30_000)
    page.close()
