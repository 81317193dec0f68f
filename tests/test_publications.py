"""Chaque chiffre publié dans les rapports (data/publications.csv) est reproduit par la base."""
import re

import pandas as pd
import pytest

from observatoire.chemins import SHARED
from observatoire.modele import base, calibrage
from observatoire.sorties import bulletin as sorties

PUB = calibrage.publications()
SEED_003 = SHARED / "seeds" / "003_2f7db2b1693cfbbb.txt"


@pytest.fixture(scope="module")
def verif(con):
    return base.requete(con, "verification_publications").set_index("publication")


@pytest.mark.parametrize("publication", PUB[PUB.verification == "exact"].publication)
def test_chiffre_publie_reproduit(verif, publication):
    r = verif.loc[publication]
    assert r.conforme, f"{publication} ({r.citation}) : publié {r.valeur}, calculé {r.calcule}"


def test_erratum_documente_et_non_force(verif):
    """Annexe N°55 : « Ayant au moins le BAC » −314 sur 7 123 fait −4,2 %, publié −4,4 % (coquille) :
    le panel garde les effectifs publiés, donc −4,2 %, et l'erratum reste visible."""
    r = verif.loc["003-mie-roubaisis-demandeurs_abc_bac_plus-2021-12-31-evolution_pct-depuis-2020-12-31"]
    assert r.verification == "erratum" and not r.conforme
    assert round(r.calcule, 1) == -4.2


def test_population_du_recensement_reproduite(verif):
    """« 144 212 habitants (RP2021) » du rapport de la MNO est la population du recensement 2021,
    reproduite exactement (data/ref/populations_rp.csv.gz) ; les 201 148 habitants de la MELT ne sont aucun
    millésime (ni RP 2013 à 2021, ni COG) : écart documenté, sous 1 %."""
    mno = verif.loc["001-mno-population-2021-01-01-niveau"]
    assert mno.verification == "exact" and mno.conforme and mno.calcule == 144_212
    ref = verif[verif.verification == "referentiel"]
    assert list(ref.territoire) == ["melt"]
    assert (ref.ecart.abs() / ref.valeur < 0.01).all()


def _annexe_du_seed() -> list[tuple[str, int, float | None, int, float]]:
    texte = SEED_003.read_text(encoding="utf-8")
    bloc = texte[texte.index("\n//ANNEXE\n"):texte.index("La demande d'emploi au 31 décembre 2021, Mars 2022")]
    lignes = []
    for ligne in bloc.splitlines():
        champs = [c.strip() for c in ligne.split("\t") if c.strip()]
        if len(champs) >= 4 and re.match(r"^[\d ]+$", champs[1]):
            nombre = int(champs[1].replace(" ", ""))
            pct = lambda s: float(s.replace("%", "").replace(",", "."))  # noqa: E731
            if len(champs) == 5:
                lignes.append((champs[0], nombre, pct(champs[2]), int(champs[3]), pct(champs[4])))
            else:
                lignes.append((champs[0], nombre, None, int(champs[2]), pct(champs[3])))
    return lignes


@pytest.mark.skipif(not SEED_003.exists(), reason="../shared/seeds absent")
def test_annexe_du_bulletin_55_lue_dans_le_seed(con):
    """Le tableau de l'annexe, lu directement dans le rapport, est reproduit à l'unité et au dixième de
    point par la commande bulletin (ligne à ligne, dans le même ordre)."""
    attendu = _annexe_du_seed()
    assert len(attendu) == 52
    df = sorties.bulletin(con, "mie-roubaisis", "2021-12-31")
    assert len(df) == 52
    for (lib, n, part, evol, evol_pct), r in zip(attendu, df.itertuples()):
        assert r.nombre == n, lib
        assert r.evolution_annuelle == evol, lib
        if part is not None:
            assert abs(r.part - part) <= 0.05 + 1e-9, lib
        if (lib, n) != ("Ayant au moins le BAC", 7123):  # erratum documenté ci-dessus
            assert abs(r.evolution_annuelle_pct - evol_pct) <= 0.05 + 1e-9, lib
        if r.niveau == 1:
            assert r.libelle.lower() == lib.lower(), (r.libelle, lib)


def test_valeurs_de_l_annexe_marquees_publication(con):
    df = con.execute("SELECT provenance, reference FROM faits WHERE code_commune = '59512' "
                     "AND indicateur = 'demandeurs_abc' AND date = DATE '2021-12-31'").df()
    assert df.provenance.item() == "publication"
    doc = con.execute("SELECT document, page FROM publications WHERE publication = ?",
                      [df.reference.item()]).fetchone()
    assert doc == ("003_2f7db2b1693cfbbb.txt", "p. 47 (annexe)")


def test_cibles_entieres_et_coherentes():
    c = calibrage.niveaux()
    assert all(float(x.valeur).is_integer() for x in c.values())
    d = pd.Timestamp("2021-12-31").date()
    secteurs = sum(c[("nord", s, d)].valeur for s in calibrage.COMPOSANTES["emploi_prive"])
    assert secteurs == c[("nord", "emploi_prive", d)].valeur
    assert abs(secteurs - 737500) < 50
