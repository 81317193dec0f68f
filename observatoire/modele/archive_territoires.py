"""Archive des territoires à façon enregistrés (``data/imports/territoires/enregistres.json``) : écrite avant chaque
publication, rejouée par ``build``, remise d'accord avec la base publiée après un arrêt brutal."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from observatoire import chemins, sql

TYPE = "à façon"


def archive() -> Path:
    return chemins.dossier_imports() / "territoires" / "enregistres.json"


def lignes(con) -> list[dict]:
    """Les territoires enregistrés de la base, pour l'archive."""
    df = con.execute("SELECT e.territoire, e.nom, e.auteur, e.date_creation, e.modifie_par, e.date_modification, "
                     "list(tc.code_commune ORDER BY tc.code_commune) AS membres FROM territoires_enregistres e "
                     "JOIN territoire_communes tc USING (territoire) GROUP BY ALL ORDER BY e.territoire").df()
    return [{**r, "membres": list(r["membres"]),
             **{d: (None if pd.isna(r[d]) else pd.Timestamp(r[d]).isoformat(sep=" ")) for d in
                ("date_creation", "date_modification")}} for r in df.to_dict("records")]


def inserer(con, t: dict) -> None:
    con.execute("INSERT INTO territoires_enregistres VALUES (?, ?, ?, ?, ?, ?)",
                [t["territoire"], t["nom"], t["auteur"], t["date_creation"], t.get("modifie_par"),
                 t.get("date_modification")])
    con.execute("INSERT INTO territoires VALUES (?, ?, ?, ?, ?, ?, 0)",
                [t["territoire"], t["nom"], t["nom"], TYPE, f"Enregistré par {t['auteur']}",
                 len(t["membres"])])
    con.executemany("INSERT INTO territoire_communes VALUES (?, ?)", [(t["territoire"], c) for c in t["membres"]])


def retirer(con, ident: str) -> None:
    tables = ("territoires_enregistres", "territoire_communes", "territoires")
    for table in tables:
        con.execute(sql.composer("DELETE FROM {t} WHERE territoire = ?", t=sql.nom(table, tables)), [ident])


def rejouer(con) -> int:
    """Recharge l'archive dans une base neuve (appelé par ``build``, avant le calcul des agrégats)."""
    if not archive().exists():
        return 0
    enregistres = json.loads(archive().read_text(encoding="utf-8"))
    for t in enregistres:
        inserer(con, t)
    return len(enregistres)


def accorder(con) -> bool:
    """Réécrit l'archive d'après la base publiée si elles diffèrent (arrêt entre l'archive et la publication) ;
    renvoie True si elle a été réécrite."""
    if not archive().exists():
        return False
    attendu = lignes(con)
    if json.loads(archive().read_text(encoding="utf-8")) == attendu:
        return False
    archive().write_text(json.dumps(attendu, ensure_ascii=False, indent=1), encoding="utf-8")
    return True
