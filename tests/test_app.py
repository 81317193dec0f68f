"""Page d'accueil (Synthèse) : logique testée avec AppTest."""
import pytest
from streamlit.testing.v1 import AppTest


@pytest.fixture
def app(base_construite, monkeypatch):
    monkeypatch.setenv("OBSERVATOIRE_DB", str(base_construite))
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.run()
    assert not at.exception
    return at


def test_synthese_par_defaut_mel(app):
    assert app.title[0].value == "Synthèse – Métropole Européenne de Lille"
    assert len(app.metric) == 6
    assert "Données de démonstration" in app.warning[0].value
    pop = app.metric[0]
    assert pop.label == "Population municipale" and pop.value == "1\u202f195\u202f234"


def test_changer_de_territoire_et_de_date(app):
    app.sidebar.selectbox[0].set_value("melt").run()
    app.sidebar.selectbox[1].set_value("2023-12-31").run()
    assert not app.exception
    assert app.title[0].value == "Synthèse – Mission Emploi Lys-Tourcoing"
    abc = next(m for m in app.metric if m.label == "Demandeurs d'emploi ABC")
    assert abc.value == "18\u202f367" and abc.delta == "+9,5\u202f% en un an"
