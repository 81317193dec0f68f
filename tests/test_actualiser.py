"""Actualiser depuis les services officiels, contre un serveur local qui répond dans leurs formats
(tests/serveur_officiel.py) : jamais Internet."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import serveur_officiel as so
from conftest import empreinte

from observatoire import chemins
from observatoire.imports import actualiser
from observatoire.modele import base
from observatoire.sources import reseau, services

RACINE = Path(__file__).resolve().parent.parent


@pytest.fixture
def service(monkeypatch):
    """Le serveur local, et l'application pointée sur lui ; nouvelles tentatives sans attente."""
    reponses = so.Reponses()
    serveur, adresse = so.demarrer(reponses)
    for variable, valeur in so.variables(adresse).items():
        monkeypatch.setenv(variable, valeur)
    monkeypatch.setattr(reseau, "ATTENTE", 0)
    monkeypatch.setattr(reseau, "ESSAIS", 2)
    monkeypatch.setattr(reseau, "DELAI", (2.0, 0.5))
    yield reponses
    serveur.shutdown()


def _valeur(con, territoire, indicateur, jour):
    return con.execute("SELECT valeur, demonstration FROM faits_territoires WHERE territoire = ? AND indicateur = ? "
                       "AND date = ?", [territoire, indicateur, jour]).fetchone()


def test_actualiser_remplit_les_series_rejouees_par_build_puis_ne_reecrit_rien(base_copie, service, tmp_path):
    resultats = actualiser.actualiser()
    assert [r.etat for r in resultats] == ["importé"] * 7, [r.ligne() for r in resultats]
    assert actualiser.resume(resultats).startswith(
        "DARES : 3 millésimes ajoutés (2022, 2023, 2024) / 3 trimestres ajoutés (2024-T4, 2025-T1, 2025-T2) ; "
        "Urssaf : 2 millésimes ajoutés (2023, 2024) ; Insee Melodi : 1 millésime ajouté (2022) / 2 millésimes ajoutés (2023, 2024) ; France Travail (BMO) : "
        "enquête 2025 ajoutée")
    with base.connecter() as con:
        # communes (annuel : la moyenne du 4e trimestre, rangée au 31/12), zone d'emploi et département : les
        # chiffres servis, réels (plus de démonstration)
        servi = next(int(l.split(";")[-1]) for l in so.dares_communes().decode("utf-8-sig").splitlines()
                     if l.startswith("2024-T4;") and ";59512;" in l and l.endswith(";Total;Total;" + l.split(";")[-1]))
        assert _valeur(con, "59512", "demandeurs_abc", date(2024, 12, 31)) == (servi, False)
        assert _valeur(con, "59512", "demandeurs_abc", date(2025, 6, 30))[1] is True  # pas de T2 communal
        assert _valeur(con, "ze-3218", "demandeurs_abc", date(2025, 6, 30)) == (41260, False)
        # les catégories seules de la zone d'emploi : A, B, C (D, E, ABCDE écartées)
        assert _valeur(con, "ze-3218", "demandeurs_a", date(2025, 6, 30)) == (24345, False)
        assert _valeur(con, "ze-3218", "demandeurs_c", date(2025, 6, 30)) == (10315, False)
        assert _valeur(con, "nord", "demandeurs_abc", date(2025, 6, 30)) == (240125, False)
        # le jeu par région et département : la région et la France à leur échelle, le Pas-de-Calais écarté
        assert _valeur(con, "hdf", "demandeurs_abc", date(2025, 6, 30)) == (532760, False)
        assert _valeur(con, "france", "demandeurs_abc", date(2025, 6, 30)) == (5612350, False)
        # F et G, créées en 2025, là où le fichier les porte
        assert _valeur(con, "hdf", "demandeurs_f", date(2025, 6, 30)) == (17150, False)
        assert _valeur(con, "hdf", "demandeurs_g", date(2025, 6, 30)) == (86490, False)
        assert _valeur(con, "hdf", "demandeurs_g", date(2024, 12, 31)) is None
        assert _valeur(con, "mel", "demandeurs_abc", date(2024, 12, 31))[1] is False  # somme de communes réelles
        assert _valeur(con, "59512", "emploi_prive_commerce", date(2024, 12, 31)) == (310, False)
        assert _valeur(con, "59512", "creations_entreprises", date(2024, 12, 31)) == (1201, False)
        assert _valeur(con, "59512", "population", date(2022, 1, 1))[0] == 98500
        assert base.requete(con, "annee_bmo").annee.iloc[0] == 2025
        journal = con.execute("SELECT par, jeu, url FROM imports ORDER BY import_id").fetchall()
        assert {p for p, _, _ in journal} == {"actualiser"}
        assert [j for _, j, _ in journal] == [j.jeu for j in services.jeux()]
        assert 'where=code_departement%3D%2259%22' in journal[0][2] and "delimiter=%3B" in journal[0][2]
        ligne = actualiser.fraicheur(con)
    assert ligne == (f"Données à jour au {date.today():%d/%m/%Y} — DARES : T2 2025 ; Urssaf : 2024 ; Insee : 2024 ; "
                     "BMO : 2025")
    # le fichier reçu est archivé tel quel ; build rejoue hors ligne ce qui a été téléchargé
    assert (chemins.dossier_imports() / "bruts" / "00001.csv").read_bytes() == so.dares_communes()
    assert (chemins.dossier_imports() / "bruts" / "00007.xlsx").read_bytes() == \
        service.fichiers["/bmo/Base_open_data_BMO_2025.xlsx"]  # le classeur servi, sous son extension
    requete = ("SELECT indicateur, territoire, date, valeur, demonstration FROM faits_territoires "
               "WHERE territoire IN ('59512', 'nord', 'ze-3218', 'mel') ORDER BY ALL")
    with base.connecter() as con:
        attendu = con.execute(requete).fetchall(), con.execute("SELECT * FROM bmo ORDER BY ALL").fetchall()
    service.pannes["/"] = "500"  # plus aucun service : la reconstruction n'en a pas besoin
    base.construire(tmp_path / "reconstruite.duckdb")
    with base.connecter(chemin=tmp_path / "reconstruite.duckdb") as con:
        assert (con.execute(requete).fetchall(), con.execute("SELECT * FROM bmo ORDER BY ALL").fetchall()) == attendu
    del service.pannes["/"]

    avant, service.requetes[:] = empreinte(base_copie), []
    resultats = actualiser.actualiser()
    assert {r.etat for r in resultats} == {"rien de nouveau"} and actualiser.resume(resultats) == "rien de nouveau"
    assert empreinte(base_copie) == avant
    assert not [c for c, _ in service.requetes if c.endswith("/exports/csv")]  # métadonnées seulement

    service.fichiers["/dares" + so.ODS + "dares_defm_communales-brutes"] = so.dares_communes(
        so.ANNEES_COMMUNALES + (2025,))
    service.modifie["dares"] = "2026-03-15T08:00:00+00:00"
    resultats = actualiser.actualiser(["dares"])
    assert [r.etat for r in resultats] == ["importé", "rien de nouveau", "rien de nouveau"]
    assert resultats[0].change == "1 millésime ajouté (2025)"
    assert "contenu identique" in resultats[1].message


PANNES = {  # panne -> ce que le message dit
    "429": "HTTP 429, trop de requêtes",
    "500": "erreur du service (HTTP 503)",
    "html": "page HTML au lieu des données",
    "vide": "réponse vide",
    "tronque": "interrompu avant la fin",
    "lent": "délai dépassé",
}


@pytest.mark.parametrize("panne", PANNES)
def test_une_panne_laisse_la_base_identique_et_le_dit_en_francais(base_copie, service, panne):
    service.pannes["/dares"] = panne
    avant = empreinte(base_copie)
    resultats = actualiser.actualiser(["dares"])
    assert empreinte(base_copie) == avant
    assert [r.etat for r in resultats] == ["échec"] * 3
    assert resultats[0].ligne().startswith("DARES, jeu dares_defm_communales-brutes : ")
    assert PANNES[panne] in resultats[0].message and "Rien de ce jeu n'a été importé" in resultats[0].message
    if panne == "429":  # nouvelles tentatives bornées
        assert sum(c.endswith("dares_defm_communales-brutes") for c, _ in service.requetes) == reseau.ESSAIS


def test_export_tronque_apres_des_metadonnees_valides(base_copie, service):
    service.pannes["/dares" + so.ODS + "dares_defm_communales-brutes/exports"] = "tronque"
    avant = empreinte(base_copie)
    r = actualiser.actualiser(["dares"])
    assert r[0].etat == "échec" and "interrompu avant la fin" in r[0].message
    assert [x.etat for x in r[1:]] == ["importé", "importé"]  # les autres jeux restent importés
    with base.connecter() as con:
        assert con.execute("SELECT count(*) FROM imports WHERE jeu = 'dares-communes'").fetchone()[0] == 0
    assert empreinte(base_copie) != avant


def test_disposition_changee_colonne_renommee(base_copie, service):
    for cle in [c for c in service.fichiers if c.startswith("/dares")]:
        service.fichiers[cle] = (service.fichiers[cle].replace(b"nombre_de_demandeurs_d_emploi", b"nb_demandeurs", 1)
                                 .replace("Nombre de demandeurs d'emploi".encode(), b"Demandeurs", 1))
    avant = empreinte(base_copie)
    r = actualiser.actualiser(["dares"])[0]
    assert r.etat == "échec" and "en-tête introuvable" in r.message and "disposition" in r.message
    assert empreinte(base_copie) == avant


def test_service_injoignable_et_jeu_inconnu(base_copie, service, monkeypatch):
    from outils_navigateur import port_libre
    monkeypatch.setenv("OBSERVATOIRE_URL_URSSAF", f"http://127.0.0.1:{port_libre()}")
    del service.fichiers["/melodi/data/DS_SIDE_CREA_ENT_COM"]
    avant = empreinte(base_copie)
    urssaf, population, creations = actualiser.actualiser(["urssaf", "melodi"])
    assert urssaf.etat == "échec" and "connexion impossible" in urssaf.message
    assert creations.etat == "échec" and "identifiant a-t-il changé" in creations.message
    assert population.etat == "importé" and empreinte(base_copie) != avant


def test_essai_ne_ecrit_rien(base_copie, service):
    avant = empreinte(base_copie)
    r = actualiser.actualiser(["bmo"], essai=True)
    assert r[0].etat == "essai" and "enquête 2025 ajoutée" in r[0].message
    assert empreinte(base_copie) == avant and not chemins.dossier_imports().exists()


def test_ligne_de_commande_code_de_sortie_et_message_sans_trace(base_copie, service):
    service.pannes["/dares" + so.ODS + "dares_defm_zoneeemploi"] = "html"
    env = {**os.environ, "PYTHONPATH": str(RACINE)}
    p = subprocess.run([sys.executable, "-m", "observatoire", "actualiser", "--source", "dares", "bmo"],
                       capture_output=True, text=True, env=env, cwd=RACINE, timeout=300)
    assert p.returncode == 2
    assert "Traceback" not in p.stderr + p.stdout
    assert "DARES, jeu dares_defm_zoneeemploi_brut_trim : le service a renvoyé une page HTML" in p.stderr
    assert "DARES : 3 millésimes ajoutés (2022, 2023, 2024) / 3 trimestres ajoutés (2024-T4, 2025-T1, 2025-T2)" \
        in p.stdout
    assert "1 jeu en échec" in p.stdout


def test_sources_et_methodes_donne_adresse_et_fraicheur_de_chaque_jeu(base_copie, service):
    with base.connecter() as con:
        assert actualiser.fraicheur(con) is None
    actualiser.actualiser(["urssaf"])
    with base.connecter() as con:
        etat = actualiser.etat_des_sources(con).set_index("jeu")
    assert list(etat.index) == [j.jeu for j in services.jeux()]
    urssaf = etat.loc["urssaf-communes"]
    assert urssaf.identifiant == "etablissements-et-effectifs-salaries-au-niveau-commune-x-ape-last"
    assert urssaf.adresse.startswith(os.environ["OBSERVATOIRE_URL_URSSAF"] + "/api/explore/v2.1/catalog/datasets/")
    assert "use_labels=true" in urssaf.adresse
    assert urssaf.derniere_actualisation.date() == date.today()
    assert (urssaf.premiere_date.year, urssaf.derniere_date.year) == (2023, 2024)
    assert etat.derniere_actualisation.isna().sum() == len(etat) - 1


def test_adresses_de_production_par_defaut(monkeypatch):
    for s in ("DARES", "URSSAF", "MELODI", "BMO"):
        monkeypatch.delenv(f"OBSERVATOIRE_URL_{s}", raising=False)
    jeux = {j.jeu: j for j in services.jeux()}
    url, params = services.export_csv(jeux["dares-communes"])
    assert url == ("https://data.dares.travail-emploi.gouv.fr/api/explore/v2.1/catalog/datasets/"
                   "dares_defm_communales-brutes/exports/csv")
    assert params == {"delimiter": ";", "where": 'code_departement="59"', "use_labels": "false"}
    url, params = services.melodi(jeux["melodi-population"], "59")
    assert url == "https://api.insee.fr/melodi/data/DS_POPULATIONS_REFERENCE"
    assert params["GEO"] == "DEP-59*COM" and params["POPREF_MEASURE"] == "PMUN"
    url, params = services.melodi(jeux["melodi-creations"], "59")
    assert url == "https://api.insee.fr/melodi/data/DS_SIDE_CREA_ENT_COM"
    assert params["LEGAL_FORM"] == params["ACTIVITY"] == "_T"
    assert services.classeur_bmo(2025).endswith("/Base_open_data_BMO_2025.xlsx")
    assert services.classeur_bmo(2024).endswith("/Base_open_data_BMO_2024.zip")


def test_le_deploiement_actualise_chaque_semaine():
    import yaml
    compose = yaml.safe_load((RACINE / "compose.yaml").read_text(encoding="utf-8"))
    commande = " ".join(compose["services"]["actualisation"]["command"])
    assert "python -m observatoire actualiser" in commande and "sleep 604800" in commande  # 7 × 24 h
    assert "donnees:/donnees" in compose["services"]["actualisation"]["volumes"]


def test_adresse_melodi_d_une_couverture_de_plusieurs_departements(monkeypatch):
    """« Sources et méthodes » : la première requête Melodi, et combien d'autres (une par département couvert)."""
    from observatoire import couverture
    jeu = next(j for j in services.jeux() if j.service == "melodi")
    assert "autres départements" not in services.adresse(jeu)
    monkeypatch.setattr(couverture, "courante", lambda: couverture.lire("59,62,80"))
    texte = services.adresse(jeu)
    assert texte.startswith("http") and texte.endswith(" (et une requête pour chacun des 2 autres départements "
                                                       "couverts)")


def test_melodi_une_requete_par_departement_couvert(service, tmp_path):
    """Une base du Nord et du Pas-de-Calais (construite par la ligne de commande) : l'actualisation demande à Melodi
    les communes de chaque département couvert, et range leurs populations ensemble (Roubaix et Arras)."""
    env = dict(os.environ, OBSERVATOIRE_DEPARTEMENTS="59,62", OBSERVATOIRE_DB=str(tmp_path / "b.duckdb"),
               OBSERVATOIRE_IMPORTS=str(tmp_path / "imports"))
    for args in (["build"], ["actualiser", "--source", "melodi"]):
        r = subprocess.run([sys.executable, "-m", "observatoire", *args], cwd=RACINE, env=env, capture_output=True,
                           text=True, timeout=300)
        assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    geo = sorted(p["GEO"][0] for chemin, p in service.requetes if chemin == "/melodi/data/DS_POPULATIONS_REFERENCE")
    assert geo == ["DEP-59*COM", "DEP-62*COM"]
    with base.connecter(chemin=tmp_path / "b.duckdb") as con:
        assert _valeur(con, "59512", "population", date(2022, 1, 1)) == (98500, False)
        assert _valeur(con, "62041", "population", date(2022, 1, 1)) == (41300, False)


def test_le_serveur_des_tests_repond_404_aux_jeux_qui_n_existent_pas(service):
    """La DARES n'a pas de jeu « dares_defm_departements_brut_trim » : le serveur local répond 404 comme le vrai, et
    l'actualisation demande le jeu par région et département, filtré aux départements, régions et France."""
    import requests
    adresse = services.base("dares") + so.ODS
    assert requests.get(adresse + "dares_defm_departements_brut_trim/exports/csv", timeout=5).status_code == 404
    jeu = next(j for j in services.jeux() if j.jeu == "dares-departements")
    assert jeu.identifiant == "dares_defm_stock_regions_brut_trim"
    url, params = services.export_csv(jeu)
    assert params["where"] == ('code_departement="59" OR (code_departement="Total" AND (code_region="32" OR '
                               'code_region="Total France"))')
    for ancien in ("/melodi/data/DS_RP_POPULATION_PRINC", "/melodi/data/DS_SIDE_CREA_ETAB_COM",
                   "/bmo/Base_open_data_BMO_2024.xlsx"):
        assert requests.get(services.base("dares").rsplit("/", 1)[0] + ancien, timeout=5).status_code == 404


def test_enquete_bmo_jusqu_a_2024_lue_dans_son_archive_zip(base_copie, service, monkeypatch):
    """Les enquêtes jusqu'à 2024 sont publiées en ZIP : sans enquête 2025 publiée et avec une enquête 2023 en
    vigueur, l'actualisation prend l'archive 2024 et lit le classeur qu'elle contient ; une archive abîmée est
    refusée en le disant, sans rien écrire."""
    del service.fichiers["/bmo/Base_open_data_BMO_2025.xlsx"]
    requete = base.requete
    monkeypatch.setattr(base, "requete", lambda con, nom, **p: (
        requete(con, nom, **p).assign(annee=2023) if nom == "annee_bmo" else requete(con, nom, **p)))
    r = actualiser.actualiser(["bmo"], essai=True)[0]
    assert r.etat == "essai" and "enquête 2024 ajoutée (4 lignes)" in r.message, r.message
    service.fichiers["/bmo/Base_open_data_BMO_2024.zip"] = so.archive_bmo()[:200]
    avant = empreinte(base_copie)
    r = actualiser.actualiser(["bmo"])[0]
    assert r.etat == "échec" and "Base_open_data_BMO_2024.zip : archive ZIP illisible" in r.message, r.message
    assert empreinte(base_copie) == avant
