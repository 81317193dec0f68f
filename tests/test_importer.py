"""Import de fichiers réels : formats acceptés, refus motivés (fichier, ligne, colonne), atomicité, annulation."""
from __future__ import annotations

import textwrap
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

from observatoire import referentiel
from observatoire.__main__ import main
from observatoire.imports.importer import ErreurImport, analyser, annuler, importer
from observatoire.modele import base

from .conftest import empreinte


def ecrire(chemin: Path, texte: str, encodage: str = "utf-8") -> Path:
    chemin.write_bytes(textwrap.dedent(texte).lstrip("\n").encode(encodage))
    return chemin


def xlsx(chemin: Path, feuilles: dict[str, list[list]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for nom, lignes in feuilles.items():
        ws = wb.create_sheet(nom)
        for ligne in lignes:
            ws.append(ligne)
    wb.save(chemin)
    return chemin


def faits(chemin: Path, sql: str, params=()):
    with duckdb.connect(str(chemin), read_only=True) as c:
        return c.execute(sql, params).fetchall()


def signature(chemin: Path):
    """Empreinte des valeurs en vigueur, communales et publiées à l'échelle d'un territoire."""
    return faits(chemin, "SELECT count(*), sum(hash(indicateur, code_commune, date, valeur, statut, provenance, "
                         "reference)) FROM faits") + faits(
        chemin, "SELECT count(*), sum(hash(indicateur, territoire, date, valeur, statut, provenance, reference)) "
                "FROM faits_niveau")


def valeur(chemin, ind, code, d):
    return faits(chemin, "SELECT valeur, statut, provenance FROM faits WHERE indicateur = ? AND code_commune = ? "
                         "AND date = ?", [ind, code, d])


# --- fichiers acceptés -------------------------------------------------------------------------------------
def test_csv_long_point_virgule_utf8(base_copie, tmp_path):
    f = ecrire(tmp_path / "de.csv", """
        code_commune;indicateur;date;valeur;statut;source
        59512 - Roubaix;demandeurs_abc;31/12/2022;14 900;;france-travail-stmt
        59339;demandeurs_abc;2022-12-31;"1 001";;
        59070;demandeurs_abc;2022-12-31;12;;
        59367;demandeurs_abc;2022-12-31;;secret;
    """)
    r = importer(f)
    assert r.import_id == 1 and len(r.valeurs) == 4
    assert valeur(base_copie, "demandeurs_abc", "59512", "2022-12-31") == [(14900.0, "ok", "import")]
    assert valeur(base_copie, "demandeurs_abc", "59006", "2022-12-31") == [(12.0, "ok", "import")]  # 59070 fusionnée
    assert valeur(base_copie, "demandeurs_abc", "59367", "2022-12-31") == [(None, "secret", "import")]
    # les valeurs de démonstration de ABC au 31/12/2022 sont retirées (jamais de mélange démo / réel)
    assert faits(base_copie, "SELECT count(*) FROM faits WHERE indicateur = 'demandeurs_abc' "
                             "AND date = '2022-12-31'") == [(4,)]
    # un total qui contient un secret le dit au lieu d'imprimer une somme fausse
    with base.connecter(chemin=base_copie) as con:
        v = con.execute("SELECT statut, valeur, valeur_connue FROM valeurs_territoires(['mie-roubaisis'], "
                        "['demandeurs_abc'], [DATE '2022-12-31'])").df()
    assert v.statut.item() == "secret" and v.valeur.isna().item() and v.valeur_connue.item() == 15901


def test_csv_virgule_windows_1252_libelles(base_copie, tmp_path):
    f = ecrire(tmp_path / "de.csv", """
        Code_Commune,Indicateur,Date,Valeur
        59512,Demandeurs d'emploi de catégorie A,31/03/2023,"9 999"
        59512,demandeurs_abc,31/03/2023,15000
    """, "cp1252")
    r = importer(f)
    assert {v.indicateur for v in r.valeurs} == {"demandeurs_a", "demandeurs_abc"}


def test_csv_avec_bom(base_copie, tmp_path):
    f = tmp_path / "bom.csv"
    f.write_bytes("\ufeffcode_commune;indicateur;date;valeur\n59512;population;2025-01-01;98000\n".encode())
    assert len(importer(f).valeurs) == 1


def test_xlsx_titres_notes_et_plusieurs_feuilles(base_copie, tmp_path):
    f = xlsx(tmp_path / "stmt.xlsx", {
        "Notes": [["Source : France Travail"], ["Champ : catégories ABC"]],
        "Données": [["Demandeurs d'emploi par commune"], ["Données brutes, fin de trimestre"], [],
                    ["code_commune", "indicateur", "date", "valeur"],
                    [59512.0, "demandeurs_abc", "2023-06-30", 14001],
                    ["59339 - Leers", "demandeurs_abc", "30/06/2023", "602"]],
    })
    r = importer(f)
    assert [v.ligne for v in r.valeurs] == [5, 6]
    assert valeur(base_copie, "demandeurs_abc", "59339", "2023-06-30") == [(602.0, "ok", "import")]


def test_tableau_large_avec_mapping_et_cellules_masquees(base_copie, tmp_path):
    f = ecrire(tmp_path / "large.csv", """
        Bulletin de la demande d'emploi;;;
        Commune;Demandeurs ABC;Femmes;Hommes
        59512 - Roubaix;14\u00a0523;6\u202f372;8 151
        59367 - Lys-lez-Lannoy;1 166;s;<5
        59339 - Leers;567;1 à 4;nd
    """)
    m = ecrire(tmp_path / "mapping.yaml", """
        colonne_commune: Commune
        date: 2024-12-31
        source: france-travail-stmt
        colonnes:
          Demandeurs ABC: demandeurs_abc
          Femmes: demandeurs_abc_femmes
          Hommes: demandeurs_abc_hommes
    """)
    r = importer(f, m)
    assert len(r.valeurs) == 9
    assert valeur(base_copie, "demandeurs_abc_femmes", "59367", "2024-12-31") == [(None, "secret", "import")]
    assert valeur(base_copie, "demandeurs_abc_hommes", "59339", "2024-12-31") == [(None, "missing", "import")]
    assert valeur(base_copie, "demandeurs_abc_hommes", "59512", "2024-12-31") == [(8151.0, "ok", "import")]


def test_tableau_large_une_colonne_par_annee(base_copie, tmp_path):
    f = xlsx(tmp_path / "sirene.xlsx", {"Etablissements": [["Commune", "2022", "2023"],
                                                          ["59350", 30000, 30500], ["59512", 9000, 9100]]})
    m = ecrire(tmp_path / "m.yaml", "colonne_commune: Commune\nindicateur: etablissements\n")
    assert len(importer(f, m).valeurs) == 4
    assert valeur(base_copie, "etablissements", "59350", "2023-12-31") == [(30500.0, "ok", "import")]


# --- fichiers refusés : message, code de sortie 2, base identique octet pour octet ------------------------
ENTETE = "code_commune;indicateur;date;valeur\n"
MAUVAIS = {
    "commune_inconnue": (ENTETE + "59999;demandeurs_abc;2021-12-31;10\n",
                         "ligne 2, colonne 1 (« code_commune ») : code commune inconnu « 59999 »"),
    "code_illisible": (ENTETE + "Roubaix;demandeurs_abc;2021-12-31;10\n", "« Roubaix » n'est pas un code commune"),
    "indicateur_inconnu": (ENTETE + "59512;chomeurs;2021-12-31;10\n",
                           "ligne 2, colonne 2 (« indicateur ») : indicateur inconnu « chomeurs »"),
    "doublon": (ENTETE + "59512;demandeurs_abc;2021-12-31;10\n59512;demandeurs_abc;31/12/2021;11\n",
                "ligne 3, colonne 4 (« valeur ») : doublon de demandeurs_abc pour 59512 au 31/12/2021 "
                "(déjà à la ligne 2)"),
    "negatif": (ENTETE + "59512;demandeurs_abc;2021-12-31;-5\n", "valeur négative « -5 »"),
    "date_impossible": (ENTETE + "59512;demandeurs_abc;2021-02-30;5\n",
                        "ligne 2, colonne 3 (« date ») : date impossible « 2021-02-30 »"),
    "date_illisible": (ENTETE + "59512;demandeurs_abc;décembre 2021;5\n", "n'est pas une date"),
    "pas_fin_de_trimestre": (ENTETE + "59512;demandeurs_abc;15/12/2021;5\n",
                             "« 15/12/2021 » n'est pas une fin de trimestre"),
    "population_pas_au_1er_janvier": (ENTETE + "59512;population;2021-12-31;98000\n", "1er janvier"),
    "annuel_pas_au_31_decembre": (ENTETE + "59512;etablissements;2021-06-30;9000\n", "au 31 décembre"),
    "pas_un_nombre": (ENTETE + "59512;demandeurs_abc;2021-12-31;beaucoup\n", "« beaucoup » n'est pas un nombre"),
    "decimal": (ENTETE + "59512;demandeurs_abc;2021-12-31;12,5\n", "effectif non entier « 12,5 »"),
    "total_incoherent": (ENTETE + "59512;demandeurs_abc;2021-12-31;100\n59512;demandeurs_abc_femmes;2021-12-31;60\n"
                         "59512;demandeurs_abc_hommes;2021-12-31;50\n",
                         "ligne 2, colonne 4 (« valeur ») : total incohérent pour 59512 au 31/12/2021 : "
                         "demandeurs_abc = 100 mais demandeurs_abc_femmes (60, ligne 3) + "
                         "demandeurs_abc_hommes (50, ligne 4) = 110"),
    "partie_depasse_tout": (ENTETE + "59512;demandeurs_abc;2021-12-31;100\n59512;demandeurs_a;2021-12-31;120\n",
                            "demandeurs_a (120) dépasse demandeurs_abc (100, ligne 2)"),
    "entete_introuvable": ("commune;valeur\n59512;10\n", "en-tête introuvable ; colonnes attendues : code_commune"),
    "sans_donnees": (ENTETE, "aucune ligne de données sous l'en-tête (ligne 1)"),
    "vide": ("", "fichier vide"),
}


@pytest.mark.parametrize("cas", sorted(MAUVAIS))
def test_fichier_refuse_base_intacte(base_copie, tmp_path, capsys, cas):
    contenu, message = MAUVAIS[cas]
    f = tmp_path / f"{cas}.csv"
    f.write_text(contenu, encoding="utf-8")
    avant = empreinte(base_copie)
    assert main(["import", str(f)]) == 2
    err = capsys.readouterr().err
    assert f"{cas}.csv" in err and message in err, err
    assert "la base n'a pas été modifiée" in err
    assert empreinte(base_copie) == avant


def test_tous_les_problemes_sont_listes(base_copie, tmp_path):
    f = ecrire(tmp_path / "multi.csv", ENTETE + "59999;demandeurs_abc;2021-12-31;10\n59512;chomeurs;2021-12-31;1\n"
               "59512;demandeurs_abc;2021-13-31;-1\n")
    with pytest.raises(ErreurImport) as e:
        importer(f)
    lignes = [p.split(", colonne")[0] for p in e.value.problemes]
    assert lignes == ["multi.csv, ligne 2", "multi.csv, ligne 3", "multi.csv, ligne 4", "multi.csv, ligne 4"]


AUTRES = {
    "type": ("notes.pdf", b"%PDF-1.4", None, "type de fichier non pris en charge « .pdf »"),
    "xlsx_corrompu": ("faux.xlsx", b"ceci n'est pas un classeur", None, "classeur Excel illisible"),
    "binaire": ("bin.csv", bytes(range(256)) * 4, None, "illisible"),
    "mapping_cle_inconnue": ("l.csv", b"Commune;X\n59512;1\n", b"colonne_commune: Commune\ncolones: {}\n",
                             "clé(s) inconnue(s) colones"),
    "mapping_yaml_invalide": ("l.csv", b"Commune;X\n59512;1\n", b"colonne_commune: Commune\ncolonnes: [a\n",
                              "m.yaml, ligne 3, colonne 1 : YAML invalide"),
    "mapping_colonne_absente": ("l.csv", b"Commune;X\n59512;1\n",
                                b"colonne_commune: Commune\ndate: 2021-12-31\ncolonnes:\n  Femmes: demandeurs_abc_femmes\n",
                                "colonne « Femmes » du mapping absente de l'en-tête"),
    "mapping_indicateur_inconnu": ("l.csv", b"Commune;X\n59512;1\n",
                                   b"colonne_commune: Commune\ndate: 2021-12-31\ncolonnes:\n  X: chomage\n",
                                   "indicateur inconnu « chomage »"),
}


@pytest.mark.parametrize("cas", sorted(AUTRES))
def test_fichier_ou_mapping_refuse(base_copie, tmp_path, capsys, cas):
    nom, contenu, mapping, message = AUTRES[cas]
    f = tmp_path / nom
    f.write_bytes(contenu)
    args = ["import", str(f)]
    if mapping:
        (tmp_path / "m.yaml").write_bytes(mapping)
        args += ["--mapping", str(tmp_path / "m.yaml")]
    avant = empreinte(base_copie)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err, err
    assert empreinte(base_copie) == avant


# --- journal, annulation, reconstruction ----------------------------------------------------------------------
def test_import_puis_annulation_restaure_la_base(base_copie, tmp_path, capsys):
    f = ecrire(tmp_path / "de.csv", ENTETE + "59512;demandeurs_abc;2022-12-31;1\n")
    avant = signature(base_copie)
    assert main(["import", str(f)]) == 0
    assert signature(base_copie) != avant
    assert main(["imports"]) == 0
    assert "de.csv" in capsys.readouterr().out
    assert main(["annuler", "1"]) == 0
    assert signature(base_copie) == avant
    assert faits(base_copie, "SELECT annule FROM imports") == [(True,)]
    assert main(["annuler", "1"]) == 2  # déjà annulé


def test_essai_n_ecrit_rien_et_reimport_refuse(base_copie, tmp_path):
    f = ecrire(tmp_path / "de.csv", ENTETE + "59512;demandeurs_abc;2022-12-31;1\n")
    avant = empreinte(base_copie)
    assert main(["import", str(f), "--dry-run"]) == 0
    assert empreinte(base_copie) == avant
    importer(f)
    with pytest.raises(ErreurImport, match="déjà importé"):
        importer(f)


def test_build_rejoue_les_imports_archives(base_copie, tmp_path):
    f1 = ecrire(tmp_path / "a.csv", ENTETE + "59512;demandeurs_abc;2022-12-31;1\n")
    f2 = ecrire(tmp_path / "b.csv", ENTETE + "59339;demandeurs_abc;2022-12-31;2\n")
    importer(f1)
    importer(f2)
    annuler(1)
    base.construire(base_copie)
    assert valeur(base_copie, "demandeurs_abc", "59339", "2022-12-31") == [(2.0, "ok", "import")]
    # l'import 1 est annulé ; l'import 2 couvre ABC au 31/12/2022 : plus aucune valeur de démonstration
    assert valeur(base_copie, "demandeurs_abc", "59512", "2022-12-31") == []
    assert valeur(base_copie, "demandeurs_abc", "59512", "2022-09-30")[0][2] == "demonstration"
    assert faits(base_copie, "SELECT import_id, annule FROM imports ORDER BY 1") == [(1, True), (2, False)]
    f3 = ecrire(tmp_path / "c.csv", ENTETE + "59350;demandeurs_abc;2022-12-31;3\n")
    assert importer(f3).import_id == 3


# --- conséquences annoncées avant la confirmation -------------------------------------------------------------
def test_consequences_annoncees_avant_confirmation(base_copie, tmp_path):
    """Le rapport dit, avant la confirmation, quels totaux deviendront incomplets et
    combien de valeurs de démonstration disparaîtront ; l'essai ne touche pas la base ; après l'import, les
    totaux annoncés sont bien ceux qui sont incomplets."""
    from observatoire.imports.importer import analyser, consequences
    f = ecrire(tmp_path / "une.csv", """
        code_commune;indicateur;date;valeur
        59512;demandeurs_abc;31/12/2022;14 900
    """)
    avant = empreinte(base_copie)
    with base.connecter() as con:
        effets = consequences(con, analyser(f))
    assert empreinte(base_copie) == avant
    t = effets.totaux_incomplets.set_index("territoire")
    assert t.communes_sans_valeur["mie-roubaisis"] == 2 and t.communes_sans_valeur["mel"] == 94
    assert "melt" in t.index and "59512" not in t.index  # Roubaix elle-même est complète
    d = effets.demonstration.iloc[0]
    assert (d.remplacees, d.retirees_sans_remplacement) == (1, 646)
    assert "le total de 6 territoires deviendra incomplet" in effets.resume()  # dont ZE et bassin de Roubaix
    assert {"ze-3218", "be-3217"} <= set(t.index)
    # MNO, MELT, les zones et bassins complets sans Roubaix (ZE Valenciennes, 7 bassins dont celui du Cambrésis,
    # complet au COG 2026), les 15 EPCI entiers et 5 arrondissements du COG hors de la MEL et de l'arr. de Lille
    assert "30 territoires n'auront plus de valeur" in effets.resume()
    assert {"mno", "melt", "ze-3222", "be-3216"} <= set(t.index[t.apres == "sans valeur"])
    importer(f)
    avant_ok = {"mie-roubaisis", "mel", "arr-lille", "nord", "ze-3218", "be-3217", "mno", "melt", "ze-3222",
                *(f"be-{c}" for c in (3216, 3218, 3219, 3220, 3221, 3222, 3223)),
                *(x.territoire for x in referentiel.territoires()  # sauf Flandre Lys, à cheval : déjà incomplète
                  if x.territoire.startswith(("epci-", "arr-")) and not x.hors_couverture)}
    apres = dict(faits(base_copie, "SELECT territoire, statut FROM faits_territoires WHERE indicateur = "
                                   "'demandeurs_abc' AND date = '2022-12-31' AND territoire IN "
                                   "('mie-roubaisis', 'mel', 'arr-lille', 'nord', 'ze-3218', 'be-3217', 'mno', 'melt')"))
    assert apres == {x: "incomplet" for x in t.index[t.apres == "incomplet"]}
    assert set(t.index) == avant_ok


def test_consequences_d_un_import_qui_complete_une_serie_reelle(base_copie, tmp_path):
    """Un import qui couvre toutes les communes d'un territoire déjà réel ne rend aucun total incomplet."""
    from observatoire.imports.importer import analyser, consequences
    f = ecrire(tmp_path / "a.csv", """
        code_commune;indicateur;date;valeur
        59512;demandeurs_abc;31/12/2022;14 900
    """)
    importer(f)
    g = ecrire(tmp_path / "b.csv", """
        code_commune;indicateur;date;valeur
        59512;demandeurs_abc;31/12/2022;15 000
    """)
    with base.connecter() as con:
        effets = consequences(con, analyser(g))
    assert effets.totaux_incomplets.empty and effets.demonstration.empty
    assert "aucun total ne deviendra incomplet" in effets.resume()


def test_verifier_apres_un_import_partiel_dit_non_verifiable(base_copie, tmp_path, capsys):
    """Un import qui ne couvre qu'une commune rend incomplets les totaux publiés de son territoire : « verifier »
    les dit non vérifiables depuis cet import (et non « calculé nan », écart inattendu), et sort avec 0."""
    with duckdb.connect(str(base_copie), read_only=True) as c:  # la valeur que la base a déjà : aucun chiffre ne change
        roubaix = c.execute("SELECT valeur FROM faits WHERE indicateur = 'demandeurs_abc' AND code_commune = '59512' "
                            "AND date = DATE '2021-12-31'").fetchone()[0]
    importer(ecrire(tmp_path / "r.csv", ENTETE + f"59512;demandeurs_abc;2021-12-31;{roubaix:.0f}\n"))
    assert main(["verifier"]) == 0
    sortie = capsys.readouterr().out
    assert "0 écart(s) inattendu(s)" in sortie and "non vérifiable(s) (terme incomplet ou sans valeur depuis un import)" in sortie
    assert "[non vérifiable] arr-lille demandeurs_abc 2021-12-31" in sortie
    assert "total incomplet depuis l'import n°1" in sortie and "nan" not in sortie


def test_verifier_dit_non_verifiable_un_chiffre_sans_valeur_de_tout_territoire(base_copie, tmp_path, capsys):
    """Un import qui met sous secret une commune de Métropole Nord-Ouest laisse ses chiffres publiés sans valeur
    calculable : « verifier » les dit non vérifiables, avec la raison, comme pour tout territoire (et non
    « [exact] mno … calculé nan », écart inattendu), et sort avec 0."""
    importer(ecrire(tmp_path / "s.csv", "code_commune;indicateur;date;valeur;statut\n"
                                        "59368;demandeurs_abc;2023-12-31;;secret\n"))
    assert main(["verifier"]) == 0
    sortie = capsys.readouterr().out
    assert "0 écart(s) inattendu(s)" in sortie and "nan" not in sortie
    assert ("[non vérifiable] mno demandeurs_abc 2023-12-31 00:00:00 niveau : publié 8793.0, aucune valeur calculable "
            "(secret statistique)") in sortie


def test_import_et_annulation_recalculent_leurs_seules_cles_comme_un_recalcul_complet(base_copie, tmp_path):
    """Un import ou une annulation ne recalcule que ses clés (indicateur × date) : les tables calculées (faits,
    faits_niveau, faits_territoires) sont alors identiques à celles d'un recalcul complet, y compris quand un import
    plus ancien reprend la main et pour un chiffre publié à l'échelle d'un département."""
    def ecarts_avec_un_recalcul_complet() -> int:
        """Lignes qui diffèrent (dans un sens ou dans l'autre) entre les tables et leur recalcul complet."""
        with duckdb.connect(str(base_copie)) as c:
            c.begin()
            for t in base.TABLES_CALCULEES:
                c.execute(f"CREATE TEMP TABLE avant_{t} AS FROM {t}")
            base.rafraichir_faits(c)
            ecarts = sum(c.execute(f"SELECT count(*) FROM ((FROM {t} EXCEPT ALL FROM avant_{t}) UNION ALL "
                                   f"(FROM avant_{t} EXCEPT ALL FROM {t}))").fetchone()[0]
                         for t in base.TABLES_CALCULEES)
            c.rollback()
        return ecarts

    def empreinte_tables():
        return [faits(base_copie, f"SELECT count(*), sum(hash(COLUMNS(*))) FROM {t}") for t in base.TABLES_CALCULEES]

    depart = empreinte_tables()
    a = ecrire(tmp_path / "a.csv", ENTETE + "59512;demandeurs_abc;2022-12-31;14000\n59512;demandeurs_abc;2022-09-30;"
               "13000\n59350;demandeurs_abc_femmes;2022-12-31;s\n")
    b = ecrire(tmp_path / "b.csv", ENTETE + "59512;demandeurs_abc;2022-12-31;14500\n")
    importer(a)
    importer(b)
    importer(Path(__file__).parent / "fixtures" / "officiels" / "dares_departements.csv")
    assert ecarts_avec_un_recalcul_complet() == 0
    annuler(2)  # l'import 1 reprend la main sur 59512 au 31/12/2022
    assert valeur(base_copie, "demandeurs_abc", "59512", "2022-12-31") == [(14000.0, "ok", "import")]
    assert ecarts_avec_un_recalcul_complet() == 0
    annuler(3)
    annuler(1)
    assert empreinte_tables() == depart  # tout annulé : les tables de départ


def test_apercu_du_rapport_en_francais(tmp_path):
    """L'aperçu du rapport de validation : lieu et indicateur par leur nom, date et nombre en français ; une cellule
    vide du fichier est « manquant », une cellule masquée « secret statistique »."""
    r = analyser(ecrire(tmp_path / "a.csv", ENTETE + "59512;demandeurs_abc;2022-12-31;14900\n"
                                                     "59339;demandeurs_abc;2022-12-31;\n59350;demandeurs_abc;2022-12-31;s\n"))
    apercu = r.apercu({"59512": "Roubaix", "59339": "Leers", "59350": "Lille"}, {"demandeurs_abc": "Demandeurs ABC"})
    assert apercu.values.tolist() == [[2, "Roubaix", "Demandeurs ABC", "31/12/2022", "14\u202f900"],
                                      [3, "Leers", "Demandeurs ABC", "31/12/2022", "manquant"],
                                      [4, "Lille", "Demandeurs ABC", "31/12/2022", "secret statistique"]]
