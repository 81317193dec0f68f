"""Pourquoi un chiffre bouge, et à qui le comparer : les calculs sont dans ``queries/`` (décomposition de l'emploi,
contributions à la demande d'emploi, territoires comparables) ; ce module les appelle avec les bons paramètres et
les dit en une phrase française, pour la page Emploi, Évolutions, Comparer, le portrait et les commandes
``expliquer`` et ``comparables``.

- **Analyse structurelle-résiduelle** (« shift-share ») de l'emploi salarié privé : la variation d'un territoire
  entre deux dates = tendance de la référence (son département par défaut) + effet de structure sectorielle + effet
  local, exactement (``queries/decomposition_emploi.sql``).
- **Contributions** des catégories, sexes, âges et anciennetés à l'évolution des demandeurs A, B, C, en points : dans
  chaque ventilation (une partition exacte de A, B, C, ``data/identites.csv``), elles s'additionnent à l'évolution.
- **Territoires comparables** : les plus proches du même niveau, critères de ``data/criteres_comparables.csv``.

Une évolution qui passe une rupture de série le dit (``ruptures``) ; un calcul qui mêlerait réel et démonstration
ne se fait pas (la requête rend NULL), et la phrase le dit."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from observatoire import formats, identites, referentiel, ruptures
from observatoire.modele import base

EFFETS = {"effet_tendance": "Tendance", "effet_structure": "Structure sectorielle", "effet_local": "Effet local"}


def reference_par_defaut(territoire: referentiel.Designe) -> str:
    """Le département du territoire (sa région pour un département, la France pour une région)."""
    possibles = references(territoire)
    if not possibles:
        raise ValueError(f"Aucun territoire de référence pour « {referentiel.ident(territoire)} » : précisez "
                         "--reference.")
    return next(iter(possibles.values()))


@dataclass(frozen=True)
class Decomposition:
    territoire: referentiel.Designe  # le territoire résolu, ou son identifiant (une page qui lit sa requête en cache)
    reference: str
    de: str
    a: str
    secteurs: pd.DataFrame  # une ligne par secteur (queries/decomposition_emploi.sql)
    total: pd.Series        # la ligne du total

    @property
    def calculable(self) -> bool:
        return pd.notna(self.total.effet_local) and pd.notna(self.total.variation)

    @property
    def tableau(self) -> pd.DataFrame:
        """Les secteurs puis le total (« TOTAL »), comme le tableau des secteurs de la page Emploi."""
        return pd.concat([self.secteurs, self.total.to_frame().T], ignore_index=True)

    def arrondis(self) -> dict[str, int]:
        """Les trois effets en emplois entiers dont la somme est la variation, à l'unité : la tendance et la structure
        arrondies, l'effet local le reste (« les effets s'additionnent à la variation » reste vrai à l'écran)."""
        tendance, structure = round(float(self.total.effet_tendance)), round(float(self.total.effet_structure))
        return {"effet_tendance": tendance, "effet_structure": structure,
                "effet_local": int(self.total.variation) - tendance - structure}

    def effets(self) -> dict[str, int]:
        """{« Tendance : Nord » : …, « Structure sectorielle » : …, « Effet local » : …}, en emplois entiers."""
        nom = referentiel.territoire(self.reference).nom_court
        return {(f"{EFFETS[k]} : {nom}" if k == "effet_tendance" else EFFETS[k]): v for k, v in self.arrondis().items()}

    def phrase(self) -> str:
        """« La Métropole Européenne de Lille gagne 3 155 emplois salariés privés du 30/09/2025 au 30/09/2026 : la
        tendance de sa référence (Nord) en expliquerait +1 530, sa structure sectorielle −12 ; +1 637 tiennent au
        territoire (effet local). »"""
        t, r = referentiel.territoire(self.territoire), referentiel.territoire(self.reference)
        periode = f"du {formats.jour(self.de)} au {formats.jour(self.a)}"
        if pd.isna(self.total.variation):
            return f"L'emploi salarié privé {de(t.designation)} n'est pas connu aux deux dates ({periode})."
        v = float(self.total.variation)
        verbe = "gagne" if v > 0 else "perd" if v < 0 else "garde"
        emplois = "emploi salarié privé" if abs(v) < 2 else "emplois salariés privés"
        debut = (f"{formats.majuscule(t.designation)} {verbe} {formats.nombre(abs(v))} {emplois} "
                 f"{periode}" if v else f"{formats.majuscule(t.designation)} garde le même nombre d'emplois "
                                        f"salariés privés {periode}")
        if pd.isna(self.total.croissance_reference_totale_pct):
            return debut + f" ; l'emploi salarié {de(r.designation)} n'est pas connu à ces dates : pas de décomposition."
        if not self.calculable:
            return (debut + f" ; la comparaison avec {r.designation} mêlerait chiffres réels et de démonstration : "
                            "elle n'est pas faite.")
        e = self.arrondis()
        return (f"{debut} : la tendance de sa référence ({r.nom}) en expliquerait "
                f"{formats.nombre(e['effet_tendance'], signe=True)}, sa structure sectorielle "
                f"{formats.nombre(e['effet_structure'], signe=True)} ; "
                f"{formats.nombre(e['effet_local'], signe=True)} tiennent au territoire (effet local).")


def de(designation: str) -> str:
    """« de la Métropole… », « du département du Nord », « de l'arrondissement de Lille »."""
    for article, contracte in (("le ", "du "), ("les ", "des ")):
        if designation.startswith(article):
            return contracte + designation[len(article):]
    return f"de {designation}"


def decomposition(con, territoire: referentiel.Designe, de: str, a: str, reference: str | None = None) -> Decomposition:
    t = referentiel.territoire(territoire)  # inconnu : ErreurReferentiel (message français)
    reference = reference or reference_par_defaut(t)
    referentiel.territoire(reference)
    df = base.requete(con, "decomposition_emploi", territoire=t.territoire, reference=reference, de=de, a=a)
    return de_la_requete(df, t, reference, de, a)


def de_la_requete(df: pd.DataFrame, territoire: referentiel.Designe, reference: str, de: str, a: str) -> Decomposition:
    """La décomposition que rend ``queries/decomposition_emploi.sql`` (une page l'appelle par son cache)."""
    return Decomposition(territoire, reference, str(de), str(a), df[~df.est_total].reset_index(drop=True),
                         df[df.est_total].iloc[0])


def references(territoire: referentiel.Designe) -> dict[str, str]:
    """Les références possibles d'un territoire par niveau : {« departement » : « nord », « region » : « hdf »,
    « pays » : « france »} (celles qui le contiennent, lui excepté)."""
    ident = referentiel.ident(territoire)
    return {referentiel.territoire(t).type: t for t in referentiel.echelons_publies(territoire) if t != ident}


def composantes_demandeurs() -> list[str]:
    """Les indicateurs des partitions exactes de A, B, C (data/identites.csv) : catégories, sexe, âge, ancienneté."""
    return [c for i in identites.egalites() if i.total == "demandeurs_abc" for c in i.composantes]


def contributions(con, territoire: referentiel.Designe, de: str, a: str) -> pd.DataFrame:
    t = referentiel.territoire(territoire)  # inconnu : ErreurReferentiel (message français)
    return base.requete(con, "contributions_demandeurs", territoire=t.territoire, de=de, a=a,
                        composantes=composantes_demandeurs())


def phrase_contributions(df: pd.DataFrame, territoire: str, depuis: str, a: str) -> str:
    """« Du 30/09/2024 au 30/09/2025, les demandeurs d'emploi A, B, C de la Métropole Européenne de Lille augmentent
    de 7,5 % : la catégorie A y contribue pour +6,3 points. » ; la rupture de série passée le dit."""
    t = referentiel.territoire(territoire)
    if df.empty or df.evolution_totale_pct.isna().all():
        return f"Les demandeurs d'emploi A, B, C {de(t.designation)} ne sont pas connus aux deux dates."
    total = float(df.evolution_totale_pct.iloc[0])
    sens = "augmentent" if total > 0 else "diminuent" if total < 0 else "sont stables"
    texte = (f"Du {formats.jour(depuis)} au {formats.jour(a)}, les demandeurs d'emploi A, B, C {de(t.designation)} "
             f"{sens}" + (f" de {formats.pourcent(abs(total))}" if total else ""))
    moteurs = df[df.contribution_points.notna()]
    if len(moteurs):
        categories = moteurs[moteurs.ventilation == "demande"].sort_values("contribution_points", key=abs,
                                                                            ascending=False)
        if len(categories):
            premiere = categories.iloc[0]
            texte += (f" : la {formats.minuscule(premiere.libelle)} y contribue pour "
                      f"{formats.nombre(premiere.contribution_points, 1, signe=True)} point"
                      f"{'s' if abs(premiere.contribution_points) >= 2 else ''}")
    texte += "."
    passees = ruptures.passees(list(df.indicateur), pd.Timestamp(depuis), pd.Timestamp(a))
    if passees:
        texte += " " + ruptures.avertissement(passees)
    return texte


def comparables(con, territoire: str, date: str, nombre: int = 5) -> pd.DataFrame:
    referentiel.territoire(territoire)
    return base.requete(con, "territoires_comparables", territoire=territoire, date=date, nombre=nombre)


def phrase_comparables(df: pd.DataFrame, territoire: str) -> str:
    t = referentiel.territoire(territoire)
    if df.empty:
        return f"Aucun territoire du même niveau n'a tous les critères pour être comparé à {t.designation}."
    premier = df.iloc[0]
    texte = (f"Les territoires les plus proches {de(t.designation)} : {', '.join(df.nom)} ; {premier.nom} d'abord, "
             f"proche par {premier.proches_par}.")
    if df.reel_et_demonstration.any():
        texte += " Certains sont comparés avec des chiffres de nature différente (réels et de démonstration)."
    elif formats.contient_demo(df):
        texte += " Profils calculés sur des données de démonstration."
    return texte
