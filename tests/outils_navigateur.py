"""Outils des tests dans Chromium (Debian, sans tête) : serveur de l'application lancé comme en production
(``python -m observatoire app``), navigateur Playwright, et gestes d'une personne dans l'interface."""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as DelaiDepasse

CHROMIUM = "/usr/bin/chromium"
RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE / "deploiement"))
import locale_grappe  # noqa: E402
from locale_grappe import port_libre  # noqa: E402,F401 — les tests l'importent d'ici
ARTEFACTS = RACINE / "artefacts"
DRAPEAUX = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ERREUR_FRANCAISE = "Cette vue n'a pas pu s'afficher"

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("Chromium absent : .ci/run doit installer les paquets chromium et chromium-driver")
    pytest.skip("Chromium absent (apt-get install chromium chromium-driver)", allow_module_level=True)


def demarrer(base: Path, imports: Path, port: int | None = None, env: dict | None = None, options: tuple = ()):
    """Le lanceur de l'application (préchauffage compris), comme dans la grappe locale
    (deploiement/locale_grappe.py) ; attend qu'il réponde. Renvoie (processus, adresse http)."""
    proc, adresse = locale_grappe.serveur(base, imports, base.parent / "serveur.log", port, env, options)
    locale_grappe.attendre_sante("http://" + adresse)
    return proc, "http://" + adresse


def arreter(proc) -> None:
    proc.terminate()
    proc.wait(timeout=15)


# Installé dans chaque page avant tout script (navigateur.add_init_script) : compte les exécutions de l'application
# commencées depuis le chargement de la page (« running » de data-test-script-state sur stApp).
# Les fins d'exécution, comptées sur le websocket de Streamlit : chaque message reçu est un ForwardMsg (protobuf) ; son
# champ ``script_finished`` (numéro 6) marque la fin d'une exécution. Une exécution très courte (pages en cache) peut ne
# jamais afficher l'état « running » (deux messages traités dans le même rendu) : compter les passages à « running »
# seuls la manquait, et le test attendait une exécution déjà finie.
FIN_DE_SCRIPT = 6
COMPTEUR_DE_FINS = """(() => { window.__obs_finies = 0;
    const champs = o => { const b = new Uint8Array(o); const out = []; let i = 0;
        const varint = () => { let v = 0, m = 1, c; do { c = b[i++]; v += (c & 127) * m; m *= 128; } while (c & 128); return v; };
        while (i < b.length) { const t = varint(); const n = Math.floor(t / 8), w = t % 8; out.push(n);
            if (w === 0) varint(); else if (w === 1) i += 8; else if (w === 2) { const l = varint(); i += l; }
            else if (w === 5) i += 4; else break; }
        return out; };
    const compter = o => { try { if (champs(o).includes(FIN_DE_SCRIPT)) window.__obs_finies++; } catch (e) {} };
    const W = window.WebSocket;
    window.WebSocket = class extends W { constructor(...a) { super(...a); this.addEventListener('message', ev => {
        if (ev.data instanceof ArrayBuffer) compter(ev.data); else if (ev.data instanceof Blob) ev.data.arrayBuffer().then(compter);
    }); } }; })();""".replace("FIN_DE_SCRIPT", str(FIN_DE_SCRIPT))
COMPTEUR_D_EXECUTIONS = COMPTEUR_DE_FINS + """(() => { window.__obs_executions = 0; window.__obs_vues = 0; let app = false;
    new MutationObserver(ms => { for (const m of ms) {
        if (m.type === 'attributes') {
            if (m.target.getAttribute('data-test-script-state') === 'running') window.__obs_executions++;
        } else if (!app) {  // stApp inséré déjà « running » (première exécution après un chargement) : compté aussi
            for (const e of m.addedNodes) {
                const a = e.nodeType === 1 && (e.matches('[data-test-script-state]') ? e
                    : e.querySelector('[data-test-script-state]'));
                if (a) { app = true; if (a.getAttribute('data-test-script-state') === 'running') window.__obs_executions++;
                         break; }
            }
        } } })
      .observe(document, {subtree: true, childList: true, attributes: true,
                          attributeFilter: ['data-test-script-state']}); })();"""
FIN_D_EXECUTION = """() => { const app = document.querySelector('[data-testid="stApp"]');
    const etat = app && app.getAttribute('data-test-script-state');
    const fini = (etat === 'notRunning' || etat === 'compilationError')
        && !document.querySelector('[data-testid="stStatusWidget"]') && !document.querySelector('[data-stale="true"]');
    if (fini) window.__obs_vues = window.__obs_executions;
    return fini; }"""


class Navigateur:
    """Le Chromium des tests : chaque page qu'il ouvre (``new_page``, ``new_context``) compte les exécutions de
    l'application dès son chargement. Sans cela, une exécution commencée avant l'installation du compteur ne se
    voyait pas, et l'on attendait 300 ms « au cas où »."""

    def __init__(self, chromium):
        self._chromium = chromium

    def __getattr__(self, nom):
        return getattr(self._chromium, nom)

    def new_context(self, **options):
        contexte = self._chromium.new_context(**options)
        contexte.add_init_script(COMPTEUR_D_EXECUTIONS)
        return contexte

    def new_page(self, **options):
        page = self._chromium.new_page(**options)
        page.add_init_script(COMPTEUR_D_EXECUTIONS)
        return page


def _compteur_installe(page) -> None:
    if not page.evaluate("() => window.__obs_executions !== undefined"):
        raise AssertionError("page ouverte sans compteur d'exécutions : l'ouvrir par le navigateur des tests "
                             "(outils_navigateur.Navigateur)")


def attendre(page, delai: int = 60_000) -> None:
    """Attend la fin de l'exécution qu'un geste a lancée : l'application dit son état d'exécution
    (``data-test-script-state`` de ``stApp`` : « running » puis « notRunning »), plus d'indicateur « en cours », plus
    d'élément périmé. Le compteur de la page (installé à son chargement) dit si une nouvelle exécution a commencé :
    on l'attend au plus 300 ms (un geste qui ne relance rien n'en lance pas), puis sa fin, puis que le navigateur ait
    dessiné. Pour un geste qui relance toujours (lien de page, bouton), ``relancer`` est exact : il compte à partir du
    geste."""
    _compteur_installe(page)
    try:
        page.wait_for_function("() => window.__obs_executions > window.__obs_vues", timeout=300)
    except DelaiDepasse:  # aucune nouvelle exécution : le geste n'a rien relancé
        pass
    page.wait_for_function(FIN_D_EXECUTION, timeout=delai)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


GRAPHIQUES_DESSINES = """() => !document.querySelector('[data-testid="stSkeleton"]')
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(g => {
        const p = g.querySelector('.js-plotly-plot');
        return p && p._fullLayout && Math.abs(p._fullLayout.width - p.getBoundingClientRect().width) < 2; })"""


def redimensionner(page, largeur: int, hauteur: int) -> None:
    """Met la fenêtre à ``largeur``×``hauteur``, comme une personne qui passe du portable au projecteur, et attend
    que la page se soit remise en page : Plotly chargé (plus d'emplacement gris « stSkeleton » : son module arrive
    après la fin de l'exécution) et chaque graphique redessiné à la largeur de sa colonne."""
    page.set_viewport_size({"width": largeur, "height": hauteur})
    page.wait_for_function("([l, h]) => innerWidth === l && innerHeight === h", arg=[largeur, hauteur], timeout=10_000)
    page.wait_for_function(GRAPHIQUES_DESSINES, timeout=60_000)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def sans_erreur(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0, page.inner_text("body")[:2000]
    assert ERREUR_FRANCAISE not in page.inner_text("body")


def _choisir_en_tapant(page, zone: str, libelle: str, tape: str, option: str, essais: int = 3):
    """Tape ``tape`` dans la liste ``libelle`` de ``zone`` (stSidebar ou stMain) et clique l'option ``option``. Si la
    liste s'est refermée sans la proposer (la page redessinée pendant la frappe, sur une machine occupée), on
    recommence, comme le ferait une personne, au plus ``essais`` fois. Renvoie le champ."""
    champ = page.locator(f"[data-testid='{zone}'] input[aria-label='{libelle}']")
    for _ in range(essais):
        page.wait_for_function(FIN_D_EXECUTION, timeout=60_000)
        champ.click()
        champ.fill(tape)
        try:
            page.get_by_role("option", name=option, exact=True).first.click(timeout=10_000)
            break
        except DelaiDepasse:
            page.keyboard.press("Escape")
    else:
        raise AssertionError(f"l'option « {option} » de la liste « {libelle} » n'est jamais proposée")
    attendre(page)
    return champ


def choisir(page, libelle: str, tape: str, option: str) -> None:
    """Tape ``tape`` dans la liste ``libelle`` de la barre latérale et clique l'option ``option``."""
    _choisir_en_tapant(page, "stSidebar", libelle, tape, option)


def choisir_dans_la_page(page, libelle: str, option: str) -> None:
    """Ouvre la liste ``libelle`` d'une page (pas de la barre latérale) et clique l'option ``option``."""
    page.locator(f"[data-testid='stMain'] input[aria-label='{libelle}']").click()
    page.get_by_role("option", name=option, exact=True).click()
    attendre(page)


def taper_dans_la_page(page, libelle: str, option: str) -> None:
    """Tape ``option`` dans la liste ``libelle`` d'une page (elle n'affiche que quelques options : on filtre, comme une
    personne), la choisit, et vérifie que la liste la montre."""
    champ = _choisir_en_tapant(page, "stMain", libelle, option, option)
    assert champ.input_value() == option, (libelle, champ.input_value())


def valeur(page, libelle: str) -> str:
    return page.locator(f"[data-testid='stSidebar'] input[aria-label='{libelle}']").input_value()


def relancer(page, geste, delai: int = 60_000, reessayer: bool = False) -> None:
    """Fait ``geste`` (un clic qui relance toujours l'application : lien de page, bouton) puis attend l'exécution qu'il
    a lancée et sa fin. Le compte des exécutions est relevé juste avant le geste : une exécution antérieure que rien
    n'a attendue (un bouton suivi d'un st.rerun) ne passe pas pour la sienne, et une exécution qui commence tard, sur
    une machine chargée, est attendue quand même (l'adresse d'une page n'est lue qu'une fois son exécution finie)."""
    _compteur_installe(page)
    # une exécution encore en cours (celle d'un bouton) : le geste l'interromprait sans nouveau passage à « running »
    page.wait_for_function(FIN_D_EXECUTION, timeout=delai)
    origine, avant, finies = page.evaluate(
        "() => [performance.timeOrigin, window.__obs_executions, window.__obs_finies]")
    geste()
    # une exécution de plus (vue « running » ou finie sur le websocket), ou une page rechargée (nouvelle origine : ses
    # compteurs repartent de zéro)
    relancee = (f"() => performance.timeOrigin !== {origine} ? window.__obs_executions > 0 || window.__obs_finies > 0 "
                f": window.__obs_executions > {avant} || window.__obs_finies > {finies}")
    if reessayer:  # un lien de page cliqué pendant un nouveau rendu de la barre latérale peut rester sans effet
        try:     # (vu deux fois en CI sous charge) : on le clique une seconde fois, comme le ferait une personne
            page.wait_for_function(relancee, timeout=15_000)
        except DelaiDepasse:
            geste()
    page.wait_for_function(relancee, timeout=delai)
    page.wait_for_function(FIN_D_EXECUTION, timeout=delai)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def lien(page, titre: str) -> None:
    """Clique un lien de la barre latérale, comme une personne."""
    relancer(page, page.locator("[data-testid='stSidebar'] [data-testid='stPageLink'] a", has_text=titre).first.click,
             reessayer=True)


def carte_branchee(page, delai: int = 90_000) -> None:
    """Attend que carte_svg.js soit branché sur la carte dessinée (il note alors la version de la carte dans
    ``__observatoireCartesPretes``) : avant, un survol, un clic ou une touche sur une forme resteraient sans effet.
    Sur une machine occupée, le code du composant peut arriver bien après le dessin."""
    page.wait_for_function("() => [...document.querySelectorAll('.obs-carte')].some(c => c.dataset.version && "
                           "(globalThis.__observatoireCartesPretes || {})[c.id] === c.dataset.version)", timeout=delai)


def cliquer_commune(page, code: str) -> None:
    """Clique dans une forme de la carte, comme une personne : en un point de la forme elle-même (le centre de
    son cadre peut tomber hors d'une commune concave ou hors de la carte)."""
    carte_branchee(page)
    forme = page.locator(f".obs-carte [data-code='{code}']")
    forme.scroll_into_view_if_needed()
    point = forme.evaluate("""f => { const r = f.getBoundingClientRect();
        for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
          const x = r.left + r.width * i / 20, y = r.top + r.height * j / 20;
          if (document.elementFromPoint(x, y) === f) return [x, y]; }
        return null; }""")
    assert point, f"commune {code} invisible sur la carte"
    page.mouse.click(*point)


def survoler(page, code: str):
    """Survole une forme de la carte, une fois carte_svg.js branché, et renvoie sa bulle affichée."""
    carte_branchee(page)
    page.mouse.move(0, 0)
    page.locator(f".obs-carte [data-code='{code}']").hover()
    bulle = page.locator(".obs-carte .bulle")
    bulle.wait_for(state="visible", timeout=10_000)
    return bulle


def deposer(page, chemin: Path, cle: str | None = None) -> None:
    """Dépose un fichier (dans le champ de clé ``cle``, sinon le premier de la page) et attend que l'application
    l'ait reçu. Le dépôt attend la fin de l'exécution en cours (le champ est alors dessiné et branché) ; une seconde
    tentative si l'application n'a rien reçu (champ redessiné pendant le dépôt : arrive quand la machine est très
    occupée)."""
    champ = page.locator(f"{'.st-key-' + cle + ' ' if cle else ''}[data-testid='stFileUploaderDropzoneInput']").first
    for essai in range(2):
        attendre(page)
        champ.set_input_files(str(chemin))
        try:
            # le nom d'un fichier long est abrégé (« dares_d…ements.csv ») : on attend aussi le verdict de l'analyse
            page.get_by_text(chemin.name, exact=True).or_(
                page.get_by_text(re.compile(r"^Fichier (de zonage )?(valide|refusé)"))).first.wait_for(timeout=20_000)
            return
        except Exception:
            if essai:
                raise


def telecharger(page, bouton, delai: int = 120_000) -> bytes:
    """Clique ``bouton`` une fois l'exécution en cours finie, comme une personne qui attend que la page soit au repos
    (un bouton apparu au milieu d'une exécution : CI rouge, aucun téléchargement en 120 s), et rend le fichier reçu.
    Sans téléchargement, l'échec dit ce que le serveur a répondu aux adresses /media/ (un fichier retiré : 404)."""
    attendre(page)
    media = []
    page.on("response", lambda r: "/media/" in r.url and media.append(f"{r.status} {r.url}"))
    page.on("requestfailed", lambda r: "/media/" in r.url and media.append(f"échec {r.failure} {r.url}"))
    try:
        with page.expect_download(timeout=delai) as attente:
            bouton.click()
    except DelaiDepasse:
        raise AssertionError(f"aucun téléchargement ; réponses du serveur pour /media/ : {media}") from None
    return open(attente.value.path(), "rb").read()


def capture(page, nom: str) -> None:
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTEFACTS / f"{nom}.png", full_page=True)


def noms_qui_se_chevauchent(page) -> list[str]:
    """Les paires de noms visibles de la carte dont les cadres se recouvrent à l'écran (« Leers / Lys-lez-Lannoy »)."""
    carte_branchee(page)  # carte_svg.js masque les noms qui se recouvrent
    return page.evaluate("""() => { const r = [...document.querySelectorAll('.obs-carte .noms text')]
        .filter(t => getComputedStyle(t).visibility !== 'hidden').map(t => [t.textContent, t.getBoundingClientRect()]);
        const out = []; for (let i = 0; i < r.length; i++) for (let j = 0; j < i; j++) { const a = r[i][1], b = r[j][1];
          if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) out.push(r[i][0] + ' / ' + r[j][0]); }
        return out; }""")
