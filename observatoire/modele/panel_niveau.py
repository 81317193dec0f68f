"""Panel de démonstration à l'échelle d'un territoire sans communes dans la base (la région Hauts-de-France, la
France), pour que ``verifier`` reproduise ce qui y est publié.

**Emploi salarié privé de la région**, par secteur, calibré sur les évolutions que le rapport 003 publie (tableau
« Effectifs salariés privés par grand secteur », Stat'Ur N°28).

Modèle : chaque secteur suit la série du Nord (somme des communes du panel) multipliée par un facteur lissé
dans le temps (log-linéaire entre les dates publiées, constant au-delà). Les niveaux au 31/12/2021 sont
2,2 fois ceux du Nord (ordre de grandeur réel : 1,6 million de salariés privés dans la région contre
0,74 million dans le Nord), répartis entre secteurs au plus près de la structure du Nord sous la contrainte
que le total reproduise les évolutions publiées du total (projection aux moindres carrés). Les valeurs sont de
démonstration : seules les évolutions publiées sont réelles.

**Demandeurs d'emploi de la région et de la France** (catégories A, B, C, ABC ; F et G, créées le 1er janvier 2025,
pour la région) : la série du Nord (somme des communes du panel, qui passe la rupture de 2025) multipliée par un
facteur log-linéaire entre les niveaux publiés (DARES, 1er trimestre 2025 pour la France ; DREETS, 3e trimestre 2025
pour la région), constant au-delà ; B et C se partagent A, B, C moins A comme dans le Nord (A + B + C = ABC). F et G
n'existent qu'à partir du 31/03/2025, montent en trois trimestres jusqu'au niveau publié, puis suivent ABC. Les
niveaux publiés sont corrigés des variations saisonnières (CVS-CJO) : la série de démonstration les reprend tels
quels, ce que la citation de chaque chiffre (data/publications.csv) rappelle."""
from __future__ import annotations

import numpy as np
import pandas as pd

from observatoire.modele import calibrage
from observatoire.modele.panel import BASCULE

REGION = "hdf"
RAPPORT_AU_NORD = 2.2
TOTAL = "emploi_prive"
SECTEURS = calibrage.COMPOSANTES[TOTAL]


def _evolutions(pub: pd.DataFrame) -> tuple[object, dict[tuple[str, object], float]]:
    """Date publiée et évolutions exactes (indicateur, date de départ) -> taux (0,033 pour +3,3 %)."""
    pub = pub[(pub.territoire == REGION) & (pub.verification == "exact") & (pub.mesure == "evolution_pct")]
    fin = pub.date.max()
    return fin, {(r.indicateur, r.date_reference): r.valeur / 100 for r in pub[pub.date == fin].itertuples()}


def _parts(nord_fin: np.ndarray, evol: dict) -> np.ndarray:
    """Parts des secteurs au plus près de celles du Nord, sous les contraintes des évolutions du total."""
    w0 = nord_fin / nord_fin.sum()
    departs = sorted(d for (ind, d) in evol if ind == TOTAL)
    a = np.array([[1 / (1 + evol[(s, d)]) for s in SECTEURS] for d in departs] + [[1.0] * len(SECTEURS)])
    b = np.array([1 / (1 + evol[(TOTAL, d)]) for d in departs] + [1.0])
    w = w0 + a.T @ np.linalg.solve(a @ a.T, b - a @ w0)
    if (w <= 0).any():
        raise ValueError("Hauts-de-France : évolutions publiées incompatibles avec des parts de secteurs positives")
    return w


COLONNES = ["indicateur", "territoire", "date", "valeur", "statut", "source", "provenance", "reference"]
A_L_ECHELLE = ("hdf", "france")
DEMANDEURS = ("demandeurs_abc", "demandeurs_a")  # calibrés ; B et C s'en déduisent
CREEES_EN_2025 = ("demandeurs_f", "demandeurs_g")
MONTEE = (0.55, 0.8)  # F et G aux deux premiers trimestres de 2025, en part du niveau du troisième


def faits(panel) -> pd.DataFrame:
    """Faits de démonstration de la région et de la France (``panel`` : le panel communal déjà généré ; None, Nord
    non couvert : aucun fait)."""
    if panel is None:
        return pd.DataFrame(columns=COLONNES)
    return pd.concat([_emploi(panel), _demandeurs(panel)], ignore_index=True)


def _facteur(serie_nord: np.ndarray, cibles: dict[int, float], temps: np.ndarray) -> np.ndarray:
    """Facteur qui mène la série du Nord aux niveaux publiés (log-linéaire entre eux, constant au-delà)."""
    js = sorted(cibles)
    return np.exp(np.interp(temps, js, [np.log(cibles[j] / serie_nord[j]) for j in js]))


def _demandeurs(panel) -> pd.DataFrame:
    """Demandeurs d'emploi de la région et de la France, calibrés sur les niveaux publiés (rien sans eux)."""
    cibles = calibrage.niveaux()
    temps = np.arange(len(panel.dates))
    nord = {ind: panel.v[ind].sum(axis=0).astype(float) for ind in ("demandeurs_abc", "demandeurs_a",
                                                                    "demandeurs_b")}
    debut = panel.t[BASCULE]  # F et G : à partir du premier trimestre de 2025, en montée sur trois trimestres
    montee = np.ones(len(panel.dates))
    montee[debut:debut + len(MONTEE)] = MONTEE
    lignes, references = [], {}
    for terr in A_L_ECHELLE:
        a_caler = {(ind, panel.t[d]): c for (t, ind, d), c in cibles.items() if t == terr and d in panel.t}
        references |= {(ind, terr, panel.dates[j]): c.reference for (ind, j), c in a_caler.items()}
        facteurs = {ind: _facteur(nord[ind], {j: c.valeur for (i, j), c in a_caler.items() if i == ind}, temps)
                    for ind in DEMANDEURS if any(i == ind for i, _ in a_caler)}
        if not facteurs:
            continue
        commun = next(iter(facteurs.values()))  # un indicateur sans niveau publié suit l'autre
        x = {ind: np.rint(nord[ind] * facteurs.get(ind, commun)) for ind in DEMANDEURS}
        x["demandeurs_b"] = np.rint((x["demandeurs_abc"] - x["demandeurs_a"]) * nord["demandeurs_b"]
                                    / (nord["demandeurs_abc"] - nord["demandeurs_a"]))
        x["demandeurs_c"] = x["demandeurs_abc"] - x["demandeurs_a"] - x["demandeurs_b"]
        series = {ind: (v, range(len(panel.dates))) for ind, v in x.items()}
        for ind in CREEES_EN_2025:
            publies = {j: c.valeur for (i, j), c in a_caler.items() if i == ind}
            if not publies:
                continue
            forme = x["demandeurs_abc"] * montee
            j = max(publies)
            series[ind] = (np.rint(forme * publies[j] / forme[j]), range(debut, len(panel.dates)))
        lignes += [(ind, terr, panel.dates[j], float(v[j])) for ind, (v, js) in series.items() for j in js]
    f = pd.DataFrame(lignes, columns=COLONNES[:4])
    f["statut"], f["source"], f["provenance"] = "ok", "panel-demo", "demonstration"
    # les niveaux publiés, repris tels quels : des chiffres réels (provenance « publication »), comme dans les communes
    f["reference"] = [references.get(k) for k in zip(f.indicateur, f.territoire, f.date)]
    publie = f.reference.notna()
    f.loc[publie, "provenance"] = f.loc[publie, "source"] = "publication"
    return f


def _emploi(panel) -> pd.DataFrame:
    """Emploi salarié privé de la région, par secteur, calibré sur les évolutions publiées."""
    fin, evol = _evolutions(calibrage.publications())
    if not evol:
        return pd.DataFrame(columns=COLONNES)
    jf = panel.t[fin]
    nord = {s: panel.v[s].sum(axis=0).astype(float) for s in SECTEURS}
    w = _parts(np.array([nord[s][jf] for s in SECTEURS]), evol)
    total_fin = RAPPORT_AU_NORD * sum(nord[s][jf] for s in SECTEURS)
    temps = np.arange(len(panel.dates))
    series = {}
    for s, part in zip(SECTEURS, w):
        niveau_fin = total_fin * part
        cibles = {jf: niveau_fin} | {panel.t[d]: niveau_fin / (1 + e) for (ind, d), e in evol.items() if ind == s}
        js = sorted(cibles)
        facteurs = np.log([cibles[j] / (RAPPORT_AU_NORD * nord[s][j]) for j in js])
        series[s] = np.rint(RAPPORT_AU_NORD * nord[s] * np.exp(np.interp(temps, js, facteurs)))
    series[TOTAL] = sum(series[s] for s in SECTEURS)
    lignes = [(ind, REGION, d, float(x[j])) for ind, x in series.items() for j, d in enumerate(panel.dates)]
    f = pd.DataFrame(lignes, columns=["indicateur", "territoire", "date", "valeur"])
    f["statut"], f["source"], f["provenance"], f["reference"] = "ok", "panel-demo", "demonstration", None
    return f
