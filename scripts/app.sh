#!/usr/bin/env bash
# Installe l'application (.venv), construit la base sur les données embarquées et lance Streamlit.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/systeme.sh   # Chromium et polices pour les images des portraits (PowerPoint, PDF)
bash scripts/venv.sh requirements.txt   # .venv, dépendances installées seulement si requirements.txt a changé
.venv/bin/python -m observatoire build --si-necessaire   # reconstruite seulement si ses entrées ont changé
exec .venv/bin/python -m observatoire app "$@"
