#!/usr/bin/env bash
# Installe l'environnement de test (.venv) et lance les tests.
#   bash scripts/tests.sh            suite par défaut : chaque comportement une fois, sans les parcours Chromium
#                                    ni les vérifications longues (moins de 5 min sur 2 cœurs)
#   bash scripts/tests.sh --complet  toute la suite, parcours dans Chromium compris (ce que lance la CI)
# Tout autre argument va à pytest (ex. : bash scripts/tests.sh tests/test_cli.py -k bulletin).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/systeme.sh tests   # Chromium (tests navigateur, Kaleido), polices, nginx (test du proxy)
bash scripts/venv.sh requirements-dev.txt   # .venv, dépendances installées seulement si requirements-dev.txt a changé
# deux processus (pytest-xdist) ; « worksteal » : celui qui a fini prend une part de la file de l'autre (tests/conftest.py)
PARALLELE=(-n 2 --dist worksteal)
if [[ "${1:-}" == "--complet" ]]; then
    shift
    # les 25 tests les plus longs à la fin de la sortie : ce que coûte la suite, lisible dans chaque CI
    exec .venv/bin/python -m pytest "${PARALLELE[@]}" --durations=25 "$@"
fi
exec .venv/bin/python -m pytest "${PARALLELE[@]}" -m "not navigateur and not lent" "$@"
