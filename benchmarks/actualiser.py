"""Actualisation complète (7 jeux : DARES communes, zones, département, Urssaf, deux jeux Melodi, BMO) contre le
serveur local des tests (tests/serveur_officiel.py, formats des services officiels), sur une copie de la base :
premier passage (tout est nouveau : 7 imports publiés) puis second passage (rien de nouveau : rien d'écrit).
Médianes sur N répétitions. Usage : ``python benchmarks/actualiser.py [N]``"""
from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(RACINE), str(RACINE / "tests")]
import serveur_officiel as so  # noqa: E402

from observatoire import chemins  # noqa: E402
from observatoire.imports import actualiser  # noqa: E402
from observatoire.modele import base  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 3

if __name__ == "__main__":
    serveur, adresse = so.demarrer(so.Reponses())
    os.environ.update(so.variables(adresse))
    source = chemins.base()
    if not base.a_jour(source):
        base.construire(source)
    premiers, seconds = [], []
    for _ in range(N):
        with tempfile.TemporaryDirectory() as dossier:
            os.environ["OBSERVATOIRE_DB"] = str(Path(dossier) / "observatoire.duckdb")
            os.environ["OBSERVATOIRE_IMPORTS"] = str(Path(dossier) / "imports")
            shutil.copy(source, os.environ["OBSERVATOIRE_DB"])
            for mesures in (premiers, seconds):
                t0 = time.perf_counter()
                resultats = actualiser.actualiser()
                mesures.append(time.perf_counter() - t0)
            assert {r.etat for r in resultats} == {"rien de nouveau"}, [r.ligne() for r in resultats]
    serveur.shutdown()
    print(f"premier passage (7 imports) : {statistics.median(premiers):.1f} s ; "
          f"second passage (rien de nouveau) : {statistics.median(seconds) * 1000:.0f} ms")
