"""Chaque commande que montrent le README et docs/ existe telle qu'elle est écrite : sous-commande et options acceptées par
la ligne de commande, scripts et bancs d'essai présents (à la manière de Datasette : la documentation est testée)."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from observatoire import __main__ as cli
from observatoire import commandes, commandes_pourquoi

RACINE = Path(__file__).resolve().parent.parent
README = (RACINE / "README.md").read_text(encoding="utf-8")
DOCUMENTATION = "\n".join([README] + [f.read_text(encoding="utf-8") for f in sorted((RACINE / "docs").glob("*.md"))])
LIGNES = sorted({m.strip() for m in re.findall(r"^\.venv/bin/python [^\n`#]+", DOCUMENTATION, re.M)}
                | {m.strip() for m in re.findall(r"`(\.venv/bin/python [^`]+)`", DOCUMENTATION)})
REMPLACEMENTS = {"FICHIER": "f.csv", "M.yaml": "m.yaml", "N": "1"}
# les fonctions des sous-commandes (celles qui reçoivent les arguments lus)
COMMANDES = [(m, n) for m in (commandes, commandes_pourquoi) for n, f in vars(m).items()
             if callable(f) and getattr(f, "__module__", "") == m.__name__ and not n.startswith("_")
             and f.__code__.co_varnames[:1] == ("a",)]


def test_le_readme_montre_des_commandes():
    assert len(LIGNES) >= 12 and "bash scripts/app.sh" in README and "bash scripts/tests.sh" in README


@pytest.mark.parametrize("ligne", LIGNES)
def test_commande_du_readme(ligne, monkeypatch):
    mots = shlex.split(re.sub(r"\[([^\]]+)\]", r"\1", ligne))[1:]  # options facultatives [..] : données
    mots = [REMPLACEMENTS.get(m, m) for m in mots]
    if mots[0] != "-m":  # un script : il existe
        assert (RACINE / mots[0]).is_file(), ligne
        return
    assert mots[:2] == ["-m", "observatoire"], ligne
    appels = []
    for module, nom in COMMANDES:  # chaque sous-commande est remplacée par un témoin : on vérifie l'analyse, pas l'effet
        monkeypatch.setattr(module, nom, lambda a, nom=nom: appels.append((nom, a)) or 0)
    from observatoire.appli import serveur
    monkeypatch.setattr(serveur, "main", lambda args: appels.append(("app", args)) or __import__("sys").exit(0))
    if mots[2] == "app":
        with pytest.raises(SystemExit):
            cli.main(mots[2:])
        assert appels == [("app", mots[3:])]
        return
    assert cli.main(mots[2:]) == 0, ligne
    assert len(appels) == 1, ligne


LECTURES = ("indicateurs", "bulletin", "chiffres-cles", "serie", "imports", "verifier", "expliquer",
            "comparables")  # sans écriture ni réseau


@pytest.mark.parametrize("ligne", [l for l in LIGNES if shlex.split(l)[1:3] == ["-m", "observatoire"]
                                   and len(shlex.split(l)) > 3 and shlex.split(l)[3] in LECTURES])
def test_exemple_du_readme_execute_pour_de_vrai(ligne, base_construite, monkeypatch, capsys):
    """Les exemples qui lisent la base s'exécutent tels qu'écrits (sur la base des tests) et disent quelque chose."""
    monkeypatch.setenv("OBSERVATOIRE_DB", str(base_construite))
    mots = shlex.split(re.sub(r"\[([^\]]+)\]", r"\1", ligne))[3:]
    assert cli.main(mots) == 0, ligne
    sortie = capsys.readouterr().out
    assert sortie.strip(), ligne


def test_tableau_des_performances_nomme_les_requetes_mesurees():
    """docs/performances.md donne le tableau que ``bench --markdown`` écrit : les mêmes lignes, dans le même ordre
    (une requête ajoutée au banc, ou supprimée, l'est aussi de la documentation)."""
    from observatoire import bench
    doc = (RACINE / "docs" / "performances.md").read_text(encoding="utf-8")
    debut = doc.index("| mesure | DuckDB |")
    lignes = doc[debut:doc.index("\n\n", debut)].splitlines()
    attendues = bench.lignes_markdown(1.0, {nom: (1.0, 2.0) for nom in bench.PARAMS})
    assert [ligne.split("|")[1].strip() for ligne in lignes] == [ligne.split("|")[1].strip() for ligne in attendues]
    assert bench.ms(3.54) == "3,5 ms" and bench.ms(3554) == "3\u202f554 ms"
