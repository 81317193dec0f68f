"""Le cadre commun, dessiné une seule fois par ``app.py`` avant la page : configuration, navigation, choix
partagés (territoire, date, indicateur, comparaison) et paramètres de la page, recopiés dans l'URL.

Les widgets du point d'entrée gardent leur valeur d'une page à l'autre (Streamlit rattache l'identité d'un
widget à la page qui le crée) ; les paramètres propres à une page sont gardés dans des clés de session que
les widgets ne font que refléter (``controles.controle``) : un lien de la barre latérale ne perd donc aucun choix,
et l'URL dit toujours toute la vue."""
from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from observatoire import formats, referentiel
from observatoire.appli import acces, etat
from observatoire.appli.composition import composer
from observatoire.appli.controles import retirer_territoire_des_comparaisons
from observatoire.appli.donnees import ajouter_facon, choix, facons, suivre_publication
from observatoire.appli.mentions import annoncer_series_vides
from observatoire.appli.recherche import chercher, options_de_la_liste
from observatoire.modele import facon

PAGES = [  # (script, titre, icône, chemin d'URL)
    ("pages/synthese.py", "Synthèse", ":material/home:", ""),
    ("pages/carte.py", "Carte", ":material/map:", "carte"),
    ("pages/evolutions.py", "Évolutions", ":material/show_chart:", "evolutions"),
    ("pages/profil.py", "Profil des demandeurs", ":material/groups:", "profil"),
    ("pages/comparer.py", "Comparer les territoires", ":material/compare_arrows:", "comparer"),
    ("pages/emploi.py", "Emploi salarié et entreprises", ":material/factory:", "emploi"),
    ("pages/metiers.py", "Métiers qui recrutent", ":material/work:", "metiers"),
    ("pages/sources.py", "Sources et méthodes", ":material/menu_book:", "sources"),
    ("pages/presentation.py", "Mode présentation", ":material/slideshow:", "presentation"),
    ("pages/importer.py", "Importer des données", ":material/upload_file:", "importer"),
    ("pages/accessibilite.py", "Accessibilité", ":material/accessibility:", "accessibilite"),
]
MESSAGE_ERREUR = ("Cette vue n'a pas pu s'afficher à cause d'une erreur de l'application. Vos choix sont "
                  "conservés : changez de page ou de territoire, ou rechargez la page. L'erreur a été "
                  "enregistrée dans le journal du serveur.")

ICONE = Path(__file__).parent / "interface" / "favicon.png"
CLE_PAGES = "pages_de_la_session"
journal = logging.getLogger("observatoire")


def pages() -> list[tuple[str, str, str, str]]:
    """Les pages de ce serveur : en mode public (acces.mode), pas de page d'import (aucune écriture depuis le
    navigateur, même par une adresse tapée)."""
    return [p for p in PAGES if p[3] != "importer" or acces.mode() != "public"]


def navigation():
    """Les pages, sans icône : Streamlit ferait de l'icône « :material/… » d'une page l'icône de l'onglet, demandée
    à fonts.gstatic.com (aucune requête ne doit quitter l'application) ; les liens de la barre ont les leurs.
    Les objets st.Page sont faits une fois par session (chacun résout son chemin sur le disque : 4 % du serveur
    sous charge quand ils étaient refaits à chaque exécution), jamais partagés entre sessions (st.navigation les
    modifie)."""
    if CLE_PAGES not in st.session_state:
        st.session_state[CLE_PAGES] = {url: st.Page(chemin, title=titre, url_path=url, default=url == "")
                                       for chemin, titre, _, url in pages()}
    return st.navigation(list(st.session_state[CLE_PAGES].values()), position="hidden")


def _initialiser(page: str) -> None:
    """Première exécution de la session : l'URL fixe la vue ; les paramètres de la page d'arrivée aussi.
    Une page visitée ensuite part de ses valeurs par défaut (puis garde celles qu'on lui donne)."""
    c = choix()
    if "territoire" not in st.session_state:
        params = st.query_params.to_dict()
        avis_facon = []
        if "communes" in params:  # un territoire à façon partagé par un lien : sa définition entière est dans l'URL
            f, avis_facon = facon.lire(params["communes"], params.get("nom"))
            if f is not None:
                params["territoire"] = ajouter_facon(f)
                c = choix()
        valeurs, avis = etat.depuis_url(params, c)
        st.session_state.update(valeurs)
        st.session_state["page_arrivee"] = page
        st.session_state["url_arrivee"] = params
        st.session_state["avis_url"] = avis_facon + avis
    if etat.PARAMETRES_PAGES.get(page) and etat.cle_page(page, next(iter(etat.PARAMETRES_PAGES[page]))) \
            not in st.session_state:
        params = st.session_state["url_arrivee"] if page == st.session_state["page_arrivee"] else {}
        valeurs, avis = etat.page_depuis_url(page, params, c)
        st.session_state.update(valeurs)
        st.session_state["avis_url"] = st.session_state.get("avis_url", []) + avis


def dessiner(page: str) -> None:
    """Configuration, barre latérale, état dans l'URL, avis sur les paramètres d'URL ignorés."""
    st.session_state["page"] = page
    suivre_publication()
    _initialiser(page)
    c = choix()
    # le titre de l'onglet nomme la page et le territoire ; l'icône est servie par l'application (aucune requête
    # vers un autre hôte : une icône « :material/… » serait demandée à fonts.gstatic.com)
    titre = next((t for _, t, _, u in PAGES if u == ("" if page == "synthese" else page)), "Observatoire")
    # en quittant le mode présentation (barre repliée), la barre latérale revient (repliée d'office sur un téléphone)
    st.set_page_config(page_title=f"{titre} – {c.territoires.get(st.session_state['territoire'], '')} – "
                                  "Observatoire de l'emploi", page_icon=str(ICONE), layout="wide",
                       initial_sidebar_state="auto")
    with st.sidebar:
        # Sur la Carte, ce titre est marqué comme HTML : le navigateur charge ainsi dès la première réponse le module
        # qui affiche du HTML (rehype-raw, 190 Ko), dont la carte SVG a besoin, au lieu de le demander après elle
        # (carte en lien direct : 2,9 s -> 2,4 s, benchmarks/premiere_page.py). Le titre ne contient aucun HTML.
        st.markdown("### Observatoire de l'emploi", unsafe_allow_html=page == "carte")
        for _, titre, icone, url in pages():  # l'objet page : Streamlit ne cherche pas le fichier à chaque lien
            st.page_link(st.session_state[CLE_PAGES][url], label=titre, icon=icone)
        st.divider()
        st.selectbox("Territoire", options_de_la_liste(c, st.session_state["territoire"]), key="territoire", format_func=c.territoires.get,
                     on_change=retirer_territoire_des_comparaisons, placeholder="Tapez un nom", filter_mode="contains",
                     help="Maisons de l'emploi, MEL, arrondissement, Nord, zone ou bassin d'emploi, ou une commune : tapez "
                          "un nom pour chercher. La région et la France servent à comparer (« Comparer avec »).")
        chercher(c)
        st.selectbox("Date", c.dates, key="date", format_func=formats.jour, help="Fin de trimestre.",
                     placeholder="Choisissez une date")
        st.selectbox("Indicateur", list(c.indicateurs), key="indicateur", format_func=c.indicateurs.get,
                     placeholder="Choisissez un indicateur")
        choisi = st.session_state["territoire"]  # lu une fois : chaque lecture de st.session_state coûte
        st.multiselect("Comparer avec", [t for t in c.territoires if t != choisi],
                       key="comparaison", format_func=c.territoires.get, max_selections=etat.MAX_COMPARAISON,
                       placeholder="Choisir des territoires", filter_mode="contains",
                       help="Les mêmes noms que la liste « Territoire » ; tapez une partie du nom.")
        # le territoire choisi, résolu une fois pour l'exécution : la barre latérale, la page (etat_courant), la carte,
        # le commentaire et le portrait le reçoivent et ne le re-résolvent pas
        resolu = referentiel.territoire(st.session_state["territoire"]) \
            if st.session_state["territoire"] in c.territoires else None
        st.session_state[etat.RESOLU] = resolu
        composer(c, resolu)
    courant = {k: st.session_state[k] for k in ("territoire", "date", "indicateur", "comparaison")}
    st.query_params.from_dict(_url(courant) | etat.page_vers_url(page, st.session_state))
    for a in st.session_state.pop("avis_url", []):
        st.info(formats.echapper_markdown(a), icon=":material/link:", width="stretch")
    if page not in ("sources", "accessibilite", "metiers"):  # Métiers : l'enquête BMO, toujours chargée
        annoncer_series_vides(resolu or st.session_state["territoire"])


def _url(courant: dict) -> dict[str, str]:
    """L'état dans l'URL ; un territoire à façon y est écrit en entier (communes, nom) : le lien suffit à le
    rouvrir ailleurs, sans rien sur le serveur. Les autres territoires à façon de la session, comparés, n'y sont
    pas (un lien n'en porte qu'un)."""
    a_facon = {t.territoire: t for t in facons()}
    url = etat.vers_url(courant | {"comparaison": [t for t in courant["comparaison"] if t not in a_facon]})
    t = a_facon.get(courant["territoire"])
    if t is None:
        return url
    del url["territoire"]
    return {"communes": facon.definition_courte(t.membres), "nom": t.nom} | url


def executer(page) -> None:
    """Exécute la page ; une erreur inattendue donne un message français (jamais de trace Python à l'écran),
    la trace complète va au journal du serveur."""
    try:
        page.run()
    except Exception:  # noqa: BLE001 — st.stop / st.rerun (BaseException) passent
        journal.exception("Erreur dans la page %s", page.url_path or "synthese")
        st.error(MESSAGE_ERREUR, icon=":material/error:")
