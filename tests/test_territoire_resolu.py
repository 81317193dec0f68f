"""Un territoire résolu une fois à l'entrée (barre latérale, adresse, ligne de commande) et porté tel quel jusqu'au
portrait ; les territoires à façon d'une session ne sont vus que par ses exécutions (aucun registre du processus)."""
from __future__ import annotations

import threading
from collections import Counter

import pytest
from streamlit.testing.v1 import AppTest

from observatoire import referentiel
from observatoire.modele import facon


@pytest.fixture
def resolutions(monkeypatch) -> Counter:
    """Chaque résolution d'un identifiant (``referentiel.resoudre``), comptée par identifiant."""
    compte, resoudre = Counter(), referentiel.resoudre

    def compter(ident):
        compte[ident] += 1
        return resoudre(ident)
    monkeypatch.setattr(referentiel, "resoudre", compter)
    return compte


def _dans_un_autre_fil(fonction):
    """Exécute ``fonction`` dans un fil neuf, comme Streamlit chaque exécution d'une autre session."""
    resultat = {}
    fil = threading.Thread(target=lambda: resultat.update(r=fonction()))
    fil.start()
    fil.join()
    return resultat["r"]


def test_territoire_a_facon_vu_de_sa_seule_session():
    t = facon.Facon("Roubaix et Tourcoing", ("59512", "59599")).territoire()

    def session_qui_compose():
        referentiel.connaitre(t)
        return referentiel.resoudre(t.territoire)

    assert _dans_un_autre_fil(session_qui_compose) == t
    with pytest.raises(referentiel.ErreurReferentiel, match="Territoire inconnu"):  # une autre session : inconnu
        referentiel.resoudre(t.territoire)


def test_territoire_a_facon_jamais_oublie_parce_que_d_autres_sessions_composent():
    """L'ancien registre du processus se vidait à 10 000 territoires : celui d'une session pouvait disparaître en
    pleine page. Chaque exécution a maintenant les siens."""
    t = facon.Facon("Roubaix et Tourcoing", ("59512", "59599")).territoire()
    referentiel.connaitre(t)

    def d_autres_sessions():
        referentiel.connaitre(*(facon.Facon(f"T{k}", ("59512",)).territoire() for k in range(10_001)))
    _dans_un_autre_fil(d_autres_sessions)
    assert referentiel.resoudre(t.territoire) == t


def test_resolution_par_index_et_alias():
    assert referentiel.resoudre("epci-200093201") is referentiel.resoudre("mel")
    assert referentiel.territoire(referentiel.resoudre("59512")).nom == "Roubaix"
    assert referentiel.ident(referentiel.resoudre("mel")) == referentiel.ident("epci-200093201") == "mel"
    assert referentiel.existe("mie-roubaisis") and not referentiel.existe("59512")


def test_portrait_porte_le_territoire_sans_le_resoudre_de_nouveau(con, resolutions):
    """Du territoire résolu aux diapositives du PowerPoint : la carte, la comparaison, les explications et le
    commentaire reçoivent le territoire ; aucun ne résout de nouveau son identifiant. Un territoire à façon que
    l'exécution ne connaît pas le prouve : le résoudre par son identifiant échouerait."""
    from observatoire.sorties import portrait
    t = facon.Facon("Roubaix et Tourcoing", ("59512", "59599")).territoire()
    c = con.cursor()
    try:
        facon.preparer(c, (t,))
        diapos = portrait.diapositives(c, t, "2021-12-31")
    finally:
        c.close()
    assert diapos[0].titre == "Roubaix et Tourcoing" and len(diapos) >= 8
    assert resolutions[t.territoire] == 0
    resolutions.clear()  # la carte résout les contours des Maisons de l'emploi voisines, dont celle-ci
    portrait.diapositives(con, referentiel.resoudre("mie-roubaisis"), "2021-12-31")
    assert resolutions["mie-roubaisis"] == 1  # l'entrée seule


def test_une_execution_de_la_presentation_resout_le_territoire_une_fois(base_construite, monkeypatch, resolutions):
    """De la barre latérale au portrait (mode présentation, qui prépare le PowerPoint) : une exécution de page résout
    le territoire choisi une fois, à l'entrée (controles.etat_courant)."""
    monkeypatch.setenv("OBSERVATOIRE_DB", str(base_construite))
    at = AppTest.from_file("../app.py", default_timeout=90)
    at.query_params["territoire"] = "mie-roubaisis"
    at.query_params["date"] = "2021-12-31"
    at.switch_page("pages/presentation.py")
    at.run()
    assert not at.exception, at.exception
    assert resolutions["mie-roubaisis"] == 1, resolutions
