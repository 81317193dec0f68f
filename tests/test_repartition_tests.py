"""L'outil qui montre la répartition de la suite entre les processus (benchmarks/repartition_tests.py), lancé comme
docs/tests.md le montre : chaque processus nommé avec ses tests et sa fin, puis les tests les plus longs."""
from __future__ import annotations

import os
import subprocess
import sys

from observatoire.chemins import RACINE


def test_la_repartition_nomme_chaque_processus_et_les_tests_les_plus_longs(tmp_path):
    env = dict(os.environ, PYTHONPATH="benchmarks", REPARTITION_TESTS=str(tmp_path / "journal.jsonl"))
    suite = subprocess.run([sys.executable, "-m", "pytest", "-n", "2", "--dist", "worksteal", "-p", "repartition_tests",
                            "-p", "no:cacheprovider", "-q", "tests/test_tableaux.py"], cwd=RACINE, env=env,
                           capture_output=True, text=True, timeout=120)
    assert suite.returncode == 0, suite.stdout[-2000:]
    resume = subprocess.run([sys.executable, "benchmarks/repartition_tests.py", "--longs", "2"], cwd=RACINE, env=env,
                            capture_output=True, text=True, check=True).stdout.splitlines()
    processus = sorted(ligne.split(" : ")[0] for ligne in resume if ligne.startswith("gw"))
    assert processus == ["gw0", "gw1"]
    assert sum(int(ligne.split(" : ")[1].split(" tests")[0]) for ligne in resume if ligne.startswith("gw")) == 4
    assert resume[2] == "Les 2 plus longs :" and len(resume) == 5 and "tests/test_tableaux.py::" in resume[3]
