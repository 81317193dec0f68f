"""Graphiques : aucune marque cachée sous une autre (la MEL et l'arrondissement de Lille ont presque les mêmes
valeurs), chaque courbe nommée, les ruptures de série et les points réels marqués."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from observatoire import ruptures
from observatoire.sorties import graphiques

DATES = pd.to_datetime(["2024-09-30", "2024-12-31", "2025-03-31"])


def _series(demonstration=True) -> pd.DataFrame:
    lignes = []
    for nom, valeurs in (("MEL", [100, 101, 108]), ("Arrondissement de Lille", [100, 101, 108]), ("Nord", [100, 102, 110])):
        lignes += [{"courbe": nom, "date": d, "valeur": v, "demonstration": demonstration} for d, v in zip(DATES, valeurs)]
    return pd.DataFrame(lignes)


def test_deux_courbes_confondues_restent_visibles_et_nommees():
    fig = graphiques.lignes(_series(), "courbe", "valeur", "Nombre", en_avant="MEL")
    courbes = [t for t in fig.data if t.mode == "lines"]
    assert courbes[0].name == "MEL" and courbes[0].line.width > 2 * max(t.line.width for t in courbes[1:])
    assert {a.text for a in fig.layout.annotations} >= {"MEL", "Arrondissement de Lille", "Nord"}
    fins = sorted(a.y for a in fig.layout.annotations if a.text in ("MEL", "Arrondissement de Lille"))
    assert fins[1] - fins[0] > 0  # les noms de deux courbes de même fin ne se recouvrent pas


def test_deux_points_egaux_de_la_comparaison_ne_se_recouvrent_pas():
    d = pd.DataFrame({"nom_court": ["MEL", "Arrondissement de Lille", "Nord"], "libelle_court": ["Demandeurs ABC"] * 3,
                      "evolution_pct": [1.8, 1.8, 2.0]})
    fig = graphiques.points_comparaison(d, "evolution_pct", "Évolution sur un an (%)", 1, "\u202f%", "MEL")
    assert len({t.y[0] for t in fig.data}) == 3 and len({t.marker.symbol for t in fig.data}) == 3
    assert list(fig.layout.yaxis.ticktext) == ["Demandeurs ABC"]
    long = d.assign(libelle_court="Demandeurs ABC – moins de 25 ans")  # replié : la place des points sur un téléphone
    assert graphiques.points_comparaison(long, "evolution_pct", "", 1, "", "MEL").layout.yaxis.ticktext == (
        "Demandeurs ABC – moins<br>de 25 ans",)


def test_la_courbe_marque_les_ruptures_qu_elle_passe():
    fig = graphiques.lignes(_series(), "courbe", "valeur", "Nombre",
                            ruptures_=ruptures.passees("demandeurs_abc", DATES.min(), DATES.max()))
    assert [a.text for a in fig.layout.annotations if "Rupture" in a.text] == ["Rupture de série (01/01/2025)"]
    assert [s.line.color for s in fig.layout.shapes] == [graphiques.COULEUR_RUPTURE]


def test_un_point_reel_dans_une_serie_de_demonstration_est_marque():
    df = _series()
    df.loc[(df.courbe == "MEL") & (df.date == DATES[1]), "demonstration"] = False
    fig = graphiques.lignes(df, "courbe", "valeur", "Nombre")
    reels = [t for t in fig.data if t.mode == "markers"]
    assert len(reels) == 1 and reels[0].name.startswith("Chiffre réel") and list(reels[0].y) == [101]
    assert not [t for t in graphiques.lignes(_series(False), "courbe", "valeur", "Nombre").data if t.mode == "markers"]


def test_les_valeurs_d_un_graphique_donnent_les_dates_en_francais():
    """Plotly garde les dates d'une courbe en numpy.datetime64 : le tableau « Valeurs du graphique » les écrit
    31/12/2011, jamais « 2011-12-31T00:00:00.000000 »."""
    import plotly.graph_objects as go

    from observatoire.appli.figures import valeurs_du_graphique
    fig = go.Figure(go.Scatter(x=pd.Series(pd.to_datetime(["2011-12-31", "2012-03-31"])), y=[100, 101.5],
                               name="MEL", customdata=["100,0", "101,5"]))
    assert valeurs_du_graphique(fig).Repère.tolist() == ["31/12/2011", "31/03/2012"]


def test_figure_en_cache_identique_a_une_figure_neuve_et_jamais_modifiee():
    """Une figure préparée une fois est partagée par les sessions : la même que celle qu'on construirait, ses
    valeurs aussi ; la montrer (copie par st.plotly_chart) et en faire une image ne la modifient pas ; d'autres
    données donnent une autre figure."""
    from observatoire.appli import figures
    from observatoire.sorties import export
    df = _series(True)
    prete = figures.figure("lignes", df, "courbe", "valeur", "Nombre", date_reperee="2012-03-31")
    neuve = graphiques.lignes(df, "courbe", "valeur", "Nombre", date_reperee="2012-03-31")
    assert prete.figure.to_json() == neuve.to_json()
    assert prete.valeurs.equals(figures.valeurs_du_graphique(neuve))
    avant = prete.figure.to_json()
    from observatoire.sorties.tableaux import Cartouche
    export.avec_cartouche(export.pour_export(prete.figure), Cartouche("Titre", "MEL", "au 31/03/2012", "DARES", True))
    assert prete.figure.to_json() == avant
    assert figures.figure("lignes", df, "courbe", "valeur", "Nombre", date_reperee="2012-03-31") is prete
    autre = figures.figure("lignes", df.assign(valeur=df.valeur + 1), "courbe", "valeur", "Nombre",
                           date_reperee="2012-03-31")
    assert autre is not prete and autre.figure.to_json() != avant


def test_un_nom_de_fichier_lisible_en_ascii():
    from observatoire.formats import nom_de_fichier
    assert nom_de_fichier("MiE du Roubaisis") == "MiE-du-Roubaisis"
    assert nom_de_fichier("Villeneuve-d'Ascq") == "Villeneuve-d-Ascq"
    assert nom_de_fichier("Arrondissement de Lille") == "Arrondissement-de-Lille"


def test_courte_periode_un_repere_par_trimestre():
    """Sur moins de quatre ans (F et G, depuis 2025), l'axe dit le trimestre (« 03/2025 ») et non trois fois
    « 2025 » ; sur une longue série, les années."""
    courte = pd.DataFrame({"courbe": "Hauts-de-France – Catégorie G", "valeur": [1.0, 2.0, 3.0],
                           "date": pd.to_datetime(["2025-03-31", "2025-06-30", "2025-09-30"])})
    fig = graphiques.lignes(courte, "courbe", "valeur", "Inscrits")
    assert (fig.layout.xaxis.tickformat, fig.layout.xaxis.dtick) == ("%m/%Y", "M3")
    longue = courte.assign(date=pd.to_datetime(["2012-03-31", "2018-06-30", "2025-09-30"]))
    assert graphiques.lignes(longue, "courbe", "valeur", "Inscrits").layout.xaxis.tickformat == "%Y"


def test_verticale_la_meme_forme_que_add_vline():
    """Les lignes verticales (date choisie, ruptures de série, zéro) sont la forme qu'écrirait ``add_vline`` : le
    dessin du serveur (courbes_html), les images et le portrait les lisent ainsi."""
    attendu = go.Figure(go.Scatter(x=[0, 1], y=[0, 1]))
    attendu.add_vline(x=0.5, line=dict(color="#888", dash="dot"))
    fig = go.Figure(go.Scatter(x=[0, 1], y=[0, 1]))
    graphiques.verticale(fig, 0.5, dict(color="#888", dash="dot"))
    assert fig.layout.shapes[0].to_plotly_json() == attendu.layout.shapes[0].to_plotly_json()
