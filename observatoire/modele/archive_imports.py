"""Archive des imports (``data/imports/`` : lignes normalisées et métadonnées de chaque import) : l'écriture
d'un import dans la base, et sa relecture par ``build`` dans une base neuve. Appartient à la construction :
``importer`` l'utilise pour écrire, ``base`` pour rejouer (aucun cycle entre eux)."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pandas as pd

from observatoire import chemins, sql
from observatoire.sources import bmo

COLONNES = {"faits_import": ["import_id", "indicateur", "code_commune", "date", "valeur", "statut", "source"],
            "faits_import_niveau": ["import_id", "indicateur", "territoire", "date", "valeur", "statut", "source"],
            "bmo_import": ["import_id", *bmo.COLONNES]}
# fichiers d'archive : 00001.csv, 00001-niveau.csv, 00001-bmo.csv ; bruts/00001.csv : le fichier téléchargé
SUFFIXES = {"faits_import": "", "faits_import_niveau": "-niveau", "bmo_import": "-bmo"}
TEXTES = {"code_commune", "territoire", "indicateur", "statut", "source", "code_metier", "metier", "famille",
          "libelle_famille", "region", "departement", "bassin", "nom_bassin"}  # colonnes relues comme du texte
META = ["import_id", "fichier", "sha256", "lignes", "date_import", "mapping", "annule", "date_annulation", "par",
        "annule_par", "jeu", "url", "modifie"]


def ecrire(con, meta: dict, tables: dict[str, pd.DataFrame]) -> None:
    meta = {"par": "local", "annule_par": None, "jeu": None, "url": None, "modifie": None} | meta  # archives anciennes
    con.execute(sql.composer("INSERT INTO imports ({colonnes}) VALUES ({valeurs})",
                             colonnes=sql.joindre(sql.nom(c, META) for c in META),
                             valeurs=sql.marques(META, META)),
                {c: meta[c] for c in META})
    for table, df in tables.items():
        ecrire_lignes(con, table, df)


def ecrire_lignes(con, table: str, df: pd.DataFrame) -> None:
    con.register("lignes_importees", df)
    con.execute(sql.composer("INSERT INTO {t} SELECT * FROM lignes_importees", t=sql.nom(table, SUFFIXES)))
    con.unregister("lignes_importees")


TYPES = {"faits_import": {"import_id": "INTEGER", "indicateur": "VARCHAR", "code_commune": "VARCHAR", "date": "DATE",
                          "valeur": "DOUBLE", "statut": "VARCHAR", "source": "VARCHAR"}}
TYPES["faits_import_niveau"] = {("territoire" if c == "code_commune" else c): t for c, t in TYPES["faits_import"].items()}


def archiver(dossier: Path, import_id: int, tables: dict[str, pd.DataFrame]) -> None:
    """Écrit les lignes d'un import dans l'archive. Les valeurs (des millions pour le fichier national de la DARES)
    passent par DuckDB, en flux : ni copie en texte dans Python, ni mémoire à la mesure du fichier."""
    for table, df in tables.items():
        if not (len(df) or table == "faits_import"):
            continue
        chemin = dossier / f"{import_id:05d}{SUFFIXES[table]}.csv"
        if table in TYPES:
            with duckdb.connect() as con:
                con.register("lignes", df)
                con.sql("SELECT * FROM lignes").write_csv(str(chemin), header=True)
        else:
            df.to_csv(chemin, index=False, quoting=csv.QUOTE_NONNUMERIC)


def rejouer(con) -> int:
    """Recharge dans une base neuve les imports archivés (appelé par ``build``, qui recalcule ensuite les agrégats)."""
    dossier = chemins.dossier_imports()
    metas = sorted(dossier.glob("*.json")) if dossier.exists() else []
    for f in metas:
        meta = json.loads(f.read_text(encoding="utf-8"))
        ecrire(con, meta, {})
        for table, suffixe in SUFFIXES.items():
            chemin = f.with_name(f.stem + suffixe + ".csv")
            if not chemin.exists():
                continue
            if table in TYPES:  # relu par DuckDB, en flux
                con.execute(sql.composer("INSERT INTO {t} SELECT * FROM read_csv($chemin, header=true, "
                                         "columns=$types, quote='\"', escape='\"')", t=sql.nom(table, TYPES)),
                            {"chemin": str(chemin), "types": TYPES[table]})
            else:
                df = pd.read_csv(chemin, dtype=str)
                df = df.astype({c: float for c in df.columns if c not in TEXTES and c not in ("date", "annee",
                                                                                                  "import_id")})
                df = df.astype({c: int for c in ("import_id", "annee") if c in df.columns})
                if "date" in df.columns:
                    df["date"] = pd.to_datetime(df.date).dt.date
                ecrire_lignes(con, table, df)
    if metas:
        dernier = max(json.loads(f.read_text(encoding="utf-8"))["import_id"] for f in metas)
        con.execute(sql.composer("DROP SEQUENCE import_id; CREATE SEQUENCE import_id START {n}",
                                 n=sql.entier(int(dernier) + 1)))
    return len(metas)
