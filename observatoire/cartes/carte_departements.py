"""Carte des départements : dans une base de plusieurs départements (``OBSERVATOIRE_DEPARTEMENTS=59,62`` ou ``tous``),
les départements d'une région, ou tous ceux de la base, classés comme les communes. Une forme par département
(101 pour toute la France) au lieu de 35 000 communes : le navigateur reçoit le contour de ce qui est montré, au niveau
léger de ``geo/france/departements.parquet`` (scripts/build_geo_france.py). Outre-mer : sur la carte de sa région ;
la carte de toute la base montre la métropole (Corse comprise), le tableau à côté nomme aussi l'outre-mer."""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from observatoire import couverture, formats, referentiel
from observatoire.cartes import carto, classement, regions
from observatoire.chemins import GEO

SOURCE = "departements"  # nom du jeu de géométries (cache des tracés SVG)
AUTO, TOUTES = "auto", regions.TOUTES  # la région du territoire choisi ; tous les départements de la base


def disponible() -> bool:
    """La couche n'a de sens qu'à partir de deux départements couverts."""
    return len(couverture.courante().departements) > 1


def _outre_mer(departement: str) -> bool:
    return departement.startswith("97")


@lru_cache
def formes() -> pd.DataFrame:
    """Contours des départements couverts, indexés par leur territoire (« dep-69 », « nord »), point d'étiquette."""
    import geopandas as gpd
    g = gpd.read_parquet(GEO / "france" / "departements.parquet")
    g = g[g.departement.isin(couverture.courante().departements)].copy()
    g["territoire"] = [referentiel.ALIAS.get(f"dep-{d}", f"dep-{d}") for d in g.departement]
    g["point"] = g.geometry.representative_point()
    return g.set_index("territoire")


def nom_zone(region: str) -> str:
    """Ce que montre la carte : une région, la France (base ``tous``) ou les départements de la base."""
    if region in regions.regions():
        return regions.regions()[region]
    return "France" if couverture.courante().toute_la_france else "départements de la base"


def libelle(valeur: str, territoire: str) -> str:
    """Libellé d'une valeur du contrôle « Région »."""
    if valeur == AUTO:
        return f"Celle du territoire ({nom_zone(regions.region_de(territoire))})"
    return formats.majuscule(nom_zone(valeur))


def region_montree(valeur: str, territoire: str) -> str:
    """La valeur du contrôle (AUTO, TOUTES ou un code) -> le code de région montré (TOUTES : toute la base)."""
    return regions.region_de(territoire) if valeur == AUTO else valeur


def precision_outre_mer(df: pd.DataFrame, region: str) -> str:
    """Ce que la carte de toute la base ne montre pas (l'outre-mer), dit sous la carte."""
    if region == TOUTES and df.departement.map(_outre_mer).any() and not df.departement.map(_outre_mer).all():
        return " · outre-mer : dans le tableau et sur la carte de sa région"
    return ""


def dessin(df: pd.DataFrame, mesure: str, classes: classement.Classes, titre_mesure: str) -> carto.Dessin:
    """Choroplèthe des départements (``df`` : résultat de queries/carte_departements.sql), le département du
    territoire choisi en trait épais, chaque département nommé."""
    g = formes()
    df = df[df.territoire.isin(g.index)]
    if not df.departement.map(_outre_mer).all():  # la métropole : l'outre-mer reste dans le tableau
        df = df[~df.departement.map(_outre_mer)]
    secret = df.statut == "secret"
    couleur = classement.couleurs(df.mesure, secret, classes)
    valeur_txt = [classement.texte_mesure(m, mesure) if pd.notna(m) else formats.absence(st)
                  for m, st in zip(df.mesure, df.statut)]
    survol = [[nom, f"{titre_mesure} : {v}",
               f"{formats.rang(int(r))} sur {int(n)}" if pd.notna(r) else "sans valeur à cette date",
               f"Évolution sur un an : {formats.pourcent(e, signe=True)}"]
              for nom, v, r, n, e in zip(df.nom, valeur_txt, df.rang, df.nb_departements, df.evolution_pct)]
    montres = g.loc[df.territoire]
    choisis = montres[df.membre.to_numpy()]
    etiquettes = df.assign(point=montres.point.to_numpy(), couleur=couleur)
    etiquettes = etiquettes.loc[carto.sans_chevauchement(etiquettes, 0.07, 25)]
    return carto.Dessin(
        formes=pd.DataFrame({"code": df.territoire, "couleur": couleur, "survol": survol}),
        geometries=g.geometry, source=SOURCE, geojson=carto.geojson(montres.index, montres.geometry), id_geojson="id", trait=0.8,
        contours=[carto.Contour(list(choisis.geometry), "#111", 2.6, False, "Département du territoire choisi")]
        if len(choisis) else [],
        etiquettes=etiquettes.assign(style=etiquettes.couleur.map(classement.style_etiquette))[["point", "nom", "style"]],
        legende=classement.legende_classes(classes, secret.any(), (~secret & df.mesure.isna()).any()), titre=titre_mesure,
        emprise=tuple(montres.total_bounds), cliquable=True, forme="departement")
