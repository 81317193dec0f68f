"""Classeur open data de l'enquête « Besoins en main-d'œuvre » (BMO) de France Travail, lu tel qu'il est publié
(``Base_open_data_BMO_AAAA.xlsx`` : une feuille de description, puis ``BMO_AAAA_open_data``). Les enquêtes
jusqu'à 2024 sont publiées en archive ZIP (``Base_open_data_BMO_AAAA.zip``) qui contient ce classeur : lue de même.

Colonnes reprises : ``annee``, ``Code métier BMO``, ``Nom métier BMO``, ``Famille_met``, ``Lbl_fam_met``,
``REG``, ``Dept``, ``BEaa``/``NOMBEaa`` (bassin d'emploi de l'année, « BE24 » en 2024), ``met`` (projets de
recrutement), ``xmet`` (dont difficiles), ``smet`` (dont saisonniers). On garde la région des départements
couverts : les bassins des départements couverts pour la page « Métiers qui recrutent », les autres pour le
total régional. « * » (secret statistique) reste vide, jamais 0. Utilisé par ``actualiser`` (les régions de la
couverture) et par ``scripts/refresh_bmo.py`` (toute la France : le fichier embarqué ``data/ref/bmo_2024.csv.gz``)."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pandas as pd

from observatoire.sources.lecture import ErreurFichier, lire, normaliser

FIXES = {"annee": "annee", "Code métier BMO": "code_metier", "Nom métier BMO": "metier", "Famille_met": "famille",
         "Lbl_fam_met": "libelle_famille", "REG": "region", "Dept": "departement", "met": "projets",
         "xmet": "difficiles", "smet": "saisonniers"}
COLONNES = ["annee", "code_metier", "metier", "famille", "libelle_famille", "region", "departement", "bassin",
            "nom_bassin", "projets", "difficiles", "saisonniers"]
EFFECTIFS = ("projets", "difficiles", "saisonniers")


def _effectif(cellule, ou: str) -> float | None:
    texte = str(cellule if cellule is not None else "").strip()
    if texte in ("*", ""):
        return None
    try:
        return float(int(float(texte)))
    except ValueError:
        raise ErreurFichier(f"{ou} : « {texte[:40]} » n'est ni un effectif ni « * » (secret statistique).") from None


DERNIERE_EN_ZIP = 2024  # les enquêtes jusqu'à 2024 sont publiées en ZIP, les suivantes en .xlsx


def nom_du_fichier(annee: int | str) -> str:
    """« Base_open_data_BMO_2025.xlsx », « Base_open_data_BMO_2024.zip » (le nom publié de l'enquête d'une année)."""
    ext = "zip" if str(annee).isdigit() and int(annee) <= DERNIERE_EN_ZIP else "xlsx"
    return f"Base_open_data_BMO_{annee}.{ext}"


def classeur_de_l_archive(contenu: bytes, nom: str) -> bytes:
    """Le classeur .xlsx qu'une archive ZIP de l'enquête contient ; ErreurFichier s'il n'y en a pas exactement un."""
    try:
        with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
            classeurs = [n for n in archive.namelist() if n.lower().endswith(".xlsx") and not n.startswith("__MACOSX")]
            if len(classeurs) != 1:
                raise ErreurFichier(f"{nom} : l'archive contient {len(classeurs)} classeur(s) .xlsx au lieu d'un "
                                    "(le classeur open data de l'enquête).")
            return archive.read(classeurs[0])
    except zipfile.BadZipFile:
        raise ErreurFichier(f"{nom} : archive ZIP illisible (téléchargement incomplet ?).") from None


def lire_classeur(chemin: Path, nom: str | None = None, regions: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Lignes des ``regions`` (toutes si None ; colonnes ``COLONNES``, triées par bassin puis métier) ; ErreurFichier
    en français si le classeur n'a pas la disposition publiée ou si un effectif est illisible. ``chemin`` : le
    classeur, ou l'archive ZIP qui le contient."""
    nom = nom or chemin.name
    if chemin.suffix.lower() == ".zip":
        classeur = chemin.with_name(chemin.stem + ".xlsx")
        classeur.write_bytes(classeur_de_l_archive(chemin.read_bytes(), nom))
        try:
            return lire_classeur(classeur, nom, regions)
        finally:
            classeur.unlink()
    t = lire(chemin, list(FIXES), nom=nom)
    cles = [normaliser(e) for e in t.entetes]
    bassin = next((i for i, c in enumerate(cles) if re.fullmatch(r"be ?\d\d", c)), None)
    nom_bassin = next((i for i, c in enumerate(cles) if re.fullmatch(r"nombe ?\d\d", c)), None)
    if bassin is None or nom_bassin is None:
        raise ErreurFichier(f"{nom} : colonnes du bassin d'emploi (« BE24 », « NOMBE24 »…) introuvables.")
    position = {sortie: t.index(entree) for entree, sortie in FIXES.items()} | {"bassin": bassin,
                                                                                 "nom_bassin": nom_bassin}
    lignes = []
    for numero, cel in t.lignes:
        r = {c: cel[i] for c, i in position.items()}
        if regions is not None and str(r["region"]).strip() not in regions:
            continue
        for c in EFFECTIFS:
            r[c] = _effectif(r[c], t.ou(numero, position[c]))
        for c in set(COLONNES) - set(EFFECTIFS):
            r[c] = str(r[c]).strip() if r[c] is not None else ""
        r["departement"] = r["departement"].zfill(2)
        if not re.fullmatch(r"\d{4}", r["annee"].split(".")[0]):
            raise ErreurFichier(f"{t.ou(numero, position['annee'])} : année « {r['annee'][:20]} » illisible.")
        r["annee"] = r["annee"].split(".")[0]
        lignes.append(r)
    if not lignes:
        raise ErreurFichier(f"{nom} : aucune ligne des régions {', '.join(regions or ())}.")
    df = pd.DataFrame(lignes, columns=COLONNES)
    if df.annee.nunique() > 1:
        raise ErreurFichier(f"{nom} : plusieurs années d'enquête ({', '.join(sorted(df.annee.unique()))}).")
    doublons = df.duplicated(["bassin", "departement", "code_metier"]).sum()  # un bassin à cheval : une ligne par
    if doublons:                                                                # département
        raise ErreurFichier(f"{nom} : {doublons} métier(s) en double dans un même bassin et département.")
    return df.sort_values(["bassin", "departement", "code_metier"], ignore_index=True)
