"""Panel de démonstration à l'échelle d'un territoire sans communes dans la base : l'emploi salarié privé de la
région Hauts-de-France, par secteur, calibré sur les évolutions que le rapport 003 publie (tableau « Effectifs
salariés privés par grand secteur », Stat'Ur N°28) pour que ``verifier`` les reproduise.

Modèle : chaque secteur suit la série du Nord (somme des communes du panel) multipliée par un facteur lissé
dans le temps (log-linéaire entre les dates publiées, constant au-delà). Les niveaux au 31/12/2021 sont
2,2 fois ceux du Nord (ordre de grandeur réel : 1,6 million de salariés privés dans la région contre
0,74 million dans le Nord), répartis entre secteurs au plus près de la structure du Nord sous la contrainte
que le total reproduise les évolutions publiées du total (projection aux moindres carrés). Les valeurs sont de
démonstration : seules les évolutions publiées sont réelles."""
from __future__ import annotations

import numpy as np
import pandas as pd

from observatoire.modele import calibrage

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


def faits(panel) -> pd.DataFrame:
    """Faits de démonstration de la région (``panel`` : le panel communal déjà généré ; None, Nord non couvert :
    aucun fait)."""
    fin, evol = _evolutions(calibrage.publications()) if panel is not None else (None, None)
    if not evol:
        return pd.DataFrame(columns=["indicateur", "territoire", "date", "valeur", "statut", "source",
                                     "provenance", "reference"])
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
