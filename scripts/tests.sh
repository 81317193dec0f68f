#!/usr/bin/env bash
# Installe l'environnement de test (.venv) et lance toute la suite de tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/systeme.sh tests   # Chromium (tests navigateur, Kaleido), polices, nginx (test du proxy)
bash scripts/venv.sh requirements-dev.txt   # .venv, dépendances installées seulement si requirements-dev.txt a changé
.venv/bin/python -m pytest "$@"
