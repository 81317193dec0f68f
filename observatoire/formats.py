"""Mise en forme française des nombres, pourcentages et dates (Babel, locale fr_FR)."""
from __future__ import annotations

import math
import unicodedata
from datetime import date
from functools import lru_cache

import pandas as pd
from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, parse_pattern

LOCALE = Locale.parse("fr_FR")  # analysé une fois : les cartes formatent des centaines de nombres
MOINS = "\u2212"  # signe moins typographique
POURCENT = "\u202f%"  # « 8,0 % » : espace fine insécable avant le signe


def sans_accents(texte) -> str:
    """« Tranche d'âge » -> « tranche d'age » : en minuscules, accents et ligatures retirés (la base de toute
    comparaison de textes : en-têtes et cellules des fichiers, recherche d'une commune)."""
    texte = unicodedata.normalize("NFKD", str(texte if texte is not None else ""))
    return texte.encode("ascii", "ignore").decode().lower()


def _absent(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def nombre(x, decimales: int = 0, signe: bool = False) -> str:
    """``14523`` -> ``14 523`` ; ``-8.04, 1`` -> ``−8,0`` ; ``signe`` ajoute ``+`` aux positifs."""
    if _absent(x):
        return "–"
    x = round(float(x), decimales) + 0.0  # évite « −0 »
    texte = _motif(decimales).apply(abs(x), LOCALE)
    if x < 0:
        return MOINS + texte
    return ("+" if signe and x > 0 else "") + texte


@lru_cache
def _motif(decimales: int) -> NumberPattern:
    return parse_pattern("#,##0" + ("." + "0" * decimales if decimales else ""))


# ce qu'un chiffre publié dit à la place d'une valeur absente, selon son statut (« secret » ; « incomplet » : un total
# de communes) ; aucune valeur, ou une valeur manquante : « non disponible »
ABSENCES = {"secret": "secret statistique", "incomplet": "incomplet (total de communes sans valeur)"}


def absence(statut: str | None) -> str:
    return ABSENCES.get(statut, "non disponible")


def valeur_ou_absence(x, statut: str | None) -> str:
    """``14523, "ok"`` -> ``14 523`` ; ``None, "secret"`` -> ``secret statistique``."""
    return nombre(x) if not _absent(x) else absence(statut)


def pourcent(x, decimales: int = 1, signe: bool = False) -> str:
    """``8.04`` -> ``8,0 %`` (espace insécable fine avant %)."""
    return "–" if _absent(x) else nombre(x, decimales, signe) + POURCENT


def jour(d) -> str:
    """La date en français, d'où qu'elle vienne (``date``, ``datetime``, ``Timestamp``, « 2021-12-31 ») :
    ``31/12/2021``. La seule mise en forme des dates de l'application, des fichiers et des messages."""
    return _jour(pd.Timestamp(d).date())


@lru_cache(maxsize=4096)
def _jour(d: date) -> str:
    """Mémorisé : les mêmes fins de trimestre sont écrites des dizaines de fois par page (babel : 2 % du serveur)."""
    return format_date(d, format="dd/MM/yyyy", locale=LOCALE)


def horodatage(d) -> str:
    """``31/12/2021 14:05`` (journal des imports)."""
    return f"{jour(d)} {pd.Timestamp(d):%H:%M}"


def echapper_markdown(texte: str) -> str:
    """Texte affiché tel quel par st.markdown / st.info : la ponctuation Markdown et HTML est échappée, un
    lien ou une image venus d'une URL ou d'un fichier ne deviennent jamais actifs."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()<>#+-.!|~$:" else ch for ch in str(texte))


def minuscule(texte: str) -> str:
    """L'initiale en minuscule, le reste inchangé (« Métropole de Lyon » -> « métropole de Lyon »)."""
    return texte[:1].lower() + texte[1:]


def majuscule(texte: str) -> str:
    """La phrase avec une majuscule initiale, le reste inchangé (« la zone… » -> « La zone… »)."""
    return texte[:1].upper() + texte[1:]


def mention_source(producteur, definition) -> str:
    """« DARES / France Travail – moyenne des trois fins de mois du trimestre, arrondie à 5 » : le producteur
    (avant sa première virgule ou parenthèse) et, s'il y en a une, la définition de la source."""
    court = str(producteur).split(",")[0].split(" (")[0]
    if isinstance(definition, str) and definition:
        return f"{court} – {minuscule(definition)}"
    return court


# Ce qu'est un chiffre, dit de la même façon partout (écran, fichiers, commandes) : réel, publié, ou fictif
DEMONSTRATION = "démonstration (fictif)"
# La marque d'une vue, d'un fichier ou d'une diapositive qui contient au moins une valeur de démonstration : les mêmes
# mots partout (bandeau des pages, cartouche des tableaux, titre des images, portrait, présentation, bulletin)
DONNEES_DEMO = "Données de démonstration"
DEMO_NATURE = "fictives, calibrées sur les chiffres publiés"
DEMO_CONSIGNE = "ne pas diffuser comme chiffres officiels"
MARQUE_DEMO = f"{DONNEES_DEMO} ({DEMO_NATURE})"  # « Données de démonstration (fictives, calibrées sur les chiffres publiés) »
MARQUE_DEMO_COURTE = f"{DONNEES_DEMO} (fictives)"  # là où la place manque (diapositive, titre d'une image)
PUBLIE = "réel – publié par une maison de l'emploi, retrouvé tel quel"


def contient_demo(df) -> bool:
    """Au moins une valeur de démonstration dans ce tableau (sa colonne ``demonstration`` ; vide ou absente : non) :
    la seule règle qui pose la marque sur une vue, un fichier, une diapositive."""
    return df is not None and "demonstration" in df and bool(df["demonstration"].fillna(False).astype(bool).any())


def nature(demonstration: bool, provenances: str, mention: str = "") -> str:
    """« démonstration (fictif) » ; « réel – publié par une maison de l'emploi… » (chiffre d'un rapport, que le panel
    reproduit) ; « réel – DARES / France Travail – … » (``mention`` : ses producteurs) ; « réel – Insee »."""
    if demonstration:
        return DEMONSTRATION
    if "publication" in str(provenances) and "import" not in str(provenances):
        return PUBLIE
    return "réel – " + (mention or ("Insee" if "officiel" in str(provenances) else "fichier importé"))


def mention_sources(sources: str, connues: dict[str, str]) -> str:
    """« DARES / France Travail – moyenne … ; fichier importé « x.csv » » : chaque source d'une liste « a,b » (celle
    que renvoient les requêtes) par sa mention (``connues`` : source -> mention_source), un fichier importé par
    son nom."""
    textes = [connues.get(s, f"fichier importé « {s.removeprefix('import:')} »" if s.startswith("import:") else s)
              for s in str(sources or "").split(",")]
    return " ; ".join(dict.fromkeys(t for t in textes if t))


def nom_de_fichier(texte: str) -> str:
    """« MiE du Roubaisis » -> « MiE-du-Roubaisis » : un morceau de nom de fichier lisible, en ASCII, sans espace ni
    apostrophe ni barre (« Villeneuve-d'Ascq » -> « Villeneuve-d-Ascq »)."""
    ascii_ = unicodedata.normalize("NFKD", str(texte)).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_).split())


def liste(elements: list[str]) -> str:
    """« a », « a et b », « a, b et c »."""
    return elements[0] if len(elements) == 1 else ", ".join(elements[:-1]) + " et " + elements[-1]


def accorder(n, singulier: str, pluriel: str | None = None) -> str:
    """« 1 territoire », « 0 territoire », « 4 territoires » (en français, 0 et 1 sont au singulier)."""
    return f"{nombre(n)} {singulier if abs(n) < 2 else (pluriel or singulier + 's')}"


def rang(n: int) -> str:
    """« 1ᵉʳ », « 2ᵉ », « 95ᵉ »."""
    return f"{n}ᵉʳ" if n == 1 else f"{n}ᵉ"
