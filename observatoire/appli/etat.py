"""État partagé des pages (territoire, date, indicateur, territoires de comparaison) et son aller-retour
avec l'URL : un lien copié rouvre la même vue ; un paramètre inconnu retombe sur la valeur par défaut avec
un avis en français, jamais une erreur."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from observatoire import chemins, formats, referentiel

DEFAUT_TERRITOIRE = referentiel.par_defaut()  # la MEL quand le Nord est couvert
DEFAUT_INDICATEUR = "demandeurs_abc"
DEFAUT_COMPARAISON = referentiel.englobants(DEFAUT_TERRITOIRE)[1:]  # l'arrondissement de Lille, le Nord
MAX_COMPARAISON = 5  # + le territoire choisi : 6 au plus
RESOLU = "territoire_resolu"  # clé de session : le territoire choisi, résolu par le cadre pour cette exécution


@dataclass(frozen=True)
class Choix:
    territoires: dict[str, str]   # identifiant -> nom
    noms_courts: dict[str, str]   # identifiant -> nom court
    dates: list[str]              # ISO, la plus récente d'abord
    indicateurs: dict[str, str]   # code -> libellé
    profils: list[str] = ()       # profils de la page Évolutions (colonne profil_evolutions des indicateurs)
    pour_comparer: frozenset[str] = frozenset()  # région, France : territoires de comparaison seulement (sans communes)
    mesures_iris: list[str] = ()  # mesures de la couche IRIS de la carte (data/iris_mesures.csv)
    zones_bmo: list[str] = ("auto",)  # zones de l'enquête BMO chargée (« auto » : le bassin principal du territoire)
    regions: list[str] = ("auto", "")  # carte des départements : « auto » (région du territoire), « » (toute la base), codes

    @property
    def choisissables(self) -> list[str]:
        """Territoires qu'on peut choisir dans la barre latérale (ceux qui ont des communes)."""
        return [t for t in self.territoires if t not in self.pour_comparer]


def comparaison_par_defaut(territoire: str) -> list[str]:
    return [t for t in (DEFAUT_TERRITOIRE, *DEFAUT_COMPARAISON) if t != territoire][:2]


def depuis_url(params: dict[str, str], choix: Choix) -> tuple[dict, list[str]]:
    """Lit les paramètres d'URL ; renvoie l'état et les avis pour les paramètres ignorés."""
    avis = []
    etat = {"territoire": DEFAUT_TERRITOIRE, "date": choix.dates[0], "indicateur": DEFAUT_INDICATEUR}
    for cle, valides, avis_faux in (
        ("territoire", choix.choisissables,
         lambda v: (f"{choix.territoires[v]} sert seulement de territoire de comparaison : "
                    if v in choix.pour_comparer else f"Territoire « {v} » inconnu : ")
         + f"{choix.territoires[DEFAUT_TERRITOIRE]} affichée."),
        ("date", choix.dates, lambda v: f"Date « {v} » indisponible (fins de trimestre du "
                                        f"{formats.jour(min(choix.dates))} au plus récent) : date la plus récente affichée."),
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


def lire_reglages(chemin: Path) -> tuple[dict[str, dict[str, tuple[str, tuple[str, ...] | str]]],
                                          dict[tuple[str, str], dict[str, str]]]:
    """data/reglages.csv : chaque réglage d'une page, recopié dans l'URL quand cette page est affichée (un lien copié
    rouvre ainsi la même vue, mesure de carte, classes et diapositive comprises). Une ligne par valeur permise, avec
    son libellé et « oui » dans ``defaut`` pour la valeur par défaut ; un réglage dont les valeurs ne sont connues
    qu'à l'exécution (« dates » disponibles, « profils » de data/indicateurs.csv…) a une seule ligne, sa valeur par
    défaut, et nomme dans ``liste`` la liste de ``Choix`` qui les donne.
    Renvoie (page -> réglage -> (valeur par défaut, valeurs permises ou nom de liste), (page, réglage) -> valeur ->
    libellé)."""
    parametres: dict[str, dict[str, tuple[str, tuple[str, ...] | str]]] = {}
    libelles: dict[tuple[str, str], dict[str, str]] = {}
    with chemin.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            page, nom = r["page"], r["reglage"]
            defaut, valeurs = parametres.setdefault(page, {}).get(nom, ("", ()))
            defaut = r["valeur"] if r["defaut"] == "oui" else defaut
            parametres[page][nom] = (defaut, r["liste"] or (*valeurs, r["valeur"]))
            if r["libelle"]:
                libelles.setdefault((page, nom), {})[r["valeur"]] = r["libelle"]
    return parametres, libelles


PARAMETRES_PAGES, _LIBELLES = lire_reglages(chemins.DATA / "reglages.csv")


def libelles(page: str, reglage: str) -> dict[str, str]:
    """Valeur -> libellé des options d'un réglage de page (data/reglages.csv), dans l'ordre du fichier."""
    return _LIBELLES[(page, reglage)]


def cle_page(page: str, nom: str) -> str:
    """Clé de session d'un paramètre de page (jamais celle d'un widget : les widgets la recopient)."""
    return f"{page}.{nom}"


def page_depuis_url(page: str, params: dict[str, str], choix: Choix) -> tuple[dict[str, str], list[str]]:
    """Paramètres de ``page`` lus dans l'URL (valeur par défaut et avis pour une valeur inconnue)."""
    etat, avis = {}, []
    for nom, (defaut, valides) in PARAMETRES_PAGES.get(page, {}).items():
        valides = getattr(choix, valides) if isinstance(valides, str) else valides
        v = params.get(nom)
        if v is not None and v not in valides:
            avis.append(f"Valeur « {v} » inconnue pour « {nom} » : valeur par défaut affichée.")
            v = None
        etat[cle_page(page, nom)] = defaut if v is None else v
    return etat, avis


def page_vers_url(page: str, session: dict) -> dict[str, str]:
    return {nom: str(session[cle_page(page, nom)]) for nom in PARAMETRES_PAGES.get(page, {})
            if cle_page(page, nom) in session}
