"""Fichiers officiels tels qu'on les télécharge : reconnus à leur en-tête, sans mapping ; lignes de
total, communes hors du Nord, arrondissements écartés et comptés ; cellules vides masquées ; arrondis tolérés.
Fixtures dans tests/fixtures/officiels/, écrites dans les dispositions documentées (PROVENANCE.md)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from observatoire.__main__ import main
from observatoire.imports.importer import ErreurImport, analyser, importer

from .test_importer import ecrire, faits, signature, valeur

FIXTURES = Path(__file__).parent / "fixtures" / "officiels"


def ecartees(rapport) -> dict[str, int]:
    return {motif: n for (_, motif), n in rapport.ignorees.items()}


def test_dares_communal_en_tete_technique(base_copie):
    r = importer(FIXTURES / "dares_communes_technique.csv")
    assert r.disposition.startswith("DARES, demandeurs d'emploi inscrits à France Travail, données communales")
    assert ecartees(r) == {"de total": 1, "de commune hors du Nord": 12, "croisant sexe et âge": 1,
                           "d'arrondissement de Paris, Lyon ou Marseille (la commune entière figure aussi)": 6}
    # 2024-T4 -> 31/12/2024 ; source DARES (sa définition : moyenne du trimestre arrondie à 5)
    assert valeur(base_copie, "demandeurs_abc", "59512", "2024-12-31") == [(15020.0, "ok", "import")]
    assert valeur(base_copie, "demandeurs_abc_femmes", "59512", "2023-12-31") == [(7010.0, "ok", "import")]
    # femmes + hommes = 15 025 pour 15 020 : écart dû aux arrondis à 5, accepté
    assert valeur(base_copie, "demandeurs_abc_hommes", "59339", "2024-12-31") == [(370.0, "ok", "import")]
    # cellule vide = masquée (secret), jamais 0 ni « manquante »
    assert valeur(base_copie, "demandeurs_abc_femmes", "59247", "2024-12-31") == [(None, "secret", "import")]
    lignes = [x for x in r.lecture()]
    assert "Écartées sans erreur : 12 lignes de commune hors du Nord." in lignes


def test_dares_communal_en_tete_francais(base_copie):
    r = analyser(FIXTURES / "dares_communes_francais.csv")
    assert {v.indicateur for v in r.valeurs} == {"demandeurs_abc", "demandeurs_abc_femmes", "demandeurs_abc_hommes",
                                                 "demandeurs_abc_moins_25", "demandeurs_abc_25_49",
                                                 "demandeurs_abc_50_plus"}
    assert {v.source for v in r.valeurs} == {"dares-defm-communales"}


def test_dares_arrondi_au_dela_de_la_tolerance_refuse(base_copie, tmp_path):
    """Femmes + hommes peut différer du total de 5 (arrondis) ; pas de 20."""
    texte = (FIXTURES / "dares_communes_francais.csv").read_text(encoding="utf-8-sig")
    f = ecrire(tmp_path / "dares.csv", texte.replace(";Femmes;Total;7105", ";Femmes;Total;7125"))
    avant = signature(base_copie)
    with pytest.raises(ErreurImport) as e:
        importer(f)
    assert "dares.csv, ligne 2, colonne 12 (« Nombre de demandeurs d'emploi ») : total incohérent" in e.value.problemes[0]
    assert signature(base_copie) == avant


def test_dares_trimestre_illisible(base_copie, tmp_path):
    texte = (FIXTURES / "dares_communes_francais.csv").read_text(encoding="utf-8-sig")
    f = ecrire(tmp_path / "dares.csv", texte.replace("2024-T4", "2024-T5", 1))
    with pytest.raises(ErreurImport) as e:
        analyser(f)
    assert e.value.problemes == ["dares.csv, ligne 2, colonne 1 (« Date ») : « 2024-T5 » n'est pas un trimestre "
                                 "(attendu AAAA-T1 … AAAA-T4)."]


def niveau(chemin, ind, territoire, d):
    return faits(chemin, "SELECT valeur, statut, provenance FROM faits_niveau WHERE indicateur = ? AND territoire = ? "
                         "AND date = ?", [ind, territoire, d])


def territoire(chemin, ind, territoire, d):
    return faits(chemin, "SELECT valeur, statut, a_l_echelle, somme_communes FROM faits_territoires "
                         "WHERE indicateur = ? AND territoire = ? AND date = ?", [ind, territoire, d])


def test_dares_par_zone_d_emploi(base_copie):
    """Chiffres publiés à l'échelle de la zone d'emploi : gardés tels quels, à la place de la somme des communes
    (gardée pour comparaison) ; zones sans commune dans le Nord, lignes de total et d'ancienneté écartées et
    comptées ; cellule vide = secret."""
    r = importer(FIXTURES / "dares_zones_emploi.csv")
    assert r.disposition == ("DARES, demandeurs d'emploi inscrits à France Travail, données trimestrielles brutes "
                             "par zone d'emploi")
    assert ecartees(r) == {"de zone d'emploi sans commune dans le Nord": 8, "de total": 1,
                           "ventilée par ancienneté d'inscription (seul le total est repris)": 6,
                           "croisant sexe et âge": 1}
    assert niveau(base_copie, "demandeurs_abc", "ze-3218", "2024-12-31") == [(41250.0, "ok", "import")]
    assert niveau(base_copie, "demandeurs_abc_femmes", "ze-3217", "2024-12-31") == [(None, "secret", "import")]
    [(v, statut, a_l_echelle, somme)] = territoire(base_copie, "demandeurs_abc", "ze-3218", "2024-12-31")
    assert (v, statut, a_l_echelle) == (41250.0, "ok", True) and somme not in (None, 41250.0)
    # jamais écrit comme une commune
    assert faits(base_copie, "SELECT count(*) FROM faits WHERE code_commune LIKE 'ze-%'") == [(0,)]


def test_dares_par_departement_l_emporte_sur_la_somme_des_communes(base_copie):
    avant = territoire(base_copie, "demandeurs_abc", "nord", "2024-12-31")
    assert avant[0][2] is False  # somme des communes (démonstration)
    r = importer(FIXTURES / "dares_departements.csv")
    assert ecartees(r) == {"d'un autre département que le Nord": 6, "d'une autre catégorie que A, B, C, F, G": 1}
    assert territoire(base_copie, "demandeurs_abc", "nord", "2024-12-31") == [(240115.0, "ok", True, avant[0][0])]
    # une catégorie seule (A) est reprise à son total ; ABCDE ne l'est pas
    assert territoire(base_copie, "demandeurs_a", "nord", "2024-12-31")[0][:3] == (131200.0, "ok", True)
    # la ligne de la France (région et département « Total ») : gardée à l'échelle de la France
    assert territoire(base_copie, "demandeurs_abc", "france", "2024-12-31")[0][:3] == (5928530.0, "ok", True)
    # le chiffre publié à l'échelle du Nord reste après un import communal du même indicateur et de la même date
    importer(FIXTURES / "dares_communes_technique.csv")
    assert territoire(base_copie, "demandeurs_abc", "nord", "2024-12-31")[0][:3] == (240115.0, "ok", True)


def test_dares_par_departement_conséquences_annoncees(base_copie):
    from observatoire.imports.importer import consequences
    from observatoire.modele import base
    r = analyser(FIXTURES / "dares_departements.csv")
    con = base.connecter(chemin=base_copie)
    try:
        phrase = consequences(con, r).resume()
    finally:
        con.close()
    assert ("le chiffre publié à l'échelle du territoire remplacera la somme des communes pour : "
            "France, Département du Nord") in phrase


@pytest.mark.lent
def test_import_a_l_echelle_rejoue_par_build(base_copie):
    from observatoire.modele import base
    importer(FIXTURES / "dares_zones_emploi.csv")
    base.construire(base_copie)
    assert niveau(base_copie, "demandeurs_abc", "ze-3218", "2023-12-31") == [(40535.0, "ok", "import")]


def test_export_france_travail(base_copie):
    r = importer(FIXTURES / "france_travail_export.csv")
    assert r.disposition == "France Travail, export du site statistique (une colonne par mois)"
    assert ecartees(r) == {"d'un mois qui ne finit pas un trimestre (la base est trimestrielle)": 8,
                           "de commune hors du Nord": 1, "sans code commune (pied de tableau)": 3}
    # colonne mars_2024 (3e mois : 14 900 + 2 × 5) -> 31/03/2024 ; catégorie lue dans le titre
    assert valeur(base_copie, "demandeurs_abc", "59512", "2024-03-31") == [(14910.0, "ok", "import")]
    assert valeur(base_copie, "demandeurs_abc", "59599", "2024-12-31") == [(9455.0, "ok", "import")]


def test_urssaf_commune_ape_somme_en_six_secteurs(base_copie):
    r = importer(FIXTURES / "urssaf_commune_ape.csv")
    assert r.disposition == "Urssaf, établissements et effectifs salariés au niveau commune × APE"
    assert ecartees(r) == {"de commune hors du Nord": 1}
    d = "2023-12-31"
    assert valeur(base_copie, "emploi_prive_industrie", "59512", d) == [(313.0, "ok", "import")]  # 295 + 18
    assert valeur(base_copie, "emploi_prive_industrie", "59512", "2022-12-31") == [(310.0, "ok", "import")]  # vide = 0
    assert valeur(base_copie, "emploi_prive_services_hors_interim", "59512", d) == [(1005.0, "ok", "import")]  # GS5 + GS7
    assert valeur(base_copie, "emploi_prive_interim", "59512", d) == [(870.0, "ok", "import")]
    assert valeur(base_copie, "emploi_prive", "59512", d) == [(2946.0, "ok", "import")]
    assert valeur(base_copie, "etablissements", "59512", d) == [(95.0, "ok", "import")]
    assert valeur(base_copie, "emploi_prive_commerce", "59339", d) == [(14.0, "ok", "import")]


def test_melodi_population(base_copie):
    """Les populations légales (DS_POPULATIONS_REFERENCE, mesure PMUN) : la commune et, à leur échelle, les niveaux
    publiés."""
    r = importer(FIXTURES / "DS_POPULATIONS_REFERENCE_2021.csv")
    assert ecartees(r) == {"de commune hors du Nord": 1, "d'un autre département que le Nord": 1,
                           "d'un niveau géographique non repris (GEO_OBJECT « ARR »)": 1}
    assert valeur(base_copie, "population", "59512", "2021-01-01") == [(98089.0, "ok", "import")]
    # département, région, zone d'emploi, France : à leur échelle
    for terr, pop in (("nord", 2608346.0), ("hdf", 5987172.0), ("ze-3216", 1231487.0), ("france", 67407241.0)):
        assert niveau(base_copie, "population", terr, "2021-01-01") == [(pop, "ok", "import")]


def test_melodi_jeu_inconnu(base_copie, tmp_path):
    f = tmp_path / "export.csv"
    f.write_bytes((FIXTURES / "DS_POPULATIONS_REFERENCE_2021.csv").read_bytes())
    with pytest.raises(ErreurImport) as e:
        analyser(f)
    assert "export.csv : jeu Melodi non reconnu à son nom" in e.value.problemes[0]


@pytest.mark.parametrize("jeu, attendu", [
    ("DS_RP_POPULATION_PRINC_2021.csv", "populations pondérées (décimales) de plusieurs recensements à la fois, pas "
                                        "la population légale : prenez DS_POPULATIONS_REFERENCE"),
    ("DS_SIDE_CREA_ETAB_COM_2024.csv", "compte les créations d'établissements, pas d'entreprises : prenez "
                                       "DS_SIDE_CREA_ENT_COM"),
])
def test_melodi_jeu_qui_ne_dit_pas_le_chiffre_refuse(base_copie, tmp_path, jeu, attendu):
    """Un jeu Melodi proche mais qui ne compte pas ce que l'indicateur dit est refusé en nommant le bon jeu : rien
    n'est importé."""
    f = tmp_path / jeu
    f.write_bytes((FIXTURES / "DS_RP_POPULATION_PRINC_2021.csv").read_bytes())
    with pytest.raises(ErreurImport) as e:
        analyser(f)
    assert f"{jeu} : ce jeu" in e.value.problemes[0] and attendu in e.value.problemes[0]


def test_commande_import_nomme_la_disposition(base_copie, capsys):
    assert main(["import", str(FIXTURES / "france_travail_export.csv"), "--dry-run"]) == 0
    sortie = capsys.readouterr().out
    assert "Disposition reconnue : France Travail, export du site statistique" in sortie
    assert "Écartées sans erreur : 3 lignes sans code commune (pied de tableau)." in sortie


def test_reel_et_demonstration_jamais_dans_une_meme_courbe(base_copie):
    """Après l'import DARES, la série de Roubaix ne montre que ses deux points réels (depuis le 31/12/2023) ;
    la démonstration ne revient que sur demande, en courbe à part, avec sa propre base 100."""
    import duckdb

    from observatoire.modele import base
    importer(FIXTURES / "dares_communes_technique.csv")
    with duckdb.connect(str(base_copie), read_only=True) as con:
        seule = base.requete(con, "series_comparees", territoires=["59512", "mel"], indicateur="demandeurs_abc",
                             date_base="2011-12-31", avec_demonstration=False)
        avec = base.requete(con, "series_comparees", territoires=["59512"], indicateur="demandeurs_abc",
                            date_base="2011-12-31", avec_demonstration=True)
    roubaix = seule[seule.territoire == "59512"]
    assert [d.date().isoformat() for d in roubaix.date] == ["2023-12-31", "2024-12-31"]
    assert roubaix.reelle.all() and not roubaix.demonstration.any() and set(roubaix.courbe) == {"Roubaix"}
    assert roubaix.indice.isna().all()  # pas de base 100 réelle au 31/12/2011 : jamais une base de démonstration
    assert roubaix.reel_depuis.iloc[0].date().isoformat() == "2023-12-31"
    # la MEL : aux dates importées, la démonstration de ses autres communes est retirée ; son total est réel
    # mais incomplet (aucune somme fausse), et sa courbe ne reprend pas la démonstration d'avant
    mel = seule[seule.territoire == "mel"]
    assert set(mel.statut) == {"incomplet"} and mel.valeur.isna().all() and len(mel) == 2
    assert set(avec.courbe) == {"Roubaix", "Roubaix (démonstration)"}
    assert not avec[avec.courbe == "Roubaix (démonstration)"].reelle.any()
    assert avec[avec.courbe == "Roubaix (démonstration)"].indice.iloc[0] == 100


def test_part_d_une_valeur_reelle_jamais_rapportee_a_un_total_de_demonstration(base_copie, tmp_path):
    """Évolutions, affichage « part » : une valeur réelle importée dont le total de référence (A, B, C) est encore de
    démonstration n'a pas de part ; la courbe de démonstration garde les siennes (démonstration sur démonstration)."""
    import duckdb

    from observatoire.modele import base
    importer(ecrire(tmp_path / "f.csv", "code_commune;indicateur;date;valeur\n"
                                        "59512;demandeurs_abc_femmes;2022-12-31;7000\n"))
    with duckdb.connect(str(base_copie), read_only=True) as con:
        s = base.requete(con, "series_comparees", territoires=["59512"], indicateur="demandeurs_abc_femmes",
                         date_base="2011-12-31", avec_demonstration=True)
    reel = s[s.reelle]
    assert list(reel.valeur) == [7000.0] and reel.part.isna().all()
    assert s[s.demonstration].part.notna().all() and len(s[s.demonstration]) > 20


@pytest.fixture
def caches_vides():
    """Les caches Streamlit du processus tiennent la base des autres tests de pages : vidés avant et après."""
    import streamlit as st
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def test_page_evolutions_apres_import_reel(base_copie, caches_vides):
    from streamlit.testing.v1 import AppTest
    importer(FIXTURES / "dares_communes_technique.csv")
    at = AppTest.from_file("../app.py", default_timeout=90)
    at.query_params.update(territoire="59512", date="2024-12-31")
    at.switch_page("pages/evolutions.py")
    at.run()
    assert not at.exception
    avis = " ".join(i.value for i in at.info)
    assert "Roubaix : données réelles depuis le 31/12/2023 (DARES / France Travail – chiffre annuel : moyenne des " \
           "trois fins de mois du 4e trimestre, arrondie à 5)" in avis and "Aucun chiffre" not in avis and "La démonstration est masquée pour ces territoires." in avis
    assert "MEL : données réelles incomplètes (totaux sans valeur) depuis le 31/12/2023" in avis
    at.toggle(key="w.evolutions.demo").set_value(True).run()
    assert at.query_params["demo"] in ("oui", ["oui"])
    assert "La démonstration forme une courbe à part, en pointillés." in " ".join(i.value for i in at.info)


def test_fichier_national_reduit_aux_communes_couvertes_avant_la_lecture(base_copie, tmp_path, monkeypatch):
    """Au-delà de 50 Mo (le fichier communal national de la DARES), DuckDB réduit le fichier en flux aux communes
    couvertes ; l'extrait passe par la même lecture : les mêmes valeurs que le fichier lu en entier, l'empreinte du
    fichier reçu, les lignes retirées comptées, et un message d'erreur nomme l'extrait."""
    from observatoire.sources import grand_fichier
    fichier = FIXTURES / "dares_communes_technique.csv"
    entier = analyser(fichier)
    monkeypatch.setattr(grand_fichier, "TAILLE_MAX", 1_000)  # la fixture (quelques Ko) devient « trop grande »
    reduit = analyser(fichier)
    assert [(v.indicateur, v.code_commune, v.date, v.valeur, v.statut) for v in reduit.valeurs] == \
        [(v.indicateur, v.code_commune, v.date, v.valeur, v.statut) for v in entier.valeurs]
    assert reduit.fichier == fichier.name and reduit.sha256 == entier.sha256
    assert ecartees(reduit) == {"de commune hors du Nord (retirées du fichier avant sa lecture)": 18,
                                "de total": 1, "croisant sexe et âge": 1}
    faux = ecrire(tmp_path / "national.csv", fichier.read_text(encoding="utf-8-sig").replace(";14855", ";beaucoup"))
    with pytest.raises(ErreurImport, match=r"national\.csv \(extrait : ses communes dans le Nord\), ligne 2, "
                                           r"colonne 12 .*beaucoup"):
        analyser(faux)
    avant = signature(base_copie)
    autre = ecrire(tmp_path / "autre.csv", "code_commune;indicateur;date;valeur\n" + "59512;demandeurs_abc;"
                   "2022-12-31;1\n" * 100)
    with pytest.raises(ErreurImport, match="trop volumineux .* sauf pour un fichier communal de la DARES"):
        importer(autre)
    assert signature(base_copie) == avant


def _cellule_par_cellule(fichier: Path):
    """Valeurs, problèmes et lignes écartées de la lecture cellule par cellule (officiels, depose.coherence)."""
    from observatoire.sources import depose, officiels
    from observatoire.sources.lecture import lire_un_de
    disposition, t = lire_un_de(fichier, officiels.EN_TETES, nom=fichier.name)
    ex = officiels.extraire(disposition, t)
    valeurs = sorted(((v.indicateur, v.code_commune, v.date, v.valeur, v.statut) for v in ex.valeurs), key=str)
    return valeurs, ex.problemes + depose.coherence(ex.valeurs, ex.arrondi), list(ex.ignorees.items())


@pytest.mark.parametrize("departements", ["59", "tous"])
def test_fichier_national_lu_en_colonnes_comme_cellule_par_cellule(departements, tmp_path, monkeypatch):
    """Dans une base de toute la France, le fichier national n'a rien à réduire : DuckDB le lit et le contrôle en
    colonnes (dares_national). Mêmes règles que la lecture cellule par cellule, sur une fixture qui réunit chaque cas
    (totaux, arrondissement, commune hors couverture, ancien code fusionné, code inconnu ou invalide, autre
    catégorie, ancienneté, croisement, trimestre invalide, secret, manquant, négatif, non entier, texte, doublon,
    totaux incohérents) : mêmes valeurs, mêmes messages dans le même ordre, mêmes lignes écartées par motif."""
    from observatoire import couverture, referentiel
    from observatoire.sources import dares_national, grand_fichier, officiels
    monkeypatch.setattr(couverture, "courante", lambda: couverture.lire(departements))
    referentiel.communes.cache_clear()
    try:
        for fichier in (FIXTURES / "dares_communes_technique.csv", FIXTURES / "dares_communes_hostile.csv"):
            _, t, separateur, _ = grand_fichier.lire_entete(fichier, tmp_path, fichier.name, officiels.EN_TETES)
            lu = dares_national.lire(fichier, t, separateur, tmp_path)
            valeurs = sorted(((r.indicateur, r.code_commune, r.date, None if r.statut != "ok" else r.valeur,
                               r.statut) for r in lu.faits.itertuples()), key=str)
            assert (valeurs, lu.problemes, list(lu.ignorees.items())) == _cellule_par_cellule(fichier), fichier.name
        assert (len(lu.problemes), len(valeurs)) == {"59": (11, 27), "tous": (12, 28)}[departements]  # Arras, « abc12 »
        if departements == "tous":  # au-delà de 50 Mo, l'import d'une base de toute la France passe par DuckDB
            monkeypatch.setattr(grand_fichier, "TAILLE_MAX", 1_000)
            r = analyser(FIXTURES / "dares_communes_technique.csv")
            assert r.faits is not None and len(r.tableau()) == len(_cellule_par_cellule(
                FIXTURES / "dares_communes_technique.csv")[0])
            with pytest.raises(ErreurImport) as e:
                analyser(FIXTURES / "dares_communes_hostile.csv")
            assert e.value.problemes == lu.problemes
    finally:
        referentiel.communes.cache_clear()


def test_fichier_national_aux_mille_et_cinq_erreurs_dit_combien_il_en_tait(tmp_path, monkeypatch):
    """Lu en colonnes (base de toute la France), un fichier national aux 1 005 valeurs fautives : les 1 000 premières
    citées, puis le nombre des autres, comme à la lecture cellule par cellule."""
    from observatoire import couverture, referentiel
    from observatoire.sources import grand_fichier
    monkeypatch.setattr(couverture, "courante", lambda: couverture.lire("tous"))
    monkeypatch.setattr(grand_fichier, "TAILLE_MAX", 1_000)
    entete = (FIXTURES / "dares_communes_technique.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    f = tmp_path / "national.csv"
    f.write_text(entete + "\n" + "".join(f"2023-T{1 + k % 4};32;Hauts-de-France;59;Nord;59512;Roubaix;Données brutes;"
                                         f"ABC;Total;Total;abc{k}\n" for k in range(1_005)), encoding="utf-8")
    referentiel.communes.cache_clear()
    try:
        with pytest.raises(ErreurImport) as e:
            analyser(f)
    finally:
        referentiel.communes.cache_clear()
    assert len(e.value.problemes) == 1_001 and "abc0" in e.value.problemes[0]
    assert e.value.problemes[-1] == "national.csv : et 5 autres problèmes, non détaillés (le fichier est-il du bon type ?)."


def test_courbe_d_un_chiffre_cle_reel_sans_la_demonstration_d_avant(base_copie, tmp_path):
    """Synthèse : la petite courbe d'un chiffre réel importé ne montre que des points réels ; avant la date de
    l'import, le chiffre clé est de démonstration et sa courbe aussi (20 points au plus)."""
    from observatoire.modele import base
    importer(ecrire(tmp_path / "r.csv", "code_commune;indicateur;date;valeur\n59512;demandeurs_abc;2022-09-30;14100\n"
                                        "59512;demandeurs_abc;2022-12-31;14200\n"))
    with base.connecter() as con:
        def courbe(jour):
            c = base.requete(con, "courbes_chiffres_cles", territoire="59512", indicateurs=["demandeurs_abc"],
                             date=jour)
            demo = dict(con.execute("SELECT date, demonstration FROM faits_territoires WHERE territoire = '59512' "
                                    "AND indicateur = 'demandeurs_abc'").fetchall())
            return list(c.valeurs.iloc[0]), [demo[pd.Timestamp(d).date()] for d in c.dates.iloc[0]]
        valeurs, demonstration = courbe("2022-12-31")
        assert valeurs[-2:] == [14100.0, 14200.0] and not any(demonstration)  # chiffres publiés et importés
        valeurs, demonstration = courbe("2022-06-30")
        assert len(valeurs) == 20 and any(demonstration) and 14100.0 not in valeurs
