"""Territoires à façon : définition par lien, chiffres égaux à la somme des communes avec les règles de tout
territoire, enregistrement pour tous (publié, archivé, rejoué), fichiers de zonage."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import empreinte

from observatoire import chemins, referentiel
from observatoire.imports import enregistres
from observatoire.imports.importer import ErreurImport
from observatoire.modele import base, facon

RTW = ("59512", "59599", "59650")  # Roubaix, Tourcoing, Wattrelos


def test_definition_par_lien():
    f, avis = facon.lire("59512,59599,59650", "Roubaix Tourcoing Wattrelos")
    assert (f.nom, f.membres, avis) == ("Roubaix Tourcoing Wattrelos", RTW, [])
    assert f.ident == facon.lire("59650, 59512,59599,59512", "Roubaix Tourcoing Wattrelos")[0].ident  # ordre, doublon
    assert f.ident != facon.lire("59512,59599,59650", "Autre nom")[0].ident


def test_lien_court_avec_raccourci_ajouts_retraits_et_codes_ignores():
    mel = referentiel.territoire("mel").membres
    f, avis = facon.lire("mel,-59350,59020,zzz,62041", "MEL sans Lille\x07 ")
    assert f.nom == "MEL sans Lille"
    assert set(f.membres) == set(mel) - {"59350"} | {"59009"}
    assert "anciens codes convertis" in avis[0] and "59020 → 59009" in avis[0]
    assert "« zzz », « 62041 »" in avis[1]
    assert facon.definition_courte(tuple(sorted(set(mel) - {"59350"}))) == "mel,-59350"
    assert facon.definition_courte(RTW) == "59512,59599,59650"
    rien, avis = facon.lire("zzz", "x")
    assert rien is None and "aucune commune valide" in avis[-1]
    sans_nom, _ = facon.lire("59512,59599", "   ")
    assert sans_nom.nom == "Roubaix + Tourcoing"


def test_les_chiffres_sont_la_somme_des_communes(con):
    t = facon.Facon("Roubaix Tourcoing Wattrelos", RTW).territoire()
    c = con.cursor()
    facon.preparer(c, (t,))
    serie = base.requete(c, "serie_sources", territoire=t.territoire, indicateur="demandeurs_abc").set_index("date")
    communes = sum(base.requete(con, "serie_sources", territoire=x, indicateur="demandeurs_abc").set_index("date").valeur
                   for x in RTW)
    pd.testing.assert_series_equal(serie.valeur, communes, check_names=False)
    assert serie.provenance.str.contains("demonstration").all()  # jamais réel et démonstration mêlés
    cles = base.requete(c, "chiffres_cles", territoire=t.territoire, date="2021-12-31").set_index("indicateur")
    assert cles.valeur["population"] == sum(
        base.requete(con, "chiffres_cles", territoire=x, date="2021-12-31").set_index("indicateur").valeur["population"]
        for x in RTW)
    # la vue temporaire ne touche ni la base ni les autres curseurs
    assert con.execute("SELECT count(*) FROM territoires WHERE territoire = ?", [t.territoire]).fetchone()[0] == 0
    c.close()


def test_un_membre_secret_ou_sans_valeur_rend_le_total_secret_ou_incomplet(base_copie, tmp_path):
    from observatoire.imports import importer
    f = tmp_path / "roubaix.csv"
    f.write_text("code_commune;indicateur;date;valeur;statut\n59512;demandeurs_abc;31/12/2021;;secret\n"
                 "59512;demandeurs_a;31/12/2021;9000;\n", encoding="utf-8")
    importer.importer(f)
    t = facon.Facon("Roubaix Tourcoing", RTW[:2]).territoire()
    with base.connecter() as con:
        c = con.cursor()
        facon.preparer(c, (t,))
        lire = "SELECT valeur, statut FROM faits_territoires WHERE territoire = ? AND indicateur = ? AND date = '2021-12-31'"
        assert c.execute(lire, [t.territoire, "demandeurs_abc"]).fetchone() == (None, "secret")
        assert c.execute(lire, [t.territoire, "demandeurs_a"]).fetchone() == (None, "incomplet")  # Tourcoing sans valeur
        c.close()


def test_enregistrer_renommer_modifier_supprimer_puis_rebatir(base_copie, tmp_path):
    (ident,) = enregistres.enregistrer([("Roubaix Tourcoing Wattrelos", RTW)], "alice")
    assert ident == "perso-1"
    with base.connecter() as con:
        assert con.execute("SELECT nom, type, nb_communes FROM territoires WHERE territoire = 'perso-1'").fetchone() == \
            ("Roubaix Tourcoing Wattrelos", "à façon", 3)
        valeur = con.execute("SELECT valeur FROM faits_territoires WHERE territoire = 'perso-1' AND "
                             "indicateur = 'demandeurs_abc' AND date = '2021-12-31'").fetchone()[0]
        assert valeur == sum(con.execute("SELECT valeur FROM faits_territoires WHERE territoire = ? AND "
                                         "indicateur = 'demandeurs_abc' AND date = '2021-12-31'", [x]).fetchone()[0]
                             for x in RTW)
    enregistres.modifier("perso-1", "bob", nom="RTW", membres=RTW[:2])
    archive = json.loads((chemins.dossier_imports() / "territoires" / "enregistres.json").read_text(encoding="utf-8"))
    assert [(t["territoire"], t["nom"], t["membres"], t["auteur"], t["modifie_par"]) for t in archive] == [
        ("perso-1", "RTW", ["59512", "59599"], "alice", "bob")]
    with base.connecter() as con:  # seuls les agrégats du territoire modifié sont recalculés : ceux de ses 2 communes
        assert con.execute("SELECT valeur FROM faits_territoires WHERE territoire = 'perso-1' AND indicateur = "
                           "'demandeurs_abc' AND date = '2021-12-31'").fetchone()[0] == sum(
            con.execute("SELECT valeur FROM faits_territoires WHERE territoire = ? AND indicateur = 'demandeurs_abc' "
                        "AND date = '2021-12-31'", [x]).fetchone()[0] for x in RTW[:2])
    base.construire(tmp_path / "rebatie.duckdb")  # build rejoue l'archive
    with base.connecter(chemin=tmp_path / "rebatie.duckdb") as con:
        assert con.execute("SELECT nom, nb_communes FROM territoires WHERE territoire = 'perso-1'").fetchone() == ("RTW", 2)
        assert [t.nom for t in enregistres.territoires(con)] == ["RTW"]
    enregistres.supprimer("perso-1", "bob")
    with base.connecter() as con:
        assert con.execute("SELECT count(*) FROM territoires WHERE territoire = 'perso-1'").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM faits_territoires WHERE territoire = 'perso-1'").fetchone()[0] == 0
    with pytest.raises(ErreurImport, match="inconnu"):
        enregistres.supprimer("perso-1", "bob")


def test_fichier_de_zonage_trois_zones(tmp_path):
    f = tmp_path / "antennes.csv"
    f.write_text("code_commune;territoire\n59512;Antenne Roubaix\n59599;Antenne Tourcoing\n59650;Antenne Roubaix\n"
                 "59020;Antenne Tourcoing\n59350;=HYPERLINK(\"http://x\")\n", encoding="utf-8")
    z = enregistres.lire_zonage(f)
    assert z.zones == [("Antenne Roubaix", ("59512", "59650")), ("Antenne Tourcoing", ("59009", "59599")),
                       ('=HYPERLINK("http://x")', ("59350",))]
    assert "ancien code 59020 converti en 59009" in z.avis[0]
    relu = tmp_path / "relu.csv"
    relu.write_bytes(enregistres.en_zonage([facon.Facon(n, m).territoire() for n, m in z.zones]))
    assert "'=HYPERLINK" in relu.read_text(encoding="utf-8-sig")  # jamais une formule dans un tableur
    assert [m for _, m in enregistres.lire_zonage(relu).zones] == [m for _, m in z.zones]


def test_fichier_de_zonage_hostile_refuse_en_francais(tmp_path, base_copie):
    f = tmp_path / "mauvais.csv"
    f.write_text("code_commune;territoire\n62041;Arras\n59999;X\n59512;\n59599;A\n59599;A\n", encoding="utf-8")
    avant = empreinte(base_copie)
    with pytest.raises(ErreurImport) as e:
        enregistres.lire_zonage(f)
    texte = " ".join(e.value.problemes)
    assert "62041 » est une commune hors des départements couverts" in texte
    assert "« 59999 » n'est pas un code commune" in texte
    assert "nom de territoire vide" in texte and "ligne 6, colonne 1 (« code_commune ») : commune 59599 déjà dans « A » (ligne 5)" in texte
    autre = tmp_path / "autre.csv"
    autre.write_text("commune,zone\n59512,A\n", encoding="utf-8")
    with pytest.raises(ErreurImport, match="en-tête introuvable"):
        enregistres.lire_zonage(autre)
    assert empreinte(base_copie) == avant
