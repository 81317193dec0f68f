"""Les données des pages (observatoire/appli/donnees.py) : une requête faite une fois et partagée par les sessions,
sans qu'une page puisse changer ce que les autres voient ; le préchauffage du serveur."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
import streamlit as st

from observatoire import referentiel
from observatoire.appli import donnees
from observatoire.modele import base

SERIE = dict(territoire="mel", indicateurs=["demandeurs_abc"])


@pytest.fixture(autouse=True)
def caches_vides(base_construite, monkeypatch):
    """La base de la session de tests ; les caches du processus (partagés avec les autres tests) vidés."""
    monkeypatch.setenv("OBSERVATOIRE_DB", str(base_construite))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def test_requete_partagee_qu_une_page_ne_peut_pas_modifier():
    """Chaque appel reçoit le résultat partagé en copie légère : une page qui y réécrit une colonne, une valeur ou en
    retire une ne change pas ce que reçoit l'appel suivant, qui est le résultat de la requête."""
    premiere = donnees.requete("series_indicateurs", **SERIE)
    attendu = premiere.copy(deep=True)
    premiere["valeur"] = -1.0
    premiere.loc[premiere.index[0], "indicateur"] = "autre"
    premiere.drop(columns=["date"], inplace=True)
    seconde = donnees.requete("series_indicateurs", **SERIE)
    pd.testing.assert_frame_equal(seconde, attendu)
    with donnees.curseur() as c:
        pd.testing.assert_frame_equal(seconde, base.requete(c, "series_indicateurs", **SERIE))


def test_cle_des_parametres_distingue_deux_territoires_de_meme_nom():
    """Deux versions d'un territoire à façon (mêmes identifiant et nom, autres communes) n'ont pas la même clé :
    l'une ne reçoit jamais les chiffres de l'autre."""
    t = referentiel.territoire("mie-roubaisis")
    autre = replace(t, membres=t.membres[:-1])
    assert donnees.cle_des_parametres({"territoire": t}) != donnees.cle_des_parametres({"territoire": autre})
    assert donnees.cle_des_parametres({"a": 1, "b": [2]}) == donnees.cle_des_parametres({"b": [2], "a": 1})


def test_cle_des_parametres_ecrit_chaque_valeur_d_un_long_tableau():
    """Deux longs tableaux qui ne diffèrent qu'au milieu n'ont pas la même clé (le ``repr`` de numpy les abrégerait
    tous deux en « [0 1 2 ... 1997 1998 1999] ») ; un tableau et la liste de ses valeurs ont la même."""
    a = np.arange(2000)
    b = a.copy()
    b[1000] = -1
    assert donnees.cle_des_parametres({"codes": a}) != donnees.cle_des_parametres({"codes": b})
    assert donnees.cle_des_parametres({"codes": pd.Series(a)}) == donnees.cle_des_parametres({"codes": a.tolist()})
    assert donnees.cle_des_parametres({"x": {"b", "a"}}) == donnees.cle_des_parametres({"x": {"a", "b"}})


def test_prechauffage_calcule_les_choix_avant_le_premier_visiteur(monkeypatch):
    """Après le préchauffage, les choix de la barre latérale et la ligne de fraîcheur de l'instantané publié
    viennent du cache du processus : la première page ne les calcule plus (aucune requête)."""
    donnees.prechauffer()

    def aucune_requete(*args, **kwargs):
        raise AssertionError("requête pendant la première page")
    monkeypatch.setattr(donnees, "curseur", aucune_requete)
    assert "mel" in donnees.choix().territoires
    assert donnees.fraicheur()


def test_prechauffage_ecrit_le_commentaire_de_la_vue_par_defaut(monkeypatch):
    """La Synthèse ouverte sans paramètre (la vue de la plupart des visiteurs) reçoit du cache le commentaire rédigé
    au préchauffage : le premier visiteur d'un serveur neuf ne l'attend pas (caches vidés avant : sans le
    préchauffage, la page le réécrit et échoue ici)."""
    from streamlit.testing.v1 import AppTest

    from observatoire.sorties import commentaire
    donnees.prechauffer()

    def reecrit(*args):
        raise AssertionError("commentaire réécrit pendant la première page")
    monkeypatch.setattr(commentaire, "paragraphes", reecrit)
    at = AppTest.from_file("../app.py", default_timeout=90)
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Le point sur la demande d'emploi" in [s.value for s in at.subheader]
