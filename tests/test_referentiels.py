from observatoire import referentiel


def test_communes_du_nord_au_cog_2026():
    com = referentiel.communes()
    assert len(com) == 647
    assert com.code_commune.str.match(r"^59\d{3}$").all()
    assert com.code_commune.is_unique


def test_la_mel_compte_95_communes():
    assert len(referentiel.territoire("mel").membres) == 95
    assert len(referentiel.territoire("arr-lille").membres) == 124
    assert len(referentiel.territoire("nord").membres) == 647


def test_territoires_des_maisons_de_l_emploi():
    noms = referentiel.communes().set_index("code_commune").nom
    melt = {noms[c] for c in referentiel.territoire("melt").membres}
    assert len(melt) == 12 and "Roncq" in melt and "Tourcoing" in melt
    assert {noms[c] for c in referentiel.territoire("mie-roubaisis").membres} == {"Roubaix", "Leers",
                                                                                   "Lys-lez-Lannoy"}
    mno = {noms[c] for c in referentiel.territoire("mno").membres}
    assert len(mno) == 10 and "Marcq-en-Barœul" in mno
    mel = set(referentiel.territoire("mel").membres)
    for t in ("melt", "mie-roubaisis", "mno"):
        assert set(referentiel.territoire(t).membres) <= mel


def test_une_commune_est_un_territoire():
    t = referentiel.territoire("59512")
    assert t.nom == "Roubaix" and t.membres == ("59512",)


def test_territoire_inconnu():
    import pytest
    with pytest.raises(referentiel.ErreurReferentiel, match="Territoire inconnu"):
        referentiel.territoire("atlantide")


def test_populations_par_millesime_au_cog_2026():
    pop = referentiel.populations()
    assert sorted(pop.millesime_cog.unique()) == [2021, 2022, 2023, 2024, 2025, 2026]
    assert (pop.groupby("millesime_cog").size() == 647).all()
    # Bermeries (59070), fusionnée dans 59006 : sa population est ajoutée aux millésimes anciens
    p = pop.set_index(["code_commune", "millesime_cog"]).population
    assert p["59006", 2024] == 232 + 377
    assert referentiel.passage_cog()["59070"] == "59006"


def test_mel_population_recoupe_le_fichier_epci():
    """La somme des communes (communes.json, millésime 2024 = RP2021) égale la population municipale de la
    MEL donnée par epci.json du paquet 6.0.0 (1 194 040) : deux fichiers officiels se recoupent."""
    pop = referentiel.populations()
    mel = set(referentiel.territoire("mel").membres)
    assert pop[(pop.millesime_cog == 2024) & pop.code_commune.isin(mel)].population.sum() == 1194040


def test_populations_des_recensements():
    """RP 2013 à 2021 pour les 647 communes du COG 2026 ; la MNO fait 144 212 habitants au RP 2021."""
    from observatoire import referentiel
    rp = referentiel.populations_rp()
    assert sorted(rp.annee_rp.unique()) == list(range(2013, 2022))
    assert rp.groupby("annee_rp").code_commune.nunique().eq(647).all()
    mno = set(referentiel.territoire("mno").membres)
    assert rp[rp.code_commune.isin(mno) & (rp.annee_rp == 2021)].population.sum() == 144_212


def test_zones_et_bassins_d_emploi_sans_confusion_de_codes():
    """Zones d'emploi 2020 et bassins d'emploi 2021 qui touchent le Nord, identifiants qui disent le
    zonage (3218 n'est pas la même aire dans les deux) ; les communes hors du Nord sont comptées."""
    from observatoire import referentiel
    ze, be = referentiel.territoire("ze-3218"), referentiel.territoire("be-3218")
    assert ze.nom == "Zone d'emploi de Roubaix-Tourcoing" and be.nom == "Bassin d'emploi de Dunkerque"
    assert "59512" in ze.membres and "59183" in be.membres and not set(ze.membres) & set(be.membres)
    lille = referentiel.territoire("ze-3216")
    assert lille.hors_couverture == 6 and lille.nb_communes == len(lille.membres) + 6
    zones = [t for t in referentiel.territoires() if t.type == "zone_emploi"]
    bassins = [t for t in referentiel.territoires() if t.type == "bassin_emploi"]
    assert len(zones) == 9 and len(bassins) == 8
    for liste in (zones, bassins):  # chaque commune du Nord est dans exactement une zone et un bassin
        codes = [c for t in liste for c in t.membres]
        assert len(codes) == len(set(codes)) == 647


def test_bmo_relu_depuis_le_classeur_de_france_travail(tmp_path):
    """scripts/refresh_bmo.py sur un classeur au format publié : feuille de description d'abord, « * » gardé
    secret (vide, jamais 0), les lignes de toute la France gardées, département sur deux chiffres."""
    import csv
    import subprocess
    import sys

    from openpyxl import Workbook

    from observatoire.chemins import RACINE
    classeur = Workbook()
    classeur.active.title = "Description des variables"
    feuille = classeur.create_sheet("BMO_2024_open_data")
    feuille.append(["annee", "Code métier BMO", "Nom métier BMO", "Famille_met", "Lbl_fam_met", "REG", "NOM_REG",
                    "Dept", "NomDept", "BE24", "NOMBE24", "met", "xmet", "smet"])
    feuille.append([2024, "S1X20", "Aides de cuisine", "V", "Fonctions liées à la vente", "32", "Hauts-de-France",
                    "59", "Nord", "3217", "VERSANT N-EST ROUB.TOURC.", 482, 222, "*"])
    feuille.append([2024, "A0X41", "Eleveurs", "Z", "Autres métiers", "32", "Hauts-de-France", "2", "Aisne",
                    "3202", "LAON", "*", "*", "*"])
    feuille.append([2024, "A0X41", "Eleveurs", "Z", "Autres métiers", "84", "Auvergne-Rhône-Alpes", "01", "Ain",
                    "8401", "BOURG", 12, 5, 3])
    source, sortie = tmp_path / "bmo.xlsx", tmp_path / "bmo.csv"
    classeur.save(source)
    subprocess.run([sys.executable, str(RACINE / "scripts/refresh_bmo.py"), "--source", str(source),
                    "--sortie", str(sortie)], check=True, capture_output=True)
    lignes = list(csv.DictReader(sortie.open(encoding="utf-8")))
    assert [(r["bassin"], r["departement"], r["projets"], r["difficiles"], r["saisonniers"]) for r in lignes] == [
        ("3202", "02", "", "", ""), ("3217", "59", "482", "222", ""), ("8401", "01", "12", "5", "3")]


def test_iris_de_la_mel_recoupent_le_recensement():
    """data/ref/iris_2019.csv : 517 IRIS (le fichier redistribué en répète 9), les 95 communes de la MEL, et la
    population de chaque commune (somme de ses IRIS) est celle du recensement 2019 (Insee), à 0,05 près."""
    import pandas as pd

    from observatoire.chemins import REF
    iris = pd.read_csv(REF / "iris_2019.csv", dtype={"code_iris": str, "code_commune": str})
    assert len(iris) == 517 and iris.code_iris.is_unique
    assert set(iris.code_commune) == set(referentiel.territoire("mel").membres)
    assert all(c.startswith(("P19_", "C19_")) for c in iris.columns[4:])  # seules les colonnes de l'Insee
    rp = referentiel.populations_rp()
    rp = rp[rp.annee_rp == 2019].set_index("code_commune").population
    ecart = (iris.groupby("code_commune").P19_POP.sum() - rp).dropna().abs()
    assert len(ecart) == 95 and ecart.max() < 0.05


def test_iris_relus_depuis_le_geojson(tmp_path):
    """scripts/refresh_iris.py : doubles écartés s'ils sont identiques, colonnes dérivées jamais reprises,
    contours simplifiés sans trou ni chevauchement."""
    import json
    import subprocess
    import sys

    import geopandas as gpd
    import shapely

    from observatoire.chemins import RACINE
    from scripts.refresh_iris import VARIABLES

    def carre(x, y):
        return {"type": "Polygon", "coordinates": [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01],
                                                     [x, y]]]}

    def iris(code, x, derive):
        return {"type": "Feature", "geometry": carre(x, 50.6),
                "properties": {"CODE_IRIS": code, "INSEE_COM": code[:5], "NOM_IRIS": f"quartier {code[-1]}",
                               "TYP_IRIS_x": "H", "%_CS3": derive, **{v: 10.0 for v in VARIABLES}}}
    source = tmp_path / "iris.geojson"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": [
        iris("593500101", 3.0, 1.0), iris("593500102", 3.01, 2.0), iris("593500102", 3.01, 9.0)]}))
    sortie, geo = tmp_path / "iris.csv", tmp_path / "iris_mel.geojson"
    r = subprocess.run([sys.executable, str(RACINE / "scripts/refresh_iris.py"), "--source", str(source),
                        "--sortie", str(sortie), "--geo", str(geo)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "2 IRIS de 1 commune (1 en double écarté(s))" in r.stdout
    lu = sortie.read_text(encoding="utf-8").splitlines()
    assert lu[0].startswith("code_iris,code_commune,nom_iris,type_iris,P19_POP") and "%_CS3" not in lu[0]
    g = gpd.read_file(geo)
    assert list(g.code_iris) == ["593500101", "593500102"] and g.is_valid.all()
    assert abs(g.area.sum() - shapely.union_all(g.geometry.values).area) < 1e-12


def test_un_nom_long_et_un_nom_court_par_territoire():
    """Chaque territoire a un nom long (titres, phrases) et un nom court (légendes, pastilles, colonnes, fichiers),
    décidés une fois : deux territoires n'ont jamais le même nom court, et le nom court garde ce qui dit de quel
    territoire il s'agit (« MiE du Roubaisis », pas « Roubaisis » ; « Arrondissement de Lille », pas « Arr. »)."""
    from observatoire import referentiel
    nommes = [t for t in referentiel.territoires() if not t.territoire.startswith(("ze-", "dep-", "reg-", "epci-"))]
    courts = [t.nom_court for t in nommes]
    assert len(set(courts)) == len(courts)
    assert {t.territoire: t.nom_court for t in nommes}.items() >= {
        "mie-roubaisis": "MiE du Roubaisis", "arr-lille": "Arrondissement de Lille", "melt": "ME Lys-Tourcoing",
        "mno": "MDE Métropole Nord-Ouest", "mel": "MEL", "nord": "Nord"}.items()
    assert not [c for c in courts if c.endswith(".") or ". " in c]  # aucune abréviation tronquée
