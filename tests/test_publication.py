"""Lecteurs jamais dérangés par un écrivain : l'import écrit une copie, la publie d'un coup ; les
lecteurs ouverts gardent leur instantané ; un second écrivain reçoit un message ; un arrêt brutal à tout moment
laisse la base publiée intacte (ou entièrement la suivante) et le démarrage suivant nettoie."""
from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from observatoire import chemins
from observatoire.imports.importer import ErreurImport, annuler, importer
from observatoire.modele import archive_imports, base, publication

from .test_importer import ENTETE, ecrire

RACINE = Path(__file__).resolve().parent.parent


def nb_imports(chemin: Path) -> int:
    with duckdb.connect(str(chemin), read_only=True) as c:
        return c.execute("SELECT count(*) FROM imports WHERE NOT annule").fetchone()[0]


def empreinte(chemin: Path) -> str:
    return hashlib.sha256(chemin.read_bytes()).hexdigest()


def test_un_lecteur_ouvert_garde_son_instantane_pendant_un_import(base_copie, tmp_path):
    lecteur = duckdb.connect(str(base_copie), read_only=True)  # comme l'application : lecture seule, ouverte
    avant = publication.identite()
    importer(ecrire(tmp_path / "r.csv", ENTETE + "59512;demandeurs_abc;2022-12-31;14900\n"), par="alice")
    assert publication.identite() != avant
    assert lecteur.execute("SELECT count(*) FROM imports").fetchone()[0] == 0  # son instantané, intact
    lecteur.close()
    with duckdb.connect(str(base_copie), read_only=True) as nouveau:
        assert nouveau.execute("SELECT par FROM imports").fetchall() == [("alice",)]
    assert not list(base_copie.parent.glob(".travail-*")) and not Path(str(base_copie) + ".wal").exists()


def test_replique_sur_stockage_partage_en_lecture_seule(base_copie, tmp_path, monkeypatch):
    """Une réplique sur une autre machine monte le dossier de la base en lecture seule : elle ne peut pas y créer le
    lien de lecture d'un instantané. Elle lit une copie locale, nommée par l'instantané ; après une publication, une
    nouvelle copie montre le nouvel instantané, la connexion ouverte garde l'ancien, et les copies ne s'accumulent pas."""
    import tempfile
    partage = os.link

    def lecture_seule(source, cible, *args, **kwargs):
        if Path(cible).parent == base_copie.parent:
            raise OSError(30, "Read-only file system")  # EROFS
        return partage(source, cible, *args, **kwargs)
    machine = tmp_path / "machine"
    machine.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(machine))
    monkeypatch.setattr(os, "link", lecture_seule)
    chemin = publication.chemin_de_lecture()
    assert machine in chemin.parents and chemin.read_bytes() == base_copie.read_bytes()
    assert publication.chemin_de_lecture() == chemin  # une copie par instantané, pas une par appel
    lecteur = base.connecter(chemin=chemin)
    for k in range(publication.COPIES_GARDEES + 1):
        monkeypatch.setattr(os, "link", partage)  # l'écrivain, lui, écrit sur le stockage partagé
        importer(ecrire(tmp_path / f"r{k}.csv", ENTETE + f"59512;demandeurs_abc;2022-12-31;{14900 + k}\n"), par="alice")
        monkeypatch.setattr(os, "link", lecture_seule)
        nouveau = publication.chemin_de_lecture()
        with base.connecter(chemin=nouveau) as con:
            assert con.execute("SELECT count(*) FROM imports").fetchone()[0] == k + 1
    assert nouveau != chemin and lecteur.execute("SELECT count(*) FROM imports").fetchone()[0] == 0  # intact
    lecteur.close()
    assert len(list(chemin.parent.glob("*observatoire.duckdb"))) == publication.COPIES_GARDEES


def test_replique_demarre_sur_un_stockage_en_lecture_seule(base_copie, monkeypatch):
    """Au démarrage, une réplique dont le stockage partagé est monté en lecture seule ne tente pas le nettoyage (il
    prend le verrou de l'écrivain, un fichier à côté de la base) : il revient à l'écrivain."""
    from observatoire.appli import serveur
    acces = os.access
    monkeypatch.setattr(os, "access", lambda chemin, mode, *a, **k: False if Path(chemin) == base_copie.parent
                        and mode & os.W_OK else acces(chemin, mode, *a, **k))
    assert publication.en_lecture_seule()

    def nettoyer(*args, **kwargs):
        raise OSError(30, "Read-only file system")
    monkeypatch.setattr(publication, "nettoyer", nettoyer)
    assert serveur.prechauffer() > 0


def test_second_ecrivain_message_francais(base_copie, tmp_path):
    f = ecrire(tmp_path / "r.csv", ENTETE + "59512;demandeurs_abc;2022-12-31;14900\n")
    avant = empreinte(base_copie)
    with publication.verrou_ecrivain("import de dares.csv par alice"):
        with pytest.raises(ErreurImport) as e:
            importer(f, par="bob")
    assert e.value.problemes == ["La base est en cours de mise à jour (import de dares.csv par alice, commencé à "
                                 f"{e.value.problemes[0].split('commencé à ')[1].split(')')[0]}) : réessayez dans un "
                                 "instant. Rien n'a été écrit."]
    assert empreinte(base_copie) == avant


def test_import_en_ligne_de_commande_pendant_que_l_application_lit(base_copie, tmp_path):
    """Un autre processus tient la base ouverte en lecture (l'application) : l'import en ligne de commande passe."""
    f = ecrire(tmp_path / "r.csv", ENTETE + "59512;demandeurs_abc;2022-12-31;14900\n")
    app = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], "
                            "read_only=True); c.execute('SELECT 1'); print('ok', flush=True); time.sleep(60)",
                            str(base_copie)], stdout=subprocess.PIPE, text=True)
    try:
        assert app.stdout.readline().strip() == "ok"
        r = subprocess.run([sys.executable, "-m", "observatoire", "import", str(f)], cwd=RACINE, env=os.environ,
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
        assert "Import n°1 enregistré" in r.stdout
    finally:
        app.kill()
    with duckdb.connect(str(base_copie), read_only=True) as c:
        assert c.execute("SELECT par FROM imports").fetchone()[0].startswith("ligne de commande")


def test_annulation_dit_qui_annule(base_copie, tmp_path):
    r = importer(ecrire(tmp_path / "r.csv", ENTETE + "59512;demandeurs_abc;2022-12-31;14900\n"), par="alice")
    annuler(r.import_id, par="bob")
    with duckdb.connect(str(base_copie), read_only=True) as c:
        assert c.execute("SELECT par, annule, annule_par FROM imports").fetchall() == [("alice", True, "bob")]
    meta = json.loads((chemins.dossier_imports() / "00001.json").read_text(encoding="utf-8"))
    assert (meta["par"], meta["annule"], meta["annule_par"]) == ("alice", True, "bob")


def test_nettoyage_apres_arret_brutal(base_copie, tmp_path):
    """Copie de travail et journal abandonnés, archive d'un import jamais publié : effacés ; la base publiée fait
    foi pour l'état « annulé » d'une archive."""
    r = importer(ecrire(tmp_path / "r.csv", ENTETE + "59512;demandeurs_abc;2022-12-31;14900\n"))
    dossier = chemins.dossier_imports()
    (base_copie.parent / f".travail-999-{base_copie.name}").write_bytes(b"moitie")
    Path(str(base_copie) + ".wal").write_bytes(b"journal perime")
    (dossier / "00002.json").write_text(json.dumps({"import_id": 2, "annule": False}), encoding="utf-8")
    (dossier / "00002.csv").write_text("x\n", encoding="utf-8")
    meta = json.loads((dossier / "00001.json").read_text(encoding="utf-8"))
    (dossier / "00001.json").write_text(json.dumps(meta | {"annule": True}), encoding="utf-8")
    fait = publication.nettoyer()
    assert "archive d'un import jamais publié retirée : n°2" in fait
    assert "état de l'import n°1 recopié depuis la base" in fait
    assert not (dossier / "00002.csv").exists() and not list(base_copie.parent.glob(".travail-*"))
    assert not Path(str(base_copie) + ".wal").exists()
    assert json.loads((dossier / "00001.json").read_text(encoding="utf-8"))["annule"] is False
    assert nb_imports(base_copie) == 1 and r.import_id == 1
    # ce que build rejouera : l'archive nettoyée, et elle seule (le rejeu dans une base neuve, sans la reconstruire)
    with duckdb.connect() as neuve:
        neuve.execute((base.MODELE / "schema.sql").read_text(encoding="utf-8"))
        assert archive_imports.rejouer(neuve) == 1
        assert neuve.execute("SELECT import_id, annule FROM imports").fetchall() == [(1, False)]


def numeros_imports(chemin: Path) -> dict[int, bool]:
    """Numéro de chaque import de la base -> annulé ou non."""
    with duckdb.connect(str(chemin), read_only=True) as c:
        return dict(c.execute("SELECT import_id, annule FROM imports").fetchall())


@pytest.mark.lent
def test_kill_9_d_un_ecrivain_a_dix_moments(base_copie, tmp_path):
    """kill -9 d'un import en ligne de commande à 10 moments tirés au hasard (graine fixe) : la base publiée est
    identique octet pour octet ou entièrement la suivante ; après nettoyage, archive et base d'accord et
    ``verifier`` passe. Les moments sont tirés sur une fois et demie la durée d'un import complet mesurée sur
    cette machine (tué pendant la lecture, l'écriture, la publication, ou après) ; aucune assertion ne dépend
    de l'issue que la vitesse de la machine donne à un tirage."""
    hasard = random.Random(9)
    env = os.environ.copy()

    def lancer(essai: int) -> subprocess.Popen:
        f = ecrire(tmp_path / f"r{essai}.csv", ENTETE + f"59512;demandeurs_abc;2022-12-31;{14_000 + essai}\n")
        return subprocess.Popen([sys.executable, "-m", "observatoire", "import", str(f)], cwd=RACINE, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    debut = time.monotonic()
    assert lancer(-1).wait(timeout=120) == 0
    duree_import = time.monotonic() - debut
    annuler(1, par="test")
    for essai in range(10):
        avant, numeros_avant = empreinte(base_copie), numeros_imports(base_copie)
        proc = lancer(essai)
        time.sleep(hasard.uniform(0.05, 1.5) * duree_import)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        publication.nettoyer()
        numeros = numeros_imports(base_copie)
        nouveaux = sorted(set(numeros) - set(numeros_avant))
        if nouveaux:  # publié avant le kill : un seul import de plus, le plus récent, actif
            assert nouveaux == [max(numeros_avant) + 1] and numeros[nouveaux[0]] is False, essai
            assert {k: v for k, v in numeros.items() if k in numeros_avant} == numeros_avant, essai
        else:
            assert empreinte(base_copie) == avant and numeros == numeros_avant, essai
        archives = {json.loads(m.read_text(encoding="utf-8"))["import_id"]
                    for m in chemins.dossier_imports().glob("*.json")} if chemins.dossier_imports().exists() else set()
        assert archives == set(numeros), essai
        if nouveaux:  # l'import suivant annule celui que ce lancement a publié (même ligne que la base garde)
            annuler(nouveaux[0], par="test")
    r = subprocess.run([sys.executable, "-m", "observatoire", "verifier"], cwd=RACINE, env=env, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0 and "0 écart(s) inattendu(s)" in r.stdout
