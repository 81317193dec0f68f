"""Banc d'essai de toute la France avec le fichier national de la DARES : une base ``tous`` construite, le fichier
communal national (35 000 communes × 40 trimestres × les ventilations de la DARES, écrit dans la disposition
officielle par ``fichier_dares.py``) importé, puis la base reconstruite (``build`` rejoue l'import) ; durée et
mémoire au plus de chaque commande (processus à part), puis la médiane de chaque question de ``queries/`` (l'exemple
de ``queries/questions.yml``) sur cette base.

Usage : ``.venv/bin/python benchmarks/france_national.py DOSSIER [--repetitions 5]`` (DOSSIER garde le fichier
national, 731 Mo, écrit au premier passage, la base et son archive d'imports).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

RACINE = Path(__file__).resolve().parent.parent
BUDGET_MS = 300


def mesurer(args: list[str], env: dict) -> tuple[float, float]:
    """(secondes, Go au plus) d'une commande lancée à part."""
    t = time.perf_counter()
    proc = subprocess.Popen(args, cwd=RACINE, env=env, stdout=subprocess.DEVNULL)
    _, statut, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(statut):
        sys.exit(f"échec : {' '.join(args)}")
    return time.perf_counter() - t, usage.ru_maxrss / 1024 / 1024


def main(dossier: Path, repetitions: int) -> None:
    dossier.mkdir(parents=True, exist_ok=True)
    fichier = dossier / "dares_france.csv"
    if not fichier.exists():
        subprocess.run([sys.executable, str(RACINE / "benchmarks" / "fichier_dares.py"), str(fichier), "0",
                        "--departements", "tous", "--trimestriel"], check=True)
    base = dossier / "france.duckdb"
    imports = dossier / "imports"
    for f in imports.glob("*"):
        f.unlink()
    env = dict(os.environ, OBSERVATOIRE_DEPARTEMENTS="tous", OBSERVATOIRE_DB=str(base),
               OBSERVATOIRE_IMPORTS=str(imports))
    commande = [sys.executable, "-m", "observatoire"]
    for quoi, args in (("construction sans import", ["build"]), ("import du fichier national", ["import", str(fichier)]),
                       ("construction, import rejoué", ["build"])):
        duree, memoire = mesurer(commande + args, env)
        print(f"{quoi:<30} {duree:6.1f} s  {memoire:4.2f} Go au plus")
    os.environ.update(env)
    sys.path.insert(0, str(RACINE))
    from observatoire import referentiel
    from observatoire.modele import base as modele
    questions = yaml.safe_load((RACINE / "queries" / "questions.yml").read_text(encoding="utf-8"))
    # et à l'échelle de la France : la carte des départements de toute la France, celle des communes du Grand Est
    # (la plus grande région par ses communes), les métropoles comparées
    questions["carte_departements (France)"] = {"question": "carte_departements", "exemple": {
        "region": None, "territoire": "dep-69", "indicateur": "demandeurs_abc", "date": "2024-12-31",
        "date_base": "2015-12-31", "mesure": "pour_100"}}
    questions["carte_communes (Grand Est)"] = {"question": "carte_communes", "exemple": {
        "zone": "reg-44", "region": "44", "territoire": "dep-67", "indicateur": "demandeurs_abc", "date": "2024-12-31",
        "date_base": "2015-12-31", "mesure": "pour_100"}}
    questions["comparaison_territoires (les métropoles)"] = {"question": "comparaison_territoires", "exemple": {
        "territoires": list(referentiel.metropoles()), "date": "2024-12-31"}}
    medianes = {}
    with modele.connecter() as con:
        print(f"{con.execute('SELECT count(*) FROM faits_import').fetchone()[0]:,} valeurs importées".replace(",", " "))
        for nom, q in questions.items():
            question = q.get("question", nom)
            modele.requete(con, question, **q["exemple"])  # échauffement
            durees = []
            for _ in range(repetitions):
                t = time.perf_counter()
                modele.requete(con, question, **q["exemple"])
                durees.append((time.perf_counter() - t) * 1000)
            medianes[nom] = statistics.median(durees)
    for nom, ms in sorted(medianes.items(), key=lambda x: -x[1]):
        print(f"{nom:<36} {ms:8.1f} ms{'  AU-DELÀ DU BUDGET' if ms > BUDGET_MS else ''}")
    print(f"{len(medianes)} mesures, médianes de {repetitions} ; au-delà de {BUDGET_MS} ms : "
          f"{sum(ms > BUDGET_MS for ms in medianes.values())}")


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("dossier", type=Path)
    p.add_argument("--repetitions", type=int, default=5)
    a = p.parse_args()
    main(a.dossier, a.repetitions)
