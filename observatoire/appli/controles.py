"""Les contrôles de page : état partagé du cadre, widgets reflétés dans l'URL, clic sur la carte,
graphique à la hauteur de l'écran."""
from __future__ import annotations

import streamlit as st

from observatoire import referentiel
from observatoire.appli import etat
from observatoire.appli.donnees import choix


def etat_courant() -> dict:
    """Les choix partagés du cadre (dessiné par app.py avant la page). Première ligne de chaque page.

    Avec un dossier ``pages/``, Streamlit exécute une page directement, sans ``app.py`` (mode multipage
    « v1 »), tant qu'aucune session n'a ouvert la page d'accueil : on passe alors le serveur en mode
    ``st.navigation`` et on relance l'exécution, qui passe par ``app.py`` et son cadre."""
    from streamlit.runtime.pages_manager import PagesManager
    if PagesManager.uses_pages_directory or "page" not in st.session_state:
        PagesManager.uses_pages_directory = False
        st.rerun()
    e = {k: st.session_state[k] for k in ("territoire", "date", "indicateur", "comparaison")}
    # le territoire choisi résolu une fois pour toute l'exécution (nom, membres, niveau) : la page le porte à la carte,
    # au commentaire et au portrait, qui ne le re-résolvent pas ; « territoire » reste son identifiant (requêtes, URL)
    resolu = st.session_state.get(etat.RESOLU)
    e["resolu"] = resolu if resolu is not None and resolu.territoire == e["territoire"] \
        else referentiel.territoire(e["territoire"])
    return e


def controle(fonction, nom: str, libelle: str, options, conteneur=st, vers_widget=None, depuis_widget=None,
             **options_widget):
    """Un widget de page qui reflète le paramètre ``nom`` de la page (gardé en session, recopié dans l'URL) :
    la valeur survit aux changements de page et un lien copié la rétablit. Renvoie la valeur du paramètre."""
    cle = etat.cle_page(st.session_state["page"], nom)
    cle_widget = "w." + cle
    vers_widget = vers_widget or (lambda v: v)
    depuis_widget = depuis_widget or (lambda v: v)
    offertes = list(options) if options is not None else []
    if offertes and vers_widget(st.session_state[cle]) not in offertes:  # valeur d'URL que ce contrôle n'offre pas ici
        st.session_state[cle] = depuis_widget(offertes[0])
    st.session_state[cle_widget] = vers_widget(st.session_state[cle])

    def recopier():
        v = st.session_state[cle_widget]
        if v is not None:  # un contrôle segmenté désélectionné garde la valeur précédente
            st.session_state[cle] = depuis_widget(v)

    args = (libelle,) if options is None else (libelle, options)
    getattr(conteneur, fonction)(*args, key=cle_widget, on_change=recopier, **options_widget)
    return st.session_state[cle]


def interrupteur(nom: str, libelle: str, conteneur=st) -> bool:
    """Un interrupteur qui reflète le paramètre « oui » / « non » ``nom`` de la page (data/reglages.csv)."""
    return controle("toggle", nom, libelle, None, conteneur, vers_widget=lambda v: v == "oui",
                    depuis_widget=lambda v: "oui" if v else "non") == "oui"


def selectionner_commune() -> None:
    """Rappel d'un clic sur la carte : la commune cliquée devient le territoire choisi."""
    code = (st.session_state.get("carte") or {}).get("commune")
    if code in choix().territoires:
        st.session_state["territoire"] = code
        retirer_territoire_des_comparaisons()


def choisir_indicateur(indicateur: str) -> None:
    """Rappel d'un bouton qui propose un autre indicateur (une carte sans valeur) : il devient l'indicateur choisi."""
    st.session_state["indicateur"] = indicateur


def retirer_territoire_des_comparaisons() -> None:
    """Le territoire choisi n'est jamais comparé à lui-même (rappel du choix dans la barre ou sur la carte)."""
    st.session_state["comparaison"] = [t for t in st.session_state["comparaison"]
                                       if t != st.session_state["territoire"]]


def graphique_hauteur_ecran(fig, cle: str, zone: str, ecart: int, minimum: int = 0, ecart_vh: float = 0,
                            **options) -> None:
    """Un graphique Plotly qui prend la hauteur de l'écran moins ``ecart`` pixels (titre, commandes, source) et
    ``ecart_vh`` centièmes de la hauteur (un texte dont la taille suit l'écran), au moins ``minimum`` : conteneur
    ``zone`` dont la CSS fixe la hauteur, graphique étiré dedans. (Streamlit donne à ses conteneurs
    ``flex: 1 1 0%``, qui l'emporterait sur la hauteur : on le neutralise.)"""
    st.html(f"<style>.st-key-{zone} {{height: calc(100vh - {ecart}px - {ecart_vh:.1f}vh) !important; "
            f"flex: 0 0 auto !important;"
            f" min-height: {minimum}px;}}</style>")
    with st.container(key=zone):
        st.plotly_chart(fig.update_layout(height=None, autosize=True), key=cle, height="stretch", **options)
