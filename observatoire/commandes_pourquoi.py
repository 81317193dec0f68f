"""Les commandes « pourquoi » de ``python -m observatoire`` : ``expliquer`` (pourquoi un indicateur a bougé) et
``comparables`` (à qui ressemble un territoire) ; les calculs sont dans ``observatoire.sorties.explications``."""
from __future__ import annotations

import pandas as pd

from observatoire import referentiel
from observatoire.commandes import calculer


def _json(donnees) -> None:
    import json
    print(json.dumps(donnees, ensure_ascii=False, indent=1, default=lambda x: None if pd.isna(x) else x))


def _propres(df: pd.DataFrame) -> list[dict]:
    """Les lignes d'un tableau en dictionnaires JSON : NaN -> null, entiers numpy -> int."""
    return [{k: (None if pd.isna(v) else v.item() if hasattr(v, "item") else v) for k, v in ligne.items()}
            for ligne in df.to_dict("records")]


def expliquer(a) -> int:
    """Pourquoi un indicateur a bougé entre deux dates : l'emploi salarié privé décomposé en tendance de la
    référence, structure sectorielle et effet local ; les demandeurs d'emploi par contributions des groupes."""
    from observatoire import formats
    from observatoire.sorties import explications

    def calcul(con):
        if a.indicateur.startswith("emploi_prive"):
            return explications.decomposition(con, a.territoire, a.de, a.a, a.reference)
        if a.indicateur.startswith("demandeurs"):
            return explications.contributions(con, a.territoire, a.de, a.a)
        raise ValueError(f"« {a.indicateur} » ne s'explique pas : emploi_prive (décomposition) ou demandeurs_abc "
                         "(contributions).")

    r, code = calculer(calcul)
    if code:
        return code
    if isinstance(r, explications.Decomposition):
        if a.format == "json":
            _json({"territoire": referentiel.ident(r.territoire), "reference": r.reference, "de": a.de, "a": a.a,
                   "variation": r.total.variation, **{k: float(r.total[k]) if pd.notna(r.total[k]) else None
                                                      for k in explications.EFFETS},
                   "effets_arrondis": r.arrondis() if r.calculable else None,
                   "demonstration": bool(r.total.demonstration), "phrase": r.phrase(),
                   "secteurs": _propres(r.secteurs.drop(columns=["ordre", "est_total"]))})
        else:
            print(r.phrase())
            for ligne in r.secteurs.itertuples():
                variation, tendance, structure, local = (formats.nombre(x, 0, signe=True) for x in (
                    ligne.variation, ligne.effet_tendance, ligne.effet_structure, ligne.effet_local))
                print(f"  {ligne.secteur:<26} {variation:>9}  tendance {tendance:>8}  structure {structure:>8}"
                      f"  local {local:>8}")
        return 0
    phrase = explications.phrase_contributions(r, a.territoire, a.de, a.a)
    if a.format == "json":
        _json({"territoire": a.territoire, "de": a.de, "a": a.a,
               "variation_pct": None if r.empty else r.evolution_totale_pct.iloc[0], "phrase": phrase,
               "contributions": _propres(r)})
    else:
        print(phrase)
        for ligne in r.itertuples():
            print(f"  {ligne.libelle:<40} {formats.nombre(ligne.contribution_points, 1, signe=True):>7} point(s)")
    return 0


def comparables(a) -> int:
    """Les territoires du même niveau qui ressemblent le plus à celui-ci, et par quoi."""
    from observatoire import formats
    from observatoire.sorties import explications

    def calcul(con):
        from observatoire.modele import base
        date = a.date or str(base.requete(con, "dates_disponibles", indicateur="demandeurs_abc").date.max().date())
        return date, explications.comparables(con, a.territoire, date, a.nombre)

    r, code = calculer(calcul)
    if code:
        return code
    date, df = r
    phrase = explications.phrase_comparables(df, a.territoire)
    if a.format == "json":
        _json({"territoire": a.territoire, "date": date, "phrase": phrase, "comparables": _propres(df)})
    else:
        print(phrase)
        for ligne in df.itertuples():
            print(f"  {ligne.rang}. {ligne.nom} (distance {formats.nombre(ligne.distance, 2)}) : proche par "
                  f"{ligne.proches_par}")
    return 0
