"""Requêtes de queries/ : en-têtes documentés, paramètres liés, résultats égaux à un calcul pandas indépendant."""
import re

import pandas as pd
import pytest

from observatoire.chemins import QUERIES
from observatoire.modele import base

REQUETES = sorted(p.stem for p in QUERIES.glob("*.sql"))


@pytest.mark.parametrize("nom", REQUETES)
def test_entete_documente_et_parametres_lies(nom):
    texte = (QUERIES / f"{nom}.sql").read_text(encoding="utf-8")
    lignes = texte.splitlines()
    entete = "\n".join(lignes[:next(i for i, ligne in enumerate(lignes) if not ligne.startswith("--"))])
    assert entete.startswith("-- ") and "Renvoie" in entete and "Paramètres" in entete, nom
    declares = set(re.findall(r"\$([a-z_]+)", entete.split("Paramètres")[1]))
    assert declares == base.parametres_requete(nom), nom
    assert "{" not in texte and "%s" not in texte  # jamais de formatage de texte


def test_parametres_manquants_refuses(con):
    with pytest.raises(TypeError, match="attend"):
        base.requete(con, "chiffres_cles", territoire="mel")


def test_parametre_hostile_reste_une_valeur(con):
    df = base.requete(con, "chiffres_cles", territoire="mel'; DROP TABLE faits; --", date="2021-12-31")
    assert df.empty
    assert con.execute("SELECT count(*) FROM faits").fetchone()[0] > 0


@pytest.fixture(scope="module")
def faits_df(con):
    return con.execute("SELECT f.*, tc.territoire FROM faits f JOIN territoire_communes tc USING (code_commune) "
                       "WHERE tc.territoire IN ('mel', 'melt') AND f.indicateur IN "
                       "('demandeurs_abc', 'demandeurs_abc_femmes', 'population')").df()


def somme(df, terr, ind, d):
    return df[(df.territoire == terr) & (df.indicateur == ind) & (df.date == pd.Timestamp(d))].valeur.sum()


def test_part_evolution_ratio_indice_des_pages_egaux_a_pandas(con, faits_df):
    """Les questions que les pages posent (Profil : bulletin ; Comparer : comparaison_territoires ; Évolutions :
    series_comparees, series_indicateurs) donnent ce que pandas calcule des valeurs des communes."""
    f, t = faits_df, "melt"
    abc, abc1 = somme(f, t, "demandeurs_abc", "2023-12-31"), somme(f, t, "demandeurs_abc", "2022-12-31")
    fem = somme(f, t, "demandeurs_abc_femmes", "2023-12-31")
    b = base.requete(con, "bulletin", territoire=t, date="2023-12-31", detail=False).set_index("indicateur")
    assert b.part["demandeurs_abc_femmes"] == pytest.approx(100 * fem / abc)
    assert b.evolution_annuelle["demandeurs_abc"] == abc - abc1
    assert b.evolution_annuelle_pct["demandeurs_abc"] == pytest.approx(100 * (abc - abc1) / abc1)
    c = base.requete(con, "comparaison_territoires", territoires=[t, "mel"], date="2023-12-31")
    c = c[(c.territoire == t) & (c.indicateur == "demandeurs_abc")]
    assert c.millesime_population.item() == "COG 2023"
    assert c.pour_100.item() == pytest.approx(100 * abc / somme(f, t, "population", "2023-01-01"))
    i = base.requete(con, "series_comparees", territoires=["mel"], indicateur="demandeurs_abc",
                     date_base="2011-12-31", avec_demonstration=False).set_index("date")
    base_ = somme(f, "mel", "demandeurs_abc", "2011-12-31")
    assert i.indice[pd.Timestamp("2011-12-31")] == pytest.approx(100)
    assert i.indice[pd.Timestamp("2021-12-31")] == pytest.approx(
        100 * somme(f, "mel", "demandeurs_abc", "2021-12-31") / base_)


def test_serie_complete_et_chronologique(con):
    s = base.requete(con, "series_indicateurs", territoire="59512", indicateurs=["demandeurs_abc"])
    assert len(s) == 60 and s.date.is_monotonic_increasing
    assert s.set_index("date").valeur[pd.Timestamp("2021-12-31")] == 14523


def test_bulletin_d_une_commune_seule(con):
    df = base.requete(con, "bulletin", territoire="59512", date="2021-12-31", detail=True)
    assert len(df) == 13 and (df.niveau == 0).all()
    assert df.libelle.iloc[0] == "Demande d'emploi de catégorie A"


def test_bulletin_melt_ordonne_par_taille(con):
    df = base.requete(con, "bulletin", territoire="melt", date="2023-12-31", detail=True)
    abc = df[(df.indicateur == "demandeurs_abc") & (df.niveau == 1)]
    assert abc.libelle.iloc[0] == "Tourcoing" and abc.nombre.is_monotonic_decreasing
    assert len(df) == 13 * 13


def test_chiffres_cles_annuels_a_une_date_trimestrielle(con):
    df = base.requete(con, "chiffres_cles", territoire="melt", date="2024-09-30")
    d = df.set_index("indicateur").date
    assert d["creations_entreprises"] == pd.Timestamp("2023-12-31")
    assert d["demandeurs_abc"] == pd.Timestamp("2024-09-30")
    assert d["population"] == pd.Timestamp("2024-01-01")


def test_indicateurs(con):
    df = base.requete(con, "indicateurs")
    assert {"demandeurs_a", "demandeurs_abc", "population"} <= set(df.indicateur)
    assert df.indicateur.str.match(r"^[a-z0-9_]+$").all() and len(df) == 27


def test_bulletin_sans_detail(con):
    df = base.requete(con, "bulletin", territoire="mel", date="2021-12-31", detail=False)
    assert len(df) == 13 and (df.niveau == 0).all()


@pytest.mark.parametrize("date,millesime,population", [("2021-12-31", "RP 2021", 144_212), ("2016-06-30", "RP 2016", None),
                                                        ("2024-12-31", "COG 2024", 145_009), ("2012-12-31", "RP 2013", None)])
def test_population_nommee_par_son_millesime(con, date, millesime, population):
    """La population d'une date est celle du recensement de l'année jusqu'en 2021, puis celle du COG ;
    les requêtes disent lequel (« RP 2021 », « COG 2024 »)."""
    cles = base.requete(con, "chiffres_cles", territoire="mno", date=date).set_index("indicateur")
    assert cles.at["population", "millesime"] == millesime
    if population:
        assert cles.at["population", "valeur"] == population
    carte = base.requete(con, "carte_communes", region=None, zone="mel", territoire="mno", indicateur="demandeurs_abc", date=date,
                         date_base="2011-12-31", mesure="pour_100")
    assert set(carte.millesime) == {millesime}


def test_zone_en_partie_hors_du_nord_reste_incomplete(con):
    """Une zone d'emploi en partie hors du Nord n'est jamais la somme de sa partie nordiste ; une zone
    entièrement dans le Nord est la somme de ses communes."""
    lille = base.requete(con, "chiffres_cles", territoire="ze-3216", date="2023-12-31").set_index("indicateur")
    assert lille.at["demandeurs_abc", "statut"] == "incomplet" and pd.isna(lille.at["demandeurs_abc", "valeur"])
    assert lille.at["demandeurs_abc", "hors_couverture"] == 6
    rt = base.requete(con, "chiffres_cles", territoire="ze-3218", date="2023-12-31").set_index("indicateur")
    membres = con.execute("SELECT sum(valeur) FROM faits JOIN territoire_communes USING (code_commune) "
                          "WHERE territoire = 'ze-3218' AND indicateur = 'demandeurs_abc' AND date = '2023-12-31'"
                          ).fetchone()[0]
    assert rt.at["demandeurs_abc", "statut"] == "ok" and rt.at["demandeurs_abc", "valeur"] == membres


def test_bmo_bassin_d_un_territoire_et_secret_statistique(con):
    """La MELT est dans le bassin du Versant nord-est ; une cellule « * » reste secrète, jamais 0, et le
    total du bassin dit combien il en laisse de côté ; le Nord est la somme de ses huit bassins."""
    zones = base.requete(con, "bmo_zones_territoire", territoire="melt")
    assert list(zones.zone) == ["3217", "dep-59"] and zones.part_population.iloc[0] == 100
    metiers = base.requete(con, "bmo_metiers", zone="3217", seuil_difficulte=50)
    secrets = metiers[metiers.projets.isna()]
    assert len(secrets) == 19 and (secrets.statut == "secret statistique").all() and secrets.rang_projets.isna().all()
    assert (metiers.projets.dropna() >= 5).all()  # « * » = moins de 5 projets : jamais lu comme 0
    cles = base.requete(con, "bmo_chiffres_cles", zone="3217").set_index("niveau")
    assert cles.at["zone", "projets"] == metiers.projets.sum() == 12854
    assert cles.at["zone", "cellules_secretes"] == 19
    bassins = sum(base.requete(con, "bmo_chiffres_cles", zone=str(b)).projets.iloc[0] for b in range(3216, 3224))
    assert cles.at["departement", "nom"] == "Nord" and cles.at["departement", "projets"] == bassins == 82228
    assert cles.at["region", "nom"] == "Hauts-de-France" and cles.at["region", "projets"] == 174511
    top = metiers[metiers.rang_difficulte.notna()]
    assert (top.projets >= 50).all() and top.sort_values("rang_difficulte").part_difficiles.is_monotonic_decreasing


def test_bmo_part_difficile_d_un_metier_seulement_si_chaque_bassin_la_publie(con):
    nord = base.requete(con, "bmo_metiers", zone="dep-59", seuil_difficulte=50).set_index("code_metier")
    # Professeurs du supérieur : part publiée dans un seul de leurs bassins -> pas de part pour le Nord
    assert nord.at["W0X92", "projets"] == 139 and pd.isna(nord.at["W0X92", "part_difficiles"])
    familles = base.requete(con, "bmo_familles", zone="3216")
    assert familles.groupby("niveau").part.sum().round(6).eq(100).all()


def test_iris_d_un_territoire_de_la_mel(con):
    """Couche IRIS : les quartiers des communes du territoire, une part = rapport de deux comptages de l'Insee ;
    rien pour un territoire qui déborde de la MEL (la couche ne le couvrirait qu'en partie)."""
    mno = base.requete(con, "iris_territoire", territoire="mno", mesure="ouvriers")
    assert len(mno) == 61 and mno.code_commune.nunique() == 10 and (mno.nb_iris == 61).all()
    ok = mno.dropna(subset=["valeur"])
    assert ((ok.valeur - 100 * ok.numerateur / ok.denominateur).abs() < 1e-9).all()
    assert ok.sort_values("rang").valeur.is_monotonic_decreasing  # rang 1 = part la plus élevée
    assert mno.rang.is_monotonic_increasing  # dans l'ordre du tableau de la page
    pop = base.requete(con, "iris_territoire", territoire="59512", mesure="population")
    assert len(pop) == 38 and round(pop.valeur.sum()) == 98_828  # Roubaix, RP 2019
    assert pop.nom_iris.str[0].str.isupper().all()  # « fosse aux chenes » -> « Fosse aux chenes »
    assert base.requete(con, "iris_territoire", territoire="nord", mesure="population").empty
    assert base.requete(con, "iris_territoire", territoire="ze-3216", mesure="population").empty


def test_carte_de_la_population_a_une_fin_de_trimestre(con):
    """La population est datée du 1er janvier de son millésime : la carte « Population municipale » au 31/12/2024
    montre celle en vigueur à cette date (COG 2024), et son évolution sur un an celle du millésime précédent — elle
    était vide à toute fin de trimestre."""
    df = base.requete(con, "carte_communes", region=None, zone="mel", territoire="mel", indicateur="population", date="2024-12-31",
                      date_base="2013-12-31", mesure="evolution").set_index("code_commune")
    pop = base.requete(con, "serie_sources", territoire="59350", indicateur="population").set_index("date").valeur
    assert df.valeur.notna().all() and df.at["59350", "valeur"] == pop[pd.Timestamp("2024-01-01")]
    assert df.at["59350", "valeur_1an"] == pop[pd.Timestamp("2023-01-01")]
    assert df.at["59350", "millesime"] == "COG 2024"


def test_carte_des_communes_dans_l_ordre_du_tableau(con):
    """Autour du territoire : ses communes d'abord, chacun de ses deux groupes de la plus haute mesure à la plus basse ;
    toute une région : toutes ensemble, dans l'ordre de leur rang dans la région, à égalité par nom."""
    args = dict(territoire="mno", indicateur="demandeurs_abc", date="2021-12-31", date_base="2013-12-31",
                mesure="niveau")
    zone = base.requete(con, "carte_communes", region=None, zone="mel", **args)
    assert zone.membre.is_monotonic_decreasing and zone.membre.any() and not zone.membre.all()
    for _, groupe in zone.groupby("membre"):
        assert groupe.mesure.dropna().is_monotonic_decreasing
    region = base.requete(con, "carte_communes", region="32", zone="mel", **args)
    assert region.membre.any() and not region.membre.is_monotonic_decreasing  # pas les membres d'abord
    classees = region.dropna(subset=["rang_zone"])
    assert list(classees.index) == list(region.index[:len(classees)])  # celles sans mesure à la fin
    assert classees[["rang_zone", "nom"]].apply(tuple, axis=1).is_monotonic_increasing


def test_sources_d_une_population_lue_au_millesime_en_vigueur(con):
    """Une carte de la population au 31/12/2021 montre le millésime en vigueur (daté du 1er janvier) : ses
    sources sont celles de ce millésime (Insee), pas la liste générale des producteurs de l'Observatoire."""
    import datetime
    df = base.requete(con, "sources_des_valeurs", territoires=["mel"], indicateurs=["population"],
                      dates=[datetime.date(2021, 12, 31)])
    assert len(df) and set(df.source) <= {"insee-cog", "insee-rp"}
    # une autre date, un autre indicateur : lus à la date elle-même
    abc = base.requete(con, "sources_des_valeurs", territoires=["mie-roubaisis"], indicateurs=["demandeurs_abc"],
                       dates=[datetime.date(2021, 12, 31)])
    assert "insee-cog" not in set(abc.source)
