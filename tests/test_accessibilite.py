"""Accessibilité (RGAA 4.1, WCAG 2.1 AA) éprouvée comme un comportement, dans Chromium : parcours au clavier seul, sur
un téléphone (390×844, tactile) et sur une tablette (1024×768). axe-core sur chaque page aux deux tailles d'écran :
tests/test_navigateur.py ; sur chaque diapositive : le parcours de la présentation (tests/test_parcours.py)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from outils_navigateur import ARTEFACTS, attendre, carte_branchee, noms_qui_se_chevauchent, sans_erreur

from observatoire.appli import page_servie


def ouvrir(navigateur, serveur, chemin: str, **contexte):
    options = {"viewport": {"width": 1366, "height": 768}} | contexte
    ctx = navigateur.new_context(**options)
    page = ctx.new_page()
    hotes = set()
    page.on("request", lambda r: hotes.add(r.url.split("/")[2]))
    page.goto(f"{serveur}/{chemin}")
    page.wait_for_selector("[data-testid='stMain'] h1, .diapo-titre", timeout=60_000)
    attendre(page)
    sans_erreur(page)
    return ctx, page, hotes


def barre_ouverte(page) -> bool:
    barre = page.locator("[data-testid='stSidebar']")
    return barre.count() > 0 and barre.bounding_box() is not None and barre.bounding_box()["x"] >= -1 \
        and barre.evaluate("e => e.getAttribute('aria-expanded') !== 'false' && getComputedStyle(e).visibility "
                           "!== 'hidden' && e.getBoundingClientRect().right > 10")


def test_index_servi_en_francais_et_streamlit_reconnu(tmp_path):
    """La page servie est française ; si une mise à jour de Streamlit change ses points d'accroche, le lanceur
    refuse de démarrer en anglais sans le dire."""
    from streamlit import file_util
    html = (page_servie.preparer(Path(file_util.get_static_dir()), tmp_path) / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in html and "<title>Observatoire de l'emploi</title>" in html
    assert "observatoire-interface.js" in html and "observatoire-interface.css" in html
    with pytest.raises(page_servie.StreamlitInattendu):
        page_servie.index_francais("<html><head></head></html>")


def test_le_dossier_servi_disparait_avec_le_serveur(tmp_path):
    """Chaque lancement prépare un dossier temporaire ; il est effacé quand le processus du serveur se termine
    (sinon chaque démarrage laisse un dossier de plus dans /tmp)."""
    code = ("from observatoire.appli import page_servie; from streamlit import file_util; "
            "print(page_servie.installer()); assert file_util.get_static_dir()")
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={**os.environ, "TMPDIR": str(tmp_path)})
    dossier = Path(sortie.stdout.strip())
    assert dossier.parent == tmp_path
    assert not dossier.exists()


def tabuler_jusqu_a(page, condition: str, maximum: int = 60) -> int:
    for n in range(1, maximum + 1):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            return n
    raise AssertionError(f"introuvable au clavier en {maximum} tabulations : {condition}")


def _voisines(code: str) -> set[str]:
    from observatoire.cartes import carto
    g = carto.formes_communes("detail").set_index("code_commune").geometry
    return set(g[g.intersects(g[code].buffer(1e-4))].index) - {code}


VOISINES_DE_ROUBAIX = _voisines("59512")


def boite_du_focus(page) -> dict:
    return page.evaluate("(() => { const r = document.activeElement.getBoundingClientRect(); "
                         "return {x: r.x, y: r.y, width: r.width, height: r.height}; })()")


def se_recouvrent(a: dict, b: dict) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


def dans_la_carte_visible(page) -> bool:
    """Le centre de la commune au focus est dans la carte, dans la fenêtre, à droite de la barre latérale."""
    return page.evaluate("""(() => { const r = document.activeElement.getBoundingClientRect();
        const c = document.querySelector('.obs-carte > svg').getBoundingClientRect();
        const barre = document.querySelector('[data-testid=stSidebar]').getBoundingClientRect();
        const x = r.x + r.width / 2, y = r.y + r.height / 2;
        return x > c.left && x < c.right && y > c.top && y < c.bottom && x > barre.right
            && x < innerWidth && y < innerHeight; })()""")


def test_parcours_au_clavier_seul(serveur, navigateur):
    """Choisir un territoire, changer de page (le focus va au titre), entrer dans la carte par ce territoire, passer
    à une voisine par une flèche, la choisir."""
    ctx, page, _ = ouvrir(navigateur, serveur, "")
    tabuler_jusqu_a(page, "document.activeElement.getAttribute('aria-label') === 'Territoire'")
    page.keyboard.type("Roubaix")
    page.keyboard.press("Enter")
    attendre(page)
    assert page.locator("[data-testid='stMain'] h1").inner_text() == "Synthèse – Roubaix"
    tabuler_jusqu_a(page, "document.activeElement.closest('[data-testid=stPageLink]')?.textContent.includes('Carte')")
    page.keyboard.press("Enter")
    page.wait_for_selector(".obs-carte [data-code]", timeout=60_000)
    attendre(page)
    carte_branchee(page)
    page.wait_for_function("document.activeElement.tagName === 'H1'", timeout=10_000)
    assert page.evaluate("document.activeElement.textContent").startswith("Carte – Demandeurs ABC – Roubaix")
    n = tabuler_jusqu_a(page, "!!document.activeElement.closest('.obs-carte [data-code]')")
    assert n <= 12  # la carte suit le titre et ses commandes, pas après toute la barre latérale
    # on entre dans la carte par le territoire choisi, dans la carte visible, à droite de la barre latérale
    nom = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert nom.startswith("Roubaix, Nombre : ") and "sur 95 de la zone" in nom  # nom, valeur, rang
    assert dans_la_carte_visible(page)
    assert page.locator(".obs-carte .bulle").is_visible()  # la bulle suit le focus, à côté de la commune
    assert not se_recouvrent(page.locator(".obs-carte .bulle").bounding_box(), boite_du_focus(page))
    # la commune au focus est cernée par-dessus ses voisines (tracé recopié en fin de carte)
    assert page.evaluate("document.querySelector('.obs-carte .focus .anneau').getAttribute('d') === "
                         "document.activeElement.getAttribute('d')")
    # une flèche passe à une voisine dans sa direction (Roubaix -> une commune qui la touche), pas à l'alphabet
    depart = boite_du_focus(page)
    page.screenshot(path=ARTEFACTS / "clavier_carte_focus_1366x768.png")
    page.keyboard.press("ArrowRight")
    arrivee = boite_du_focus(page)
    code = page.evaluate("document.activeElement.dataset.code")
    assert code in VOISINES_DE_ROUBAIX and arrivee["x"] + arrivee["width"] / 2 > depart["x"] + depart["width"] / 2
    assert dans_la_carte_visible(page)
    choisie = page.evaluate("document.activeElement.getAttribute('aria-label').split(',')[0]")
    page.keyboard.press("Enter")
    attendre(page)
    assert page.locator("[data-testid='stMain'] h1").inner_text() == f"Carte – Demandeurs ABC – {choisie}"
    page.wait_for_function("n => (document.activeElement.getAttribute('aria-label') || '').startsWith(n + ',')", arg=choisie,
                           timeout=10_000)  # la carte redessinée rend le focus à la commune choisie
    assert page.evaluate("document.querySelectorAll('.obs-carte svg[role=group] [role=button][tabindex=\"0\"]').length") == 1
    page.screenshot(path=ARTEFACTS / "clavier_carte_1366x768.png")
    ctx.close()


def test_parcours_sur_un_telephone(serveur, navigateur):
    """La barre latérale se referme d'elle-même après un choix et après un lien ; la carte vient avant ses
    commandes ; cibles tactiles d'au moins 24 px."""
    ctx, page, _ = ouvrir(navigateur, serveur, "", viewport={"width": 390, "height": 844}, has_touch=True,
                          is_mobile=True)
    assert not barre_ouverte(page)
    page.locator("[data-testid='stExpandSidebarButton']").first.tap()
    page.wait_for_function("document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right > 200")
    champ = page.locator("[data-testid='stSidebar'] input[aria-label='Territoire']")
    champ.tap()
    champ.fill("Roubaix")
    page.get_by_role("option", name="Roubaix", exact=True).first.tap()
    attendre(page)
    page.wait_for_function("document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right <= 0")
    assert page.locator("[data-testid='stMain'] h1").inner_text() == "Synthèse – Roubaix"
    page.locator("[data-testid='stExpandSidebarButton']").first.tap()
    page.wait_for_function("document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right > 200")
    page.locator("[data-testid='stSidebar'] [data-testid='stPageLink'] a", has_text="Carte").first.tap()
    page.wait_for_selector(".obs-carte [data-code]", timeout=60_000)
    attendre(page)
    page.wait_for_function("document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right <= 0")
    carte = page.locator(".obs-carte > svg").bounding_box()
    commandes = page.locator(".st-key-carte_commandes").bounding_box()
    tableau = page.locator("[data-testid='stDataFrame']").first.bounding_box()
    # la carte d'abord, dans le premier écran, puis ses commandes (mesure, classes), puis le tableau de 95 lignes
    assert carte["y"] < 844 and carte["y"] < commandes["y"] < tableau["y"]
    assert carte["width"] >= 390 - 2 * 16 - 2  # toute la largeur de la page
    assert "cliquez" not in page.inner_text("[data-testid='stMain']")  # « sélectionnez », au doigt comme à la souris
    # la barre d'outils du tableau (toujours visible au doigt) ne couvre pas son titre
    page.locator("[data-testid='stDataFrame']").first.tap(position={"x": 40, "y": 60})
    barre = page.locator("[data-testid='stElementToolbar']").first.bounding_box()
    titre_tableau = page.get_by_text("– communes de la zone").bounding_box()
    assert barre["y"] >= titre_tableau["y"] + titre_tableau["height"], (barre, titre_tableau)
    # la marque de démonstration au-dessus de la carte, pas sous le tableau
    assert page.locator("[data-testid='stAlert']", has_text="Données de démonstration").bounding_box()["y"] < carte["y"]
    petites = page.evaluate("""() => [...document.querySelectorAll('button, a, [data-testid=stTooltipIcon]')]
        .filter(e => !e.matches('[data-testid=stSkipToContent]'))  // lien d'évitement, visible au focus seulement
        .map(e => [e, e.getBoundingClientRect()]).filter(([e, r]) => r.width > 0 && r.right > 0
        && (r.width < 24 || r.height < 24)).map(([e, r]) => e.getAttribute('aria-label') || e.textContent)""")
    assert petites == []
    # les noms des communes restent lisibles : à cette largeur, ceux qui en recouvriraient un autre sont masqués
    assert noms_qui_se_chevauchent(page) == []
    visibles = page.evaluate("() => [...document.querySelectorAll('.obs-carte .noms text')]"
                             ".filter(t => getComputedStyle(t).visibility !== 'hidden').map(t => t.textContent)")
    assert "Roubaix" in visibles and len(visibles) >= 5, visibles
    page.screenshot(path=ARTEFACTS / "telephone_carte_390x844.png")
    # toucher une commune la choisit, sans laisser de bulle sur la légende de la carte redessinée
    page.locator(".obs-carte [data-code='59599']").tap()
    attendre(page)
    assert page.locator("[data-testid='stMain'] h1").inner_text().endswith("– Tourcoing")
    assert page.locator(".obs-carte .bulle").is_hidden()
    page.screenshot(path=ARTEFACTS / "telephone_carte_apres_toucher_390x844.png")
    ctx.close()


COUPES = """() => [
    ...[...document.querySelectorAll('[data-testid=stMain] button')].filter(b => {
        const col = b.closest('[data-testid=stColumn]');
        if (!col || !b.offsetParent) return false;
        const r = b.getBoundingClientRect(), c = col.getBoundingClientRect();
        return r.right > c.right + 1 || r.left < c.left - 1; }).map(b => 'bouton ' + b.innerText),
    ...[...document.querySelectorAll('[data-testid=stMain] input')]
        .filter(e => e.offsetParent && e.value && e.scrollWidth > e.clientWidth + 1).map(e => 'liste ' + e.value),
    ...[...document.querySelectorAll('[data-testid=stMain] [data-testid=stDataFrame] .dvn-scroller')]
        .filter(s => s.scrollWidth > s.clientWidth + 1).map(s => 'tableau ' + s.scrollWidth + ' > ' + s.clientWidth)]"""


@pytest.mark.parametrize("chemin", ["carte?territoire=mie-roubaisis", "evolutions?territoire=melt",
                                    "profil?territoire=melt", "emploi?territoire=melt"])
def test_tablette_rien_de_coupe(serveur, navigateur, chemin):
    """Sur une tablette (1024×768, barre latérale ouverte : ~570 px pour la page), ni un bouton (« IRIS »,
    « Nombre »), ni une liste (« Quantiles (effectifs égaux) », « Demandeurs ABC – femmes »), ni un tableau classé
    (colonne Rang) coupés : deux colonnes passent l'une sous l'autre ; sur la carte, la carte d'abord, dans le premier
    écran, ses commandes sur deux colonnes dessous."""
    ctx, page, _ = ouvrir(navigateur, serveur, chemin, viewport={"width": 1024, "height": 768}, has_touch=True)
    page.wait_for_function("() => !document.querySelector('[data-testid=stSkeleton]')", timeout=60_000)
    assert page.evaluate(COUPES) == []
    if chemin.startswith("carte"):
        assert page.locator(".obs-carte > svg").bounding_box()["y"] < 768 / 2
        page.screenshot(path=ARTEFACTS / "tablette_carte_1024x768.png")
    ctx.close()


def test_tablette_libelles_des_chiffres_cles_entiers(serveur, navigateur):
    ctx, page, _ = ouvrir(navigateur, serveur, "", viewport={"width": 1024, "height": 768}, has_touch=True)
    page.wait_for_function("document.querySelectorAll('[data-testid=stMetricLabel]').length >= 6", timeout=60_000)
    attendre(page)
    coupes = page.evaluate("""() => [...document.querySelectorAll('[data-testid=stMetricLabel] *')]
        .filter(e => getComputedStyle(e).textOverflow === 'ellipsis' || e.scrollWidth > e.clientWidth + 1)
        .map(e => e.textContent)""")
    assert page.locator("[data-testid='stMetricLabel']").count() >= 6 and coupes == []
    # le module des chiffres clés a été demandé dès l'index (préchargé), et reçu
    assert page.evaluate(r"""() => [...document.querySelectorAll('link[rel=modulepreload][data-observatoire]')].some(l => /\/Metric\./.test(l.href))
        && performance.getEntriesByType('resource').some(r => /\/Metric\.[^/]*js$/.test(r.name) && r.responseStatus === 200)""")
    page.screenshot(path=ARTEFACTS / "tablette_synthese_1024x768.png", full_page=True)
    ctx.close()


def test_comparer_sur_un_telephone(serveur, navigateur):
    """Sur un téléphone, le graphique de Comparer laisse aux points plus de la moitié de sa largeur (libellés repliés ;
    ils en prenaient 60 %) et sa légende, au-dessus, ne couvre aucune ligne."""
    ctx, page, _ = ouvrir(navigateur, serveur, "comparer?territoire=59599", viewport={"width": 390, "height": 844},
                          has_touch=True, is_mobile=True)
    graphique = page.locator("[data-testid='stMain'] .js-plotly-plot").first
    graphique.scroll_into_view_if_needed()
    mesures = graphique.evaluate("p => { const z = p.querySelector('.nsewdrag').getBoundingClientRect(), "
                                 "l = p.querySelector('.legend').getBoundingClientRect(); "
                                 "return {zone: z.width / p.getBoundingClientRect().width, legende: l.bottom, haut: z.top}; }")
    assert mesures["zone"] > 0.55, mesures
    assert mesures["legende"] <= mesures["haut"] + 10, mesures  # la légende finit où commence la première ligne
    page.screenshot(path=ARTEFACTS / "telephone_comparer_390x844.png")
    ctx.close()
