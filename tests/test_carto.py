"""Cartographie : zones, classes et palettes, secret statistique, poids envoyé au navigateur."""
import pandas as pd
import pytest

from observatoire import base, carto
from observatoire.chemins import RACINE


def test_zones_d_affichage():
    assert carto.zone("melt") == "mel" and carto.zone("59512") == "mel" and carto.zone("mel") == "mel"
    assert carto.zone("arr-lille") == "arr-lille" and carto.zone("nord") == "nord"
    assert carto.zone("59183") == "nord"  # Dunkerque, hors de l'arrondissement de Lille


@pytest.mark.parametrize("zone", ["mel", "arr-lille", "nord"])
def test_geojson_servi_moins_de_300_ko(zone):
    assert (RACINE / "static" / "geo" / f"communes_{zone}.geojson").stat().st_size < 300 * 1024


@pytest.fixture(scope="module")
def donnees(con):
    def f(territoire, mesure="niveau", indicateur="demandeurs_abc"):
        return base.requete(con, "carte_communes", zone=carto.zone(territoire), territoire=territoire,
                            indicateur=indicateur, date="2021-12-31", date_base="2011-12-31", mesure=mesure)
    return f


@pytest.mark.parametrize("territoire", ["nord", "melt"])
def test_figure_envoyee_moins_de_300_ko(donnees, territoire):
    df = donnees(territoire)
    fig = carto.figure(df, territoire, "niveau", carto.classer(df.mesure, "niveau", "quantiles", 7), "Nombre")
    assert len(fig.to_json().encode()) < 300 * 1024
    assert fig.data[0].geojson == f"/app/static/geo/communes_{carto.zone(territoire)}.geojson"


def test_classes_et_legende_en_francais(donnees):
    df = donnees("mie-roubaisis")
    c = carto.classer(df.mesure, "niveau", "quantiles", 5)
    assert len(c.libelles) == 5 and c.bornes == sorted(c.bornes)
    assert c.libelles[-1].endswith(" – " + "20\u202f920")
    # chaque commune tombe dans une classe, la plus grande dans la dernière
    assert carto.indice_classe(df.mesure.max(), c) == 4 and carto.indice_classe(df.mesure.min(), c) == 0
    assert (pd.Series([carto.indice_classe(x, c) for x in df.mesure]).between(0, 4)).all()


def test_palette_divergente_centree_sur_zero(donnees):
    df = donnees("mel", "evolution_pct")
    c = carto.classer(df.mesure, "evolution_pct", "intervalles_egaux", 6)
    milieux = [(b + h) / 2 for b, h in zip([c.minimum] + c.bornes[:-1], c.bornes)]
    for m, couleur in zip(milieux, c.couleurs):
        rouge, _, bleu = (float(x) for x in couleur[couleur.index("(") + 1:-1].split(","))
        assert (m < 0 and bleu > rouge) or (m > 0 and rouge > bleu) or abs(m) < 1e-9
    assert c.libelles[0].startswith("\u2212")


def test_secret_statistique_dessine_et_legende(donnees):
    df = donnees("mie-roubaisis").copy()
    df.loc[df.code_commune == "59339", ["valeur", "mesure", "rang"]] = None
    df.loc[df.code_commune == "59339", "statut"] = "secret"
    c = carto.classer(df.mesure, "niveau", "quantiles", 4)
    fig = carto.figure(df, "mie-roubaisis", "niveau", c, "Nombre")
    noms = [t.name for t in fig.data if t.name]
    assert "Secret statistique" in noms
    i = list(df.code_commune).index("59339")
    assert fig.data[0].customdata[i][1] == "secret statistique"
    echelle = dict((round(a, 6), coul) for a, coul in fig.data[0].colorscale)
    assert carto.GRIS_SECRET in echelle.values()


@pytest.mark.parametrize("emprise", [(2.8, 50.5, 3.3, 50.8), (2.0, 50.0, 4.2, 51.1), (3.15, 50.68, 3.2, 50.71)])
@pytest.mark.parametrize("format_", [1.0, 1.5, 2.2])
def test_emprise_au_format_remplit_le_cadre(emprise, format_):
    """Point 9 : l'emprise étendue a exactement le format du cadre (en Mercator) et contient l'emprise d'origine :
    la carte remplit sa zone à toute largeur d'écran, sans bande vide."""
    lon, lat = carto.emprise_au_format(emprise, format_)
    largeur, hauteur = lon[1] - lon[0], carto._mercator(lat[1]) - carto._mercator(lat[0])
    assert largeur / hauteur == pytest.approx(format_, rel=1e-6)
    assert lon[0] < emprise[0] and lon[1] > emprise[2] and lat[0] < emprise[1] and lat[1] > emprise[3]
