"""« Composer un territoire » (barre latérale) : partir d'un territoire ou de rien, ajouter ou retirer des
communes en tapant leur nom (ou en cliquant la carte, page Carte), nommer, afficher. Le territoire composé
devient celui de toutes les pages, du mode présentation et du portrait (observatoire.modele.facon)."""
from __future__ import annotations

from functools import lru_cache

import pandas as pd
import streamlit as st

from observatoire import formats, referentiel
from observatoire.appli import etat
from observatoire.appli.controles import retirer_territoire_des_comparaisons
from observatoire.appli.donnees import ajouter_facon, territoire_de_session
from observatoire.imports.enregistres import en_zonage
from observatoire.modele import facon

CLE_COMMUNES, CLE_NOM, CLE_DEPART = "composer_communes", "composer_nom", "composer_depart"


def lien(t: referentiel.Territoire) -> str:
    """L'adresse de la Synthèse de ce territoire à façon, sur ce serveur : elle porte ses communes et son nom."""
    from urllib.parse import urlencode, urlsplit
    adresse = urlsplit(st.context.url or "http://localhost")
    return f"{adresse.scheme}://{adresse.netloc}/?" + urlencode(
        {"communes": facon.definition_courte(t.membres), "nom": t.nom})


@lru_cache
def _communes() -> tuple[dict[str, str], pd.Series, int]:
    """(code -> nom, population par code, millésime) : la population municipale la plus récente."""
    com = referentiel.communes()
    pop = referentiel.populations()
    millesime = int(pop.millesime_cog.max())
    derniere = pop[pop.millesime_cog == millesime].set_index("code_commune").population
    return dict(zip(com.code_commune, com.nom)), derniere, millesime


def prechauffer() -> None:
    """Au démarrage du serveur : les communes du panneau et leur population (lues une fois, ~0,07 s), que la barre
    latérale de chaque page demande."""
    _communes()


def nom_commune(code: str) -> str:
    return _communes()[0].get(code, code)


def resume(codes: list[str]) -> str:
    """« 3 communes · 220 430 habitants (population municipale COG 2026) »."""
    _, population, millesime = _communes()
    habitants = population.reindex(codes).sum()
    return (f"{formats.accorder(len(codes), 'commune')} · {formats.accorder(habitants, 'habitant')} "
            f"(population municipale, COG {millesime})")


def basculer_depuis_carte() -> None:
    """Rappel d'un clic (ou d'Entrée) sur une commune de la carte en mode composition : elle entre dans le
    territoire en composition, ou en sort ; son contour est redessiné aussitôt."""
    code = (st.session_state.get("carte") or {}).get("commune")
    if code not in _communes()[0]:
        return
    codes = list(st.session_state.get(CLE_COMMUNES) or [])
    st.session_state[CLE_COMMUNES] = [c for c in codes if c != code] if code in codes else [*codes, code]


def en_cours() -> tuple[str, ...]:
    return tuple(st.session_state.get(CLE_COMMUNES) or ())


def _partir_de() -> None:
    depart = st.session_state.get(CLE_DEPART)
    st.session_state[CLE_COMMUNES] = list(territoire_de_session(depart).membres) if depart else []


def afficher() -> None:
    """Le territoire composé devient le territoire choisi (rappel d'un bouton ou d'un clic : avant la page)."""
    codes = tuple(sorted(set(st.session_state.get(CLE_COMMUNES) or [])))
    if not codes:
        return
    nom = facon.nettoyer_nom(st.session_state.get(CLE_NOM)) or facon.nom_par_defaut(codes)
    st.session_state["territoire"] = ajouter_facon(facon.Facon(nom, codes))
    retirer_territoire_des_comparaisons()


def composer(c: etat.Choix, actuel: referentiel.Territoire | None) -> None:
    """Le panneau repliable de la barre latérale (``actuel`` : le territoire choisi, résolu par le cadre)."""
    noms, _, _ = _communes()
    with st.expander("Composer un territoire", icon=":material/edit_location_alt:",
                     expanded=bool(st.session_state.get(CLE_COMMUNES))):
        nommes = [t for t in c.choisissables if t not in noms]
        st.selectbox("Partir de", ["", *nommes], key=CLE_DEPART, on_change=_partir_de,
                     format_func=lambda t: "aucun territoire (vide)" if not t else c.territoires[t],
                     help="Les communes d'un territoire connu, à compléter ou retirer ensuite.")
        st.multiselect("Communes", list(noms), key=CLE_COMMUNES, format_func=noms.get, filter_mode="contains",
                       placeholder="Tapez un nom de commune",
                       help="Tapez un nom pour ajouter une commune ; la croix d'une commune la retire. Sur la page "
                            "Carte, « Composer en cliquant » ajoute ou retire la commune cliquée.")
        codes = st.session_state.get(CLE_COMMUNES) or []
        st.text_input("Nom du territoire", key=CLE_NOM, max_chars=facon.NOM_MAX,
                      placeholder=facon.nom_par_defaut(tuple(sorted(codes))) if codes else "Mon territoire")
        st.caption(resume(codes) if codes else "Aucune commune pour l'instant.")
        st.button("Afficher ce territoire", key="composer_afficher", on_click=afficher, disabled=not codes,
                  icon=":material/check:", width="stretch")
        if actuel is not None and actuel.type == facon.TYPE:
            st.caption(f"Territoire affiché : {formats.echapper_markdown(actuel.nom)} ({resume(list(actuel.membres))}).")
            # le lien qui le rouvre ailleurs (communes et nom dans l'adresse) ; le bloc a son bouton « copier »
            st.caption("Lien à partager (bouton de copie à droite du lien) :")
            st.code(lien(actuel), language=None, wrap_lines=True)
        if actuel is not None:
            st.download_button("Liste de ses communes (CSV)", lambda: en_zonage([actuel]),
                               file_name=f"zonage_{formats.nom_de_fichier(actuel.nom)}.csv", mime="text/csv",
                               on_click="ignore",
                               key="composer_zonage",
                               icon=":material/download:", width="stretch",
                               help=f"Les communes de « {actuel.nom} », au format des fichiers de zonage "
                                    "(colonnes code_commune;territoire), à réimporter ici ou à partager.")
