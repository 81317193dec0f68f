"""Tableaux téléchargés : le fichier dit ce que l'écran dit autour du tableau (titre, territoire, date, unité,
sources, marque de démonstration) et écrit les pourcentages comme des pourcentages."""
import io
from datetime import date

import pandas as pd
from openpyxl import load_workbook

from observatoire.sorties.tableaux import MARQUE_DEMO, Cartouche, Colonne, en_csv, en_xlsx

DF = pd.DataFrame({"nom": ["Roubaix", "Tourcoing"], "evolution": [3.8, -1.24], "nombre": [14523.4, 9000.0],
                   "demonstration": [True, False]})
COLONNES = {"nom": Colonne("Territoire"), "evolution": Colonne("Évolution sur un an", "pourcent", 1, signe=True),
            "nombre": Colonne("Nombre (Roubaix)", "nombre"), "demonstration": Colonne("Démonstration", "oui_non")}
DEMO = Cartouche("Comparaison des territoires – évolution", "Roubaix, Tourcoing", "au 31/12/2021",
                 "DARES / France Travail – moyenne des trois fins de mois", True, unite="%")


def test_cartouche_dit_titre_territoire_date_unite_sources_et_demonstration():
    lignes = dict(DEMO.lignes(date(2026, 11, 30)))
    assert lignes == {"Titre": "Comparaison des territoires – évolution", "Territoire": "Roubaix, Tourcoing",
                      "Date": "au 31/12/2021", "Unité": "%", "Sources": "DARES / France Travail – moyenne des trois "
                      "fins de mois", "Statut": MARQUE_DEMO,
                      "Téléchargé": "le 30/11/2026 depuis l'Observatoire de l'emploi"}
    reel = dict(Cartouche("T", "MEL", "2024", "Insee", False).lignes())
    assert "DÉMONSTRATION" not in reel["Statut"] and "Unité" not in reel


def test_csv_commence_par_le_cartouche_et_ecrit_des_nombres_qu_un_tableur_lit_comme_des_nombres(tmp_path):
    """Signe moins ASCII, virgule décimale, ni espace ni « % » (l'unité dans le titre de la colonne) ; le cartouche en
    lignes « # » jamais entre guillemets, même quand ses sources contiennent « ; » : la recette documentée relit le
    fichier tel qu'il est téléchargé, en nombres."""
    sources = Cartouche(DEMO.titre, DEMO.territoire, DEMO.date, "DARES ; Insee", True, unite="%")
    brut = en_csv(DF, COLONNES, sources)
    texte = brut.decode("utf-8-sig")
    lignes = texte.splitlines()
    assert lignes[0] == "# Titre : Comparaison des territoires – évolution"
    assert "# Statut : DONNÉES DE DÉMONSTRATION" in texte and "# Date : au 31/12/2021" in texte
    assert "# Sources : DARES , Insee" in lignes and not any(l.startswith('"') for l in lignes)
    entete = lignes.index("Territoire;Évolution sur un an (%);Nombre (Roubaix);Démonstration")
    assert lignes[entete + 1] == "Roubaix;3,8;14523;oui"
    assert lignes[entete + 2] == "Tourcoing;-1,2;9000;non"
    f = tmp_path / "telecharge.csv"
    f.write_bytes(brut)
    lu = pd.read_csv(f, sep=";", comment="#", decimal=",", encoding="utf-8-sig")  # la recette de la documentation
    assert list(lu.columns) == ["Territoire", "Évolution sur un an (%)", "Nombre (Roubaix)", "Démonstration"]
    assert lu["Évolution sur un an (%)"].tolist() == [3.8, -1.2] and lu["Nombre (Roubaix)"].tolist() == [14523, 9000]


def test_excel_porte_le_cartouche_et_des_pourcentages():
    ws = load_workbook(io.BytesIO(en_xlsx(DF, COLONNES, DEMO))).active
    bloc = {ws.cell(k, 1).value: ws.cell(k, 2).value for k in range(1, 8)}
    assert bloc["Titre"] == DEMO.titre and bloc["Territoire"] == "Roubaix, Tourcoing" and bloc["Unité"] == "%"
    assert bloc["Statut"].startswith("DONNÉES DE DÉMONSTRATION") and "DARES" in bloc["Sources"]
    assert ws.cell(6, 2).font.color.rgb.endswith("B2182B")  # la marque en rouge
    entete = next(r for r in ws.iter_rows() if r[1].value == "Évolution sur un an")[0].row
    evolution = ws.cell(entete + 1, 2)
    assert evolution.value == 0.038 and evolution.number_format == "+0.0%;-0.0%;0.0%"
    assert ws.cell(entete + 1, 3).value == 14523 and ws.cell(entete + 1, 3).number_format == "# ##0"


def test_texte_hostile_du_cartouche_jamais_formule():
    hostile = Cartouche("=HYPERLINK(\"http://x\")", "@SOMME(A1)", "au 31/12/2021", "+1", False)
    ws = load_workbook(io.BytesIO(en_xlsx(DF, COLONNES, hostile))).active
    assert all(ws.cell(k, 2).data_type == "s" for k in range(1, 7))
    assert ws.cell(1, 2).value.startswith("'=")
    assert en_csv(DF, COLONNES, hostile).decode("utf-8-sig").splitlines()[1] == "# Territoire : '@SOMME(A1)"

