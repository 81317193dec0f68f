"""Référentiels : communes du COG, populations par millésime, territoires définis dans data/territoires.csv."""
from __future__ import annotations

import csv
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping, Union

import pandas as pd

from observatoire import couverture
from observatoire.chemins import DATA, REF

REGLES = ("epci", "arrondissement", "departement")


class ErreurReferentiel(ValueError):
    pass


@dataclass(frozen=True)
class Territoire:
    territoire: str
    nom: str
    nom_court: str
    type: str
    membres: tuple[str, ...]
    source: str
    designation: str  # dans une phrase : « le territoire de la MiE du Roubaisis », « la commune de Roubaix »
    hors_couverture: int = 0  # communes hors des départements couverts : ses totaux restent « incomplets »

    @property
    def nb_communes(self) -> int:
        return len(self.membres) + self.hors_couverture


@lru_cache
def communes_france() -> pd.DataFrame:
    """Les 34 969 communes du COG 2026 (département, région, arrondissement, EPCI et son type)."""
    return pd.read_csv(REF / "communes.csv.gz", dtype=str)


@lru_cache
def communes() -> pd.DataFrame:
    """Les communes des départements couverts (``couverture.courante()``)."""
    com = communes_france()
    c = couverture.courante()
    if not c.toute_la_france:
        com = com[com.departement.isin(c.departements)]
    return com[["code_commune", "nom", "arrondissement", "nom_arrondissement", "epci", "nom_epci", "departement",
                "region", "type_epci"]].reset_index(drop=True)


def _couvertes(df: pd.DataFrame) -> pd.DataFrame:
    return df[df.code_commune.isin(communes().code_commune)].reset_index(drop=True)


@lru_cache
def populations() -> pd.DataFrame:
    """Populations légales en vigueur par millésime du COG (paquets npm), communes couvertes."""
    return _couvertes(pd.read_csv(REF / "populations.csv.gz", dtype={"code_commune": str}))


@lru_cache
def populations_rp() -> pd.DataFrame:
    """Populations municipales des recensements (RP) 2013 à 2021, communes du COG 2026 (scripts/refresh_rp.py)."""
    return _couvertes(pd.read_csv(REF / "populations_rp.csv.gz", dtype={"code_commune": str}))


@lru_cache
def passage_cog() -> dict[str, str]:
    df = pd.read_csv(REF / "passage_cog.csv", dtype=str)
    return dict(zip(df.ancien_code, df.code_commune))


def _membres(regle: str, ligne: int, com: pd.DataFrame) -> tuple[str, ...]:
    fichier = "data/territoires.csv"
    if regle.strip() == "aucune":  # région, France : chiffres publiés à leur échelle, jamais une somme de communes
        return ()
    if "=" in regle:
        cle, valeur = (s.strip() for s in regle.split("=", 1))
        if cle not in REGLES:
            raise ErreurReferentiel(f"{fichier}, ligne {ligne}, colonne « membres » : règle « {cle} » inconnue "
                                    f"(attendu : {', '.join(REGLES)}).")
        col = {"epci": "epci", "arrondissement": "arrondissement", "departement": None}[cle]
        codes = com.code_commune if col is None else com.code_commune[com[col] == valeur]
        if cle == "departement":
            codes = codes[codes.str.startswith(valeur)]
        if codes.empty:
            raise ErreurReferentiel(f"{fichier}, ligne {ligne}, colonne « membres » : « {regle} » ne désigne "
                                    "aucune commune du référentiel.")
        return tuple(sorted(codes))
    codes = regle.split()
    connus = set(com.code_commune)  # une fois : 35 000 codes
    inconnus = [c for c in codes if c not in connus]
    if inconnus:
        raise ErreurReferentiel(f"{fichier}, ligne {ligne}, colonne « membres » : code(s) commune inconnu(s) "
                                f"{', '.join(inconnus)}.")
    return tuple(codes)


# Identifiants générés déjà portés par un territoire de data/territoires.csv : ils le désignent (epci-200093201 = mel)
ALIAS = {"dep-59": "nord", "epci-200093201": "mel", "arr-595": "arr-lille", "reg-32": "hdf"}


def _avec_hors(ident, nom, nom_court, type_, membres, source, designation) -> Territoire | None:
    """Un territoire réduit à ses communes couvertes (None s'il n'en a aucune), les autres comptées."""
    dedans = tuple(c for c in membres if c in _codes_couverts())
    if not dedans:
        return None
    return Territoire(ident, nom, nom_court, type_, dedans, source, designation, len(membres) - len(dedans))


@lru_cache
def _codes_couverts() -> frozenset[str]:
    return frozenset(communes().code_commune)


def _generes(pris: set[str]) -> list[Territoire]:
    """Départements, arrondissements, EPCI et régions de la couverture (COG 2026), sauf ceux que data/territoires.csv
    nomme déjà (ALIAS) ; une entité à cheval sur la limite de la couverture garde ses communes couvertes et compte
    les autres."""
    france = communes_france()
    deps = couverture.departements_connus()
    arrs = pd.read_csv(REF / "arrondissements.csv", dtype=str).set_index("arrondissement")
    out: list[Territoire | None] = []
    for code, g in france[france.departement.isin(communes().departement.unique())].groupby("departement"):
        nom, liaison = deps.at[code, "nom"], deps.at[code, "type_liaison"]
        out.append(_avec_hors(f"dep-{code}", f"Département {couverture.complement(nom, liaison)}", nom,
                              "departement", g.code_commune, f"COG 2026, département {code} ({len(g)} communes).",
                              f"le département {couverture.complement(nom, liaison)}"))
    for code, g in france[france.arrondissement.isin(communes().arrondissement.dropna().unique())].groupby(
            "arrondissement"):
        nom, liaison = arrs.at[code, "nom"], arrs.at[code, "type_liaison"]
        arrondissement = f"Arrondissement {couverture.complement(nom, liaison)}"  # nom long et court : jamais « Arr. »
        out.append(_avec_hors(f"arr-{code}", arrondissement, arrondissement, "arrondissement", g.code_commune,
                              f"COG 2026, arrondissement {code}.",
                              f"l'arrondissement {couverture.complement(nom, liaison)}"))
    for code, g in france[france.epci.isin(communes().epci.dropna().unique())].groupby("epci"):
        nom, designation = couverture.nom_epci(g.nom_epci.iloc[0], g.type_epci.iloc[0])
        out.append(_avec_hors(f"epci-{code}", nom, g.nom_epci.iloc[0], "epci", g.code_commune,
                              f"COG 2026, EPCI {code} ({len(g)} communes).", designation))
    regions = pd.read_csv(REF / "regions.csv", dtype=str).set_index("region")
    for code in sorted(communes().region.unique()):  # niveau de comparaison : chiffres publiés à son échelle
        nom = regions.at[code, "nom"]
        out.append(Territoire(f"reg-{code}", f"Région {nom}", nom, "region", (), f"COG 2026, région {code} : "
                              "chiffres publiés à l'échelle régionale, jamais une somme de communes.",
                              f"la région {nom}"))
    return [t for t in out if t is not None and t.territoire not in pris and ALIAS.get(t.territoire) not in pris]


def _comparaison(row: dict) -> bool:
    """Région et France : niveaux de comparaison ; la région Hauts-de-France de data/territoires.csv porte des
    chiffres publiés pour le Nord, gardée quand le Nord est couvert."""
    return row["territoire"] != "hdf" or couverture.courante().avec_nord


@lru_cache
def territoires() -> tuple[Territoire, ...]:
    """Territoires nommés (MDE, MEL, arrondissement, Nord, région et France pour comparer), zones d'emploi,
    bassins, départements, arrondissements et EPCI de la couverture ; chaque commune est aussi un territoire.
    Un territoire nommé sans commune couverte n'existe pas dans cette base."""
    france = communes_france()
    out = []
    with open(DATA / "territoires.csv", encoding="utf-8") as f:
        for n, row in enumerate(csv.DictReader(f, delimiter=";"), start=2):
            membres = _membres(row["membres"], n, france)
            textes = (row["territoire"], row["nom"], row["nom_court"], row["type"], membres, row["source"],
                      row["designation"])
            if not membres and _comparaison(row):
                out.append(Territoire(*textes))
            elif membres and (t := _avec_hors(*textes)):
                out.append(t)
    zones = pd.read_csv(REF / "zonages_communes.csv.gz", dtype=str)
    zones = zones[zones.territoire.isin(zones.territoire[zones.code_commune.isin(_codes_couverts())])]
    zones = zones.groupby("territoire").code_commune.apply(tuple)  # les zones qui touchent la couverture
    with open(REF / "zonages.csv", encoding="utf-8") as f:  # zones d'emploi et bassins (scripts/refresh_zonages.py)
        for row in (r for r in csv.DictReader(f) if r["territoire"] in zones.index):
            t = _avec_hors(row["territoire"], row["nom"], row["nom_court"], row["type"], zones[row["territoire"]],
                           row["source"], row["designation"])
            out += [t] if t else []
    out += _generes({t.territoire for t in out})
    ids = [t.territoire for t in out]
    if len(set(ids)) != len(ids):
        raise ErreurReferentiel("data/territoires.csv : identifiant de territoire en double.")
    return tuple(out)


# Territoires à façon que voit l'exécution en cours (page, commande), posés par ``connaitre`` depuis la session ou la
# base : une variable de contexte, pas un dictionnaire du processus ; chaque fil d'exécution (session) a les siens.
_VUS: ContextVar[Mapping[str, Territoire]] = ContextVar("territoires_a_facon", default=MappingProxyType({}))

Designe = Union[str, Territoire]  # un identifiant à résoudre, ou le territoire déjà résolu (porté tel quel)


def connaitre(*ts: Territoire) -> None:
    """Rend des territoires à façon résolubles par leur identifiant dans l'exécution en cours."""
    if any(t.territoire not in _VUS.get() for t in ts):
        _VUS.set(MappingProxyType({**_VUS.get(), **{t.territoire: t for t in ts}}))


@lru_cache
def _index() -> Mapping[str, Territoire]:
    """Territoires nommés, générés et communes couvertes par identifiant : une recherche, pas un parcours."""
    com = communes()
    index = {c: Territoire(c, nom, nom, "commune", (c,), "COG 2026", f"la commune de {nom}")
             for c, nom in zip(com.code_commune, com.nom)}
    return MappingProxyType(index | {t.territoire: t for t in territoires()})


def resoudre(ident: str) -> Territoire:
    """Le territoire d'un identifiant : nommé, à façon connu de cette exécution, ou une commune (code INSEE) ;
    ``epci-200093201`` désigne la MEL (ALIAS)."""
    ident = ALIAS.get(ident, ident)
    t = _VUS.get().get(ident) or _index().get(ident)
    if t is None:
        raise ErreurReferentiel(f"Territoire inconnu : « {ident} ».")
    return t


def territoire(t: Designe) -> Territoire:
    """Le territoire désigné : résolu une fois à l'entrée (``resoudre``), puis porté tel quel."""
    return t if isinstance(t, Territoire) else resoudre(t)


def ident(t: Designe) -> str:
    """L'identifiant d'un territoire, pour une requête ou une adresse."""
    return t.territoire if isinstance(t, Territoire) else ALIAS.get(t, t)


def existe(ident_: str) -> bool:
    """Un territoire nommé de cette base (les Maisons de l'emploi du Nord n'existent pas dans une base du Rhône)."""
    t = _index().get(ALIAS.get(ident_, ident_))
    return t is not None and t.type != "commune"


ENGLOBANTS_NORD = ("mel", "arr-lille", "nord")  # dans le Nord : les échelons de comparaison de toujours


def englobants(designe: Designe) -> tuple[str, ...]:
    """Territoires qui contiennent celui-ci, du plus petit au plus grand, pour le comparer (portrait,
    commentaire, zone de la carte) : dans le Nord, la MEL, l'arrondissement de Lille et le Nord ; ailleurs
    son EPCI, son arrondissement et son département (ceux qui contiennent toutes ses communes)."""
    return _englobants(territoire(designe).membres)


@lru_cache(maxsize=256)
def _englobants(membres_: tuple[str, ...]) -> tuple[str, ...]:
    membres = set(membres_)
    if couverture.courante().avec_nord and membres <= set(territoire("nord").membres):
        return ENGLOBANTS_NORD
    com = communes().set_index("code_commune").loc[sorted(membres)]
    connus = _index()
    out = []
    for colonne, prefixe in (("epci", "epci-"), ("arrondissement", "arr-"), ("departement", "dep-")):
        if len(com) and com[colonne].notna().all() and com[colonne].nunique() == 1:
            t = ALIAS.get(prefixe + com[colonne].iloc[0], prefixe + com[colonne].iloc[0])
            out += [t] if t in connus else []
    return tuple(out)


def echelons_publies(designe: Designe) -> tuple[str, ...]:
    """Le département, la région et la France qui contiennent le territoire (ceux de la base), du plus petit au plus
    grand : les échelons où la DARES publie les catégories F et G."""
    return _echelons(territoire(designe).membres)


@lru_cache(maxsize=256)
def _echelons(membres: tuple[str, ...]) -> tuple[str, ...]:
    com = communes().set_index("code_commune").loc[sorted(membres)]
    connus = _index()
    out = [ALIAS.get(p + com[c].iloc[0], p + com[c].iloc[0]) for c, p in (("departement", "dep-"), ("region", "reg-"))
           if len(com) and com[c].nunique() == 1]
    return tuple(t for t in [*out, "france"] if t in connus)


@lru_cache
def metropoles() -> tuple[str, ...]:
    """Les métropoles couvertes (EPCI de type métropole au COG : METRO, et MET69, la Métropole de Lyon), la plus
    peuplée d'abord (population légale du COG 2026) ; la MEL sous son identifiant « mel »."""
    com = communes()
    pop = populations().query("millesime_cog == 2026").set_index("code_commune").population
    metro = com[com.type_epci.isin(["METRO", "MET69"])].assign(population=lambda d: d.code_commune.map(pop))
    ordre = metro.groupby("epci").population.sum().sort_values(ascending=False, kind="stable").index
    return tuple(t for t in (ALIAS.get(f"epci-{e}", f"epci-{e}") for e in ordre) if existe(t))


@lru_cache
def par_defaut() -> str:
    """Le territoire d'arrivée : la MEL quand le Nord est couvert ; sinon la plus peuplée des métropoles
    couvertes, ou le premier département."""
    if couverture.courante().avec_nord:
        return "mel"
    return (metropoles() or ("dep-" + couverture.courante().departements[0],))[0]
