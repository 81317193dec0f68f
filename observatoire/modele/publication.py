"""Publication de la base : les lecteurs ne voient qu'un instantané publié, ouvert en lecture seule ; un écrivain
(import, annulation, construction) travaille sur une copie à côté, la valide, puis la publie d'un coup par un
renommage atomique (``os.replace``). Les sessions ouvertes passent au nouvel instantané à leur exécution suivante.

- Les écrivains sont sérialisés par un verrou de fichier (``fcntl.flock``, libéré par le système si le processus
  meurt) : le second reçoit un message français qui dit qui écrit depuis quand.
- Un arrêt brutal (kill -9, disque plein) à tout moment laisse l'instantané publié intact : la copie de travail,
  jamais publiée, est effacée par l'écrivain suivant ou au démarrage (``nettoyer``), comme un journal DuckDB
  (``.wal``) périmé.
- L'archive des imports (``data/imports/``) est écrite avant la publication ; la base publiée fait foi : une archive
  d'un import jamais publié est retirée, l'état « annulé » d'une archive est recopié depuis la base.
- Un lecteur ouvre chaque instantané sous un nom propre (lien physique à côté de la base) ; une réplique qui monte le
  stockage partagé en lecture seule lit une copie locale de l'instantané (``copie_locale``).
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb

from observatoire import chemins
from observatoire.modele import archive_territoires

PREFIXE_TRAVAIL = ".travail-"  # copies de travail : .travail-<pid>-<horodatage>-observatoire.duckdb
PREFIXE_LECTURE = ".lecture-"  # noms de lecture d'un instantané : .lecture-<inode>-observatoire.duckdb

# mémoire de DuckDB pour une écriture ; au-delà, il écrit sur disque (à côté de la copie de travail) : la
# construction et l'import du fichier national de la DARES dans une base de toute la France tiennent sous 6 Go
MEMOIRE_ECRITURE = "3GB"


class ErreurEcriture(Exception):
    """Écriture impossible maintenant (un autre écrivain, base absente…) : message français pour la personne."""


def _verrou(publiee: Path) -> Path:
    return publiee.with_name(publiee.name + ".verrou")


def identite(publiee: Path | None = None) -> tuple[int, int, int]:
    """Identité de l'instantané publié (inode, date, taille) : change à chaque publication ; (0, 0, 0) sans base."""
    try:
        s = (publiee or chemins.base()).stat()
    except FileNotFoundError:
        return 0, 0, 0
    return s.st_ino, s.st_mtime_ns, s.st_size


def chemin_de_lecture(publiee: Path | None = None) -> Path:
    """Un nom propre à l'instantané publié (lien physique ``.lecture-<inode>-…`` vers le même fichier) : DuckDB
    garde en mémoire une base par chemin ouvert dans le processus, et rouvrir le même chemin après une publication
    rendrait l'ancienne ; un nom par instantané lui fait lire le nouveau."""
    publiee = publiee or chemins.base()
    for _ in range(5):
        inode = publiee.stat().st_ino
        lien = publiee.with_name(f"{PREFIXE_LECTURE}{inode}-{publiee.name}")
        try:
            os.link(publiee, lien)
        except FileExistsError:
            pass
        except OSError:  # stockage partagé monté en lecture seule (répliques sur plusieurs machines)
            return copie_locale(publiee)
        if lien.stat().st_ino == inode:
            return lien
        lien.unlink(missing_ok=True)  # une publication est passée entre les deux : on recommence
    raise ErreurEcriture("La base change sans cesse : réessayez dans un instant.")


def en_lecture_seule(publiee: Path | None = None) -> bool:
    """Le dossier de la base refuse l'écriture (stockage partagé monté en lecture seule sur une machine de lecture)."""
    return not os.access((publiee or chemins.base()).parent, os.W_OK)


COPIES_GARDEES = 3  # copies locales d'instantanés gardées par machine (une connexion ouverte garde la sienne lisible)


def copie_locale(publiee: Path) -> Path:
    """Quand le dossier de la base refuse le lien de lecture (stockage partagé monté en lecture seule sur une machine
    de lecture) : une copie de l'instantané publié dans le dossier temporaire de la machine, nommée par l'instantané
    (un lien symbolique ne suffit pas : DuckDB le résout et rendrait l'instantané déjà ouvert). Faite une fois par
    instantané, sous un nom temporaire puis renommée d'un coup ; les plus anciennes au-delà de COPIES_GARDEES sont
    effacées (une connexion encore ouverte sur l'une d'elles la lit toujours)."""
    dossier = Path(tempfile.gettempdir()) / f"observatoire-lecture-{os.getuid()}"
    dossier.mkdir(mode=0o700, exist_ok=True)
    for _ in range(5):
        avant = identite(publiee)
        origine = hashlib.sha1(str(publiee.resolve()).encode()).hexdigest()[:12]
        copie = dossier / f"{origine}-{avant[0]}-{avant[1]}-{publiee.name}"
        if not copie.exists():
            travail = dossier / f".{os.getpid()}-{time.time_ns()}-{copie.name}"
            shutil.copyfile(publiee, travail)
            if identite(publiee) != avant:  # une publication est passée pendant la copie : on recommence
                travail.unlink()
                continue
            os.replace(travail, copie)
        anciennes = sorted(dossier.glob(f"{origine}-*"), key=lambda f: f.stat().st_mtime_ns)[:-COPIES_GARDEES]
        for f in (f for f in anciennes if f != copie):
            f.unlink(missing_ok=True)
        return copie
    raise ErreurEcriture("La base change sans cesse : réessayez dans un instant.")


@contextmanager
def verrou_ecrivain(quoi: str, publiee: Path | None = None):
    """Un seul écrivain à la fois ; le suivant reçoit tout de suite un message (jamais d'attente muette)."""
    publiee = publiee or chemins.base()
    publiee.parent.mkdir(parents=True, exist_ok=True)
    with open(_verrou(publiee), "a+", encoding="utf-8") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            f.seek(0)
            qui = f.read().strip() or "une autre écriture"
            raise ErreurEcriture(f"La base est en cours de mise à jour ({qui}) : réessayez dans un instant. "
                                 "Rien n'a été écrit.") from None
        f.seek(0)
        f.truncate()
        f.write(f"{quoi}, commencé à {datetime.now():%H:%M:%S}")
        f.flush()
        try:
            yield
        finally:
            f.seek(0)
            f.truncate()
            fcntl.flock(f, fcntl.LOCK_UN)


def _fsync_dossier(dossier: Path) -> None:
    fd = os.open(dossier, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _publier(travail: Path, publiee: Path) -> None:
    """Met ``travail`` (base fermée, sans journal) à la place de ``publiee``, d'un coup."""
    with open(travail, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(travail, publiee)
    Path(str(publiee) + ".wal").unlink(missing_ok=True)  # jamais ouverte en écriture : un journal est périmé
    _fsync_dossier(publiee.parent)


def _valider(travail: Path) -> None:
    """La copie de travail s'ouvre et répond (faits, agrégats) avant d'être publiée."""
    with duckdb.connect(str(travail), read_only=True) as con:
        n = con.execute("SELECT (SELECT count(*) FROM faits), (SELECT count(*) FROM faits_territoires)").fetchone()
    if not all(n):
        raise ErreurEcriture("La base préparée est vide : elle n'a pas été publiée.")


@contextmanager
def ecriture(quoi: str, publiee: Path | None = None, copie: bool = True):
    """Connexion en écriture sur une copie de la base publiée (``copie=False`` : sur une base neuve, pour la
    construire) ; à la sortie sans erreur : point de contrôle, validation, publication. En cas d'erreur, la copie
    est effacée et rien n'est publié."""
    publiee = publiee or chemins.base()
    if copie and not publiee.exists():
        raise ErreurEcriture("Base absente : construisez-la d'abord (python -m observatoire build).")
    with verrou_ecrivain(quoi, publiee):
        nettoyer(publiee, verrou_tenu=True)
        travail = publiee.with_name(f"{PREFIXE_TRAVAIL}{os.getpid()}-{time.time_ns()}-{publiee.name}")
        if copie:
            shutil.copyfile(publiee, travail)
        con = duckdb.connect(str(travail), config={"memory_limit": MEMOIRE_ECRITURE})
        try:
            yield con
            con.execute("CHECKPOINT")
            con.close()
            _valider(travail)
            _publier(travail, publiee)
        finally:
            con.close()
            travail.unlink(missing_ok=True)
            Path(str(travail) + ".wal").unlink(missing_ok=True)


def nettoyer(publiee: Path | None = None, verrou_tenu: bool = False) -> list[str]:
    """Après un arrêt brutal : copies de travail et journaux périmés effacés, archive des imports remise d'accord
    avec la base publiée. Ne fait rien si un écrivain travaille. Renvoie ce qui a été fait (pour le journal)."""
    publiee = publiee or chemins.base()
    if not verrou_tenu:
        try:
            with verrou_ecrivain("nettoyage", publiee):
                return nettoyer(publiee, verrou_tenu=True)
        except ErreurEcriture:
            return []
    fait = []
    for f in publiee.parent.glob(f"{PREFIXE_TRAVAIL}*"):
        f.unlink(missing_ok=True)
        fait.append(f"copie de travail effacée : {f.name}")
    inode = publiee.stat().st_ino if publiee.exists() else None
    for f in publiee.parent.glob(f"{PREFIXE_LECTURE}*-{publiee.name}"):
        if f.stat().st_ino != inode:  # instantané remplacé : un lecteur qui l'a ouvert garde son descripteur
            f.unlink(missing_ok=True)
    wal = Path(str(publiee) + ".wal")
    if wal.exists():
        wal.unlink()
        fait.append(f"journal périmé effacé : {wal.name}")
    if publiee.exists():
        fait += _accorder_archive(publiee)
    return fait


def _accorder_archive(publiee: Path) -> list[str]:
    dossier = chemins.dossier_imports()
    if not dossier.exists():
        return []
    with duckdb.connect(str(publiee), read_only=True) as con:
        etats = dict(con.execute("SELECT import_id, annule FROM imports").fetchall())
        territoires = archive_territoires.accorder(con)
    fait = []
    for meta in dossier.glob("*.json"):
        try:
            m = json.loads(meta.read_text(encoding="utf-8"))
        except (ValueError, OSError):
            m = {"import_id": int(meta.stem)} if meta.stem.isdigit() else {}
        ident = m.get("import_id")
        if ident not in etats:  # archivé puis interrompu avant publication : l'import n'a jamais eu lieu
            for f in [*dossier.glob(f"{meta.stem}*"), *dossier.glob(f"bruts/{meta.stem}*")]:
                f.unlink()
            fait.append(f"archive d'un import jamais publié retirée : n°{ident}")
        elif bool(m.get("annule")) != bool(etats[ident]):
            m["annule"] = bool(etats[ident])
            if not etats[ident]:
                m["date_annulation"] = None
            meta.write_text(json.dumps(m, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
            fait.append(f"état de l'import n°{ident} recopié depuis la base")
    if territoires:
        fait.append("archive des territoires enregistrés recopiée depuis la base")
    return fait

