"""Couverture de la base : les départements dont les communes sont dans l'observatoire, choisis à la construction
par ``OBSERVATOIRE_DEPARTEMENTS`` (``59`` par défaut ; une liste ``59,62`` ; ``tous`` pour toute la France, outre-mer
compris). Les référentiels du dépôt couvrent toute la France (``data/ref/``) ; on n'en garde que ces départements.

Les noms viennent du COG avec leur article (TNCC de l'Insee, colonne ``type_liaison``) : « le Nord », « hors du
Nord », « l'Ain », « hors de l'Ain »."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from observatoire.chemins import REF

VARIABLE = "OBSERVATOIRE_DEPARTEMENTS"
DEFAUT = "59"
NORD = "59"  # le département du panel de démonstration (calibré sur les publications de ses Maisons de l'emploi)
# TNCC de l'Insee -> (article, charnière) : 2 = « le Nord », « du Nord »
ARTICLES = {"0": ("", "de "), "1": ("", "d'"), "2": ("le ", "du "), "3": ("la ", "de la "), "4": ("les ", "des "),
            "5": ("l'", "de l'"), "6": ("aux ", "des "), "7": ("las ", "de las "), "8": ("los ", "de los ")}


class ErreurCouverture(ValueError):
    pass


@lru_cache
def departements_connus() -> pd.DataFrame:
    """Départements du COG 2026 (code, nom, région, type_liaison), indexés par code."""
    return pd.read_csv(REF / "departements.csv", dtype=str).set_index("departement")


def avec_article(nom: str, type_liaison: str) -> str:
    """« le Nord », « l'Ain », « les Bouches-du-Rhône »."""
    return ARTICLES.get(str(type_liaison), ("", ""))[0] + nom


def complement(nom: str, type_liaison: str) -> str:
    """« du Nord », « de l'Ain », « des Bouches-du-Rhône »."""
    return ARTICLES.get(str(type_liaison), ("", "de "))[1] + nom


@dataclass(frozen=True)
class Couverture:
    departements: tuple[str, ...]
    toute_la_france: bool = False

    def couvre(self, code_commune: str) -> bool:
        return self.toute_la_france or departement_de(code_commune) in self.departements

    @property
    def regions(self) -> tuple[str, ...]:
        """Régions des départements couverts (« 32 », « 84 »…) : l'enquête BMO compare un bassin à sa région."""
        return tuple(sorted(set(departements_connus().loc[list(self.departements), "region"])))

    @property
    def avec_nord(self) -> bool:
        """Le Nord est couvert : ses territoires nommés et son panel de démonstration sont dans la base."""
        return NORD in self.departements

    @property
    def nom(self) -> str:
        """« le Nord », « le Nord et le Pas-de-Calais », « la France entière », « 12 départements »."""
        if self.toute_la_france:
            return "la France entière"
        d = departements_connus()
        noms = [avec_article(d.at[c, "nom"], d.at[c, "type_liaison"]) for c in self.departements]
        return " et ".join(noms) if len(noms) <= 2 else f"{len(noms)} départements"

    @property
    def dans(self) -> str:
        """« dans le Nord », « dans les départements couverts »."""
        return "dans " + (self.nom if len(self.departements) <= 2 and not self.toute_la_france
                          else "les départements couverts")

    @property
    def hors(self) -> str:
        """« hors du Nord », « hors du Nord et du Pas-de-Calais », « hors des départements couverts »."""
        d = departements_connus()
        if len(self.departements) > 2 or self.toute_la_france:
            return "hors des départements couverts"
        return "hors " + " et ".join(complement(d.at[c, "nom"], d.at[c, "type_liaison"]) for c in self.departements)


def departement_de(code_commune: str) -> str:
    """Le département d'une commune par son code : 59512 -> 59, 2A004 -> 2A, 97105 -> 971."""
    return code_commune[:3] if code_commune.startswith("97") else code_commune[:2]


def lire(valeur: str | None) -> Couverture:
    """``59``, ``59,62``, ``tous`` ; un code inconnu est refusé par un message qui dit quoi écrire."""
    texte = (valeur or DEFAUT).strip()
    connus = departements_connus()
    if texte.lower() in ("tous", "toute la france", "france"):
        return Couverture(tuple(connus.index), toute_la_france=True)
    codes = [c.strip().upper() for c in texte.replace(";", ",").replace(" ", ",").split(",") if c.strip()]
    codes = [c.zfill(2) if c.isdigit() else c for c in codes]
    inconnus = [c for c in codes if c not in connus.index]
    if inconnus or not codes:
        raise ErreurCouverture(
            f"{VARIABLE} : département(s) inconnu(s) « {', '.join(inconnus) or texte} » (attendu : des codes du COG "
            "séparés par des virgules, comme « 59 », « 59,62 », « 2A », « 971 », ou « tous » pour toute la France).")
    return Couverture(tuple(sorted(set(codes), key=codes.index)))


def ou_quitter() -> Couverture:
    """La couverture de ce processus ; mal écrite, son message sur la sortie d'erreur et le code de sortie 2 (ligne
    de commande : jamais une trace Python)."""
    try:
        return courante()
    except ErreurCouverture as e:
        print(e, file=sys.stderr)
        raise SystemExit(2) from None


@lru_cache
def courante() -> Couverture:
    """La couverture de ce processus (lue une fois dans l'environnement)."""
    return lire(os.environ.get(VARIABLE))


# EPCI : type du COG -> (début du nom complet qui remplace l'abréviation, article de la désignation)
EPCI = {"CA": ("Communauté d'agglomération", "la "), "CC": ("Communauté de communes", "la "),
        "CU": ("Communauté urbaine", "la "), "METRO": ("", ""), "MET69": ("", "")}


def nom_epci(nom: str, type_epci: str) -> tuple[str, str]:
    """(« Communauté d'agglomération de Cambrai », « la communauté d'agglomération de Cambrai ») depuis
    « CA de Cambrai » ; une métropole garde son nom (« Métropole de Lyon », « la Métropole de Lyon »)."""
    long, article = EPCI.get(type_epci, ("", ""))
    abrege = type_epci if type_epci in ("CA", "CC", "CU") else ""
    if abrege and nom.startswith(abrege + " "):
        nom = long + nom[len(abrege):]
    if nom.startswith(("Métropole", "Eurométropole")):
        return nom, "la " + nom
    return nom, (article + nom[0].lower() + nom[1:]) if article else f"le territoire de {nom}"
