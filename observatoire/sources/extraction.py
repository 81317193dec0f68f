"""Extraction des valeurs d'un tableau lu (``lecture.Tableau``) : indicateurs, communes, dates et nombres
contrôlés cellule par cellule, chaque problème repéré par fichier, ligne et colonne ; lignes écartées
comptées par motif (lignes de total, communes hors du Nord…) pour le rapport de validation."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

import pandas as pd

from observatoire import chemins, formats, referentiel, valeurs
from observatoire.sources.lecture import Tableau, normaliser

FINS_TRIMESTRE = {(3, 31), (6, 30), (9, 30), (12, 31)}
FORMAT_LONG = "format long de l'observatoire"
PROBLEMES_MAX = 1_000  # problèmes cités un à un dans le rapport


@dataclass
class Valeur:
    ligne: int
    ou: str  # « fichier, ligne N, colonne X (« en-tête ») »
    indicateur: str
    code_commune: str
    date: date
    valeur: float | None
    statut: str
    source: str
    territoire: str | None = None  # chiffre publié à l'échelle d'un territoire (ze-3216, nord…) : code_commune vide

    @property
    def lieu(self) -> str:
        return self.territoire or self.code_commune


class Extraction:
    def __init__(self, tableau: Tableau, source: str):
        self.t, self.source = tableau, source
        self.valeurs: list[Valeur] = []
        self.problemes: list[str] = []
        self.problemes_en_plus = 0  # problèmes au-delà de PROBLEMES_MAX, comptés sans être cités
        self.ignorees: Counter[tuple[str, str]] = Counter()  # (ligne ou colonne, motif) -> nombre écarté
        self.disposition = FORMAT_LONG  # disposition reconnue, nommée dans le rapport
        self.arrondi = 0  # pas d'arrondi de la source (5 : DARES) : un total et ses parties peuvent alors différer
        self.ind = pd.read_csv(chemins.DATA / "indicateurs.csv", sep=";", dtype=str).set_index("indicateur")
        self.libelles = {normaliser(c): c for c in self.ind.index} | {
            normaliser(lib): c for c, lib in self.ind.libelle.items()}
        self.communes = set(referentiel.communes().code_commune)
        self.territoires = {t.territoire for t in referentiel.territoires()}
        self.passage = referentiel.passage_cog()

    def erreur(self, ligne: int, col: int, message: str) -> None:
        """Un problème repéré ; au-delà de PROBLEMES_MAX, seulement compté (mémoire et rapport bornés)."""
        if len(self.problemes) < PROBLEMES_MAX:
            self.problemes.append(f"{self.t.ou(ligne, col)} : {message}.")
        else:
            self.problemes_en_plus += 1

    def commune(self, ligne: int, col: int, cellule) -> str | None:
        try:
            code = valeurs.code_commune(cellule, self.passage)
        except valeurs.ValeurInvalide as e:
            return self.erreur(ligne, col, str(e))
        if code not in self.communes:
            return self.erreur(ligne, col, f"code commune inconnu « {code} » (absent du COG 2026)")
        return code

    def indicateur(self, ligne: int, col: int, cellule) -> str | None:
        code = self.libelles.get(normaliser(cellule))
        if code is None:
            return self.erreur(ligne, col, f"indicateur inconnu « {cellule} » (voir python -m observatoire "
                                           "indicateurs)")
        return code

    def date(self, ligne: int, col: int, cellule, indicateur: str | None) -> date | None:
        try:
            d = valeurs.jour(cellule)
        except valeurs.ValeurInvalide as e:
            return self.erreur(ligne, col, str(e))
        if not date(1990, 1, 1) <= d <= date.today().replace(year=date.today().year + 1):
            return self.erreur(ligne, col, f"date hors période « {formats.jour(d)} »")
        if indicateur == "population" and (d.month, d.day) != (1, 1):
            return self.erreur(ligne, col, f"une population est datée du 1er janvier, pas du {formats.jour(d)}")
        if indicateur and indicateur != "population" and (d.month, d.day) not in FINS_TRIMESTRE:
            return self.erreur(ligne, col, f"« {formats.jour(d)} » n'est pas une fin de trimestre")
        if indicateur and self.ind.at[indicateur, "frequence"] == "annuelle" and indicateur != "population" \
                and (d.month, d.day) != (12, 31):
            return self.erreur(ligne, col, f"indicateur annuel daté au 31 décembre, pas au {formats.jour(d)}")
        return d

    def valeur(self, ligne: int, col: int, cellule, indicateur: str | None):
        try:
            v, statut = valeurs.valeur(cellule)
        except valeurs.ValeurInvalide as e:
            self.erreur(ligne, col, str(e))
            return None
        if v is not None and v < 0:
            self.erreur(ligne, col, f"valeur négative « {cellule} » pour un effectif")
            return None
        if v is not None and not float(v).is_integer():
            self.erreur(ligne, col, f"effectif non entier « {cellule} »")
            return None
        return v, statut

    def ajouter(self, ligne: int, col: int, ind, code, d, cellule, source: str | None = None,
                territoire: str | None = None) -> None:
        """Une valeur d'une commune (``code``) ou, avec ``territoire``, publiée à l'échelle d'un territoire."""
        lu = self.valeur(ligne, col, cellule, ind)
        if None not in (ind, code, d, lu):
            self.valeurs.append(Valeur(ligne, self.t.ou(ligne, col), ind, code, d, lu[0], lu[1],
                                       source or self.source, territoire))


