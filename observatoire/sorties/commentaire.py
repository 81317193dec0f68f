"""Commentaire écrit, calculé depuis les données : les paragraphes qu'un chargé d'études écrirait sous le
tableau du bulletin (évolution de ABC et de A, ce que chaque catégorie y contribue, comparaison avec les territoires
englobants, profils qui évoluent différemment, communes qui se distinguent, et pourquoi l'emploi salarié a bougé).

Règles déterministes : une évolution de moins de 1 % (en valeur absolue) est « stable » ; un profil « se
distingue » s'il évolue en sens contraire de l'ensemble ou s'il s'en écarte d'au moins 3 points. Aucune phrase
n'est écrite sans le chiffre qui la justifie, entre parenthèses, au format français.
"""
from __future__ import annotations

import pandas as pd

from observatoire import formats, referentiel, ruptures
from observatoire.formats import liste
from observatoire.modele.base import requete
from observatoire.sorties import explications

SEUIL_STABLE = 1.0   # % : une évolution qui s'affiche sous « 1,0 % » (arrondie au dixième) est « stable »
ECART_NOTABLE = 3.0  # points d'écart à l'ensemble pour qu'un profil se distingue
NOMS_NORD = {"mel": "la MEL", "arr-lille": "l'arrondissement de Lille", "nord": "le Nord"}  # dans une phrase
# profil -> (libellé dans une phrase, pluriel ?)
PROFILS = {
    "demandeurs_abc_moins_25": ("les moins de 25 ans", True),
    "demandeurs_abc_25_49": ("les 25 à 49 ans", True),
    "demandeurs_abc_50_plus": ("les 50 ans et plus", True),
    "demandeurs_abc_femmes": ("les femmes", True),
    "demandeurs_abc_hommes": ("les hommes", True),
    "demandeurs_abc_12_mois_plus": ("la longue durée", False),
    "demandeurs_abc_24_mois_plus": ("la très longue durée", False),
    "demandeurs_abc_rsa": ("les allocataires du RSA", True),
    "demandeurs_abc_sans_diplome": ("les demandeurs sans diplôme", True),
    "demandeurs_abc_bac_plus": ("les diplômés du bac ou plus", True),
}


def _pct(x: float) -> str:
    return formats.pourcent(x, signe=True)


def sens(x: float) -> str:
    return "stable" if round(abs(x), 1) < SEUIL_STABLE else ("hausse" if x > 0 else "baisse")


def evolution(x: float, absolu: float | None = None, periode: str = " en un an") -> str:
    """« en baisse de 3,5 % en un an (−584) », « en hausse de 2,3 % », « stable en un an (+0,4 %, +12) »."""
    a = formats.nombre(absolu, signe=True) if absolu is not None and not pd.isna(absolu) else None
    if sens(x) == "stable":
        return f"stable{periode} ({_pct(x)}{', ' + a if a else ''})"
    return f"en {sens(x)} de {formats.pourcent(abs(x))}{periode}{f' ({a})' if a else ''}"


def nom_englobant(ident: str) -> str:
    """Un territoire englobant dans une phrase : « la MEL », « la Métropole de Lyon », « le département du Rhône »."""
    return NOMS_NORD.get(ident) or referentiel.territoire(ident).designation


def _verbe(pluriel: bool, hausse: bool) -> str:
    return ("augmentent" if hausse else "diminuent") if pluriel else ("augmente" if hausse else "diminue")


def _profils(lignes: pd.DataFrame, ref: float) -> str | None:
    """Phrase sur les profils qui se distinguent de l'évolution d'ensemble ``ref``."""
    p = lignes[lignes.indicateur.isin(PROFILS)].dropna(subset=["evolution_annuelle_pct"])
    contraires = p[(p.evolution_annuelle_pct.map(sens) != "stable")
                   & (p.evolution_annuelle_pct.map(sens) != sens(ref))] if sens(ref) != "stable" else p.iloc[0:0]
    marques = p[(p.evolution_annuelle_pct.map(sens) == sens(ref)) & (sens(ref) != "stable")
                & ((p.evolution_annuelle_pct - ref).abs() >= ECART_NOTABLE)
                & ((p.evolution_annuelle_pct - ref) * (1 if ref > 0 else -1) > 0)]
    stables = p[p.evolution_annuelle_pct.map(sens) == "stable"] if sens(ref) != "stable" else p.iloc[0:0]
    phrases = []
    if len(contraires):
        hausse = sens(ref) == "baisse"
        if len(contraires) == 1:
            r = contraires.iloc[0]
            libelle, pluriel = PROFILS[r.indicateur]
            sujet = f"le nombre des {libelle.removeprefix('les ')}" if pluriel else libelle
            phrases.append(f"seul{'' if pluriel else 'e'} {sujet} {_verbe(False, hausse)} "
                           f"({_pct(r.evolution_annuelle_pct)}), à rebours de l'ensemble")
        else:
            morceaux = [f"{PROFILS[r.indicateur][0]} ({_pct(r.evolution_annuelle_pct)})"
                        for r in contraires.itertuples()]
            phrases.append(f"{liste(morceaux)} {_verbe(True, hausse)}, à rebours de l'ensemble")
    if len(marques):
        morceaux = [f"{PROFILS[r.indicateur][0]} ({_pct(r.evolution_annuelle_pct)})"
                    for r in marques.sort_values("evolution_annuelle_pct", key=abs, ascending=False).head(3).itertuples()]
        phrases.append(f"la {sens(ref)} est plus marquée pour {liste(morceaux)}")
    if len(stables):
        morceaux = [f"{PROFILS[r.indicateur][0]} ({_pct(r.evolution_annuelle_pct)})" for r in stables.head(3).itertuples()]
        pluriel = len(stables) > 1 or PROFILS[stables.indicateur.iloc[0]][1]
        phrases.append(f"{liste(morceaux)} {'restent stables' if pluriel else 'reste stable'}")
    if not phrases:
        return None
    texte = " ; ".join(phrases)
    return formats.majuscule(texte) + "."


def paragraphes(con, territoire: referentiel.Designe, date: str) -> list[str]:
    """Les paragraphes du commentaire pour un territoire à une date (liste vide sans données)."""
    t = referentiel.territoire(territoire)
    territoire = t.territoire
    b = requete(con, "bulletin", territoire=territoire, date=date, detail=len(t.membres) <= 40)
    total = b[b.niveau == 0].set_index("indicateur")
    if total.empty or pd.isna(total.at["demandeurs_abc", "evolution_annuelle_pct"]):
        return []
    abc, a = total.loc["demandeurs_abc"], total.loc["demandeurs_a"]
    jour = formats.jour(date)
    out = [f"Au {jour}, {t.designation} compte {formats.nombre(abc.nombre)} demandeurs d'emploi de catégories A, B, C, "
           f"{evolution(abc.evolution_annuelle_pct, abc.evolution_annuelle)}. La catégorie A "
           f"({formats.nombre(a.nombre)} demandeurs) est {evolution(a.evolution_annuelle_pct, a.evolution_annuelle)}."]
    # une évolution qui passe une rupture de série n'est jamais présentée comme conjoncturelle
    passees = ruptures.sur_un_an("demandeurs_abc", date)
    if passees:
        out.append(ruptures.avertissement(passees, "ces évolutions sur un an", pluriel=True) + " "
                   + " ".join(ruptures.explication(passees)))
    contributions = _contributions(con, t, date)
    if contributions:
        out.append(contributions)

    # comparaison avec les territoires englobants (plus favorable = moins de demandeurs)
    groupes: dict[str, list[str]] = {"plus favorable": [], "moins favorable": [], "comparable": []}
    melange = False  # un chiffre réel comparé à un chiffre de démonstration : le dire
    for ident in referentiel.englobants(t):
        nom = nom_englobant(ident)
        if ident == territoire or not set(t.membres) <= set(referentiel.territoire(ident).membres):
            continue
        r = requete(con, "bulletin", territoire=ident, date=date, detail=False).set_index("indicateur")
        x = r.at["demandeurs_abc", "evolution_annuelle_pct"]
        if pd.isna(x):  # total incomplet ou secret : pas de comparaison plutôt qu'une « (–) »
            continue
        melange |= bool(r.at["demandeurs_abc", "demonstration"]) != bool(abc.demonstration)
        ecart = abc.evolution_annuelle_pct - x
        cle = "comparable" if abs(ecart) < 0.5 else ("plus favorable" if ecart < 0 else "moins favorable")
        groupes[cle].append(f"{nom} ({_pct(x)})")
    morceaux = [f"{cle} que dans {liste(v)}" if cle != "comparable" else f"comparable à celle de {liste(v)}"
                for cle, v in groupes.items() if v]
    if morceaux:
        out.append(("Rupture de série comprise, c" if passees else "C") + f"ette évolution est {liste(morceaux)}."
                   + (" Attention : cette comparaison rapproche des chiffres réels et des chiffres de démonstration "
                      "(fictifs) ; elle n'a valeur que d'exemple." if melange else ""))

    profils = _profils(b[b.niveau == 0], abc.evolution_annuelle_pct)
    if profils:
        out.append(profils)

    # communes membres qui se distinguent
    communes = b[b.niveau == 1]
    phrases = []
    for code, c in communes.groupby("code", sort=False):
        c = c.set_index("indicateur")
        ca, cabc = c.loc["demandeurs_a"], c.loc["demandeurs_abc"]
        if pd.isna(ca.evolution_annuelle_pct) or pd.isna(cabc.evolution_annuelle_pct):
            continue
        if len(communes.code.unique()) > 12 and abs(cabc.evolution_annuelle_pct - abc.evolution_annuelle_pct) < ECART_NOTABLE:
            continue
        phrase = (f"À {ca.libelle}, la catégorie A est {evolution(ca.evolution_annuelle_pct, ca.evolution_annuelle)}"
                  f", l'ensemble A, B, C {evolution(cabc.evolution_annuelle_pct, periode='')}")
        detail = _profils(c.reset_index(), cabc.evolution_annuelle_pct)
        phrases.append(phrase + (" ; " + formats.minuscule(detail) if detail else "."))
    out += phrases[:12]
    emploi = _emploi(con, t, date)
    return out + ([emploi] if emploi else [])


def _contributions(con, territoire: referentiel.Territoire, date: str) -> str | None:
    """« Sur ces +7,5 % en un an, la catégorie A compte pour +6,3 points, la B pour +0,5, la C pour +0,6. »
    (contributions des catégories à l'évolution sur un an de A, B, C : elles s'additionnent à elle)."""
    df = explications.contributions(con, territoire, ruptures.un_an_avant(date), date)
    c = df[(df.ventilation == "demande")].dropna(subset=["contribution_points"])
    if len(c) != 3:
        return None
    points = [formats.nombre(x, 1, signe=True) for x in c.contribution_points]
    total = formats.pourcent(c.evolution_totale_pct.iloc[0], signe=True)
    unite = "points" if abs(c.contribution_points.iloc[0]) >= 2 else "point"  # « −0,3 point », « +2,3 points »
    return (f"Sur ces {total} en un an, la catégorie A compte pour {points[0]} {unite}, la B pour {points[1]}, "
            f"la C pour {points[2]}.")


def _emploi(con, territoire: referentiel.Territoire, date: str) -> str | None:
    """Pourquoi l'emploi salarié privé a bougé en un an (tendance de la référence, structure, effet local)."""
    try:
        d = explications.decomposition(con, territoire, ruptures.un_an_avant(date), date)
    except ValueError:  # pas de territoire de référence
        return None
    return d.phrase() if d.calculable else None
