"""Commandes de python -m observatoire, telles qu'un script les appelle."""
import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from openpyxl import load_workbook

from observatoire.__main__ import main


@pytest.fixture(autouse=True)
def base_de_session(base_construite, monkeypatch):
    monkeypatch.setenv("OBSERVATOIRE_DB", str(base_construite))


def test_indicateurs_en_sous_processus(base_construite):
    r = subprocess.run([sys.executable, "-m", "observatoire", "indicateurs"], capture_output=True, text=True,
                       env={"OBSERVATOIRE_DB": str(base_construite), "PATH": ""}, check=True)
    codes = [ligne.split()[0] for ligne in r.stdout.splitlines()]
    assert {"demandeurs_a", "demandeurs_abc", "population"} <= set(codes) and len(codes) == 27


def test_bulletin_csv(capsys):
    assert main(["bulletin", "--territoire", "mie-roubaisis", "--date", "2021-12-31", "--format", "csv"]) == 0
    lignes = capsys.readouterr().out.splitlines()
    assert lignes[0] == "libelle;nombre;part;evolution_annuelle;evolution_annuelle_pct;demonstration;rupture_de_serie"
    assert lignes[1] == "Demande d'emploi de catégorie A;10757;66,2;-925;-7,9;non;"  # aucune rupture en 2021
    assert lignes[7] == "Lys-lez-Lannoy;1166;;-67;-5,4;non;"
    assert len(lignes) == 53


def test_bulletin_markdown_en_francais(capsys):
    assert main(["bulletin", "--territoire", "melt", "--date", "2023-12-31", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "## La demande d'emploi au 31/12/2023 – Mission Emploi Lys-Tourcoing" in out
    assert "| **Demande d'emploi de catégories ABC** | 18\u202f367 |" in out
    assert "Données de démonstration" in out


def test_bulletin_xlsx_celui_de_la_page_avec_son_cartouche(tmp_path):
    """Le classeur de la commande est celui que la page Profil fait télécharger : cartouche (titre, territoire,
    date, sources, statut), puis le tableau, nombres stockés comme nombres."""
    sortie = tmp_path / "b.xlsx"
    assert main(["bulletin", "--territoire", "mie-roubaisis", "--date", "2021-12-31", "--format", "xlsx",
                 "-o", str(sortie)]) == 0
    ws = load_workbook(sortie).active
    cartouche = {ws.cell(k, 1).value: ws.cell(k, 2).value for k in range(1, 8)}
    assert cartouche["Titre"] == "Profil des demandeurs d'emploi (catégories A, B, C)"
    assert cartouche["Territoire"] == "MiE du Roubaisis" and cartouche["Date"] == "au 31/12/2021"
    assert cartouche["Sources"] == ("France Travail / DARES – chiffres publiés par les Maisons de l'emploi (bulletins, "
                                    "rapports), relevés tels quels")
    assert cartouche["Statut"] == "données réelles (voir les sources)"
    lignes = [[c.value for c in r] for r in ws.iter_rows(min_row=9)]
    assert lignes[0] == ["Catégorie", "Nombre", "Part", "Évolution sur un an", "Évolution sur un an (%)",
                         "Démonstration"]
    assert lignes[1][:3] == ["Demande d'emploi de catégorie A", 10757, pytest.approx(0.662)]
    assert isinstance(lignes[1][1], int)


def test_bulletin_erreurs(capsys):
    assert main(["bulletin", "--territoire", "atlantide", "--date", "2021-12-31"]) == 2
    assert "Territoire inconnu" in capsys.readouterr().err
    assert main(["bulletin", "--territoire", "mel", "--date", "2021-12-15"]) == 2
    assert "Aucune donnée" in capsys.readouterr().err


def test_chiffres_cles_json(capsys):
    assert main(["chiffres-cles", "--territoire", "melt", "--date", "2023-12-31", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    c = {x["indicateur"]: x for x in d["chiffres"]}
    assert c["demandeurs_abc"]["valeur"] == 18367 and c["demandeurs_abc"]["evolution_annuelle_pct"] == 9.5
    assert c["demandeurs_abc"]["demonstration"] is True and c["demandeurs_abc"]["provenance"] == "demonstration"
    assert c["emploi_prive"]["valeur"] == 45173 and c["etablissements"]["valeur"] == 13205
    assert c["creations_entreprises"]["valeur"] == 2715 and c["creations_entreprises"]["evolution_annuelle_pct"] == 4.5
    assert c["population"]["provenance"] == "officiel" and "COG 2023" in c["population"]["millesime"]
    assert d["communes"] == 12


def test_verifier(capsys):
    assert main(["verifier"]) == 0
    assert "281 reproduits, 0 écart(s) inattendu(s)" in capsys.readouterr().out


def test_formats_francais():
    from observatoire import formats
    assert formats.nombre(14523) == "14\u202f523"
    assert formats.pourcent(-8.04, signe=True) == "\u22128,0\u202f%"
    assert formats.pourcent(-0.01) == "0,0\u202f%"
    import datetime
    for d in (datetime.date(2021, 12, 31), pd.Timestamp("2021-12-31"), "2021-12-31", datetime.datetime(2021, 12, 31, 9)):
        assert formats.jour(d) == "31/12/2021"  # une seule mise en forme des dates, d'où qu'elles viennent
    assert formats.horodatage(pd.Timestamp("2026-11-30 14:05:09")) == "30/11/2026 14:05"


def test_build_si_necessaire_ne_reconstruit_que_si_les_entrees_changent(base_copie, monkeypatch, capsys, tmp_path):
    """Un redémarrage (scripts/app.sh) ne reconstruit pas une base à jour ; il la reconstruit si elle
    manque de marque, ou si les données, le modèle ou le code ont changé."""
    from observatoire import chemins
    from observatoire.modele import base
    appels = []
    monkeypatch.setattr(base, "construire", lambda: appels.append(1) or {"total": 0.0, "panel": 0.0})
    marque = base_copie.with_name(base_copie.name + ".empreinte")
    assert main(["build", "--si-necessaire"]) == 0 and appels == [1]  # pas de marque : reconstruite
    marque.write_text(base.empreinte_entrees() + "\n")
    assert main(["build", "--si-necessaire"]) == 0 and appels == [1]  # à jour : rien
    assert "Base à jour" in capsys.readouterr().out
    assert main(["build"]) == 0 and appels == [1, 1]  # build sans option : toujours
    # une donnée modifiée change l'empreinte
    donnees = tmp_path / "data"
    shutil.copytree(chemins.DATA, donnees, ignore=shutil.ignore_patterns("*.duckdb*", "imports"))
    monkeypatch.setattr(chemins, "DATA", donnees)
    monkeypatch.setattr(chemins, "REF", donnees / "ref")
    avant = base.empreinte_entrees()
    assert avant == marque.read_text().strip()
    (donnees / "sources.csv").write_text((donnees / "sources.csv").read_text() + "\n", encoding="utf-8")
    assert base.empreinte_entrees() != avant
    assert main(["build", "--si-necessaire"]) == 0 and appels == [1, 1, 1]


def test_serie_pour_les_scripts(capsys):
    """La série d'un territoire avec date, valeur, statut, provenance, source et définition."""
    assert main(["serie", "--territoire", "mno", "--indicateur", "population"]) == 0
    lignes = capsys.readouterr().out.splitlines()
    assert lignes[0] == "date;valeur;statut;provenance;source;definition;rupture_avant"
    rp2021 = next(x for x in lignes if x.startswith("2021-01-01;"))
    assert rp2021.split(";")[1:4] == ["144212", "ok", "officiel"] and "recensement" in rp2021
    assert main(["serie", "--territoire", "ze-3216", "--indicateur", "demandeurs_abc", "--format", "json"]) == 0
    serie = json.loads(capsys.readouterr().out)
    assert serie[0]["statut"] == "incomplet" and serie[0]["valeur"] is None
    assert serie[0]["provenance"] == "demonstration" and serie[0]["definition"]
    assert main(["serie", "--territoire", "mno", "--indicateur", "chomeurs"]) == 2
    assert "Indicateur inconnu : « chomeurs »" in capsys.readouterr().err


def test_compte_ajoute_une_empreinte_jamais_le_mot_de_passe(tmp_path, monkeypatch, capsys):
    import io
    import stat

    import tomllib

    from observatoire.appli import acces
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    monkeypatch.setattr("sys.stdin", io.StringIO("court\n"))
    assert main(["compte", "alice", "--secrets", str(secrets), "--mot-de-passe-stdin"]) == 2
    assert "trop court" in capsys.readouterr().err and not secrets.exists()
    assert main(["compte", "a lice", "--secrets", str(secrets), "--mot-de-passe-stdin"]) == 2
    for attendu in ("ajouté", "remplacé"):
        monkeypatch.setattr("sys.stdin", io.StringIO("un mot de passe assez long\n"))
        assert main(["compte", "alice", "--secrets", str(secrets), "--mot-de-passe-stdin"]) == 0
        assert f"Compte alice {attendu}" in capsys.readouterr().out
    empreinte = tomllib.loads(secrets.read_text(encoding="utf-8"))["comptes"]["alice"]
    assert empreinte.startswith("$argon2") and "assez long" not in secrets.read_text(encoding="utf-8")
    assert acces.verifier(empreinte, "un mot de passe assez long")
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o600
