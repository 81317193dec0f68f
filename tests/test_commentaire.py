"""Commentaire écrit : texte épinglé pour la MiE du Roubaisis au 31/12/2021 (faits du rapport 003), et
cohérence avec les chiffres sur d'autres territoires et dates."""
import re

import pandas as pd
import pytest

from observatoire.modele import base
from observatoire.sorties import commentaire


@pytest.fixture(scope="module")
def mie(con):
    return commentaire.paragraphes(con, "mie-roubaisis", "2021-12-31")


def test_texte_epingle_mie_roubaisis(mie):
    assert mie[:3] == [
        "Au 31/12/2021, le territoire de la MiE du Roubaisis compte 16\u202f256 demandeurs d'emploi de catégories A, B, C, "
        "en baisse de 3,5\u202f% en un an (\u2212584). La catégorie A (10\u202f757 demandeurs) est en baisse de "
        "7,9\u202f% en un an (\u2212925).",
        "Cette évolution est moins favorable que dans la MEL (\u22128,0\u202f%), l'arrondissement de Lille "
        "(\u22128,1\u202f%) et le Nord (\u22127,9\u202f%). Attention : cette comparaison rapproche des chiffres réels "
        "et des chiffres de démonstration (fictifs) ; elle n'a valeur que d'exemple.",  # Roubaisis publié, MEL fictive
        "Seul le nombre des moins de 25 ans augmente (+2,3\u202f%), à rebours de l'ensemble ; la baisse est plus "
        "marquée pour la longue durée (\u22129,5\u202f%) ; les demandeurs sans diplôme (+0,5\u202f%) restent stables.",
    ]


def test_faits_du_rapport_par_commune(mie):
    """« 851 DE inscrits à Roubaix sont sortis des fichiers (−8 %) », les jeunes roubaisiens augmentent ;
    Leers −12,5 %, en particulier les + de 50 ans ; Lys −3,7 %, + de 50 ans +2,5 %, très longue durée +7,2 %,
    jeunes relativement stables +0,6 % ; arrondissement −8,1 %."""
    roubaix, lys, leers = (next(p for p in mie if p.startswith(f"À {n},")) for n in ("Roubaix", "Lys-lez-Lannoy", "Leers"))
    assert "catégorie A est en baisse de 8,0\u202f% en un an (\u2212851)" in roubaix
    assert "moins de 25 ans augmente (+2,7\u202f%)" in roubaix
    assert "en baisse de 12,5\u202f% en un an (\u221248)" in leers and "les 50 ans et plus (\u221213,5\u202f%)" in leers
    assert "en baisse de 3,7\u202f% en un an (\u221226)" in lys
    assert "les 50 ans et plus (+2,5\u202f%) et la très longue durée (+7,2\u202f%) augmentent" in lys
    assert "les moins de 25 ans (+0,6\u202f%)" in lys and "restent stables" in lys
    assert "l'arrondissement de Lille (\u22128,1\u202f%)" in mie[1]


@pytest.mark.parametrize("territoire,date", [("melt", "2023-12-31"), ("mno", "2023-12-31"), ("mel", "2020-12-31"),
                                             ("59350", "2016-06-30"), ("nord", "2025-12-31"), ("59339", "2021-12-31")])
def test_jamais_contredit_par_les_chiffres(con, territoire, date):
    paragraphes = commentaire.paragraphes(con, territoire, date)
    b = base.requete(con, "bulletin", territoire=territoire, date=date, detail=False).set_index("indicateur")
    x = b.at["demandeurs_abc", "evolution_annuelle_pct"]
    attendu = "stable" if round(abs(x), 1) < 1 else ("en hausse de" if x > 0 else "en baisse de")
    premiere = paragraphes[0].split(". La catégorie A")[0]
    assert attendu in premiere and f"{abs(x):.1f}".replace(".", ",") in premiere
    for p in paragraphes:
        assert p.endswith(".") and "  " not in p and "nan" not in p
        # toute « hausse » chiffrée l'est d'un nombre positif, toute « baisse » d'un nombre négatif
        for mot, signe in re.findall(r"(augmente|augmentent|diminue|diminuent) \(([+\u2212])", p):
            assert (mot.startswith("augment")) == (signe == "+"), p
    comparaison = next((p for p in paragraphes if p.startswith("Cette évolution")), "")
    for nom, ident in (("la MEL", "mel"), ("le Nord", "nord")):
        if nom in comparaison:
            ref = base.requete(con, "bulletin", territoire=ident, date=date, detail=False).set_index("indicateur")
            assert formats_pct(ref.at["demandeurs_abc", "evolution_annuelle_pct"]) in comparaison


def formats_pct(x):
    from observatoire import formats
    return formats.pourcent(x, signe=True)


def test_seuil_stable():
    assert commentaire.evolution(0.6, 12) == "stable en un an (+0,6\u202f%, +12)"
    assert commentaire.evolution(-1.04) == "en baisse de 1,0\u202f% en un an"
    assert commentaire.sens(-0.94) == "stable" and commentaire.sens(1.0) == "hausse"
    # Ce qui s'affiche « +1,0 % » n'est pas « stable »
    assert commentaire.evolution(0.96) == "en hausse de 1,0\u202f% en un an"
    assert commentaire.evolution(-0.951) == "en baisse de 1,0\u202f% en un an"


def test_sans_donnees(con):
    assert commentaire.paragraphes(con, "melt", "2011-12-31") == []  # début du panel : pas d'année précédente


def test_contribution_de_moins_de_deux_points_au_singulier(con):
    """« la catégorie A compte pour −0,3 point » (pluriel à partir de 2), dans le commentaire de la MEL."""
    texte = " ".join(commentaire.paragraphes(con, "mel", "2026-09-30"))
    assert re.search(r"la catégorie A compte pour [−+]0,\d point,", texte), texte


def test_une_seule_regle_pour_la_marque_de_demonstration():
    """Au moins une valeur de démonstration : la marque ; NULL (valeur absente) ou colonne absente : pas de marque."""
    from observatoire import formats
    assert formats.contient_demo(pd.DataFrame({"demonstration": [False, None, True]}))
    assert not formats.contient_demo(pd.DataFrame({"demonstration": [False, None]}))
    assert not formats.contient_demo(pd.DataFrame({"valeur": [1]})) and not formats.contient_demo(None)
