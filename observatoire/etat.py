"""État partagé des pages (territoire, date, indicateur, territoires de comparaison) et son aller-retour
avec l'URL : un lien copié rouvre la même vue ; un paramètre inconnu retombe sur la valeur par défaut avec
un avis en français, jamais une erreur."""
from __future__ import annotations

from dataclasses import dataclass

DEFAUT_TERRITOIRE = "mel"
DEFAUT_INDICATEUR = "demandeurs_abc"
DEFAUT_COMPARAISON = ("arr-lille", "nord")
MAX_COMPARAISON = 5  # + le territoire choisi : 6 au plus


@dataclass(frozen=True)
class Choix:
    territoires: dict[str, str]   # identifiant -> nom
    noms_courts: dict[str, str]   # identifiant -> nom court
    dates: list[str]              # ISO, la plus récente d'abord
    indicateurs: dict[str, str]   # code -> libellé


def comparaison_par_defaut(territoire: str) -> list[str]:
    return [t for t in (DEFAUT_TERRITOIRE, *DEFAUT_COMPARAISON) if t != territoire][:2]


def depuis_url(params: dict[str, str], choix: Choix) -> tuple[dict, list[str]]:
    """Lit les paramètres d'URL ; renvoie l'état et les avis pour les paramètres ignorés."""
    avis = []
    etat = {"territoire": DEFAUT_TERRITOIRE, "date": choix.dates[0], "indicateur": DEFAUT_INDICATEUR}
    for cle, valides, avis_faux in (
        ("territoire", choix.territoires,
         lambda v: f"Territoire « {v} » inconnu : {choix.territoires[DEFAUT_TERRITOIRE]} affichée."),
        ("date", choix.dates, lambda v: f"Date « {v} » indisponible (fins de trimestre du 31/12/2011 au plus "
                                        "récent) : date la plus récente affichée."),
        ("indicateur", choix.indicateurs,
         lambda v: f"Indicateur « {v} » inconnu : {choix.indicateurs[DEFAUT_INDICATEUR]} affiché."),
    ):
        v = params.get(cle)
        if v is not None:
            if v in valides:
                etat[cle] = v
            else:
                avis.append(avis_faux(v))
    c = params.get("comparer")
    if c is None:
        etat["comparaison"] = comparaison_par_defaut(etat["territoire"])
    else:
        demandes = [x for x in c.split(",") if x]
        inconnus = [x for x in demandes if x not in choix.territoires]
        if inconnus:
            avis.append(f"Territoire(s) de comparaison inconnu(s) ignoré(s) : {', '.join(inconnus)}.")
        valides = list(dict.fromkeys(x for x in demandes if x in choix.territoires and x != etat["territoire"]))
        if len(valides) > MAX_COMPARAISON:
            avis.append(f"Au plus {MAX_COMPARAISON} territoires de comparaison : les premiers sont gardés.")
        etat["comparaison"] = valides[:MAX_COMPARAISON]
    return etat, avis


def vers_url(etat: dict) -> dict[str, str]:
    return {"territoire": etat["territoire"], "date": etat["date"], "indicateur": etat["indicateur"],
            "comparer": ",".join(etat["comparaison"])}
