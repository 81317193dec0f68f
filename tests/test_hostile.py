"""Fichiers hostiles ou hors normes : mémoire et temps bornés avant tout travail, message français
qui nomme le fichier et la ligne, base intacte ; rien n'est lu comme une formule dans un tableur."""
from __future__ import annotations

import tracemalloc
import zipfile

import pandas as pd
import pytest
from openpyxl import Workbook

from observatoire.__main__ import main
from observatoire.imports.importer import ErreurImport, analyser
from observatoire.sources.lecture import copie_temporaire
from observatoire.sorties import bulletin as sorties

from .test_importer import ENTETE, empreinte


def refus(chemin, mapping=None) -> str:
    with pytest.raises(ErreurImport) as e:
        analyser(chemin, mapping)
    return " ".join(e.value.problemes)


def refus_en_memoire_bornee(chemin, mapping=None, mo: int = 20) -> str:
    """Le refus, et la mémoire Python allouée au plus fort de l'analyse : un refus « avant tout travail » tient
    en quelques Mo, quelle que soit la vitesse de la machine (mesure déterministe, au contraire d'une durée)."""
    tracemalloc.start()
    try:
        message = refus(chemin, mapping)
        pic = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert pic < mo * 1_000_000, f"{pic / 1e6:.0f} Mo alloués pour refuser {chemin.name}"
    return message


def test_yaml_a_alias_imbriques_refuse_sans_memoire(tmp_path):
    """« Billion laughs » : 582 octets qui déplieraient des milliards de nœuds ; refusé à la lecture."""
    f = tmp_path / "l.csv"
    f.write_text("Commune;X\n59512;1\n", encoding="utf-8")
    lignes = ["colonne_commune: Commune", "colonnes: {X: demandeurs_abc}", 'a: &a ["lol","lol","lol","lol","lol"]']
    lignes += [f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]" for p, c in zip("abcdefgh", "bcdefghi")]
    lignes.append("source: *i")
    m = tmp_path / "bombe.yaml"
    m.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    message = refus_en_memoire_bornee(f, m)
    assert "bombe.yaml, ligne 4, colonne" in message and "alias YAML interdit" in message


def test_xlsx_qui_se_deplie_en_centaines_de_mo_refuse_avant_d_etre_decompresse(tmp_path):
    f = tmp_path / "bombe.xlsx"
    with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w") as feuille:
            bloc = b"<row>" + b"0" * (1 << 20) + b"</row>"
            for _ in range(260):
                feuille.write(bloc)
    assert f.stat().st_size < 2_000_000
    assert "bombe.xlsx : classeur de 273 Mo une fois décompressé (au plus 250 Mo)" in refus_en_memoire_bornee(f)


def test_fichier_de_dix_mille_colonnes_refuse_en_memoire_bornee(tmp_path):
    f = tmp_path / "large.csv"
    entete = ";".join(["code_commune"] + [f"31/12/{2000 + i % 20}_{i}" for i in range(10_000)])
    f.write_text(entete + "\n" + ";".join(["59512"] + ["1"] * 10_000) + "\n", encoding="utf-8")
    assert "large.csv : ligne 1 : 10001 colonnes (au plus 1000)" in refus_en_memoire_bornee(f)


def test_cellule_de_5_mo_refusee_avec_sa_ligne(tmp_path, capsys):
    f = tmp_path / "enorme.csv"
    f.write_text(ENTETE + "59512;demandeurs_abc;2021-12-31;10\n" + '59512;demandeurs_abc;"' + "x" * 5_000_000
                 + '";1\n', encoding="utf-8")
    assert main(["import", str(f)]) == 2
    err = capsys.readouterr().err
    assert "enorme.csv, ligne 3 : une cellule dépasse 10\u202f000 caractères" in err and "Traceback" not in err


def test_ligne_avec_plus_de_champs_que_l_en_tete_refusee(tmp_path):
    f = tmp_path / "decale.csv"
    f.write_text(ENTETE + "59512;demandeurs_abc;2021-12-31;10\n59339;demandeurs_abc;2021-12-31;1;200\n",
                 encoding="utf-8")
    assert ("decale.csv : 1 ligne(s) ont plus de cellules que l'en-tête (4 colonnes), valeurs en trop après la "
            "colonne 4 : lignes 3.") in refus(f)


def test_formule_sans_valeur_calculee_refusee_en_nommant_ses_cellules(tmp_path):
    classeur = Workbook()
    ws = classeur.active
    ws.append(["code_commune", "indicateur", "date", "valeur"])
    ws.append(["59512", "demandeurs_abc", "31/12/2021", 100])
    ws.append(["59339", "demandeurs_abc", "31/12/2021", "=D2/10"])  # openpyxl n'enregistre aucune valeur calculée
    f = tmp_path / "formules.xlsx"
    classeur.save(f)
    assert "formules.xlsx, feuille « Sheet » : formule sans valeur calculée en D3" in refus(f)


def test_un_million_d_erreurs_rapport_borne(tmp_path):
    f = tmp_path / "faux.csv"
    f.write_text(ENTETE + "59512;chomeurs;2021-12-31;1\n" * 50_000, encoding="utf-8")
    with pytest.raises(ErreurImport) as e:
        analyser(f)
    assert len(e.value.problemes) == 1001
    assert e.value.problemes[-1] == ("faux.csv : et 49000 autres problèmes, non détaillés (le fichier est-il du bon "
                                     "type ?).")


@pytest.mark.parametrize("cas,message", [
    ("absent", "absent.csv : fichier introuvable."),
    ("dossier", "dossier.csv : c'est un dossier, pas un fichier."),
    ("long", "fichier illisible (File name too long)"),
])
def test_ligne_de_commande_message_francais_sans_trace(base_copie, tmp_path, capsys, cas, message):
    chemin = {"absent": tmp_path / "absent.csv", "dossier": tmp_path / "dossier.csv",
              "long": tmp_path / ("n" * 300 + ".csv")}[cas]
    if cas == "dossier":
        chemin.mkdir()
    avant = empreinte(base_copie)
    assert main(["import", str(chemin)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err, err
    assert empreinte(base_copie) == avant


def test_messages_du_mapping_nomment_le_fichier_depose(tmp_path):
    """Le mapping déposé est copié sous un nom fixe (« mapping.yaml ») : ses messages portent son nom à lui."""
    with copie_temporaire(b"Commune;X\n59512;1\n", "l.csv", b"colonne_commune: Commune\ncolonnes: [a\n") as (c, m):
        with pytest.raises(ErreurImport) as e:
            analyser(c, m, nom="l.csv", nom_mapping="mon mapping 2024.yml")
    assert e.value.problemes[0].startswith("mon mapping 2024.yml, ligne 3, colonne 1 : YAML invalide"), e.value.problemes
    with copie_temporaire(b"Commune;X\n59512;1\n", "l.csv", b"colonne_commune: Commune\ncolonnes: {X: inconnu}\n"
                          b"date: 2024-12-31\n") as (c, m):
        with pytest.raises(ErreurImport) as e:
            analyser(c, m, nom="l.csv", nom_mapping="mon mapping 2024.yml")
    assert "mon mapping 2024.yml : indicateur inconnu « inconnu » pour la colonne « X »." in e.value.problemes


def test_copie_temporaire_effacee_et_nom_depose_jamais_chemin(tmp_path):
    with copie_temporaire(b"x", "../" + "n" * 300 + ".CSV", b"m") as (chemin, mapping):
        assert chemin.name == "fichier.csv" and mapping.name == "mapping.yaml" and chemin.read_bytes() == b"x"
        dossier = chemin.parent
    assert not dossier.exists()
    with pytest.raises(RuntimeError), copie_temporaire(b"x", "a.csv") as (chemin, _):
        dossier = chemin.parent
        raise RuntimeError
    assert not dossier.exists()


def test_bulletin_telecharge_sans_formule_active():
    df = pd.DataFrame({"libelle": ["=1+2", "@SOMME(A1)", "Roubaix"], "nombre": [1.0, 2.0, 3.0], "part": [1.0] * 3,
                       "evolution_annuelle": [0.0] * 3, "evolution_annuelle_pct": [0.0] * 3, "niveau": [0] * 3,
                       "demonstration": [True] * 3})
    assert "'=1+2" in sorties.en_csv(df) and "'@SOMME(A1)" in sorties.en_csv(df)
    from io import BytesIO

    from openpyxl import load_workbook
    a_propos = sorties.Cartouche("=titre", "@Roubaix", "au 31/12/2021", "-sources", True)
    ws = load_workbook(BytesIO(sorties.en_xlsx(df, a_propos))).active
    valeurs = [c.value for ligne in ws.iter_rows() for c in ligne if isinstance(c.value, str)]
    assert {"'=titre", "'@Roubaix", "'-sources", "'=1+2", "'@SOMME(A1)"} <= set(valeurs)
    assert not [v for v in valeurs if v.startswith(("=", "@", "+", "-"))]


def test_ligne_csv_avec_moins_de_champs_que_l_en_tete_refusee(tmp_path):
    """Un champ manquant n'est pas une cellule vide (masquée) : la ligne est refusée, citée par son numéro."""
    f = tmp_path / "court.csv"
    f.write_text(ENTETE + "59512;demandeurs_abc;2021-12-31;10\n59512;demandeurs_abc;2026-09-30\n", encoding="utf-8")
    assert ("court.csv : 1 ligne(s) ont moins de champs que l'en-tête (4 colonnes) : lignes 3.") in refus(f)
