"""observatoire.sql : le seul chemin par lequel un morceau de texte entre dans une instruction SQL."""
from pathlib import Path

import duckdb
import pytest

from observatoire import sql

TABLES = ("faits", "territoires")


def test_un_nom_de_la_liste_permise_entre_guillemets():
    assert sql.nom("faits", TABLES) == '"faits"'
    assert sql.composer("DELETE FROM {t} WHERE territoire = ?", t=sql.nom("territoires", TABLES)) == \
        'DELETE FROM "territoires" WHERE territoire = ?'


@pytest.mark.parametrize("nom", ["faits; DROP TABLE faits", 'faits"', "imports", ""])
def test_un_nom_hors_de_la_liste_refuse(nom):
    with pytest.raises(sql.MorceauRefuse, match="Nom SQL refusé"):
        sql.nom(nom, TABLES)


def test_composer_refuse_un_texte_qui_n_est_pas_un_morceau_sur():
    with pytest.raises(sql.MorceauRefuse, match="seul un morceau fait par observatoire.sql"):
        sql.composer("SELECT * FROM {t}", t="faits")
    with pytest.raises(sql.MorceauRefuse):
        sql.joindre(["a", sql.nom("faits", TABLES)])


def test_chaine_ne_peut_pas_se_fermer():
    con = duckdb.connect()
    piege = "x'); DROP TABLE t; --"
    assert con.execute(sql.composer("SELECT {s}", s=sql.chaine(piege))).fetchone()[0] == piege


def test_entiers_et_marques():
    assert sql.entier(12) == "12"
    for faux in (True, 1.5, "3; DROP"):
        with pytest.raises((sql.MorceauRefuse, ValueError)):
            sql.entier(faux)
    assert sql.marques(["a", "b"], ["a", "b"]) == "$a, $b"
    with pytest.raises(sql.MorceauRefuse):
        sql.marques(["a b"], ["a b"])


def test_fichier_seulement_une_requete_du_paquet(tmp_path):
    from observatoire.sources import dares_national
    assert "SELECT" in sql.fichier(Path(dares_national.__file__).with_suffix(".sql"))
    ailleurs = tmp_path / "x.sql"
    ailleurs.write_text("DROP TABLE faits")
    with pytest.raises(sql.MorceauRefuse, match="Fichier SQL refusé"):
        sql.fichier(ailleurs)


def test_les_morceaux_se_composent_et_les_accolades_du_modele_restent():
    cellule = sql.nom("c3", ["c3"])
    code = sql.composer("regexp_extract({c}, '^(\\d{{5}})', 1)", c=cellule)
    assert code == "regexp_extract(\"c3\", '^(\\d{5})', 1)"
    assert duckdb.connect().execute(sql.composer("SELECT {code} FROM (SELECT '59512 Roubaix' AS c3)",
                                                 code=code)).fetchone()[0] == "59512"
