"""queries/questions.yml tenu par la base : chaque question a son entrée, son exemple s'exécute et rend exactement
les colonnes déclarées, l'en-tête du fichier SQL nomme chacune, et les fichiers qui la posent la nomment bien."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from observatoire.modele import base

RACINE = Path(__file__).resolve().parent.parent
QUESTIONS = yaml.safe_load((RACINE / "queries" / "questions.yml").read_text(encoding="utf-8"))


def test_chaque_fichier_de_queries_a_son_entree():
    assert sorted(QUESTIONS) == sorted(p.stem for p in (RACINE / "queries").glob("*.sql"))


@pytest.mark.parametrize("nom", sorted(QUESTIONS))
def test_exemple_rend_les_colonnes_declarees(con, nom):
    q = QUESTIONS[nom]
    assert list(base.requete(con, nom, **q["exemple"]).columns) == q["colonnes"]
    entete = " ".join(ligne[2:] for ligne in base.texte_requete(nom).splitlines() if ligne.startswith("--"))
    assert [c for c in q["colonnes"] if not re.search(rf"\b{c}\b", entete)] == []
    assert q["posee_par"] and all(f'"{nom}"' in (RACINE / f).read_text(encoding="utf-8") for f in q["posee_par"])
