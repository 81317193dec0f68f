"""Cartographie : zone d'affichage, géométries, noms, le dessin d'une carte des communes (Dessin ; classes et couleurs :
classement.py) ;
à l'écran, le dessin est rendu en SVG (carte_svg), dans les images et le portrait en figure Plotly (figure_plotly).

Aucun fond de carte externe : les communes et les contours sont dessinés en vecteurs (projection Mercator sans
tuiles), ce qui fonctionne hors ligne."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from observatoire import couverture, formats, referentiel
from observatoire.cartes import regions
from observatoire.cartes.classement import Classes, couleurs, legende_classes, style_etiquette, texte_mesure
from observatoire.chemins import GEO

MDE = ("melt", "mie-roubaisis", "mno")
# Plotly charge un fond topojson même invisible : servi localement (static/), jamais depuis un CDN
URL_STATIQUE = "/app/static/"
# La carte à l'écran : à la hauteur de l'écran moins l'en-tête de la page (écart, minimum en px, voir
# carte_svg.afficher), de format largeur / hauteur ~1,5 à 1366×768 comme à 1920×1080.
HAUTEUR_ECRAN = (260, 420)
FORMAT_ECRAN = 1.5


ZONES_NORD = ("mel", "arr-lille", "nord")  # fichiers de static/geo/ (scripts/build_geo.py)
COMMUNES_MAX_DETAIL = 300  # au-delà, une zone est dessinée au niveau léger (le Nord : 647 communes)


def zone(territoire: referentiel.Designe) -> str:
    """Territoire dont on dessine les communes. Dans le Nord : la MEL pour ce qui est dans la MEL, sinon
    l'arrondissement de Lille ou le Nord. Ailleurs : le plus petit de l'EPCI, de l'arrondissement et du
    département qui contiennent toutes ses communes ; à défaut (à cheval sur deux départements), lui-même."""
    t = referentiel.territoire(territoire)
    englobants = referentiel.englobants(t)
    return next((z for z in englobants if set(t.membres) <= set(referentiel.territoire(z).membres)),
                englobants[-1] if englobants == referentiel.ENGLOBANTS_NORD else t.territoire)


def communes_de_zone(z: str) -> tuple[str, ...]:
    """Communes dessinées pour la zone ``z`` : celles du territoire ; d'une région (sans communes dans le modèle :
    un niveau de comparaison), ses communes couvertes."""
    t = referentiel.territoire(z)
    return regions.communes(regions.code(z)) if t.type == "region" and not t.membres else t.membres


def niveau_de(z: str) -> str:
    """Niveau de détail d'une zone : « leger » pour un département ou plus, « detail » en dessous."""
    return "leger" if len(communes_de_zone(z)) > COMMUNES_MAX_DETAIL else "detail"


def _nord_seul() -> bool:
    """Couverture par défaut (le Nord) : les contours préparés pour lui (geo/, static/geo/), tels quels."""
    return couverture.courante().departements == (couverture.NORD,)


@lru_cache
def formes_communes(niveau: str) -> pd.DataFrame:
    """Contours des communes couvertes : ceux du Nord (geo/communes_<niveau>.geojson) ; pour une autre
    couverture, ceux de geo/france/<niveau>/ (scripts/build_geo_france.py : toute la France simplifiée d'un coup, les
    limites entre voisines restent communes) de ses départements."""
    import geopandas as gpd
    if _nord_seul():
        g = gpd.read_file(GEO / f"communes_{niveau}.geojson")
    else:
        fichiers = [GEO / "france" / niveau / f"{d}.parquet" for d in couverture.courante().departements]
        g = pd.concat([gpd.read_parquet(f) for f in fichiers if f.exists()], ignore_index=True)
        g = gpd.GeoDataFrame(g, geometry="geometry", crs="EPSG:4326")
        g["nom"] = g.code_commune.map(referentiel.communes().set_index("code_commune").nom)
    g["point"] = g.geometry.representative_point()
    return g


@lru_cache
def formes_territoires() -> pd.DataFrame:
    """Contours préparés des territoires du Nord (geo/territoires.geojson) ; ailleurs aucun : ``contour`` les
    tire de leurs communes."""
    import geopandas as gpd
    if _nord_seul():
        return gpd.read_file(GEO / "territoires.geojson").set_index("territoire")
    return gpd.GeoDataFrame({"territoire": [], "geometry": []}, geometry="geometry").set_index("territoire")


@lru_cache
def geometries(z: str) -> tuple[str | dict, pd.DataFrame]:
    """Le GeoJSON des communes de la zone pour Plotly (dans le Nord, l'adresse d'un fichier de static/geo/, écrit par
    scripts/build_geo.py : le navigateur le charge une fois et le garde en cache ; ailleurs, le GeoJSON lui-même)
    et points d'étiquette des communes."""
    g = formes_communes(niveau_de(z))
    g = g[g.code_commune.isin(communes_de_zone(z))]
    if _nord_seul() and z in ZONES_NORD:
        return f"{URL_STATIQUE}geo/communes_{z}.geojson", g[["code_commune", "point"]]
    return geojson(g.code_commune, g.geometry), g[["code_commune", "point"]]


def geojson(codes, geometries) -> dict:
    """Un GeoJSON pour Plotly : une entité par forme, identifiée par son code, anneaux dans le sens que Plotly attend."""
    import shapely.geometry
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": c, "properties": {},
         "geometry": shapely.geometry.mapping(shapely.orient_polygons(geom, exterior_cw=True))}
        for c, geom in zip(codes, geometries)]}


COULEUR_COMPOSITION = "#ad1457"  # framboise : distinct des classes (bleus, rouges) et du noir du territoire


def contour(territoire: referentiel.Designe):
    """Le contour d'un territoire de plusieurs communes : celui de geo/territoires.geojson, ou l'union de ses
    communes pour un territoire à façon ; None pour une commune seule."""
    if (ident := referentiel.ident(territoire)) in formes_territoires().index:
        return formes_territoires().geometry[ident]
    membres = referentiel.territoire(territoire).membres
    return _union(membres) if len(membres) > 1 else None


@lru_cache(maxsize=64)
def _union(membres: tuple[str, ...]):
    g = formes_communes("detail")
    return g.loc[g.code_commune.isin(membres)].geometry.union_all()


def voisinage(territoire: referentiel.Designe) -> list[str]:
    """Communes montrées et nommées : celles du territoire ; pour une commune seule, elle et ses voisines
    (sinon la carte, cadrée sur elle, couperait ses voisines sans les nommer)."""
    membres = referentiel.territoire(territoire).membres
    if len(membres) > 1:
        return list(membres)
    g = formes_communes("leger")
    forme = g.loc[g.code_commune == membres[0]].geometry.iloc[0]
    return list(g.loc[g.intersects(forme.buffer(0.002)), "code_commune"])


def sans_chevauchement(df: pd.DataFrame, ecart_relatif: float, maximum: int = 40) -> pd.Index:
    """Étiquettes qui ne se chevauchent pas : des plus peuplées aux moins peuplées, on garde un nom s'il est
    assez loin de ceux déjà gardés (``ecart_relatif`` de la largeur de la zone)."""
    if df.empty:
        return df.index
    x = np.array([p.x for p in df.point])
    y = np.array([p.y for p in df.point]) * 1.5  # un degré de latitude vaut ~1,5 degré de longitude ici
    seuil = ecart_relatif * max(x.max() - x.min(), (y.max() - y.min()) * 1.6, 0.05)
    gardes: list[int] = []
    for i in np.argsort(-df.population.fillna(0).to_numpy(), kind="stable"):
        if len(gardes) < maximum and all(abs(x[i] - x[j]) > seuil * 1.8 or abs(y[i] - y[j]) > seuil * 0.6
                                         for j in gardes):
            gardes.append(i)
    return df.index[gardes]


def mercator(lat: float) -> float:
    return float(np.degrees(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))))


def emprise_au_format(emprise, format_: float) -> tuple[list[float], list[float]]:
    """Longitudes et latitudes à montrer pour que l'emprise (xmin, ymin, xmax, ymax), avec une marge de 4 % (au
    moins ~300 m), remplisse un cadre largeur / hauteur = ``format_`` en projection de Mercator : la carte occupe
    alors tout son cadre au lieu d'y laisser des bandes vides (on montre un peu plus de communes voisines)."""
    x0, y0, x1, y1 = emprise
    marge_x, marge_y = max((x1 - x0) * 0.04, 0.004), max((y1 - y0) * 0.04, 0.003)
    x0, x1, y0, y1 = x0 - marge_x, x1 + marge_x, y0 - marge_y, y1 + marge_y
    m0, m1 = mercator(y0), mercator(y1)
    if (x1 - x0) / (m1 - m0) < format_:  # trop haute : on élargit
        d = ((m1 - m0) * format_ - (x1 - x0)) / 2
        x0, x1 = x0 - d, x1 + d
    else:  # trop large : on rehausse (en Mercator, puis retour en latitude)
        d = ((x1 - x0) / format_ - (m1 - m0)) / 2
        m0, m1 = m0 - d, m1 + d
        y0, y1 = (float(np.degrees(2 * np.arctan(np.exp(np.radians(m))) - np.pi / 2)) for m in (m0, m1))
    return [x0, x1], [y0, y1]


@dataclass
class Contour:
    geometries: list        # polygones ou multipolygones dont on trace le contour extérieur
    couleur: str
    largeur: float          # en pixels à l'écran
    pointille: bool
    nom: str                # entrée de la légende (Plotly)


@dataclass
class Dessin:
    """Ce qu'une carte montre, indépendamment de qui la dessine (SVG à l'écran, Plotly pour les images et le
    portrait) : formes colorées et leur bulle de survol, contours, noms, légende, emprise."""
    formes: pd.DataFrame        # code, couleur, survol (lignes ; la première est le nom)
    geometries: pd.Series       # code -> géométrie (lon, lat) des formes
    source: str                 # nom du jeu de géométries (« detail », « leger », « iris ») : cache des tracés SVG
    geojson: str | dict         # adresse du GeoJSON servi, ou le GeoJSON, pour Plotly
    id_geojson: str             # propriété qui porte le code dans ce GeoJSON (« id » : l'identifiant de l'entité)
    trait: float                # largeur du liseré blanc entre formes
    contours: list[Contour]
    etiquettes: pd.DataFrame    # point, nom, style (« clair » sur fond foncé, « fonce », « halo » cerné de blanc)
    legende: list[tuple[str, str]]  # (libellé, couleur)
    titre: str
    emprise: tuple              # (xmin, ymin, xmax, ymax) à montrer
    cliquable: bool             # un clic sur une forme choisit ce territoire
    forme: str = "commune"      # ce qu'est une forme, dit aux lecteurs d'écran (« d'une commune à l'autre »)
    premiere: str | None = None  # la forme qui a le focus du clavier en premier : le territoire choisi (ou l'un de
                                 # ses membres), pas la première commune de l'alphabet, hors de la vue


def dessin(df: pd.DataFrame, territoire: referentiel.Designe, mesure: str, classes: Classes, titre_mesure: str,
           composition: tuple[str, ...] = (), etendue=None) -> Dessin:
    """Choroplèthe des communes que montre ``etendue`` (``etendues.Etendue`` choisie par la page ; par défaut la zone
    autour du territoire, ``zone(territoire)`` ; ``df`` : résultat de queries/carte_communes.sql), contours des MDE,
    territoire choisi en trait épais, territoire en cours de composition (``composition``), noms des communes montrées
    (sur la carte d'une région : les plus peuplées)."""
    t = referentiel.territoire(territoire)
    z = etendue.zone if etendue is not None else zone(t)
    # toute une région (etendues.Etendue, résolue une fois par la page) : rangs dans la région, ses plus peuplées nommées
    de_la_region = etendue is not None and etendue.region is not None
    dans_la_zone = set(communes_de_zone(z))
    niveau = niveau_de(z)
    geo, points = geometries(z)
    df = df.merge(points, on="code_commune")
    secret = df.statut == "secret"
    couleur = couleurs(df.mesure, secret, classes)
    valeur_txt = [formats.absence(st) if pd.isna(m) else texte_mesure(m, mesure)
                  for m, st in zip(df.mesure, df.statut)]
    # une commune choisie seule : son rang dans la zone montrée, comme le tableau à côté de la carte
    n_zone = df.rang_zone.max()
    # sur la carte d'une région, le rang dans la région, comme le tableau à côté
    rang_txt = [f"{formats.rang(int(rz))} sur {int(n_zone)} de la {'région' if de_la_region else 'zone'}"
                if (n_ == 1 or de_la_region) and pd.notna(rz) else
                f"{formats.rang(int(r))} sur {int(n_)} du territoire" if pd.notna(r) else
                "sans valeur à cette date" if de_la_region else "hors du territoire choisi"
                for r, n_, rz in zip(df.rang, df.nb_membres, df.rang_zone)]
    survol = [[nom, f"{titre_mesure} : {v}", r, f"Évolution sur un an : {formats.pourcent(e, signe=True)}"]
              for nom, v, r, e in zip(df.nom, valeur_txt, rang_txt, df.evolution_pct)]
    contours = []
    autres = [m for m in MDE if m != t.territoire and referentiel.existe(m)
              and set(referentiel.territoire(m).membres) <= dans_la_zone]
    if autres:
        contours.append(Contour([contour(m) for m in autres], "#555", 1.2, True, "Maisons de l'emploi"))
    if (forme := contour(t)) is not None:
        contours.append(Contour([forme], "#111", 2.6, False, t.nom_court))
    if composition:
        contours.append(Contour([_union(tuple(sorted(composition)))], COULEUR_COMPOSITION, 3.2, False,
                                "Territoire en composition"))
    communes_vues = list(dans_la_zone) if de_la_region else voisinage(t)
    vues = df[df.code_commune.isin(communes_vues)].assign(couleur=pd.Series(couleur, index=df.index))
    etiquettes = vues.loc[sans_chevauchement(vues, 0.05 if len(communes_vues) > 40 else 0.035,
                                              14 if len(communes_vues) > 40 else 40)]
    g = formes_communes(niveau)
    return Dessin(
        formes=pd.DataFrame({"code": df.code_commune, "couleur": couleur, "survol": survol}),
        geometries=g.set_index("code_commune").geometry, source=niveau, geojson=geo, id_geojson="id", trait=0.6,
        contours=contours,
        etiquettes=etiquettes.assign(style=etiquettes.couleur.map(style_etiquette))[["point", "nom", "style"]],
        legende=legende_classes(classes, secret.any(), (~secret & df.mesure.isna()).any()), titre=titre_mesure,
        emprise=tuple(formes_communes("leger").loc[lambda g: g.code_commune.isin(communes_vues)].total_bounds),
        cliquable=True, premiere=_premiere(df, communes_vues))


def _premiere(df: pd.DataFrame, communes_vues: list[str]) -> str | None:
    """La commune où commence le clavier : le membre le plus peuplé du territoire choisi (lui-même pour une commune ;
    « Roubaix » pour la MiE du Roubaisis), sinon la commune montrée la plus peuplée."""
    vues = df[df.code_commune.isin(communes_vues)]
    membres = vues.membre.fillna(False).astype(bool)
    candidates = vues[membres] if membres.any() else vues
    if candidates.empty:
        return None
    return candidates.sort_values("population", ascending=False, na_position="last").code_commune.iloc[0]
