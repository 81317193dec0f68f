#!/usr/bin/env bash
# Installe l'application (.venv), construit la base sur les données embarquées et lance Streamlit.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/systeme.sh   # Chromium et polices pour les images des portraits (PowerPoint, PDF)
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
.venv/bin/python -m observatoire build
exec .venv/bin/python -m observatoire app "$@"
