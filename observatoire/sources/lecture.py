"""Lecture de fichiers réels en cellules brutes repérées (ligne, colonne) : CSV (« ; » ou « , »,
UTF-8 avec ou sans BOM, Windows-1252) et XLSX (lignes de titre au-dessus de l'en-tête, plusieurs
feuilles). Aucun nombre n'est interprété ici : voir ``valeurs``.

Mémoire et temps bornés avant tout travail : taille du fichier, taille dépliée d'un classeur (une « bombe » zip
est refusée avant d'être décompressée), nombre de lignes et de colonnes, longueur d'une cellule. Une ligne qui a
plus de cellules que l'en-tête est refusée (jamais tronquée en silence), une ligne CSV qui en a moins aussi (sauf une
note d'un seul champ), comme une formule sans valeur calculée."""
from __future__ import annotations

import csv
import io
import re
import tempfile
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from charset_normalizer import from_bytes
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from observatoire import formats

TAILLE_MAX = 50_000_000  # octets : la même limite que le navigateur (server.maxUploadSize = 50, en Mo de 10⁶ octets)
LIMITE_TEXTE = "50 Mo (50 000 000 octets)"
DEPLIE_MAX = 250_000_000  # contenu décompressé d'un classeur XLSX
LIGNES_MAX = 2_000_000
COLONNES_MAX = 1_000
CELLULE_MAX = 10_000  # caractères
CITES_MAX = 50  # lignes ou cellules fautives citées une à une dans un message (les suivantes comptées)
EXTENSIONS = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "xlsx"}
LIGNES_TITRE_MAX = 30  # en-tête cherché dans les 30 premières lignes


class ErreurFichier(ValueError):
    """Fichier illisible dans son ensemble (type, taille, encodage, en-tête introuvable)."""


def _citer(fautes: list) -> str:
    """« 3, 7, 9 » ; au-delà de CITES_MAX : « …, 52 et 12 autres »."""
    reste = len(fautes) - CITES_MAX
    return ", ".join(str(x) for x in fautes[:CITES_MAX]) + (f" et {reste} autres" if reste > 0 else "")


def _limite(nom: str, quoi: str) -> ErreurFichier:
    return ErreurFichier(f"{nom} : {quoi} ; découpez le fichier ou retirez ce qui n'est pas à importer.")


def normaliser(texte) -> str:
    """Clé de comparaison d'en-têtes : minuscules, sans accents, « _ » et apostrophes lus comme des espaces
    (« tranche_d_age » = « Tranche d'âge »)."""
    return " ".join(formats.sans_accents(texte or "").replace("_", " ").replace("'", " ").split())


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
        return self._cles.get(normaliser(entete))

    @cached_property
    def _cles(self) -> dict[str, int]:
        """En-têtes normalisés -> première colonne : calculés une fois (linéaire en nombre de colonnes)."""
        cles: dict[str, int] = {}
        for i, e in enumerate(self.entetes):
            cles.setdefault(normaliser(e), i)
        return cles


def _decoder(brut: bytes, nom: str) -> str:
    try:
        return brut.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    meilleur = from_bytes(brut, cp_isolation=["cp1252", "latin_1", "utf_16"]).best()
    if meilleur is None:
        raise ErreurFichier(f"{nom} : encodage illisible (ni UTF-8 ni Windows-1252).")
    return str(meilleur)


def _trouver_entete(lignes: list[list], attendus: list[str], cles: list[set[str]]) -> int | None:
    attendus = [normaliser(a) for a in attendus]
    for i, c in enumerate(cles):
        if all(a in c for a in attendus):
            return i
    return None


def _tableau(nom: str, feuille: str | None, lignes: list[list], attendus: list[str], ligne_entete: int | None,
             cles: list[set[str]]):
    i = ligne_entete - 1 if ligne_entete else _trouver_entete(lignes, attendus, cles)
    if i is None or i >= len(lignes):
        return None
    entetes = [str(c).strip() if c is not None else "" for c in lignes[i]]
    while entetes and not entetes[-1]:  # cellules vides à droite de l'en-tête (tableur)
        entetes.pop()
    n = len(entetes)
    corps, trop, manque = [], [], []
    for k, c in enumerate(lignes[i + 1:]):
        if not any(x not in (None, "") for x in c):
            continue
        if len(c) > n and any(x not in (None, "") for x in c[n:]):
            trop.append(i + 2 + k)
            continue
        if feuille is None and 1 < len(c) < n:  # CSV : un champ manquant n'est pas une cellule vide (masquée) ;
            manque.append(i + 2 + k)            # une ligne d'un seul champ est une note de pied, écartée plus loin
            continue
        corps.append((i + 2 + k, list(c[:n]) + [None] * (n - len(c))))
    lieu = nom + (f", feuille « {feuille} »" if feuille else "")
    if manque:
        raise ErreurFichier(f"{lieu} : {len(manque)} ligne(s) ont moins de champs que l'en-tête ({n} colonnes) : "
                            f"lignes {_citer(manque)}. Une cellule vide s'écrit avec son séparateur (« ;; ») ; "
                            "vérifiez le séparateur et les guillemets.")
    if trop:
        raise ErreurFichier(f"{lieu} : {len(trop)} ligne(s) ont plus de cellules que l'en-tête ({n} colonnes), "
                            f"valeurs en trop après la colonne {get_column_letter(n) if feuille else n} : lignes "
                            f"{_citer(trop)}. Vérifiez le séparateur et les guillemets.")
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
    try:
        if chemin.is_dir():
            raise ErreurFichier(f"{nom} : c'est un dossier, pas un fichier.")
        taille = chemin.stat().st_size
    except FileNotFoundError:
        raise ErreurFichier(f"{nom} : fichier introuvable.") from None
    except OSError as e:  # nom trop long, droits…
        raise ErreurFichier(f"{nom[:80]}{'…' if len(nom) > 80 else ''} : fichier illisible ({e.strerror}).") from None
    if taille > TAILLE_MAX:
        raise ErreurFichier(f"{nom} : fichier trop volumineux ({taille / 1e6:.0f} Mo) ; maximum {LIMITE_TEXTE}.")
    if taille == 0:
        raise ErreurFichier(f"{nom} : fichier vide.")
    if type_ == "csv":
        t = _premier(nom, None, _lignes_csv(chemin, nom), candidats, ligne_entete)
    else:
        t = None
        for f, lignes in _feuilles(chemin, nom, feuille):
            t = _premier(nom, f, lignes, candidats, ligne_entete)
            if t is not None:
                break
    if t is None:
        attendus = " ; ou ".join(", ".join(a) for a in candidats.values())
        raise ErreurFichier(f"{nom} : en-tête introuvable ; colonnes attendues : "
                            f"{attendus} (dans les {LIGNES_TITRE_MAX} premières lignes).")
    return t


def _lignes_csv(chemin: Path, nom: str) -> list[list]:
    texte = _decoder(chemin.read_bytes(), nom)
    if "\x00" in texte:
        raise ErreurFichier(f"{nom} : contenu binaire, ce n'est pas un fichier CSV lisible.")
    try:
        separateur = csv.Sniffer().sniff(texte[:20000], delimiters=";,\t").delimiter
    except csv.Error:
        separateur = ";"
    lecteur = csv.reader(io.StringIO(texte), delimiter=separateur)
    lignes = []
    csv.field_size_limit(CELLULE_MAX)
    try:
        for ligne in lecteur:
            if len(ligne) > COLONNES_MAX:
                raise _limite(nom, f"ligne {lecteur.line_num} : {len(ligne)} colonnes (au plus {COLONNES_MAX})")
            lignes.append(ligne)
            if len(lignes) > LIGNES_MAX:
                raise _limite(nom, f"plus de {LIGNES_MAX:,} lignes".replace(",", "\u202f"))
    except csv.Error as e:
        quoi = (f"une cellule dépasse {CELLULE_MAX:,} caractères".replace(",", "\u202f")
                if "field larger" in str(e) else f"CSV mal formé ({e})")
        raise ErreurFichier(f"{nom}, ligne {lecteur.line_num} : {quoi} (guillemet non fermé ?).") from None
    return lignes


def _feuilles(chemin: Path, nom: str, feuille: str | None):
    """(nom de feuille, lignes) de chaque feuille (ou de ``feuille``), après les contrôles de taille dépliée,
    de dimensions et de formules sans valeur."""
    try:
        with zipfile.ZipFile(chemin) as z:
            deplie = sum(i.file_size for i in z.infolist())  # annoncé par l'archive, lu sans rien décompresser
            if deplie > DEPLIE_MAX:
                raise _limite(nom, f"classeur de {deplie / 1e6:.0f} Mo une fois décompressé (au plus "
                                   f"{DEPLIE_MAX / 1e6:.0f} Mo)")
            formules = _a_des_formules(z)
    except zipfile.BadZipFile:
        raise ErreurFichier(f"{nom} : classeur Excel illisible (ce n'est pas un fichier .xlsx valide).") from None
    try:
        classeur = load_workbook(chemin, read_only=True, data_only=True)
    except Exception as e:  # zip corrompu, faux xlsx...
        raise ErreurFichier(f"{nom} : classeur Excel illisible ({type(e).__name__}).") from e
    try:
        noms = [feuille] if feuille else classeur.sheetnames
        if feuille and feuille not in classeur.sheetnames:
            raise ErreurFichier(f"{nom} : feuille « {feuille} » absente (feuilles : {', '.join(classeur.sheetnames)}).")
        for f in noms:
            ws = classeur[f]
            if (ws.max_column or 0) > COLONNES_MAX or (ws.max_row or 0) > LIGNES_MAX:
                raise _limite(nom, f"feuille « {f} » de {ws.max_row} lignes × {ws.max_column} colonnes (au plus "
                                   f"{LIGNES_MAX} lignes et {COLONNES_MAX} colonnes)")
            lignes = []
            for r in ws.iter_rows(values_only=True):
                if len(r) > COLONNES_MAX:
                    raise _limite(nom, f"feuille « {f} », ligne {len(lignes) + 1} : {len(r)} colonnes")
                lignes.append(list(r))
                if len(lignes) > LIGNES_MAX:
                    raise _limite(nom, f"feuille « {f} » de plus de {LIGNES_MAX} lignes")
            if formules:
                _sans_formule_orpheline(chemin, nom, f, lignes)
            yield f, lignes
    finally:
        classeur.close()


def _a_des_formules(z: zipfile.ZipFile) -> bool:
    """Une feuille contient-elle une formule (élément ``<f>``) ? Lu par morceaux, sans tout décompresser en mémoire."""
    for info in z.infolist():
        if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
            with z.open(info) as flux:
                reste = b""
                while morceau := flux.read(1 << 20):
                    if re.search(rb"<(?:\w+:)?f[ >/]", reste + morceau):
                        return True
                    reste = morceau[-16:]
    return False


def _sans_formule_orpheline(chemin: Path, nom: str, feuille: str, lignes: list[list]) -> None:
    """Une formule enregistrée sans valeur calculée (classeur écrit par un programme, jamais ouvert dans un
    tableur) se lirait « vide » : refusée, en nommant ses cellules."""
    vides = {(i, j) for i, r in enumerate(lignes) for j, x in enumerate(r) if x is None}
    if not vides:
        return
    classeur = load_workbook(chemin, read_only=True, data_only=False)
    try:
        orphelines = [f"{get_column_letter(j + 1)}{i + 1}"
                      for i, r in enumerate(classeur[feuille].iter_rows(values_only=True))
                      for j, x in enumerate(r) if isinstance(x, str) and x.startswith("=") and (i, j) in vides]
    finally:
        classeur.close()
    if orphelines:
        raise ErreurFichier(f"{nom}, feuille « {feuille} » : formule sans valeur calculée en {_citer(orphelines)} ; "
                            "ouvrez le classeur dans un tableur, enregistrez-le, puis déposez-le à nouveau.")


def _premier(nom, feuille, lignes, candidats, ligne_entete) -> tuple[str, Tableau] | None:
    cles = [{normaliser(c) for c in cellules} for cellules in lignes[:LIGNES_TITRE_MAX]]
    for cle, attendus in candidats.items():
        t = _tableau(nom, feuille, lignes, attendus, ligne_entete, cles)
        if t is not None:
            return cle, t
    return None


@contextmanager
def copie_temporaire(contenu: bytes, nom: str, mapping: bytes | None = None):
    """Un fichier déposé (et son mapping) copié dans un dossier temporaire effacé à la sortie, quoi qu'il arrive.
    Sur disque, un nom fixe (seule l'extension du nom déposé est gardée) : un nom de 300 caractères ou
    « ../x » ne sert jamais de chemin. Renvoie (chemin du fichier, chemin du mapping ou None)."""
    extension = Path(nom).suffix.lower()[:8]
    with tempfile.TemporaryDirectory(prefix="import-") as dossier:
        chemin = Path(dossier) / f"fichier{extension}"
        chemin.write_bytes(contenu)
        chemin_mapping = None
        if mapping is not None:
            chemin_mapping = Path(dossier) / "mapping.yaml"
            chemin_mapping.write_bytes(mapping)
        yield chemin, chemin_mapping
