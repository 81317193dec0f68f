"""Interprétation des cellules françaises : nombres (« 14 523 », « 12,5 »), cellules masquées
(« s », « <5 », « 1 à 4 », « nd », vide), codes commune (« 59512 - Roubaix », « 1234 »), dates."""
from __future__ import annotations

import re
from datetime import date, datetime

ESPACES = re.compile(r"[\s\u00a0\u202f\u2009]")
SECRET = re.compile(r"^(s|secret|c|<\s*\d+|\d+\s*(a|à)\s*\d+)$", re.IGNORECASE)
MANQUANT = re.compile(r"^(|nd|n\.d\.?|na|n/a|-|–|—|\.)$", re.IGNORECASE)
NOMBRE = re.compile(r"^[+\-−]?\d+(\.\d+)?$")
CODE = re.compile(r"^\s*(\d{4,5}|2[AB]\d{3})(?:\.0)?\s*(?:[-–—:]\s*.*)?$", re.IGNORECASE)
DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
DATE_FR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class ValeurInvalide(ValueError):
    pass


def valeur(cellule) -> tuple[float | None, str]:
    """Renvoie (valeur, statut) avec statut ``ok``, ``secret`` ou ``missing``."""
    if cellule is None:
        return None, "missing"
    if isinstance(cellule, bool):
        raise ValeurInvalide(f"« {cellule} » n'est pas un nombre")
    if isinstance(cellule, (int, float)):
        return float(cellule), "ok"
    brut = str(cellule).strip()
    if MANQUANT.match(brut):
        return None, "missing"
    if SECRET.match(brut):
        return None, "secret"
    texte = ESPACES.sub("", brut).replace(",", ".").replace("−", "-")
    if not NOMBRE.match(texte):
        raise ValeurInvalide(f"« {brut} » n'est pas un nombre")
    return float(texte), "ok"


def code_commune(cellule, passage: dict[str, str]) -> str:
    """Code INSEE à 5 caractères, au COG en vigueur (anciens codes de communes fusionnées convertis)."""
    if isinstance(cellule, float) and cellule.is_integer():
        cellule = int(cellule)
    m = CODE.match(str(cellule if cellule is not None else ""))
    if not m:
        raise ValeurInvalide(f"« {cellule} » n'est pas un code commune INSEE")
    code = m.group(1).upper().zfill(5)
    return passage.get(code, code)


def jour(cellule) -> date:
    """Date ``AAAA-MM-JJ`` ou ``JJ/MM/AAAA`` (ou cellule date d'Excel)."""
    if isinstance(cellule, datetime):
        return cellule.date()
    if isinstance(cellule, date):
        return cellule
    texte = str(cellule or "").strip()
    if m := DATE_ISO.match(texte):
        a, mo, j = (int(x) for x in m.groups())
    elif m := DATE_FR.match(texte):
        j, mo, a = (int(x) for x in m.groups())
    else:
        raise ValeurInvalide(f"« {texte} » n'est pas une date (attendu AAAA-MM-JJ ou JJ/MM/AAAA)")
    try:
        return date(a, mo, j)
    except ValueError:
        raise ValeurInvalide(f"date impossible « {texte} »") from None


def date_colonne(entete: str) -> date | None:
    """En-tête de colonne lu comme une date : « 31/12/2021 », « 2021-12-31 » ou une année (« 2021 »
    = 31/12/2021). ``None`` si l'en-tête n'est pas une date."""
    texte = str(entete).strip()
    if re.fullmatch(r"(19|20)\d{2}", texte):
        return date(int(texte), 12, 31)
    try:
        return jour(texte)
    except ValeurInvalide:
        return None
