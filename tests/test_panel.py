"""Le panel de démonstration : déterministe, cohérent partout, plausible."""
import numpy as np
import pandas as pd
import pytest

from observatoire import identites
from observatoire.modele.panel import Panel, trimestres

IDENTITES = [str(i) for i in identites.egalites()]  # data/identites.csv : « a + b = total »
INCLUSIONS = [str(i) for i in identites.inclusions()]  # « a + b <= total »


@pytest.fixture(scope="module")
def large(con):
    df = con.execute("PIVOT (SELECT indicateur, code_commune, date, valeur FROM faits "
                     "WHERE indicateur <> 'population') ON indicateur USING first(valeur)").df()
    return df


def test_periode_trimestrielle():
    d = trimestres()
    assert d[0].isoformat() == "2011-12-31" and d[-1].isoformat() == "2026-09-30" and len(d) == 60


@pytest.mark.parametrize("identite", IDENTITES)
def test_identites_exactes_partout(large, identite):
    gauche, droite = identite.split(" = ")
    assert len(gauche.split(" + ")) >= 2
    q = large[large.emploi_prive.notna()] if "emploi" in identite else large[large.demandeurs_abc.notna()]
    ecarts = (q.eval(gauche) != q[droite]).sum()
    assert ecarts == 0, f"{ecarts} lignes violent {identite}"


@pytest.mark.parametrize("inclusion", INCLUSIONS)
def test_inclusions(large, inclusion):
    q = large[large.demandeurs_abc.notna()]
    assert q.eval(inclusion).all()


def test_valeurs_entieres_positives(con):
    n = con.execute("SELECT count(*) FILTER (WHERE valeur < 0 OR valeur <> round(valeur)), count(*) "
                    "FROM faits").fetchone()
    assert n[0] == 0 and n[1] > 800_000


def test_chaque_commune_chaque_trimestre(con):
    n = con.execute("SELECT count(DISTINCT code_commune), count(DISTINCT date) FROM faits "
                    "WHERE indicateur = 'demandeurs_abc'").fetchone()
    assert n == (647, 60)
    n = con.execute("SELECT count(DISTINCT date) FROM faits WHERE indicateur = 'creations_entreprises'").fetchone()
    assert n[0] == 15  # annuel, au 31/12 de 2011 à 2025


def test_plausible(con):
    """Taux de demandeurs par habitant et évolutions trimestrielles dans des bornes d'analyste."""
    df = con.execute("""
        SELECT f.code_commune, f.date, f.valeur / p.valeur AS taux
        FROM faits f JOIN faits p ON p.code_commune = f.code_commune AND p.indicateur = 'population'
             AND p.date = DATE '2026-01-01'
        WHERE f.indicateur = 'demandeurs_abc' AND p.valeur > 2000""").df()
    assert df.taux.between(0.015, 0.22).all()
    assert 0.07 < df.taux.median() < 0.12
    s = con.execute("SELECT date, valeur FROM faits_territoires WHERE territoire = 'nord' "
                    "AND indicateur = 'demandeurs_abc' ORDER BY date").df()
    assert s.valeur.pct_change().abs().max() < 0.06
    for t in ("melt", "mno", "mie-roubaisis", "arr-lille"):
        for ind in ("emploi_prive", "demandeurs_abc"):
            e = con.execute("SELECT valeur FROM faits_territoires WHERE territoire = ? AND indicateur = ? "
                            "ORDER BY date", [t, ind]).df()
            assert e.valeur.pct_change().abs().max() < 0.08, (t, ind)


def test_deterministe():
    a, b = Panel().faits(), Panel().faits()
    pd.testing.assert_frame_equal(a, b)
    assert int(a.valeur.sum()) == int(b.valeur.sum())
    assert np.isfinite(a.valeur).all()


def test_provenance_marquee(con):
    p = con.execute("SELECT provenance, count(*) FROM faits GROUP BY 1").df().set_index("provenance")["count_star()"]
    assert set(p.index) == {"demonstration", "publication", "officiel"}
    # l'annexe du bulletin N°55 : 3 communes x 13 indicateurs x 2 dates
    assert p["publication"] == 78
    ref = con.execute("SELECT DISTINCT reference FROM faits WHERE provenance = 'publication'").df().reference
    assert ref.str.startswith("003-").all()


def test_region_et_france_gardent_la_forme_publiee_de_2025(con):
    """La démonstration de la région et de la France reproduit les chiffres publiés de 2025 (DARES : catégorie A
    de la France +8,7 % au 1er trimestre, 3 408 100 ; DREETS : Hauts-de-France au 3e trimestre, ABC 532 750, A 314 120,
    F 17 151, G 86 488) ; A + B + C = ABC ; F et G n'existent pas avant 2025 ; les niveaux publiés sont marqués
    « publication », le reste « démonstration »."""
    df = con.execute("SELECT territoire, indicateur, date, valeur, provenance FROM faits_niveau "
                     "WHERE territoire IN ('hdf', 'france') AND indicateur LIKE 'demandeurs%'").df()
    v = df.set_index(["territoire", "indicateur", df.date.dt.strftime("%Y-%m-%d")]).valeur
    assert v["france", "demandeurs_a", "2025-03-31"] == 3_408_100
    assert round(100 * (v["france", "demandeurs_a", "2025-03-31"] / v["france", "demandeurs_a", "2024-12-31"] - 1),
                 1) == 8.7
    assert [v["hdf", i, "2025-09-30"] for i in ("demandeurs_abc", "demandeurs_a", "demandeurs_f", "demandeurs_g")] \
        == [532_750, 314_120, 17_151, 86_488]
    large = df.pivot_table(index=["territoire", "date"], columns="indicateur", values="valeur")
    assert (large.demandeurs_a + large.demandeurs_b + large.demandeurs_c == large.demandeurs_abc).all()
    creees = df[df.indicateur.isin(["demandeurs_f", "demandeurs_g"])]
    assert creees.date.min().date().isoformat() == "2025-03-31" and set(creees.territoire) == {"hdf"}
    publies = df[df.provenance == "publication"]
    assert len(publies) == 6 and set(df.provenance) == {"publication", "demonstration"}


def test_verifier_couvre_les_chiffres_publies_de_2025(con):
    from observatoire.modele import base
    v = base.requete(con, "verification_publications")
    de_2025 = v[v.document.isin(["dares-defm-2025-t1", "dreets-hdf-defm-2025-t3"])]
    assert len(de_2025) == 6 and de_2025.conforme.all()
