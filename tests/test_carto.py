"""Cartographie : zones, classes et palettes, secret statistique, poids envoyé au navigateur, carte SVG."""
import re

import pandas as pd
import pytest

from observatoire.cartes import carte_svg, carto, classement, figure_plotly
from observatoire.chemins import RACINE
from observatoire.modele import base


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
        return base.requete(con, "carte_communes", region=None, zone=carto.zone(territoire), territoire=territoire,
                            indicateur=indicateur, date="2021-12-31", date_base="2011-12-31", mesure=mesure)
    return f


def dessin(df, territoire, mesure="niveau", k=7):
    return carto.dessin(df, territoire, mesure, classement.classer(df.mesure, mesure, "quantiles", k), "Nombre")


@pytest.mark.parametrize("territoire", ["nord", "melt"])
def test_carte_envoyee_moins_de_300_ko(donnees, territoire):
    """La carte à l'écran (SVG) comme la figure des images (Plotly, GeoJSON servi à part) restent légères."""
    d = dessin(donnees(territoire), territoire)
    assert len(carte_svg.svg(d, 1.5).encode()) < 300 * 1024
    fig = figure_plotly.figure(d)
    assert len(fig.to_json().encode()) < 300 * 1024
    assert fig.data[0].geojson == f"/app/static/geo/communes_{carto.zone(territoire)}.geojson"


def test_contours_des_maisons_de_l_emploi_tires_de_leurs_communes_hors_du_nord_seul(donnees, monkeypatch):
    """Dans une base de plusieurs départements, aucun contour de territoire n'est préparé (geo/territoires.geojson
    ne vaut que pour le Nord seul) : la carte de la MEL trace les Maisons de l'emploi d'après leurs communes."""
    vide = carto.formes_territoires().iloc[0:0]
    monkeypatch.setattr(carto, "formes_territoires", lambda: vide)
    d = dessin(donnees("mel"), "mel")
    mde = next(c for c in d.contours if c.nom == "Maisons de l'emploi")
    assert len(mde.geometries) == 3 and all(g.area > 0 for g in mde.geometries)


def test_etendues_offertes_autour_du_territoire_ou_toute_sa_region(monkeypatch):
    """La zone du territoire toujours ; sa région entière seulement dans une base de plusieurs départements."""
    from observatoire.cartes import carte_departements, etendues
    assert list(etendues.offertes("mie-roubaisis")) == ["zone"]
    zone = etendues.offertes("mie-roubaisis")["zone"]
    assert (zone.zone, zone.region, zone.nom, zone.sources) == ("mel", None, "MEL", ("mel",))
    monkeypatch.setattr(carte_departements, "disponible", lambda: True)
    region = etendues.offertes("mie-roubaisis")["region"]
    assert (region.zone, region.region, region.nom, region.sources) == ("hdf", "32", "Hauts-de-France", ("nord",))
    assert region.libelle == "Toute sa région (Hauts-de-France)"


def test_carte_d_une_region_par_commune(con):
    """Toute la région du territoire : chaque commune couverte de la région (ici les Hauts-de-France, dont la base
    couvre le Nord), le territoire choisi en trait épais, la carte cadrée sur la région, quelques noms seulement."""
    assert set(carto.communes_de_zone("hdf")) == set(carto.communes_de_zone("nord")) and carto.niveau_de("hdf") == "leger"
    df = base.requete(con, "carte_communes", zone="hdf", region="32", territoire="mie-roubaisis",
                      indicateur="demandeurs_abc", date="2021-12-31", date_base="2011-12-31", mesure="niveau")
    assert len(df) == len(carto.communes_de_zone("nord")) and df.membre.sum() == 3
    assert df.set_index("nom").rang_zone["Lille"] == 1
    from observatoire.cartes.etendues import Etendue
    region = Etendue("region", "hdf", "32", "Hauts-de-France", "Toute sa région (Hauts-de-France)", ("nord",))
    d = carto.dessin(df, "mie-roubaisis", "niveau", classement.classer(df.mesure, "niveau", "quantiles", 5), "Nombre",
                     etendue=region)
    assert d.source == "leger" and len(d.formes) == len(df)
    assert d.emprise == pytest.approx(tuple(carto.formes_communes("leger").total_bounds))
    assert [c.nom for c in d.contours][-1] == "MiE du Roubaisis" and 0 < len(d.etiquettes) <= 14
    n = len(carto.communes_de_zone("nord"))  # chaque commune : son rang dans la région, comme le tableau
    assert d.formes.set_index("code").survol["59350"][2] == f"1ᵉʳ sur {n} de la région"


def test_classes_et_legende_en_francais(donnees):
    df = donnees("mie-roubaisis")
    c = classement.classer(df.mesure, "niveau", "quantiles", 5)
    assert len(c.libelles) == 5 and c.bornes == sorted(c.bornes)
    assert c.libelles[-1].endswith(" – " + "20\u202f920")
    # chaque commune tombe dans une classe, la plus grande dans la dernière
    assert classement.indice_classe(df.mesure.max(), c) == 4 and classement.indice_classe(df.mesure.min(), c) == 0
    assert (pd.Series([classement.indice_classe(x, c) for x in df.mesure]).between(0, 4)).all()


def test_palette_divergente_centree_sur_zero(donnees):
    df = donnees("mel", "evolution_pct")
    c = classement.classer(df.mesure, "evolution_pct", "intervalles_egaux", 6)
    milieux = [(b + h) / 2 for b, h in zip([c.minimum] + c.bornes[:-1], c.bornes)]
    for m, couleur in zip(milieux, c.couleurs):
        rouge, _, bleu = (float(x) for x in couleur[couleur.index("(") + 1:-1].split(","))
        assert (m < 0 and bleu > rouge) or (m > 0 and rouge > bleu) or abs(m) < 1e-9
    assert c.libelles[0].startswith("\u2212")


def test_secret_statistique_dessine_et_legende(donnees):
    df = donnees("mie-roubaisis").copy()
    df.loc[df.code_commune == "59339", ["valeur", "mesure", "rang"]] = None
    df.loc[df.code_commune == "59339", "statut"] = "secret"
    d = dessin(df, "mie-roubaisis", k=4)
    assert ("Secret statistique", classement.GRIS_SECRET) in d.legende
    forme = d.formes.set_index("code").loc["59339"]
    assert forme.couleur == classement.GRIS_SECRET and forme.survol[1] == "Nombre : secret statistique"
    fig = figure_plotly.figure(d)
    assert "Secret statistique" in [t.name for t in fig.data if t.name]
    i = list(fig.data[0].locations).index("59339")
    assert "Nombre : secret statistique" in fig.data[0].customdata[i]
    assert classement.GRIS_SECRET in [couleur for _, couleur in fig.data[0].colorscale]
    assert re.search(r'fill="([^"]+)" data-code="59339"', carte_svg.svg(d, 1.5))[1] == classement.GRIS_SECRET


def test_commune_sans_valeur_dite_non_disponible(donnees):
    """Une commune sans valeur (la requête la marque « missing ») : « non disponible » dans sa bulle, pas un mot du
    rapport d'import (« manquant »)."""
    df = donnees("mie-roubaisis").copy()
    df.loc[df.code_commune == "59339", ["valeur", "mesure", "rang"]] = None
    df.loc[df.code_commune == "59339", "statut"] = "missing"
    assert dessin(df, "mie-roubaisis", k=4).formes.set_index("code").survol["59339"][1] == "Nombre : non disponible"


@pytest.mark.parametrize("emprise", [(2.8, 50.5, 3.3, 50.8), (2.0, 50.0, 4.2, 51.1), (3.15, 50.68, 3.2, 50.71)])
@pytest.mark.parametrize("format_", [1.0, 1.5, 2.2])
def test_emprise_au_format_remplit_le_cadre(emprise, format_):
    """L'emprise étendue a exactement le format du cadre (en Mercator) et contient l'emprise d'origine :
    la carte remplit sa zone à toute largeur d'écran, sans bande vide."""
    lon, lat = carto.emprise_au_format(emprise, format_)
    largeur, hauteur = lon[1] - lon[0], carto.mercator(lat[1]) - carto.mercator(lat[0])
    assert largeur / hauteur == pytest.approx(format_, rel=1e-6)
    assert lon[0] < emprise[0] and lon[1] > emprise[2] and lat[0] < emprise[1] and lat[1] > emprise[3]


def test_carte_svg_une_forme_par_commune_au_format_du_cadre(donnees):
    """La carte à l'écran : une forme cliquable par commune de la zone, portant son code et sa bulle ; un cadre
    (viewBox) au format demandé ; les noms des communes montrées ; la légende des classes."""
    df = donnees("mel")
    d = dessin(df, "mel", k=5)
    html = carte_svg.svg(d, 1.5)
    codes = re.findall(r'data-code="(\d{5})"', html)
    assert sorted(codes) == sorted(df.code_commune) and len(codes) == 95
    x, y, largeur, hauteur = (int(v) for v in re.search(r'viewBox="([^"]+)"', html)[1].split())
    assert largeur / hauteur == pytest.approx(1.5, abs=0.01)
    assert 'class="cliquable"' in html and ">Roubaix</text>" in html and ">Lille</text>" in html
    assert html.count('<i style="background:') == 5 and "\n" not in html  # un seul bloc HTML pour Markdown
    assert "Maisons de l&#x27;emploi</span>" in html and 'stroke-width="2.6"/></svg>MEL</span>' in html  # contours
    # la bulle lit le nom accessible de la forme (lignes séparées par « , ») : le texte n'est pas envoyé deux fois
    lille = re.search(r'data-code="59350" role="button" tabindex="-?\d" aria-label="([^"]+)"', html)[1]
    assert lille.startswith("Lille, Nombre : ") and ", 1ᵉʳ sur 95 du territoire, " in lille
    assert "data-survol" not in html


@pytest.mark.parametrize("territoire, premiere", [("59599", "59599"), ("mie-roubaisis", "59512"), ("mel", "59350")])
def test_carte_svg_le_clavier_entre_par_le_territoire_choisi(donnees, territoire, premiere):
    """Une seule forme dans l'ordre de tabulation : le territoire choisi (Tourcoing), sinon son membre le plus peuplé
    (Roubaix pour la MiE du Roubaisis, Lille pour la MEL), et non la première commune de l'alphabet (Allennes-les-
    Marais, hors de la vue de Tourcoing)."""
    html = carte_svg.svg(dessin(donnees(territoire), territoire, k=5), 1.5)
    assert re.findall(r'data-code="(\d{5})" role="button" tabindex="0"', html) == [premiere]
    assert '<g class="focus" aria-hidden="true">' in html  # l'anneau du focus, dessiné par-dessus tout


def test_carte_svg_texte_toujours_echappe(donnees):
    """Un nom ou un libellé hostile s'affiche en texte brut : ni balise, ni attribut, ni saut de ligne."""
    df = donnees("mie-roubaisis").copy()
    df.loc[df.code_commune == "59512", "nom"] = '<img src=x onerror=alert(1)>"\nRoubaix'
    d = carto.dessin(df, "mie-roubaisis", "niveau", classement.classer(df.mesure, "niveau", "quantiles", 3),
                     '<b>Titre</b>')
    html = carte_svg.svg(d, 1.5)
    assert "<img" not in html and "<b>" not in html and "\n" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;&quot;&#10;Roubaix" in html


def test_trace_d_un_polygone_troue_et_d_un_multipolygone():
    import shapely
    carre = shapely.Polygon([(3, 50), (3.1, 50), (3.1, 50.1), (3, 50.1)], [[(3.04, 50.04), (3.06, 50.04), (3.06, 50.06)]])
    d = carte_svg.trace(shapely.MultiPolygon([carre, shapely.box(3.2, 50, 3.3, 50.1)]))
    assert d.count("M") == 3 and d.count("z") == 3  # deux contours extérieurs, un trou
    assert d.startswith("M30000 -") and d[d.index("l"):].startswith("l1000 0 0 -")  # 10 000 unités par degré, y vers le bas


NOM_LONG = "Communes <b>riveraines</b> du canal de Roubaix, de la Marque urbaine et de la Deûle aval (2026)"


@pytest.mark.parametrize("territoire", ["mno", "mie-roubaisis", "melt", "nord"])
def test_legende_entiere_dans_l_image_du_portrait(donnees, territoire):
    """La carte du portrait (PDF 1000 px, PowerPoint 1100 px) garde toute sa légende, même le nom le plus long
    d'un territoire, écrit tel quel (balises comprises) et replié sur plusieurs lignes plutôt que coupé."""
    from observatoire.sorties.export import image

    from .outils_images import bords_encres
    d = dessin(donnees(territoire), territoire, k=5)
    for c in d.contours:
        if c.nom != "Maisons de l'emploi":
            c.nom = NOM_LONG
    fig = figure_plotly.figure(d).update_layout(font_size=15, height=560, legend_font_size=14)
    noms = [t.name for t in fig.data if t.name]
    assert "<br>" in noms[-1] and noms[-1].replace("<br>", " ") == NOM_LONG.replace("<", "&lt;").replace(">", "&gt;")
    for largeur in (1000, 1100):
        assert bords_encres(image(fig, "png", largeur, 560, 1)) == [], (territoire, largeur)


def test_carte_pour_l_impression_entiere_et_lisible(donnees):
    """La carte d'une diapositive (1100 × 560 px) : seulement des communes entières dans le cadre (une voisine coupée
    par le bord ne se lit pas), des noms de 18 px noirs cernés de blanc (11 px devenaient 6 pt), qui tiennent dans le
    cadre sans se chevaucher, dont ceux de Tourcoing et de ses voisines."""
    d = dessin(donnees("59599"), "59599", k=5)
    fig = figure_plotly.pour_l_impression(d, 1100, 560)
    lon, lat = fig.layout.geo.lonaxis.range, fig.layout.geo.lataxis.range
    codes = list(fig.data[0].locations)
    assert 10 <= len(codes) < len(d.formes)
    for code in codes:
        x0, y0, x1, y1 = d.geometries[code].bounds
        assert lon[0] <= x0 and x1 <= lon[1] and lat[0] <= y0 and y1 <= lat[1], code
    noms = [t for t in fig.data if t.type == "scattergeo" and t.mode == "text"]
    assert {t.textfont.size for t in noms} == {18} and {t.textfont.color for t in noms} == {"#111"}
    ecrits = [n for t in noms for n in t.text]
    assert {"Tourcoing", "Roubaix", "Wattrelos", "Mouvaux"} <= set(ecrits) and len(ecrits) < len(d.etiquettes)
