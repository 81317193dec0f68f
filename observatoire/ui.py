"""Accès aux données pour les pages Streamlit : connexion et résultats de requêtes mis en cache.
Les pages affichent ; les calculs sont dans queries/*.sql."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from . import base, formats

AVERTISSEMENT_DEMO = ("Données de démonstration : les séries de demandeurs d'emploi, d'emploi salarié et "
                      "d'entreprises sont fictives (panel calibré sur les chiffres publiés par les maisons de "
                      "l'emploi), sauf mention « publication » ou « import ». Ne pas les diffuser comme chiffres "
                      "officiels.")


@st.cache_resource
def connexion():
    return base.connecter()


@st.cache_data(max_entries=512)
def requete(nom: str, **params) -> pd.DataFrame:
    return base.requete(connexion(), nom, **params)


def provenance(demonstration: bool, provenances: str) -> str:
    if demonstration:
        return "démonstration (fictif)"
    return {"officiel": "Insee, COG", "publication": "publication", "import": "fichier importé"}.get(
        provenances, provenances)


def libelle_date(d) -> str:
    return formats.jour(pd.Timestamp(d).date())


@st.cache_data
def choix():
    from .etat import Choix
    t = requete("territoires")
    i = requete("indicateurs")
    dates = [d.date().isoformat() for d in requete("dates_disponibles", indicateur="demandeurs_abc").date]
    return Choix(dict(zip(t.territoire, t.nom)), dict(zip(t.territoire, t.nom_court)), dates,
                 dict(zip(i.indicateur, i.libelle_court)))


def etat_courant() -> dict:
    return {k: st.session_state[k] for k in ("territoire", "date", "indicateur", "comparaison")}


def pied_de_page(*sources: str) -> None:
    st.divider()
    st.caption(" · ".join(sources) if sources else
               "Sources : France Travail / DARES (demandeurs d'emploi), Urssaf – Acoss (emploi salarié privé), "
               "Insee – Sirene (entreprises), Insee – COG (populations municipales). Contours : IGN – ADMIN "
               "EXPRESS 2018. Traitement : Observatoire de l'emploi.")
