"""Lecture de fichiers réels en cellules brutes repérées (ligne, colonne) : CSV (« ; » ou « , »,
UTF-8 avec ou sans BOM, Windows-1252) et XLSX (lignes de titre au-dessus de l'en-tête, plusieurs
feuilles). Aucun nombre n'est interprété ici : voir ``valeurs``."""
from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

TAILLE_MAX = 50 * 1024 * 1024  # 50 Mo
EXTENSIONS = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "xlsx"}
LIGNES_TITRE_MAX = 30  # en-tête cherché dans les 30 premières lignes


class ErreurFichier(ValueError):
    """Fichier illisible dans son ensemble (type, taille, encodage, en-tête introuvable)."""


def normaliser(texte) -> str:
    """Clé de comparaison d'en-têtes : minuscules, sans accents, « _ » et apostrophes lus comme des espaces
    (« tranche_d_age » = « Tranche d'âge »)."""
    t = unicodedata.normalize("NFKD", str(texte or "")).encode("ascii", "ignore").decode()
    return " ".join(t.lower().replace("_", " ").replace("'", " ").split())


@dataclass
class Tableau:
    fichier: str
    feuille: str | None
    entetes: list[str]
    lignes: list[tuple[int, list]] = field(default_factory=list)  # (numéro de ligne dans le fichier, cellules)
    ligne_entete: int = 1
    titre: list[str] = field(default_factory=list)  # lignes au-dessus de l'en-tête (titre d'un export)

    def ou(self, ligne: int, col: int) -> str:
        """« fichier, [feuille « F », ]ligne N, colonne X (« en-tête ») »."""
        feuille = f", feuille « {self.feuille} »" if self.feuille else ""
        nom = self.entetes[col] if col < len(self.entetes) else ""
        lettre = get_column_letter(col + 1) if self.feuille else str(col + 1)
        return f"{self.fichier}{feuille}, ligne {ligne}, colonne {lettre} (« {nom} »)"

    def index(self, entete: str) -> int | None:
        cles = [normaliser(e) for e in self.entetes]
        return cles.index(normaliser(entete)) if normaliser(entete) in cles else None


def _decoder(brut: bytes, nom: str) -> str:
    try:
        return brut.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    meilleur = from_bytes(brut, cp_isolation=["cp1252", "latin_1", "utf_16"]).best()
    if meilleur is None:
        raise ErreurFichier(f"{nom} : encodage illisible (ni UTF-8 ni Windows-1252).")
    return str(meilleur)


def _trouver_entete(lignes: list[list], attendus: list[str]) -> int | None:
    attendus = [normaliser(a) for a in attendus]
    for i, cellules in enumerate(lignes[:LIGNES_TITRE_MAX]):
        cles = {normaliser(c) for c in cellules}
        if all(a in cles for a in attendus):
            return i
    return None


def _tableau(nom: str, feuille: str | None, lignes: list[list], attendus: list[str], ligne_entete: int | None):
    i = ligne_entete - 1 if ligne_entete else _trouver_entete(lignes, attendus)
    if i is None or i >= len(lignes):
        return None
    entetes = [str(c).strip() if c is not None else "" for c in lignes[i]]
    corps = [(i + 2 + k, list(c) + [None] * (len(entetes) - len(c)))
             for k, c in enumerate(lignes[i + 1:]) if any(x not in (None, "") for x in c)]
    titre = [" ".join(str(c).strip() for c in cel if c not in (None, "")) for cel in lignes[:i]]
    return Tableau(nom, feuille, entetes, corps, i + 1, [x for x in titre if x])


def lire(chemin: Path, attendus: list[str], feuille: str | None = None,
         ligne_entete: int | None = None, nom: str | None = None) -> Tableau:
    """Lit ``chemin`` et renvoie le tableau dont l'en-tête contient ``attendus``."""
    return lire_un_de(chemin, {"": attendus}, feuille, ligne_entete, nom)[1]


def lire_un_de(chemin: Path, candidats: dict[str, list[str]], feuille: str | None = None,
               ligne_entete: int | None = None, nom: str | None = None) -> tuple[str, Tableau]:
    """Lit ``chemin`` une fois et renvoie (nom du candidat, tableau) pour le premier candidat dont les colonnes
    ``attendus`` sont dans un en-tête (dans l'ordre de ``candidats``)."""
    nom = nom or chemin.name
    type_ = EXTENSIONS.get(chemin.suffix.lower())
    if type_ is None:
        raise ErreurFichier(f"{nom} : type de fichier non pris en charge « {chemin.suffix or '(sans extension)'} » "
                            "(attendu : .csv ou .xlsx).")
    taille = chemin.stat().st_size
    if taille > TAILLE_MAX:
        raise ErreurFichier(f"{nom} : fichier trop volumineux ({taille // 1024 // 1024} Mo, maximum 50 Mo).")
    if taille == 0:
        raise ErreurFichier(f"{nom} : fichier vide.")
    if type_ == "csv":
        texte = _decoder(chemin.read_bytes(), nom)
        if "\x00" in texte:
            raise ErreurFichier(f"{nom} : contenu binaire, ce n'est pas un fichier CSV lisible.")
        try:
            separateur = csv.Sniffer().sniff(texte[:20000], delimiters=";,\t").delimiter
        except csv.Error:
            separateur = ";"
        lignes = list(csv.reader(io.StringIO(texte), delimiter=separateur))
        t = _premier(nom, None, lignes, candidats, ligne_entete)
    else:
        try:
            classeur = load_workbook(chemin, read_only=True, data_only=True)
        except Exception as e:  # zip corrompu, faux xlsx...
            raise ErreurFichier(f"{nom} : classeur Excel illisible ({type(e).__name__}).") from e
        noms = [feuille] if feuille else classeur.sheetnames
        if feuille and feuille not in classeur.sheetnames:
            raise ErreurFichier(f"{nom} : feuille « {feuille} » absente (feuilles : {', '.join(classeur.sheetnames)}).")
        t = None
        for f in noms:
            lignes = [list(r) for r in classeur[f].iter_rows(values_only=True)]
            t = _premier(nom, f, lignes, candidats, ligne_entete)
            if t is not None:
                break
        classeur.close()
    if t is None:
        attendus = " ; ou ".join(", ".join(a) for a in candidats.values())
        raise ErreurFichier(f"{nom} : en-tête introuvable ; colonnes attendues : "
                            f"{attendus} (dans les {LIGNES_TITRE_MAX} premières lignes).")
    return t


def _premier(nom, feuille, lignes, candidats, ligne_entete) -> tuple[str, Tableau] | None:
    for cle, attendus in candidats.items():
        t = _tableau(nom, feuille, lignes, attendus, ligne_entete)
        if t is not None:
            return cle, t
    return None

