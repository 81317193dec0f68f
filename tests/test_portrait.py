"""Portraits : PowerPoint ouvert par python-pptx, PDF ouvert par pypdf ; diapositives, titres, images, sources."""
import io
import math
import re
from pathlib import Path

import pandas as pd
import pytest
import streamlit  # noqa: F401 — comme dans l'application, dont le modèle Plotly devient celui par défaut
from pptx import Presentation
from PIL import ImageFont
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu, Inches, Pt
from pypdf import PdfReader

from observatoire.__main__ import main
from observatoire.sorties import portrait, portrait_pptx

from .outils_images import bords_encres

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium absent : Kaleido ne peut pas dessiner les graphiques", allow_module_level=True)

TITRES = ["Chiffres clés", "Demandeurs d'emploi ABC pour 100 habitants", "Évolution de la demande d'emploi ABC",
          "Profil des demandeurs d'emploi", "Comparaison des territoires", "Pourquoi l'emploi salarié privé a bougé",
          "Les métiers qui recrutent",
          "Le point sur la demande d'emploi"]


@pytest.fixture(scope="module")
def diapos(con):
    return portrait.diapositives(con, "mie-roubaisis", "2021-12-31")


@pytest.fixture(scope="module")
def pdf(diapos):
    """Le PDF du portrait, rendu une fois pour les tests qui le lisent."""
    return PdfReader(io.BytesIO(portrait.en_pdf(diapos)))


def test_diapositives(diapos):
    assert [d.titre for d in diapos] == ["MiE du Roubaisis", *TITRES]
    assert all(d.source for d in diapos)
    # L'enquête BMO est réelle, et le profil de la MiE au 31/12/2021 est celui de l'annexe du bulletin
    # N°55 (chiffres publiés) : ces diapositives n'ont pas la marque de démonstration
    assert [d.titre for d in diapos if not d.demonstration] == ["Profil des demandeurs d'emploi",
                                                                 "Les métiers qui recrutent"]
    assert sum(d.figure is not None for d in diapos) == 6
    # pourquoi l'emploi a bougé : la cascade tendance du Nord / structure / effet local, et sa phrase
    emploi = next(d for d in diapos if d.titre.startswith("Pourquoi"))
    assert [t.type for t in emploi.figure.data] == ["waterfall"]
    assert list(emploi.figure.data[0].x) == ["Tendance : Nord", "Structure sectorielle", "Effet local", "Variation"]
    assert "tiennent au territoire (effet local)" in emploi.sous_titre and "Urssaf" in emploi.source
    bmo = diapos[-2]
    assert bmo.source == "Source : France Travail, enquête Besoins en main-d'œuvre (BMO) 2024."
    assert bmo.sous_titre.startswith("Bassin d'emploi du Versant nord-est (Roubaix-Tourcoing) – 12\u202f854 projets")
    # Un portrait « au 31/12/2021 » ne montre pas de courbe au-delà de cette date
    evolution = next(d for d in diapos if d.titre.startswith("Évolution"))
    assert max(max(t.x) for t in evolution.figure.data if t.x is not None) <= pd.Timestamp("2021-12-31")
    assert "jusqu'au 31/12/2021" in evolution.sous_titre


def test_pptx(diapos):
    prs = Presentation(io.BytesIO(portrait_pptx.en_pptx(diapos)))
    titres = ["MiE du Roubaisis", *TITRES, "Le point sur la demande d'emploi (suite)"]
    assert len(prs.slides) == 10  # le commentaire, à 18 pt, continue sur une deuxième diapositive
    for s, titre in zip(prs.slides, titres):
        textes = [sh.text_frame.text for sh in s.shapes if sh.has_text_frame]
        assert titre in textes
        assert any(t.startswith("Source") or t.startswith("Population") for t in textes)
        assert any("DONNÉES DE DÉMONSTRATION" in t for t in textes) == (
            titre not in ("Les métiers qui recrutent", "Profil des demandeurs d'emploi"))
    images = [sum(sh.shape_type == MSO_SHAPE_TYPE.PICTURE for sh in s.shapes) for s in prs.slides]
    assert images == [0, 0, 1, 1, 1, 1, 1, 1, 0, 0]
    # accessibles : le titre de chaque diapositive dans l'espace réservé au titre, chaque image décrite
    assert [s.shapes.title.text for s in prs.slides] == titres
    alternatives = [sh._element.nvPicPr.cNvPr.get("descr") for s in prs.slides for sh in s.shapes
                    if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert alternatives[1] == ("Graphique : Évolution de la demande d'emploi ABC – Base 100 au 31/12/2011, jusqu'au "
                               "31/12/2021, données trimestrielles brutes.")
    assert all(a and a.startswith("Graphique : ") for a in alternatives)
    pic = next(sh for sh in prs.slides[2].shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE)
    assert pic.image.size[0] >= 3000  # résolution d'impression
    coupees = {(k, sh.name): bords_encres(sh.image.blob) for k, s in enumerate(prs.slides) for sh in s.shapes
               if sh.shape_type == MSO_SHAPE_TYPE.PICTURE}
    assert {k: v for k, v in coupees.items() if v} == {}  # aucun libellé coupé par le bord d'une image
    # chaque image sous la dernière ligne de son sous-titre (18 pt ; DejaVu Sans, la police de LibreOffice : 1,17
    # fois la taille par ligne) : un sous-titre sur deux lignes (les métiers qui recrutent) ne touche pas le graphique
    police = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 18)
    for s, d in zip(prs.slides, diapos):
        for pic in (sh for sh in s.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE):
            cadre = next(sh for sh in s.shapes if sh.has_text_frame and sh.text_frame.text == d.sous_titre)
            lignes = math.ceil(police.getlength(d.sous_titre) / ((cadre.width / Emu(914_400) - 0.2) * 72))
            assert pic.top >= cadre.top + Inches(0.05) + Pt(18 * 1.17) * lignes, (d.titre, lignes)


def test_pptx_lisible_projete(diapos):
    """Projeté, tout se lit : aucun texte sous 18 pt hors pied de page (sources, numéro), la marque de démonstration
    en 14 pt gras, les chiffres clés en grand (40 pt) comme à l'écran et non en liste à puces."""
    prs = Presentation(io.BytesIO(portrait_pptx.en_pptx(diapos)))
    tailles = {}
    for k, s in enumerate(prs.slides):
        for sh in s.shapes:
            if not sh.has_text_frame or sh.top >= Inches(6.9):  # le pied de page
                continue
            for p in sh.text_frame.paragraphs:
                if p.text.strip():
                    tailles[(k, p.text[:40])] = p.font.size.pt
    marques = {k: t for k, t in tailles.items() if k[1].startswith("DONNÉES DE DÉMONSTRATION")}
    assert marques and set(marques.values()) == {14}
    assert {k: t for k, t in tailles.items() if t < 18 and k not in marques and "rupture" not in k[1]} == {}
    cles = prs.slides[1]
    grands = [p.text for sh in cles.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs
              if p.font.size and p.font.size.pt >= 40]
    assert grands == ["122\u202f273", "16\u202f256", "10\u202f757", "44\u202f647", "10\u202f082", "2\u202f424"]


def test_pdf(pdf):
    assert len(pdf.pages) == 5  # synthèse, puis les graphiques deux par deux, jamais un réel avec un de démonstration
    assert pdf.metadata.title == "MiE du Roubaisis – portrait de territoire – Observatoire de l'emploi"
    assert pdf.trailer["/Root"]["/Lang"] == "fr-FR" and "/StructTreeRoot" in pdf.trailer["/Root"]  # langue, balises
    texte = " ".join(p.extract_text() for p in pdf.pages)
    for t in ["MiE du Roubaisis – portrait de territoire", "Chiffres clés", "Le point sur la demande d'emploi",
              "Profil des demandeurs d'emploi", "DONNÉES DE DÉMONSTRATION", "IGN – ADMIN EXPRESS 2018",
              "Les métiers qui recrutent", "main-d'œuvre (BMO) 2024"]:
        assert t in texte, t
    assert "16 256" in texte.replace("\u202f", " ")
    assert sum(len(p.images) for p in pdf.pages) == 6
    for k, page in enumerate(pdf.pages):
        for img in page.images:
            png = io.BytesIO()
            img.image.convert("RGB").save(png, "PNG")
            assert bords_encres(png.getvalue()) == [], (k, img.name)  # aucun libellé coupé


def test_pdf_texte_aligne_a_gauche_sans_blancs_etires(pdf):
    """Le texte du PDF est aligné à gauche : une ligne justifiée étire ses blancs (« Bassin  d'emploi  de  Lille ») et
    se lit mal projetée. La justification se voit dans le flux de la page : des écarts de plus d'un dixième de
    cadratin insérés entre les mots d'un tableau TJ."""
    ecarts = [float(e) for page in pdf.pages
              for e in re.findall(rb"\) *(-?\d+(?:\.\d+)?) *\(", page.get_contents().get_data())]
    assert [e for e in ecarts if abs(e) > 100] == []


def test_commande_portrait(tmp_path, base_construite, monkeypatch, capsys):
    """La commande écrit le PowerPoint et annonce le nombre de diapositives du fichier (commentaire continué compris)."""
    monkeypatch.setenv("OBSERVATOIRE_DB", str(base_construite))
    sortie = tmp_path / "portrait.pptx"
    assert main(["portrait", "--territoire", "melt", "--date", "2023-12-31", "--format", "pptx", "-o", str(sortie)]) == 0
    n = len(Presentation(sortie).slides)
    assert n >= 9 and f"({n} diapositives, " in capsys.readouterr().out
    assert main(["portrait", "--territoire", "atlantide", "--date", "2023-12-31", "-o", str(sortie)]) == 2


def test_exports_png_svg_et_excel(con):
    import pandas as pd
    from openpyxl import load_workbook

    from observatoire.cartes import carto, classement, figure_plotly
    from observatoire.sorties.export import image
    from observatoire.sorties.tableaux import Cartouche, Colonne, en_xlsx
    donnees = portrait.requete(con, "carte_communes", region=None, zone="mel", territoire="mel", indicateur="demandeurs_abc",
                               date="2021-12-31", date_base="2011-12-31", mesure="niveau")
    fig = figure_plotly.figure(carto.dessin(donnees, "mel", "niveau", classement.classer(donnees.mesure, "niveau", "quantiles", 5),
                                    "Nombre"))
    png, svg = image(fig, "png", 800, 500, 1), image(fig, "svg", 800, 500)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
    assert b"<svg" in svg[:300] and svg.count(b"<path") > 90  # une forme par commune de la MEL
    df = pd.DataFrame({"nom": ["Roubaix", "=1+2"], "valeur": [14523.4, 2.0], "demo": [True, False]})
    colonnes = {"nom": Colonne("Commune"), "valeur": Colonne("Nombre", "nombre"),
                "demo": Colonne("Démonstration", "oui_non")}
    ws = load_workbook(io.BytesIO(en_xlsx(df, colonnes, Cartouche("T", "MEL", "au 31/12/2021", "S", True)))).active
    entete = next(r for r in ws.iter_rows() if r[0].value == "Commune")[0].row
    assert [c.value for c in ws[entete]] == ["Commune", "Nombre", "Démonstration"]
    ligne = ws[entete + 1]
    assert ligne[1].value == 14523 and isinstance(ligne[1].value, int) and ligne[2].value == "oui"
    assert ws.cell(entete + 2, 1).value == "'=1+2" and ws.cell(entete + 2, 1).data_type != "f"  # jamais de formule


def test_cli_annonce_les_pages_du_pdf(tmp_path, capsys, base_construite, monkeypatch):
    """Le PDF regroupe les diapositives ; la commande annonce ses pages, pas « 7 diapositives »."""
    from observatoire.__main__ import main
    monkeypatch.setenv("OBSERVATOIRE_DB", str(base_construite))
    sortie = tmp_path / "p.pdf"
    assert main(["portrait", "--territoire", "mie-roubaisis", "--date", "2021-12-31", "--format", "pdf",
                 "--output", str(sortie)]) == 0
    pages = len(PdfReader(sortie).pages)
    assert f"({pages} pages A4," in capsys.readouterr().out and pages < 7


def test_marque_de_demonstration_diapositive_par_diapositive(base_copie, tmp_path):
    """Une diapositive dont toutes les valeurs sont réelles perd la marque de démonstration et nomme
    le producteur et la définition de ses données ; les autres la gardent."""
    from observatoire import referentiel
    from observatoire.imports.importer import importer
    from observatoire.modele import base
    f = tmp_path / "mel_2022.csv"
    lignes = [f"{c};demandeurs_abc;31/12/2022;{1000 + i};ok;dares-defm-communales"
              for i, c in enumerate(referentiel.territoire("mel").membres)]
    f.write_text("code_commune;indicateur;date;valeur;statut;source\n" + "\n".join(lignes) + "\n", encoding="utf-8")
    importer(f)
    con = base.connecter(chemin=base_copie)
    try:
        d = {x.titre: x for x in portrait.diapositives(con, "mie-roubaisis", "2022-12-31")}
    finally:
        con.close()
    carte = d["Demandeurs d'emploi ABC pour 100 habitants"]
    assert not carte.demonstration
    assert "Données réelles : DARES / France Travail" in carte.source and "arrondie à 5" in carte.source
    assert d["Profil des demandeurs d'emploi"].demonstration  # catégorie A, RSA… restent de démonstration
