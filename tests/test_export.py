"""Images exportées (PNG, SVG, PowerPoint, PDF) : une seule façon de les dessiner, et aucun libellé coupé, même
quand Streamlit est importé (il change alors le modèle par défaut de toute figure Plotly)."""
from pathlib import Path

import pandas as pd
import pytest
import streamlit  # noqa: F401 — comme dans l'application : son modèle devient celui de toute figure

from observatoire.sorties import graphiques
from observatoire.sorties.export import image, pour_export

from .outils_images import bords_encres

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium absent : Kaleido ne peut pas dessiner les graphiques", allow_module_level=True)

PROFIL = pd.DataFrame({"categorie": ["Femmes", "Hommes", "Moins de 25 ans", "Demandeurs de très longue durée"] * 2,
                       "zone": ["MiE du Roubaisis"] * 4 + ["Nord"] * 4, "part": [50.1, 49.9, 15.2, 48.0, 51, 49, 14, 45]})
COMPARAISON = pd.DataFrame({"nom_court": ["Roubaisis", "Roubaisis", "Nord", "Nord"],
                            "libelle_court": ["Demandeurs ABC", "Demandeurs de longue durée"] * 2,
                            "evolution_pct": [3.8, -1.2, 2.0, 0.5]})
SERIE = pd.DataFrame({"date": pd.to_datetime(["2019-12-31", "2020-12-31", "2021-12-31"] * 2),
                      "nom": ["Roubaisis"] * 3 + ["Nord"] * 3, "indice": [100.0, 104.5, 98.0, 100.0, 101.0, 99.5]})
FIGURES = {
    "profil": lambda: graphiques.barres_groupees(PROFIL, "categorie", "zone", "part"),
    "comparaison": lambda: graphiques.points_comparaison(COMPARAISON, "evolution_pct", "Évolution sur un an (%)", 1,
                                                         "\u202f%", "Roubaisis"),
    "base_100": lambda: graphiques.lignes(SERIE, "nom", "indice", "Base 100", 1),
    "metiers": lambda: graphiques.barres_horizontales([graphiques.a_la_ligne("Aides à domicile et aides ménagères")],
                                                      [1250], ["1 250"]),
}


@pytest.mark.parametrize("nom", FIGURES)
def test_aucun_libelle_coupe_dans_les_images(nom):
    assert bords_encres(image(FIGURES[nom](), "png", 1400, 800, 1)) == [], nom


def test_libelles_d_axe_en_marge_automatique():
    fig = pour_export(FIGURES["profil"]())
    assert fig.layout.yaxis.automargin is True and fig.layout.xaxis.automargin is True
    assert fig.layout.template.layout.font.family == pour_export(FIGURES["base_100"]()).layout.template.layout.font.family
