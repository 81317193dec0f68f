"""Ce que montre la carte des communes : les communes autour du territoire choisi (sa zone, ``carto.zone``) ou, dans
une base de plusieurs départements, toutes celles de sa région. Résolu une fois en une valeur (``Etendue``) que la
page, la requête, le dessin et les téléchargements reçoivent."""
from __future__ import annotations

from dataclasses import dataclass

from observatoire import referentiel
from observatoire.cartes import carte_departements, carto, regions


@dataclass(frozen=True)
class Etendue:
    cle: str                  # « zone » ou « region » : le paramètre d'URL « etendue »
    zone: str                 # le territoire dont les communes sont dessinées (« mel », « reg-84 »)
    region: str | None        # le code de la région montrée entière, sinon None ($region de carte_communes.sql)
    nom: str                  # ce qui est montré, en clair (« MEL », « Auvergne-Rhône-Alpes »)
    libelle: str              # l'option du contrôle « Communes montrées »
    sources: tuple[str, ...]  # les territoires dont les sources réelles sont citées sous la carte et dans les fichiers


def offertes(territoire: referentiel.Designe) -> dict[str, Etendue]:
    """Les étendues offertes pour ce territoire : sa zone ; et sa région entière dans une base de plusieurs
    départements, quand toutes ses communes sont dans une même région."""
    z = carto.zone(territoire)
    nom_zone = referentiel.territoire(z).nom_court
    out = {"zone": Etendue("zone", z, None, nom_zone, f"Autour du territoire ({nom_zone})", (z,))}
    code = regions.region_de(territoire) if carte_departements.disponible() else regions.TOUTES
    if code in regions.regions():
        nom = regions.regions()[code]
        out["region"] = Etendue("region", regions.territoire(code), code, nom, f"Toute sa région ({nom})",
                                tuple(regions.departements(code)))
    return out
