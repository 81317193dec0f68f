"""Les règles d'ARCHITECTURE.md tenues par un test : aucun cycle d'importation entre les modules du paquet (même
dans une fonction), aucun nom privé (« _x ») d'un module utilisé par un autre."""
from __future__ import annotations

import ast
import re
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
PAQUET = RACINE / "observatoire"
MODULES = {p.stem for p in PAQUET.glob("*.py")}


def _dependances() -> dict[str, set[str]]:
    graphe = {}
    for p in PAQUET.glob("*.py"):
        deps = set()
        for noeud in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(noeud, ast.ImportFrom) and noeud.level == 1:
                deps |= {noeud.module.split(".")[0]} if noeud.module else {a.name for a in noeud.names}
        graphe[p.stem] = deps & MODULES
    return graphe


def test_aucun_cycle_d_importation():
    graphe, cycles = _dependances(), []

    def parcourir(module, chemin):
        for d in graphe[module]:
            if d in chemin:
                cycles.append(chemin[chemin.index(d):] + [d])
            else:
                parcourir(d, chemin + [d])

    for m in graphe:
        parcourir(m, [m])
    assert cycles == []


def test_aucun_nom_prive_utilise_hors_de_son_module():
    motif = re.compile(rf"\b({'|'.join(sorted(MODULES))})\._[a-z]\w*")
    fautes = [f"{p.relative_to(RACINE)} : {m.group(0)}" for d in ("observatoire", "pages", "scripts", "benchmarks")
              for p in (RACINE / d).rglob("*.py") for m in motif.finditer(p.read_text(encoding="utf-8"))
              if not (p.parent == PAQUET and p.stem == m.group(1))]
    assert fautes == []
