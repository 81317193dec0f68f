"""Ruptures de série (data/ruptures.csv) : dites à côté de toute évolution ou courbe qui passe le 01/01/2025, et
nulle part ailleurs ; le panel de démonstration a la forme publiée de 2025."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from observatoire import ruptures
from observatoire.__main__ import main
from observatoire.modele.base import requete
from observatoire.sorties import bulletin, commentaire, portrait

from .test_pages import ouvrir

LOI = "le 01/01/2025 (loi pour le plein emploi)"


# --- la règle ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("debut, fin, attendues", [
    ("2024-03-31", "2025-03-31", ["plein-emploi-2025"]),          # l'évolution sur un an au 31/03/2025
    ("2023-12-31", "2024-12-31", []),                             # celle au 31/12/2024 : avant la loi
    ("2024-12-31", "2025-01-01", ["plein-emploi-2025"]),          # la date de la rupture comprise à l'arrivée
    ("2025-01-01", "2025-03-31", []),                             # partie le jour même : déjà après
    ("2024-09-30", "2025-09-30", ["plein-emploi-2025", "sanctions-2025", "inscription-2025"]),
    ("2025-09-30", "2024-09-30", ["plein-emploi-2025", "sanctions-2025", "inscription-2025"]),
])
def test_une_evolution_passe_une_rupture_entre_son_depart_et_son_arrivee(debut, fin, attendues):
    assert [r.rupture for r in ruptures.passees("demandeurs_abc", debut, fin)] == attendues


def test_seuls_les_indicateurs_touches_passent_la_rupture():
    assert ruptures.sur_un_an(["demandeurs_a"], "2025-03-31")
    assert ruptures.sur_un_an("demandeurs_abc_rsa", "2025-03-31")
    assert not ruptures.sur_un_an("emploi_prive", "2025-03-31")
    assert not ruptures.sur_un_an("population", "2025-03-31")
    assert ruptures.depuis("demandeurs_abc", None, "2025-03-31") == []  # un niveau seul : pas d'évolution


def test_l_avertissement_parle_a_un_elu_et_la_source_chiffre_la_part_mecanique():
    texte = ruptures.avertissement(ruptures.sur_un_an("demandeurs_a", "2025-03-31"))
    assert texte == (f"Attention, rupture de série : cette évolution passe {LOI} ; elle ne se lit pas comme une "
                     "évolution de la conjoncture.")
    explication = " ".join(ruptures.explication(ruptures.sur_un_an("demandeurs_a", "2025-03-31")))
    assert "8,7 %" in explication and "0,8 %" in explication and "DARES" in explication
    assert ruptures.avertissement([]) is None


# --- la démonstration a la forme publiée ---------------------------------------------------------------------
def test_le_panel_reproduit_le_saut_de_la_categorie_a_au_premier_trimestre_2025(con):
    """DARES : catégorie A +8,7 % au 1er trimestre 2025, essentiellement mécanique. Le Nord de démonstration fait
    de même, sans saut au trimestre d'avant ; la part des allocataires du RSA monte avec les inscrits d'office."""
    a = requete(con, "serie_sources", territoire="nord", indicateur="demandeurs_a").set_index("date").valeur
    t = lambda d: a[pd.Timestamp(d)]  # noqa: E731
    assert 7.5 <= 100 * (t("2025-03-31") / t("2024-12-31") - 1) <= 10
    assert abs(100 * (t("2024-12-31") / t("2024-09-30") - 1)) < 3
    rsa = requete(con, "serie_sources", territoire="nord", indicateur="demandeurs_abc_rsa").set_index("date").valeur
    abc = requete(con, "serie_sources", territoire="nord", indicateur="demandeurs_abc").set_index("date").valeur
    part = rsa / abc
    assert part[pd.Timestamp("2025-03-31")] - part[pd.Timestamp("2024-12-31")] > 0.01  # plus d'un point


# --- le commentaire et les commandes -------------------------------------------------------------------------
def test_le_commentaire_ne_lit_pas_une_evolution_qui_passe_la_rupture_comme_de_la_conjoncture(con):
    apres = commentaire.paragraphes(con, "mel", "2025-03-31")
    assert apres[1].startswith("Attention, rupture de série : ces évolutions sur un an passent " + LOI)
    assert "0,8 %" in apres[1]
    assert any(p.startswith("Rupture de série comprise, cette évolution est") for p in apres)
    avant = commentaire.paragraphes(con, "mel", "2024-12-31")
    assert not any("rupture" in p.lower() for p in avant)


def test_chiffres_cles_bulletin_et_serie_disent_la_rupture(base_construite, monkeypatch, capsys):
    monkeypatch.setenv("OBSERVATOIRE_DB", str(base_construite))
    assert main(["chiffres-cles", "--territoire", "mel", "--date", "2025-03-31", "--format", "json"]) == 0
    chiffres = {c["indicateur"]: c for c in json.loads(capsys.readouterr().out)["chiffres"]}
    assert LOI in chiffres["demandeurs_a"]["rupture_de_serie"]
    assert chiffres["emploi_prive"]["rupture_de_serie"] is None and chiffres["population"]["rupture_de_serie"] is None
    assert main(["chiffres-cles", "--territoire", "mel", "--date", "2024-12-31", "--format", "json"]) == 0
    assert all(c["rupture_de_serie"] is None for c in json.loads(capsys.readouterr().out)["chiffres"])

    assert main(["bulletin", "--territoire", "mel", "--date", "2025-03-31", "--format", "csv"]) == 0
    lu = pd.read_csv(io.StringIO(capsys.readouterr().out), sep=";", decimal=",")
    assert lu.rupture_de_serie.str.contains("01/01/2025").all()
    assert main(["bulletin", "--territoire", "mel", "--date", "2024-12-31", "--format", "csv"]) == 0
    assert pd.read_csv(io.StringIO(capsys.readouterr().out), sep=";").rupture_de_serie.isna().all()

    assert main(["serie", "--territoire", "mel", "--indicateur", "demandeurs_a", "--format", "json"]) == 0
    points = {p["date"]: p["rupture_avant"] for p in json.loads(capsys.readouterr().out)}
    assert points["2025-03-31"] == "01/01/2025 (loi pour le plein emploi)"
    assert points["2024-12-31"] is None and points["2025-12-31"] is None


def test_le_bulletin_excel_porte_la_rupture_dans_son_cartouche(con):
    from openpyxl import load_workbook
    df = bulletin.bulletin(con, "mel", "2025-03-31")
    ws = load_workbook(io.BytesIO(bulletin.en_xlsx(df, bulletin.cartouche(con, df, "mel", "2025-03-31")))).active
    cartouche = {ws.cell(k, 1).value: ws.cell(k, 2).value for k in range(1, 10)}
    assert LOI in cartouche["Rupture de série"]
    df = bulletin.bulletin(con, "mel", "2024-12-31")
    assert not bulletin.cartouche(con, df, "mel", "2024-12-31").rupture


# --- le portrait ---------------------------------------------------------------------------------------------
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Kaleido dessine avec Chromium")
def test_le_portrait_dit_la_rupture_et_ne_marque_que_les_pages_de_demonstration(con):
    d = {x.titre: x for x in portrait.diapositives(con, "mie-roubaisis", "2025-03-31")}
    assert LOI in d["Chiffres clés"].rupture and LOI in d["Comparaison des territoires"].rupture
    assert "cette série passe" in d["Évolution de la demande d'emploi ABC"].rupture
    assert not d["Les métiers qui recrutent"].rupture and not d["Les métiers qui recrutent"].demonstration
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(portrait.en_pdf(list(d.values())))).pages]
    assert "rupture de série" in pages[0]
    bmo = next(p for p in pages if "Les métiers qui recrutent" in p)
    assert "DÉMONSTRATION" not in bmo and "démonstration" not in bmo  # une page de chiffres réels
    assert "DÉMONSTRATION" in pages[0]
    avant = portrait.diapositives(con, "mie-roubaisis", "2024-12-31")
    assert not any(x.rupture for x in avant if x.titre != "Évolution de la demande d'emploi ABC")


# --- les pages -----------------------------------------------------------------------------------------------
def avertissements(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if "rupture de série" in w.value]


@pytest.mark.parametrize("page, params", [
    ("synthese", {}), ("profil", {}), ("comparer", {"comparer": "nord"}), ("carte", {"mesure": "evolution_pct"}),
])
def test_une_page_dit_la_rupture_a_cote_d_une_evolution_qui_la_passe_et_nulle_part_ailleurs(
        base_construite, monkeypatch, page, params):
    monkeypatch.setenv("OBSERVATOIRE_DB", str(base_construite))
    assert any("passe" in w and "01/01/2025" in w for w in avertissements(ouvrir(
        page, territoire="mel", date="2025-03-31", **params)))
    assert avertissements(ouvrir(page, territoire="mel", date="2024-12-31", **params)) == []


def test_la_carte_d_un_niveau_ne_parle_pas_de_rupture(base_construite, monkeypatch):
    monkeypatch.setenv("OBSERVATOIRE_DB", str(base_construite))
    assert avertissements(ouvrir("carte", territoire="mel", date="2025-03-31", mesure="pour_100")) == []


def test_evolutions_marque_la_rupture_sur_la_courbe(base_construite, monkeypatch):
    monkeypatch.setenv("OBSERVATOIRE_DB", str(base_construite))
    at = ouvrir("evolutions", territoire="mel", date="2025-03-31")
    assert any("cette série passe" in w for w in avertissements(at))
    [dessin] = [m.value for m in at.markdown if 'class="obs-courbes"' in m.value]  # dessiné par le serveur
    assert 'class="rupture"' in dessin and "Ruptures de série (2025)" in dessin
    assert 'stroke="#8a4b00"' in dessin


def test_la_presentation_dit_la_rupture_sous_la_diapositive_de_l_evolution(base_construite, monkeypatch):
    monkeypatch.setenv("OBSERVATOIRE_DB", str(base_construite))
    textes = lambda at: " ".join(h.proto.body for h in at.get("html"))  # noqa: E731
    apres = ouvrir("presentation", territoire="mel", date="2025-03-31", diapo="4")
    assert 'class="diapo-rupture"' in textes(apres) and "cette série passe le 01/01/2025" in textes(apres)
    avant = ouvrir("presentation", territoire="mel", date="2024-12-31", diapo="4")
    assert 'class="diapo-rupture"' not in textes(avant)
