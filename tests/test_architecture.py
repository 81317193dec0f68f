"""Les règles d'ARCHITECTURE.md tenues par un test : chaque étape n'importe que les étapes qui la précèdent (même
dans une fonction), aucun cycle entre modules, aucun nom privé (« _x ») d'un module utilisé par un autre, aucun
module trop long pour être lu d'une traite."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent
PAQUET = RACINE / "observatoire"
# Les étapes, dans l'ordre du flux de données (ARCHITECTURE.md) ; le paquet racine tient le vocabulaire commun
# (chemins, formats, référentiels, valeurs) et la ligne de commande (__main__, commandes, bench), qui peut tout appeler.
ETAPES = ["", "sources", "modele", "imports", "cartes", "sorties", "appli"]
COMMANDES = {"observatoire.__main__", "observatoire.commandes", "observatoire.commandes_pourquoi", "observatoire.bench"}
LIGNES_MAX = 300


def _nom(p: Path) -> str:
    return ".".join(("observatoire", *p.relative_to(PAQUET).with_suffix("").parts)).removesuffix(".__init__")


MODULES = {_nom(p): p for p in PAQUET.rglob("*.py")}


def _etape(module: str) -> str:
    parties = module.split(".")
    return parties[1] if len(parties) > 2 else ""


def _dependances() -> dict[str, set[str]]:
    graphe = {}
    for nom, p in MODULES.items():
        deps = set()
        for noeud in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(noeud, ast.ImportFrom) and noeud.module and noeud.module.startswith("observatoire"):
                deps |= {f"{noeud.module}.{a.name}" if f"{noeud.module}.{a.name}" in MODULES else noeud.module
                         for a in noeud.names}
            assert not (isinstance(noeud, ast.ImportFrom) and noeud.level), f"{nom} : importation relative"
        graphe[nom] = deps & set(MODULES)
    return graphe


def test_chaque_etape_n_importe_que_celles_qui_la_precedent():
    fautes = [f"{m} → {d}" for m, deps in _dependances().items() if m not in COMMANDES for d in deps
              if ETAPES.index(_etape(d)) > ETAPES.index(_etape(m))]
    assert fautes == []


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
    courts = {m.rsplit(".", 1)[1]: m for m in MODULES if "." in m}
    motif = re.compile(rf"\b({'|'.join(sorted(courts))})\._[a-z]\w*")
    fautes = [f"{p.relative_to(RACINE)} : {m.group(0)}" for d in ("observatoire", "pages", "scripts", "benchmarks")
              for p in (RACINE / d).rglob("*.py") for m in motif.finditer(p.read_text(encoding="utf-8"))
              if p.stem != m.group(1)]
    assert fautes == []


@pytest.mark.parametrize("dossier", ["observatoire", "pages"])
def test_modules_lisibles_d_une_traite(dossier):
    longs = {str(p.relative_to(RACINE)): n for p in (RACINE / dossier).rglob("*.py")
             if (n := len(p.read_text(encoding="utf-8").splitlines())) > LIGNES_MAX}
    assert longs == {}


def test_chaque_question_posee_par_une_page_ou_une_commande():
    """Aucune requête orpheline : chaque fichier de queries/ est appelé par son nom depuis l'application, une
    commande ou une sortie (le banc d'essai ne compte pas)."""
    code = " ".join(p.read_text(encoding="utf-8") for d in ("observatoire", "pages") for p in (RACINE / d).rglob("*.py")
                    if p.name != "bench.py")
    orphelines = [q.stem for q in (RACINE / "queries").glob("*.sql") if f'"{q.stem}"' not in code]
    assert orphelines == []
