"""Couverture choisie à la construction (OBSERVATOIRE_DEPARTEMENTS) : le Rhône seul, par la ligne de commande comme
en production — Lyon et ses arrondissements additionnés, la Métropole de Lyon et ses communes, aucun chiffre
inventé hors du Nord, puis le fichier communal de la DARES du Rhône qui remplit les séries."""
from __future__ import annotations

import os
import subprocess
import sys

import duckdb
import pytest

from observatoire import couverture, referentiel
from observatoire.chemins import RACINE


def _commande(env: dict, *args: str) -> str:
    r = subprocess.run([sys.executable, "-m", "observatoire", *args], cwd=RACINE, env=env, capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    return r.stdout


@pytest.fixture(scope="module")
def rhone(tmp_path_factory) -> dict:
    dossier = tmp_path_factory.mktemp("rhone")
    env = dict(os.environ, OBSERVATOIRE_DEPARTEMENTS="69", OBSERVATOIRE_DB=str(dossier / "rhone.duckdb"),
               OBSERVATOIRE_IMPORTS=str(dossier / "imports"))
    _commande(env, "build")
    return env


def _sql(env: dict, requete: str, *params):
    with duckdb.connect(env["OBSERVATOIRE_DB"], read_only=True) as con:
        return con.execute(requete, list(params)).fetchall()


def test_lire_la_couverture():
    assert couverture.lire(None).departements == ("59",)
    assert couverture.lire("59, 62").departements == ("59", "62")
    assert couverture.lire(" 2a ").departements == ("2A",)
    tous = couverture.lire("tous")
    assert tous.toute_la_france and {"59", "69", "2A", "971", "976"} <= set(tous.departements)
    with pytest.raises(couverture.ErreurCouverture, match="« 99 ».*« tous »"):
        couverture.lire("59,99")


def test_les_noms_de_departement_avec_leur_article():
    assert (couverture.lire("59").nom, couverture.lire("59").hors) == ("le Nord", "hors du Nord")
    assert couverture.lire("69").hors == "hors du Rhône"
    assert couverture.lire("01").hors == "hors de l'Ain"
    assert couverture.lire("13").nom == "les Bouches-du-Rhône"
    assert couverture.lire("59,62").hors == "hors du Nord et du Pas-de-Calais"


def test_le_nord_garde_ses_identifiants_et_gagne_les_territoires_du_cog():
    """Par défaut (le Nord) : les identifiants de toujours, et chaque EPCI, arrondissement du COG en plus ; un
    identifiant généré déjà nommé à la main désigne le même territoire."""
    assert referentiel.territoire("epci-200093201").territoire == "mel"
    assert referentiel.territoire("dep-59").territoire == "nord"
    assert referentiel.territoire("arr-595").territoire == "arr-lille"
    cambrai = referentiel.territoire("epci-200068500")
    assert cambrai.nom == "Communauté d'agglomération de Cambrai" and len(cambrai.membres) == 55
    assert cambrai.designation == "la communauté d'agglomération de Cambrai"
    flandre_lys = referentiel.territoire("epci-245900758")  # à cheval sur le Pas-de-Calais : totaux incomplets
    assert flandre_lys.hors_couverture == 4 and flandre_lys.nb_communes == 8
    assert referentiel.englobants("59512") == ("mel", "arr-lille", "nord")


def test_rhone_population_de_lyon_par_ses_arrondissements(rhone):
    """Le recensement donne Lyon par arrondissement (69381 à 69389) : la commune 69123 en est la somme."""
    serie = _commande(rhone, "serie", "--territoire", "69123", "--indicateur", "population")
    assert "2021-01-01;522250;ok;officiel" in serie


def test_rhone_metropole_de_lyon_et_territoires_generes(rhone):
    assert _sql(rhone, "SELECT nom, nb_communes FROM territoires WHERE territoire = 'epci-200046977'") == [
        ("Métropole de Lyon", 58)]  # 59 jusqu'en 2023 : Pierre-Bénite a rejoint Oullins (69149) en 2024
    types = dict(_sql(rhone, "SELECT territoire, type FROM territoires WHERE territoire IN "
                             "('dep-69', 'arr-691', 'reg-84', 'france', 'ze-8421', 'mel', 'nord', 'hdf')"))
    assert types == {"dep-69": "departement", "arr-691": "arrondissement", "reg-84": "region", "france": "pays",
                     "ze-8421": "zone_emploi"}
    assert _sql(rhone, "SELECT count(*) FROM communes") == [(266,)]
    assert "58 communes" in _commande(rhone, "chiffres-cles", "--territoire", "epci-200046977", "--date",
                                      "2024-12-31", "--format", "texte")


def test_rhone_metiers_qui_recrutent_dans_ses_bassins_compares_au_rhone_et_a_sa_region(rhone):
    """L'enquête BMO embarquée couvre toute la France : la Métropole de Lyon voit ses bassins (le plus peuplé
    d'abord), puis le Rhône entier ; un bassin se compare au Rhône et à l'Auvergne-Rhône-Alpes (aucun Nord)."""
    with duckdb.connect(rhone["OBSERVATOIRE_DB"], read_only=True) as con:
        from observatoire.modele import base
        zones = base.requete(con, "bmo_zones_territoire", territoire="epci-200046977")
        cles = base.requete(con, "bmo_chiffres_cles", zone=zones.zone.iloc[0])
        regions = {r for (r,) in con.execute("SELECT DISTINCT region FROM bmo").fetchall()}
    assert list(zones.niveau) == ["bassin"] * 8 + ["departement"] and zones.part_population[:8].is_monotonic_decreasing
    assert zones.nom.iloc[0] == "Bassin d'emploi de Lyon Centre"
    assert zones.iloc[-1][["zone", "territoire", "nom"]].tolist() == ["dep-69", "dep-69",
                                                                     "Rhône (ses dix bassins d'emploi)"]
    assert list(cles.niveau) == ["zone", "departement", "region"] and regions == {"84"}
    assert list(cles.nom[1:]) == ["Rhône", "Auvergne-Rhône-Alpes"] and cles.projets.is_monotonic_increasing


def test_rhone_aucun_chiffre_invente_puis_le_fichier_de_la_dares_les_remplit(rhone, tmp_path):
    assert _sql(rhone, "SELECT count(*) FROM faits WHERE provenance <> 'officiel'") == [(0,)]
    vides = "SELECT count(*) FROM faits_territoires WHERE territoire = 'epci-200046977' AND indicateur = " \
            "'demandeurs_abc' AND valeur IS NOT NULL"
    assert _sql(rhone, vides) == [(0,)]
    fichier = tmp_path / "dares_rhone.csv"
    subprocess.run([sys.executable, str(RACINE / "benchmarks" / "fichier_dares.py"), str(fichier), "0",
                    "--departements", "69"], check=True, capture_output=True)
    sortie = _commande(rhone, "import", str(fichier))
    assert "Disposition reconnue : DARES" in sortie and "Import n°1 enregistré" in sortie
    assert _sql(rhone, vides) == [(10,)]  # 2015-T4 à 2024-T4
    # le total de la Métropole est la somme de ses 58 communes, toutes dans le fichier
    assert _sql(rhone, "SELECT statut FROM faits_territoires WHERE territoire = 'epci-200046977' AND "
                       "indicateur = 'demandeurs_abc' AND date = '2024-12-31'") == [("ok",)]


def test_les_metropoles_de_la_couverture_la_plus_peuplee_d_abord():
    """Le Nord et le Rhône : la MEL (sous « mel ») et la Métropole de Lyon, celle-ci d'abord (1,4 million
    d'habitants contre 1,2) ; le territoire d'arrivée reste la MEL quand le Nord est couvert."""
    code = "from observatoire import referentiel as r; print(r.metropoles(), r.par_defaut(), r.existe('melt'))"
    r = subprocess.run([sys.executable, "-c", code], cwd=RACINE, capture_output=True, text=True, check=True,
                       env=dict(os.environ, OBSERVATOIRE_DEPARTEMENTS="59,69"))
    assert r.stdout.split("\n")[-2] == "('epci-200046977', 'mel') mel True"


def test_une_couverture_mal_ecrite_refusee_en_francais_sans_trace():
    r = subprocess.run([sys.executable, "-m", "observatoire", "build"], cwd=RACINE, capture_output=True, text=True,
                       env=dict(os.environ, OBSERVATOIRE_DEPARTEMENTS="59,99"), timeout=60)
    assert r.returncode == 2 and "département(s) inconnu(s) « 99 »" in r.stderr and "Traceback" not in r.stderr


def test_un_import_du_rhone_laisse_au_nord_sa_demonstration(tmp_path):
    """Le Nord et le Rhône : un chiffre réel importé pour Lyon retire la démonstration de cette clé (indicateur,
    date) dans le Rhône seulement — pas du Nord, où la MEL garde ses chiffres de démonstration marqués ; un total qui
    couvrirait les deux départements les mélangerait, les totaux d'un département jamais."""
    env = dict(os.environ, OBSERVATOIRE_DEPARTEMENTS="59,69", OBSERVATOIRE_DB=str(tmp_path / "nord_rhone.duckdb"),
               OBSERVATOIRE_IMPORTS=str(tmp_path / "imports"))
    _commande(env, "build")
    fichier = tmp_path / "lyon.csv"
    fichier.write_text("code_commune;indicateur;date;valeur\n69123;demandeurs_abc;31/12/2022;40 000\n",
                       encoding="utf-8")
    sortie = _commande(env, "import", str(fichier))
    assert "Import n°1 enregistré" in sortie
    # ce que l'import annonce avant confirmation : aucune valeur de démonstration retirée (le Rhône n'en a pas)
    annonce = (RACINE / "queries" / "import_demonstration_retiree.sql").read_text(encoding="utf-8")
    with duckdb.connect(env["OBSERVATOIRE_DB"], read_only=True) as con:
        assert con.execute(annonce, {"indicateurs": ["demandeurs_abc"], "communes": ["69123"],
                                     "dates": ["2022-12-31"]}).fetchall() == []
    cle = "indicateur = 'demandeurs_abc' AND date = '2022-12-31'"
    assert _sql(env, f"SELECT valeur, demonstration FROM faits_territoires WHERE territoire = '69123' AND {cle}") \
        == [(40000.0, False)]
    mel = _sql(env, f"SELECT valeur, demonstration FROM faits_territoires WHERE territoire = 'mel' AND {cle}")
    assert mel[0][0] > 100_000 and mel[0][1] is True
    # dans le Rhône, aucune démonstration n'existait ; dans le Nord, toutes les communes gardent la leur
    assert _sql(env, f"SELECT count(*) FROM faits WHERE {cle} AND provenance = 'demonstration'") == [(647,)]


def test_metropoles_rangees_celles_sans_chiffre_apres_dans_l_ordre_recu_et_nommees():
    """Comparer : les métropoles qui ont un ratio d'abord (du plus haut au plus bas), puis les autres dans l'ordre de
    la requête (la plus peuplée d'abord) ; le bouton prend les premières hors du territoire choisi ; les territoires
    comparés sans aucune valeur sont nommés."""
    import pandas as pd

    from observatoire.sorties import comparaison
    df = pd.DataFrame({"indicateur": "demandeurs_abc", "territoire": ["paris", "lyon", "mel", "aix"],
                       "nom_court": ["Paris", "Lyon", "MEL", "Aix"], "valeur": [None, 54890.0, 106087.0, None],
                       "pour_100": [None, 3.8, 8.9, None], "rang_pour_100": [3, 2, 1, 3],
                       "libelle_court": "Demandeurs ABC", "evolution_pct": [None, 0.0, 1.8, None]})
    classees, colonnes = comparaison.classement(df)
    assert list(classees.territoire) == ["mel", "lyon", "paris", "aix"]
    # le rang est un nombre (dans le classeur Excel aussi) ; sans ratio, pas de rang : « – » à l'écran
    assert list(classees.rang.astype(object).where(classees.rang.notna(), None)) == [1, 2, None, None]
    assert colonnes["rang"].genre == "nombre" and colonnes["rang"].vide == "–"
    assert comparaison.a_comparer(classees, "mel", 2) == ["lyon", "paris"]
    assert comparaison.sans_chiffre(df) == ["Paris", "Aix"]
