"""Les courbes dessinées par le serveur (sans Plotly) disent ce que dit le graphique Plotly dont elles sont lues :
chaque courbe et son nom, les nombres à la française, le repère de date, les ruptures, les points réels ; un nom
venu des données reste du texte ; ce qu'elles ne savent pas dessiner revient à Plotly."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from observatoire import ruptures
from observatoire.sorties import courbes_html, graphiques

DATES = pd.date_range("2011-12-31", "2025-12-31", freq="QE")


def series(noms=("MEL", "Nord"), demonstration=True) -> pd.DataFrame:
    return pd.DataFrame([{"courbe": nom, "date": d, "valeur": 14_000 + 50 * k + 900 * i, "demonstration": demonstration}
                         for i, nom in enumerate(noms) for k, d in enumerate(DATES)])


def test_graduations_rondes_qui_couvrent_les_valeurs():
    assert courbes_html.graduations(96.3, 131.2) == [90, 100, 110, 120, 130, 140]
    assert courbes_html.graduations(14_000, 16_400) == [14_000, 14_500, 15_000, 15_500, 16_000, 16_500]
    petites = courbes_html.graduations(0.12, 0.31)
    assert petites[0] <= 0.12 and petites[-1] >= 0.31


def test_chaque_courbe_tracee_et_nommee_nombres_en_francais():
    fig = graphiques.lignes(series(), "courbe", "valeur", "Nombre", date_reperee="2024-12-31", en_avant="MEL")
    dessin = courbes_html.html(fig, "Graphique : Demandeurs ABC – MEL – du 31/12/2011 au 31/12/2025")
    assert dessin.startswith('<figure class="obs-courbes" role="img" aria-label="Graphique : Demandeurs ABC')
    assert "\n" not in dessin  # un seul bloc HTML pour st.markdown
    assert len(re.findall(r'<path d="M', dessin)) == 2
    assert re.search(r'<span style="top:[\d.]+%">14\u202f000</span>', dessin)  # graduation à la française
    assert ">2012<" in dessin and ">2024<" in dessin and "2024-" not in dessin  # années, pas de dates anglaises
    fins = re.findall(r'<div class="fins">(.*?)</div>', dessin)[0]
    assert "MEL" in fins and "Nord" in fins
    assert 'stroke="#888" stroke-width="1.5" stroke-dasharray="2 4"' in dessin  # la date choisie, en pointillés


def test_ruptures_et_points_reels_comme_dans_plotly():
    df = series()
    df.loc[(df.courbe == "MEL") & (df.date == DATES[-2]), "demonstration"] = False
    passees = ruptures.passees("demandeurs_abc", DATES.min(), DATES.max())
    dessin = courbes_html.html(graphiques.lignes(df, "courbe", "valeur", "Nombre", ruptures_=passees), "g")
    assert "Ruptures de série (2025)" in dessin or "Rupture de série (01/01/2025)" in dessin
    assert f'stroke="{graphiques.COULEUR_RUPTURE}"' in dessin
    assert dessin.count('<i class="reel" style="left:') == 1  # le chiffre publié, en losange noir
    assert "Chiffre réel (publié) dans une série de démonstration" in dessin  # et sa légende


def test_un_nom_venu_des_donnees_reste_du_texte():
    fig = graphiques.lignes(series(noms=("<b>Ville</b> & co", "Nord")), "courbe", "valeur", "Nombre")
    dessin = courbes_html.html(fig, 'Graphique : <img src=x onerror="alert(1)">')
    assert "<b>" not in dessin and "&lt;b&gt;Ville&lt;/b&gt; &amp; co" in dessin
    assert "<img" not in dessin
    saut = courbes_html.html(graphiques.lignes(series(noms=("Roubaix<br>Tourcoing", "Nord")), "courbe", "valeur",
                                               "Nombre"), "g")
    assert "Roubaix Tourcoing" in saut and "&lt;br&gt;" not in saut  # le saut de ligne de Plotly : une espace


def test_une_courte_periode_un_repere_par_trimestre():
    df = series().query("date >= '2025-01-01'")
    dessin = courbes_html.html(graphiques.lignes(df, "courbe", "valeur", "Inscrits"), "g")
    assert ">2025<" not in dessin and re.search(r">\d\d/2025<", dessin)


def test_ce_qui_n_est_pas_une_courbe_revient_a_plotly():
    aires = graphiques.aires_empilees(series().rename(columns={"courbe": "libelle_court"}), "Demandeurs")
    with pytest.raises(courbes_html.NonDessinable):
        courbes_html.html(aires, "g")
    barres = graphiques.barres_horizontales(["a", "b"], [1, 2], ["1", "2"])
    from observatoire.appli import figures
    assert figures.en_html(figures.Preparee(barres, figures.valeurs_du_graphique(barres)), "g") is None
