"""Répartition de la suite entre les processus de pytest-xdist : quand chacun a commencé et fini, et ce qu'il a
fait. Sert à voir si les deux processus finissent ensemble (une suite de 8 min peut en durer 12 si l'un attend
l'autre) et quels tests coûtent.

Greffon pytest, puis résumé :
    PYTHONPATH=benchmarks .venv/bin/python -m pytest -n 2 --dist worksteal -p repartition_tests
    .venv/bin/python benchmarks/repartition_tests.py [--longs 10]

Chaque test écrit une ligne (processus, test, début, fin) dans ``artefacts/repartition_tests.jsonl`` (ou le fichier
que nomme ``REPARTITION_TESTS``), effacé au début de chaque suite par le processus principal.
"""
from __future__ import annotations

import argparse
import json
import os
import time
from collections import defaultdict
from pathlib import Path

import pytest

JOURNAL = Path(os.environ.get("REPARTITION_TESTS")
               or Path(__file__).resolve().parent.parent / "artefacts" / "repartition_tests.jsonl")


def pytest_configure(config):
    if not os.environ.get("PYTEST_XDIST_WORKER"):  # le processus principal : un journal neuf
        JOURNAL.parent.mkdir(exist_ok=True)
        JOURNAL.write_text("", encoding="utf-8")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    debut = time.time()
    yield
    with JOURNAL.open("a", encoding="utf-8") as f:
        f.write(json.dumps({"processus": os.environ.get("PYTEST_XDIST_WORKER", "principal"), "test": item.nodeid,
                            "debut": debut, "fin": time.time()}) + "\n")


def resumer(lignes: list[dict], longs: int = 10) -> str:
    """Par processus : nombre de tests, secondes passées dans les tests, fin (depuis le premier test) ; puis les
    ``longs`` tests les plus longs."""
    zero = min(ligne["debut"] for ligne in lignes)
    par_processus = defaultdict(list)
    for ligne in lignes:
        par_processus[ligne["processus"]].append(ligne)
    sortie = []
    for processus, ses_tests in sorted(par_processus.items()):
        dans_les_tests = sum(t["fin"] - t["debut"] for t in ses_tests)
        fin = max(t["fin"] for t in ses_tests) - zero
        sortie.append(f"{processus} : {len(ses_tests)} tests, {dans_les_tests:.0f} s dans les tests, fini à {fin:.0f} s")
    sortie.append(f"Les {longs} plus longs :")
    for t in sorted(lignes, key=lambda t: t["debut"] - t["fin"])[:longs]:
        sortie.append(f"  {t['fin'] - t['debut']:6.1f} s  {t['processus']}  {t['test']}")
    return "\n".join(sortie)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--longs", type=int, default=10, help="nombre de tests les plus longs à nommer")
    args = parser.parse_args()
    print(resumer([json.loads(ligne) for ligne in JOURNAL.read_text(encoding="utf-8").splitlines()], args.longs))
