"""Le modèle documenté (observatoire/modele/modele.yml) correspond à la base, et ses tests de colonnes passent."""
from pathlib import Path

import pytest
import yaml

MODELE = yaml.safe_load((Path(__file__).resolve().parent.parent / "observatoire/modele/modele.yml").read_text())


def test_chaque_table_et_colonne_est_documentee(con):
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert tables == set(MODELE)
    for table, doc in MODELE.items():
        colonnes = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [table]).fetchall()]
        assert colonnes == list(doc["colonnes"]), table


CAS = [(t, c, test) for t, doc in MODELE.items() for c, d in doc["colonnes"].items() for test in d.get("tests", [])]


@pytest.mark.parametrize("table,colonne,test", CAS, ids=[f"{t}.{c}-{str(x)[:20]}" for t, c, x in CAS])
def test_colonne(con, table, colonne, test):
    if test == "not_null":
        sql = f"SELECT count(*) FROM {table} WHERE {colonne} IS NULL"
    elif test == "unique":
        sql = f"SELECT count(*) - count(DISTINCT {colonne}) FROM {table}"
    elif test == "unique_non_vide":  # unique parmi les valeurs renseignées
        sql = f"SELECT count({colonne}) - count(DISTINCT {colonne}) FROM {table}"
    elif "expression" in test:  # vraie sur chaque ligne où elle est calculable (NULL = secret, non testé)
        sql = f"SELECT count(*) FROM {table} WHERE NOT ({test['expression']})"
    elif "valeurs" in test:
        sql = f"SELECT count(*) FROM {table} WHERE {colonne} IS NOT NULL AND {colonne} NOT IN ?"
        assert con.execute(sql, [[str(v) for v in test["valeurs"]]]).fetchone()[0] == 0
        return
    else:
        ref_table, ref_col = test["reference"].split(".")
        sql = (f"SELECT count(*) FROM {table} WHERE {colonne} IS NOT NULL AND {colonne} NOT IN "
               f"(SELECT {ref_col} FROM {ref_table})")
    assert con.execute(sql).fetchone()[0] == 0
