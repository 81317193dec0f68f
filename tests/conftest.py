"""Fixtures : une base construite une fois par session (dossier temporaire), copiée pour les tests qui écrivent."""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from observatoire import chemins
from observatoire.modele import base


def pytest_configure(config):
    """Aucun test ne lit ni n'écrit la base de la personne qui lance les tests (data/observatoire.duckdb, qui peut
    dater d'un autre modèle) : par défaut, une base et une archive d'imports propres à ce processus de test, qu'un
    test qui en a besoin construit (les tests passent sinon par base_construite ou base_copie)."""
    propre = Path(tempfile.mkdtemp(prefix="observatoire-tests-"))
    os.environ["OBSERVATOIRE_DB"] = str(propre / "observatoire.duckdb")
    os.environ["OBSERVATOIRE_IMPORTS"] = str(propre / "imports")


def pytest_collection_modifyitems(config, items):
    """Un test qui ouvre Chromium (fixture ``navigateur``) est un parcours : marqué ``navigateur`` (hors de la suite
    par défaut). Les parcours sont répartis entre les deux processus de pytest-xdist comme les autres tests (chacun
    son serveur de l'application et son Chromium) : groupés dans un seul, ils en feraient le plus long."""
    for item in items:
        if "navigateur" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.navigateur)
    # Répartition « worksteal » (scripts/tests.sh) : chaque processus reçoit une moitié de la collecte, et celui qui a
    # fini prend à l'autre la moitié de ce qui reste de sa file, par la fin. Chaque moitié commence donc par la moitié
    # des tests longs (parcours, vérifications longues), un sur deux, et finit par des courts : les deux processus
    # commencent par les longs et finissent ensemble sur des courts. Avec la répartition « load », tous les parcours
    # partaient d'emblée au premier processus, et l'autre restait 5 min sans rien à faire.
    est_long = {i.nodeid: any(i.get_closest_marker(m) for m in ("navigateur", "lent")) for i in items}
    longs = [i for i in items if est_long[i.nodeid]]
    courts = [i for i in items if not est_long[i.nodeid]]
    premiere = longs[0::2] + courts[:len(items) // 2 - len(longs[0::2])]
    items[:] = premiere + longs[1::2] + courts[len(premiere) - len(longs[0::2]):]


@pytest.fixture(scope="session")
def base_construite(tmp_path_factory) -> Path:
    dossier = tmp_path_factory.mktemp("base")
    chemin = dossier / "observatoire.duckdb"
    mp = pytest.MonkeyPatch()
    mp.setenv("OBSERVATOIRE_IMPORTS", str(dossier / "imports-vides"))
    base.construire(chemin)
    mp.undo()
    return chemin


@pytest.fixture(scope="session")
def con(base_construite):
    c = base.connecter(chemin=base_construite)
    yield c
    c.close()


@pytest.fixture
def base_copie(base_construite, tmp_path, monkeypatch) -> Path:
    """Copie de la base pour un test qui importe ; archive d'imports propre au test."""
    chemin = tmp_path / "observatoire.duckdb"
    shutil.copy(base_construite, chemin)
    monkeypatch.setenv("OBSERVATOIRE_DB", str(chemin))
    monkeypatch.setenv("OBSERVATOIRE_IMPORTS", str(tmp_path / "imports"))
    assert chemins.base() == chemin
    return chemin


def empreinte(chemin: Path) -> str:
    return hashlib.sha256(chemin.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def serveur(base_construite, tmp_path_factory):
    from outils_navigateur import arreter, demarrer
    proc, url = demarrer(base_construite, tmp_path_factory.mktemp("imports"))
    yield url
    arreter(proc)


@pytest.fixture(scope="session")
def navigateur():
    from outils_navigateur import CHROMIUM, DRAPEAUX, Navigateur
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=DRAPEAUX)
        yield Navigateur(b)
        b.close()


@pytest.fixture(scope="module")
def serveur_ecriture(base_construite, tmp_path_factory):
    """Serveur sur une copie de la base : les tests qui importent ne touchent pas la base partagée."""
    from outils_navigateur import arreter, demarrer
    dossier = tmp_path_factory.mktemp("base-ecriture")
    shutil.copy(base_construite, dossier / "observatoire.duckdb")
    proc, url = demarrer(dossier / "observatoire.duckdb", dossier / "imports")
    yield url, dossier / "observatoire.duckdb"
    arreter(proc)
