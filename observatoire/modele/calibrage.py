"""Cibles de calibrage : les chiffres publiés (data/publications.csv) traduits en niveaux à atteindre.

Une publication donne un niveau (« 8 793 »), une évolution absolue (« −851 ») ou en pourcentage
(« +0,5 % »), éventuellement arrondis (« 126 000 »). Ce module en déduit, pour chaque
(territoire, indicateur, date), un niveau entier et la tolérance qui respecte l'arrondi publié ;
quand un total et ses composantes sont publiés à la même date (emploi par secteur), il répartit
l'écart d'arrondi pour que la somme des composantes tombe dans l'arrondi du total.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from observatoire import identites
from observatoire.chemins import DATA

# indicateur total -> composantes dont il est la somme, là où un total et ses parts sont publiés ensemble
# (data/identites.csv, colonne « calibree »)
COMPOSANTES = {i.total: list(i.composantes) for i in identites.egalites() if i.calibree}


@dataclass
class Cible:
    valeur: float
    tolerance: float
    reference: str  # identifiant de la publication d'où vient le niveau


def publications() -> pd.DataFrame:
    pub = pd.read_csv(DATA / "publications.csv", sep=";", dtype={"territoire": str})
    pub["date"] = pd.to_datetime(pub.date).dt.date
    pub["date_reference"] = pd.to_datetime(pub.date_reference).dt.date
    return pub


def repartir(poids, total: int):
    """Arrondit des poids positifs en entiers de somme exacte ``total`` (méthode du plus fort reste)."""
    import numpy as np

    poids = np.asarray(poids, dtype=float)
    if total == 0 or poids.sum() == 0:
        return np.zeros(len(poids), dtype=np.int64)
    x = poids * total / poids.sum()
    base = np.floor(x).astype(np.int64)
    reste = int(total - base.sum())
    base[np.argsort(-(x - base), kind="stable")[:reste]] += 1
    return base


def _reconcilier(cibles: dict, terr: str, d: date) -> None:
    """Ajuste les composantes d'un total publié à la même date : leur somme (entière) tombe dans
    l'arrondi du total, chaque composante restant dans son propre arrondi."""
    for total, parts in COMPOSANTES.items():
        cle_t = (terr, total, d)
        if cle_t not in cibles or not all((terr, p, d) in cibles for p in parts):
            continue
        t = cibles[cle_t]
        cs = [cibles[(terr, p, d)] for p in parts]
        somme, marge = sum(c.valeur for c in cs), sum(c.tolerance for c in cs)
        # viser le total publié, sans consommer plus de 90 % des marges des composantes
        visee = min(max(t.valeur, somme - 0.9 * marge), somme + 0.9 * marge)
        if abs(visee - t.valeur) > t.tolerance:
            raise ValueError(f"{terr} {d} : {total} publié incompatible avec la somme de ses composantes")
        ecart = visee - somme
        valeurs = [c.valeur + ecart * c.tolerance / marge for c in cs]
        entiers = repartir(valeurs, round(visee))
        for c, v in zip(cs, entiers):
            c.tolerance -= abs(v - c.valeur)
            c.valeur = float(v)
        cibles[cle_t] = Cible(float(entiers.sum()), 0.0, t.reference)


def _deduire(cibles: dict, r, connu: tuple, inconnu: tuple, vers_debut: bool) -> None:
    c = cibles[connu]
    if r.mesure == "evolution_abs":
        v = c.valeur - r.valeur if vers_debut else c.valeur + r.valeur
        cibles[inconnu] = Cible(v, c.tolerance + max(r.precision / 2 - 0.5, 0.0), r.publication)
        return
    # tolérance prise sur 0,1 point au plus (un « -0 % » publié à l'unité reste à 0 exactement)
    k, prec = 1 + r.valeur / 100, (min(r.precision, 0.1) if r.precision < 1 else 0.0)
    v = c.valeur / k if vers_debut else c.valeur * k
    cibles[inconnu] = Cible(v, 0.8 * v * prec / 200, r.publication)


def niveaux(pub: pd.DataFrame | None = None) -> dict[tuple[str, str, date], Cible]:
    """Niveaux entiers cibles, par (territoire, indicateur, date), déduits des publications vérifiables
    (hors errata et chiffres de référentiel)."""
    pub = publications() if pub is None else pub
    pub = pub[pub.verification == "exact"]
    cibles: dict[tuple[str, str, date], Cible] = {}
    for r in pub[pub.mesure == "niveau"].itertuples():
        cibles[(r.territoire, r.indicateur, r.date)] = Cible(float(r.valeur), max(r.precision / 2 - 0.5, 0.0),
                                                             r.publication)
    for terr, d in sorted({(k[0], k[2]) for k in cibles}):
        _reconcilier(cibles, terr, d)
    evol = pub[pub.mesure.isin(["evolution_abs", "evolution_pct"])]
    # évolution absolue et en % publiées ensemble sans niveau : elles fixent les deux niveaux
    paires = evol.pivot_table(index=["territoire", "indicateur", "date", "date_reference"], columns="mesure",
                              values="valeur", aggfunc="first").dropna()
    for (terr, ind, d, dref), row in paires.iterrows():
        if (terr, ind, d) not in cibles and (terr, ind, dref) not in cibles:
            depart = row.evolution_abs / (row.evolution_pct / 100)
            ident = evol[(evol.territoire == terr) & (evol.indicateur == ind) & (evol.date == d)].publication.iloc[0]
            cibles[(terr, ind, dref)] = Cible(round(depart), 0.0, ident)
    for r in evol.sort_values("mesure").itertuples():  # absolues d'abord
        fin, debut = (r.territoire, r.indicateur, r.date), (r.territoire, r.indicateur, r.date_reference)
        if fin in cibles and debut not in cibles:
            _deduire(cibles, r, fin, debut, vers_debut=True)
        elif debut in cibles and fin not in cibles:
            _deduire(cibles, r, debut, fin, vers_debut=False)
    for terr, d in sorted({(k[0], k[2]) for k in cibles}):
        _reconcilier(cibles, terr, d)
    for c in cibles.values():
        c.valeur = float(round(c.valeur))
    return cibles


def evolutions_sans_niveau(connus: dict, pub: pd.DataFrame | None = None) -> list:
    """Évolutions en % publiées sans aucun niveau aux deux dates (ex. femmes de l'arrondissement), ``connus``
    étant les niveaux déjà déduits (``niveaux()``) : le générateur fixe le niveau de départ sur le panel,
    puis le niveau d'arrivée en conséquence."""
    pub = publications() if pub is None else pub
    evol = pub[(pub.mesure == "evolution_pct") & (pub.verification == "exact")]
    return [r for r in evol.itertuples()
            if (r.territoire, r.indicateur, r.date) not in connus
            and (r.territoire, r.indicateur, r.date_reference) not in connus]
