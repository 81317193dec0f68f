"""Le lieu d'une ligne d'un fichier officiel : code commune lu dans sa cellule, lignes de total, d'arrondissement de
Paris, Lyon ou Marseille et de commune hors de la couverture écartées et comptées par motif, zone d'emploi,
département ou région publiés à leur échelle."""
from __future__ import annotations

import re

from observatoire import couverture, referentiel
from observatoire.sources.extraction import Extraction
from observatoire.sources.lecture import normaliser

ARRONDISSEMENTS_PLM = re.compile(r"^(751\d\d|6938\d|132\d\d)$")


def code(cellule) -> str:
    """Code commune brut (« 59512 », « 59512 Roubaix », « Total ») sans conversion."""
    texte = str(cellule if cellule is not None else "").strip()
    m = re.match(r"^(\d[\dAB]\d{3})\b", texte, re.IGNORECASE) or re.search(r"\b(\d[\dAB]\d{3})$", texte)
    return m.group(1).upper() if m else texte


# niveau -> préfixe des territoires générés : départements, régions
NIVEAUX = {"DEP": "dep-", "REG": "reg-"}


def motif(niveau: str) -> str:
    """« d'un autre département que le Nord », « d'une autre région que les Hauts-de-France »."""
    c = couverture.courante()
    if niveau == "DEP":
        return f"d'un autre département que {c.nom}" if len(c.departements) <= 2 else "d'un département non couvert"
    return "d'une autre région que les Hauts-de-France" if c.departements == (couverture.NORD,) else \
        "d'une région non couverte"


def ligne_de_total(ex: Extraction, code: str) -> bool:
    """Compte et écarte une ligne de total (« Total », « Ensemble », vide)."""
    if normaliser(code) in ("ensemble", "") or normaliser(code).startswith("total"):
        ex.ignorees[("ligne", "de total")] += 1
        return True
    return False


def zone_d_emploi(ex: Extraction, code: str) -> tuple[str, str] | None:
    """("", « ze-3216 ») pour une zone d'emploi qui touche le Nord ; sinon la ligne est écartée et comptée."""
    if f"ze-{code}" in ex.territoires:
        return "", f"ze-{code}"
    ex.ignorees[("ligne", f"de zone d'emploi sans commune {couverture.courante().dans}")] += 1
    return None


def niveau_publie(ex: Extraction, niveau: str, code: str) -> tuple[str, str] | None:
    """("", « nord » / « hdf » / « dep-69 »…) pour un département ou une région de la base (code « 59 »,
    « 2024-DEP-59 »…) ; sinon la ligne est écartée et comptée."""
    ident = NIVEAUX[niveau] + code.split("-")[-1].zfill(2)
    territoire = referentiel.ALIAS.get(ident, ident)  # dep-59 : « nord », reg-32 : « hdf »
    if territoire in ex.territoires:
        return "", territoire
    ex.ignorees[("ligne", motif(niveau))] += 1
    return None


def pays(ex: Extraction) -> tuple[str, str] | None:
    """("", « france ») pour une ligne « Total France », si la base a la France comme territoire de comparaison."""
    if "france" in ex.territoires:
        return "", "france"
    ex.ignorees[("ligne", "de total")] += 1
    return None


def ecarter_commune(ex: Extraction, code: str) -> bool:
    """Compte et écarte une ligne de total, d'arrondissement ou de commune hors du Nord."""
    if ligne_de_total(ex, code):
        return True
    if ARRONDISSEMENTS_PLM.match(code):
        ex.ignorees[("ligne", "d'arrondissement de Paris, Lyon ou Marseille (la commune entière figure aussi)")] += 1
    elif not couverture.courante().couvre(code):
        ex.ignorees[("ligne", f"de commune {couverture.courante().hors}")] += 1
    else:
        return False
    return True
