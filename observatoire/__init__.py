"""Observatoire de l'emploi : code partagé (référentiels, panel, base DuckDB, import, commandes)."""
