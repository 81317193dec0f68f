"""Référentiels : communes du COG, populations par millésime, territoires définis dans data/territoires.csv."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from observatoire.chemins import DATA, REF

REGLES = ("epci", "arrondissement", "departement")
DEPARTEMENTS = ("59",)  # départements couverts : lecteurs, actualisation, fichiers de zonage


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
    hors_nord: int = 0  # communes hors du Nord (zones d'emploi, bassins) : ses totaux restent « incomplets »

    @property
    def nb_communes(self) -> int:
        return len(self.membres) + self.hors_nord


@lru_cache
def communes() -> pd.DataFrame:
    return pd.read_csv(REF / "communes.csv", dtype=str)


@lru_cache
def populations() -> pd.DataFrame:
    return pd.read_csv(REF / "populations.csv", dtype={"code_commune": str})


@lru_cache
def populations_rp() -> pd.DataFrame:
    """Populations municipales des recensements (RP) 2013 à 2021, communes du COG 2026 (scripts/refresh_rp.py)."""
    return pd.read_csv(REF / "populations_rp.csv", dtype={"code_commune": str})


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
    inconnus = [c for c in codes if c not in set(com.code_commune)]
    if inconnus:
        raise ErreurReferentiel(f"{fichier}, ligne {ligne}, colonne « membres » : code(s) commune inconnu(s) "
                                f"{', '.join(inconnus)}.")
    return tuple(codes)


@lru_cache
def territoires() -> tuple[Territoire, ...]:
    """Territoires nommés (MDE, MEL, arrondissement, Nord, région et France pour comparer), zones d'emploi et
    bassins ; chaque commune est aussi un territoire."""
    com = communes()
    out = []
    with open(DATA / "territoires.csv", encoding="utf-8") as f:
        for n, row in enumerate(csv.DictReader(f, delimiter=";"), start=2):
            out.append(Territoire(row["territoire"], row["nom"], row["nom_court"], row["type"],
                                  _membres(row["membres"], n, com), row["source"], row["designation"]))
    zones = pd.read_csv(REF / "zonages_communes.csv", dtype=str).groupby("territoire").code_commune.apply(tuple)
    with open(REF / "zonages.csv", encoding="utf-8") as f:  # zones d'emploi et bassins (scripts/refresh_zonages.py)
        for row in csv.DictReader(f):
            out.append(Territoire(row["territoire"], row["nom"], row["nom_court"], row["type"],
                                  zones[row["territoire"]], row["source"], row["designation"],
                                  int(row["communes_hors_nord"])))
    ids = [t.territoire for t in out]
    if len(set(ids)) != len(ids):
        raise ErreurReferentiel("data/territoires.csv : identifiant de territoire en double.")
    return tuple(out)


# Territoires à façon connus de ce processus (observatoire.modele.facon : composés dans une session ou enregistrés) ; un
# identifiant « facon-<empreinte> » désigne toujours le même territoire, le partager entre sessions est sans risque.
_A_FACON: dict[str, Territoire] = {}


def connaitre(t: Territoire) -> None:
    """Rend un territoire à façon résoluble par ``territoire`` (cartes, commentaire, portrait)."""
    if len(_A_FACON) > 10_000:  # borne : une session n'en compose que quelques-uns
        _A_FACON.clear()
    _A_FACON[t.territoire] = t


def territoire(ident: str) -> Territoire:
    """Un territoire nommé, un territoire à façon connu, ou une commune désignée par son code INSEE."""
    if ident in _A_FACON:
        return _A_FACON[ident]
    for t in territoires():
        if t.territoire == ident:
            return t
    com = communes().set_index("code_commune")
    if ident in com.index:
        nom = com.at[ident, "nom"]
        return Territoire(ident, nom, nom, "commune", (ident,), "COG 2026", f"la commune de {nom}")
    raise ErreurReferentiel(f"Territoire inconnu : « {ident} ».")
