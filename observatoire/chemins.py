"""Emplacements des fichiers du dépôt (surchargeables par variables d'environnement pour les tests)."""
import os
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
DATA = RACINE / "data"
REF = DATA / "ref"
GEO = RACINE / "geo"
QUERIES = RACINE / "queries"
SHARED = RACINE.parent / "shared"


def base() -> Path:
    """Chemin du fichier DuckDB (``OBSERVATOIRE_DB`` pour en utiliser un autre)."""
    return Path(os.environ.get("OBSERVATOIRE_DB", DATA / "observatoire.duckdb"))


def dossier_imports() -> Path:
    """Archive des fichiers importés, rejouée par ``build`` (``OBSERVATOIRE_IMPORTS``)."""
    return Path(os.environ.get("OBSERVATOIRE_IMPORTS", DATA / "imports"))
