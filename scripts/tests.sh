#!/usr/bin/env bash
# Installe l'environnement de test (.venv) et lance toute la suite de tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/systeme.sh   # Chromium (tests navigateur, Kaleido) et polices
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
.venv/bin/python -m pytest "$@"
