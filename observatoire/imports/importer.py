"""Import de fichiers officiels : lecture, validation complète, écriture en une transaction, journal, annulation.

Un import réussit entièrement ou ne touche à rien : tous les problèmes sont cherchés avant d'ouvrir la
base en écriture ; en cas d'erreur, la base n'est pas ouverte en écriture (fichier identique octet pour
octet). Chaque import réussi est archivé (lignes normalisées + métadonnées) dans data/imports/ pour
que ``build`` le rejoue, et s'annule par ``annuler``.
"""
from __future__ import annotations

import hashlib
import json
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

from observatoire import chemins, couverture, formats, referentiel
from observatoire.modele import base, publication
from observatoire.modele.archive_imports import COLONNES, archiver, ecrire
from observatoire.sources import dares_national, depose, grand_fichier, officiels
from observatoire.sources.extraction import FORMAT_LONG, PROBLEMES_MAX, Valeur
from observatoire.sources.lecture import ErreurFichier, lire, lire_un_de


class ErreurImport(Exception):
    def __init__(self, problemes: list[str]):
        super().__init__("\n".join(problemes))
        self.problemes = problemes


TABLEAU = ["indicateur", "code_commune", "territoire", "date", "valeur", "statut", "source"]
APERCU = ["Ligne", "Commune ou territoire", "Indicateur", "Date", "Valeur"]


@dataclass
class Rapport:
    fichier: str
    sha256: str
    valeurs: list[Valeur] = field(default_factory=list)
    import_id: int | None = None
    disposition: str = FORMAT_LONG
    ignorees: dict[tuple[str, str], int] = field(default_factory=dict)  # (ligne ou colonne, motif) -> nombre
    bmo: pd.DataFrame | None = None  # enquête BMO (observatoire.sources.bmo) au lieu de valeurs d'indicateurs
    faits: pd.DataFrame | None = None  # fichier national lu en colonnes (dares_national) au lieu de ``valeurs``

    def tableau(self) -> pd.DataFrame:
        """Les valeurs lues, une ligne chacune : indicateur, code_commune, territoire (chiffre publié à l'échelle
        d'un territoire, sinon vide), date, valeur, statut, source."""
        if self.faits is not None:
            return self.faits[TABLEAU]
        return pd.DataFrame([(v.indicateur, v.code_commune, v.territoire, v.date, v.valeur, v.statut, v.source)
                             for v in self.valeurs], columns=TABLEAU)

    def a_l_echelle(self, df: pd.DataFrame) -> pd.Series:
        """Les lignes de ``tableau()`` publiées à l'échelle d'un territoire (les autres : une commune)."""
        return df.territoire.fillna("") != ""

    def resume(self) -> str:
        df = self.tableau()
        statuts = df.statut.value_counts().to_dict()
        return (f"{self.fichier} : {len(df)} valeurs valides ({statuts.get('ok', 0)} renseignées, "
                f"{statuts.get('secret', 0)} secrètes, {statuts.get('missing', 0)} manquantes), "
                f"{df.indicateur.nunique()} indicateur(s), {df.date.nunique()} date(s).")

    def apercu(self, territoires: dict[str, str], indicateurs: dict[str, str], n: int = 200) -> pd.DataFrame:
        """Les ``n`` premières valeurs lues, en français, telles que le rapport de validation les montre."""
        return pd.DataFrame([(v.ligne, territoires[v.lieu], indicateurs[v.indicateur], formats.jour(v.date),
                              "manquant" if v.statut == "missing" else formats.valeur_ou_absence(v.valeur, v.statut))
                             for v in self.valeurs[:n]], columns=APERCU)  # « manquant » : une cellule vide du fichier

    def lecture(self) -> list[str]:
        """Ce qui a été reconnu et ce qui a été écarté (sans erreur), pour le rapport de validation."""
        lignes = [f"Disposition reconnue : {self.disposition}."]
        lignes += [f"Écartée{'s' if n > 1 else ''} sans erreur : {formats.accorder(n, unite)} {motif}."
                   for (unite, motif), n in self.ignorees.items()]
        return lignes


def analyser(chemin: Path, mapping: Path | None = None, nom: str | None = None,
             nom_mapping: str | None = None) -> Rapport:
    """Lit et valide sans rien écrire ; lève ErreurImport avec tous les problèmes. ``nom``, ``nom_mapping`` : les
    noms des fichiers dans les messages (ceux des fichiers déposés ; par défaut ceux des chemins)."""
    nom = nom or chemin.name
    if mapping is None and grand_fichier.a_reduire(chemin) and couverture.courante().toute_la_france:
        return _analyser_en_colonnes(chemin, nom)  # fichier national, base de toute la France : lu par DuckDB
    if mapping is None and grand_fichier.a_reduire(chemin):  # fichier national : réduit aux communes couvertes
        with tempfile.TemporaryDirectory(prefix="extrait-") as dossier:
            try:
                extrait, nom_extrait, ecartees = grand_fichier.reduire(chemin, Path(dossier), nom, officiels.EN_TETES)
            except ErreurFichier as e:
                raise ErreurImport([str(e)]) from e
            rapport = _analyser(extrait, None, nom_extrait, None)
        rapport.fichier, rapport.sha256 = nom, _empreinte(chemin)
        motif = f"de commune {couverture.courante().hors} (retirées du fichier avant sa lecture)"
        rapport.ignorees = {("ligne", motif): ecartees, **rapport.ignorees}
        return rapport
    return _analyser(chemin, mapping, nom, nom_mapping)


def _bornes(nom: str, problemes: list[str], non_cites: int) -> list[str]:
    """Les PROBLEMES_MAX premiers problèmes, puis le nombre des autres (``non_cites`` : ceux que la lecture n'a pas
    gardés)."""
    en_plus = non_cites + max(len(problemes) - PROBLEMES_MAX, 0)
    return problemes[:PROBLEMES_MAX] + ([f"{nom} : et {en_plus} autres problèmes, non détaillés (le fichier est-il du "
                                         "bon type ?)."] if en_plus else [])


def _analyser_en_colonnes(chemin: Path, nom: str) -> Rapport:
    """Le fichier communal national de la DARES lu et contrôlé par DuckDB (``dares_national``), mêmes règles et
    mêmes messages que la lecture cellule par cellule."""
    with tempfile.TemporaryDirectory(prefix="entete-") as dossier:
        try:
            _, t, separateur, _ = grand_fichier.lire_entete(chemin, Path(dossier), nom, officiels.EN_TETES)
            lu = dares_national.lire(chemin, t, separateur, Path(dossier))
        except ErreurFichier as e:
            raise ErreurImport([str(e)]) from e
    problemes = _bornes(nom, lu.problemes, lu.problemes_en_plus)
    if lu.faits.empty and not problemes:
        problemes.append(f"{nom} : aucune ligne de données sous l'en-tête (ligne {t.ligne_entete}).")
    if problemes:
        raise ErreurImport(problemes)
    return Rapport(nom, _empreinte(chemin), disposition=lu.disposition, ignorees=dict(lu.ignorees), faits=lu.faits)


def _analyser(chemin: Path, mapping: Path | None, nom: str, nom_mapping: str | None) -> Rapport:
    nom_mapping = nom_mapping or (mapping.name if mapping else None)
    try:
        m = depose.lire_mapping(mapping, nom_mapping)
        source = str(m.get("source", f"import:{nom}"))
        if m:
            attendus = [m["colonne_commune"]]
            t = lire(chemin, attendus, m.get("feuille"), m.get("ligne_entete"), nom)
            ex = depose.lire_large(t, m, source, nom_mapping)
        else:
            disposition, t = lire_un_de(chemin, {**officiels.EN_TETES, "long": depose.COLONNES_LONG}, nom=nom)
            ex = depose.lire_long(t, source) if disposition == "long" else officiels.extraire(disposition, t)
    except ErreurFichier as e:
        raise ErreurImport([str(e)]) from e
    problemes = ex.problemes + (depose.coherence(ex.valeurs, ex.arrondi) if not ex.problemes_en_plus else [])
    problemes = _bornes(nom, problemes, ex.problemes_en_plus)
    if not ex.valeurs and not problemes:
        problemes.append(f"{nom} : aucune ligne de données sous l'en-tête (ligne {t.ligne_entete}).")
    if problemes:
        raise ErreurImport(problemes)
    return Rapport(nom, _empreinte(chemin), ex.valeurs,
                   disposition=ex.disposition, ignorees=dict(ex.ignorees))


def _empreinte(chemin: Path) -> str:
    """SHA-256 du fichier, lu par blocs (un fichier national ne tient pas en mémoire d'un coup)."""
    with open(chemin, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


@dataclass
class Consequences:
    """Ce que l'import changerait, calculé avant la confirmation sur la base telle qu'elle est."""
    totaux_incomplets: pd.DataFrame  # queries/import_totaux_incomplets.sql
    demonstration: pd.DataFrame  # queries/import_demonstration_retiree.sql
    a_l_echelle: list[str] = field(default_factory=list)  # territoires recevant un chiffre publié à leur échelle

    def resume(self) -> str:
        t, d, a = self.totaux_incomplets, self.demonstration, formats.accorder
        phrases = []
        if len(d):
            n, m = d.remplacees.sum(), d.retirees_sans_remplacement.sum()
            phrases.append(f"{a(n, 'valeur')} de démonstration {'sera remplacée' if n < 2 else 'seront remplacées'} "
                           f"par l'import et {a(m, 'autre')} {'retirée' if m < 2 else 'retirées'} sans "
                           "remplacement, pour ne pas mêler démonstration et données réelles")
        incomplets, vides = t[t.apres == "incomplet"], t[t.apres == "sans valeur"]
        if len(incomplets):
            phrases.append(f"le total de {a(incomplets.territoire.nunique(), 'territoire')} deviendra incomplet")
        if len(vides):
            n = vides.territoire.nunique()
            verbe = "n'aura" if n < 2 else "n'auront"
            phrases.append(f"{a(n, 'territoire')} {verbe} plus de valeur")
        if self.a_l_echelle:
            noms = ", ".join(referentiel.territoire(x).nom for x in self.a_l_echelle)
            phrases.append(f"le chiffre publié à l'échelle du territoire remplacera la somme des communes pour : "
                           f"{noms}")
        if t.empty:
            phrases.append("aucun total ne deviendra incomplet")
        return "Si vous confirmez : " + " ; ".join(phrases) + "."


def consequences(con, rapport: Rapport) -> Consequences:
    """Totaux qui deviendraient incomplets, valeurs de démonstration qui disparaîtraient, territoires dont le
    chiffre publié à leur échelle remplacerait la somme des communes (lecture seule)."""
    df = rapport.tableau()
    communales = df[~rapport.a_l_echelle(df)]
    cles = {"indicateurs": communales.indicateur.tolist(), "communes": communales.code_commune.tolist(),
            "dates": pd.to_datetime(communales.date).dt.date.tolist()}
    return Consequences(
        base.requete(con, "import_totaux_incomplets", **cles, statuts=communales.statut.tolist()),
        base.requete(con, "import_demonstration_retiree", **cles),
        sorted(set(df.territoire[rapport.a_l_echelle(df)])))


# --- écriture, journal, annulation ------------------------------------------------------------------------
def _tables(import_id: int, rapport: Rapport) -> dict[str, pd.DataFrame]:
    """Les lignes à écrire : valeurs communales (faits_import), publiées à l'échelle d'un territoire, enquête BMO."""
    df = rapport.tableau().assign(import_id=import_id)
    niveau = rapport.a_l_echelle(df)
    tables = {"faits_import": df[~niveau][COLONNES["faits_import"]],
              "faits_import_niveau": df[niveau][COLONNES["faits_import_niveau"]]}
    if rapport.bmo is not None:
        tables["bmo_import"] = rapport.bmo.assign(import_id=import_id)[COLONNES["bmo_import"]]
    return tables


def _archiver(import_id: int, meta: dict, tables: dict[str, pd.DataFrame], brut: tuple[str, bytes] | None) -> None:
    dossier = chemins.dossier_imports()
    dossier.mkdir(parents=True, exist_ok=True)
    archiver(dossier, import_id, tables)
    if brut is not None:  # le fichier tel que téléchargé, pour relire ce qui a été reçu
        (dossier / "bruts").mkdir(exist_ok=True)
        (dossier / "bruts" / f"{import_id:05d}{brut[0]}").write_bytes(brut[1])
    (dossier / f"{import_id:05d}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1, default=str),
                                                   encoding="utf-8")


@contextmanager
def ecriture(quoi: str):
    """publication.ecriture, dont le refus (un autre écrivain, base absente) devient une ErreurImport."""
    try:
        with publication.ecriture(quoi) as con:
            yield con
    except publication.ErreurEcriture as e:
        raise ErreurImport([str(e)]) from None


def importer(chemin: Path, mapping: Path | None = None, essai: bool = False, nom: str | None = None,
             par: str = "local", nom_mapping: str | None = None) -> Rapport:
    """Valide puis écrit sur une copie de la base, archive, et publie (publication.ecriture) : les lecteurs ne
    voient jamais une base à moitié écrite. ``par`` : qui importe (journal)."""
    rapport = analyser(chemin, mapping, nom, nom_mapping)
    if essai:
        return rapport
    return enregistrer(rapport, par, mapping.read_text(encoding="utf-8") if mapping else None)


def enregistrer(rapport: Rapport, par: str, mapping: str | None = None, origine: dict | None = None,
                brut: tuple[str, bytes] | None = None) -> Rapport:
    """Écrit un rapport validé en un import (journal, archive, publication). ``origine`` : jeu, url et modifie
    d'un import d'``actualiser`` ; ``brut`` : (extension, octets) du fichier téléchargé, archivé tel quel."""
    with ecriture(f"import de {rapport.fichier} par {par}") as con:
        deja = con.execute("SELECT import_id FROM imports WHERE sha256 = ? AND NOT annule",
                           [rapport.sha256]).fetchone()
        if deja:
            raise ErreurImport([f"{rapport.fichier} : fichier déjà importé (import n°{deja[0]}) ; annulez-le "
                                "d'abord pour le réimporter."])
        import_id = con.execute("SELECT nextval('import_id')").fetchone()[0]
        tables = _tables(import_id, rapport)
        lignes = len(tables["faits_import"]) + len(tables["faits_import_niveau"])
        meta = {"import_id": import_id, "fichier": rapport.fichier, "sha256": rapport.sha256,
                "lignes": lignes, "date_import": datetime.now().replace(microsecond=0),
                "mapping": mapping, "annule": False, "date_annulation": None, "par": par, "annule_par": None,
                "jeu": None, "url": None, "modifie": None} | (origine or {})
        con.begin()
        ecrire(con, meta, tables)
        base.rafraichir_faits(con, [import_id])
        con.commit()
        _archiver(import_id, meta, tables, brut)  # archivé avant la publication : jamais publié sans archive
    rapport.import_id = import_id
    return rapport


def annuler(import_id: int, par: str = "local") -> None:
    meta_f = chemins.dossier_imports() / f"{import_id:05d}.json"
    with ecriture(f"annulation de l'import n°{import_id} par {par}") as con:
        ligne = con.execute("SELECT annule FROM imports WHERE import_id = ?", [import_id]).fetchone()
        if ligne is None:
            raise ErreurImport([f"Import n°{import_id} inconnu (voir python -m observatoire imports)."])
        if ligne[0]:
            raise ErreurImport([f"Import n°{import_id} déjà annulé."])
        quand = datetime.now().replace(microsecond=0)
        con.begin()
        con.execute("UPDATE imports SET annule = true, date_annulation = ?, annule_par = ? WHERE import_id = ?",
                    [quand, par, import_id])
        base.rafraichir_faits(con, [import_id])
        con.commit()
        if meta_f.exists():  # archive mise à jour avant la publication (remise d'accord si arrêt entre les deux)
            meta = json.loads(meta_f.read_text(encoding="utf-8"))
            meta.update(annule=True, date_annulation=quand.isoformat(sep=" "), annule_par=par)
            meta_f.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")


def journal(con) -> pd.DataFrame:
    return base.requete(con, "journal_imports")
