"""Pourquoi un chiffre bouge : l'analyse structurelle-résiduelle de l'emploi (les trois effets font la variation),
les contributions à la demande d'emploi (elles font l'évolution), les territoires comparables, et leurs commandes."""
from __future__ import annotations

import json

import pytest

from observatoire.__main__ import main
from observatoire.sorties import explications

DE, A = "2025-09-30", "2026-09-30"
SECTEURS = ["emploi_prive_industrie", "emploi_prive_construction", "emploi_prive_commerce",
            "emploi_prive_hebergement_restauration", "emploi_prive_services_hors_interim", "emploi_prive_interim"]


@pytest.fixture(autouse=True)
def base_de_session(base_construite, monkeypatch):
    monkeypatch.setenv("OBSERVATOIRE_DB", str(base_construite))


@pytest.fixture(scope="module")
def mel(con):
    return explications.decomposition(con, "mel", DE, A)


def test_les_trois_effets_font_la_variation(mel):
    """MEL contre le Nord : tendance + structure + effet local = variation, par secteur et au total ; arrondis à
    l'unité, ils la font exactement."""
    assert mel.reference == "nord" and len(mel.secteurs) == 6 and mel.calculable
    s = mel.secteurs
    assert ((s.effet_tendance + s.effet_structure + s.effet_local - s.variation).abs() < 1e-6).all()
    t = mel.total
    assert abs(t.effet_tendance + t.effet_structure + t.effet_local - t.variation) < 1e-6
    assert t.variation == s.variation.sum() and sum(mel.arrondis().values()) == t.variation
    assert list(mel.effets()) == ["Tendance : Nord", "Structure sectorielle", "Effet local"]


def test_exemple_calcule_a_la_main(con, mel):
    """Le calcul refait à la main depuis les séries (faits_territoires) : g, gᵢ, eᵢ et les trois effets de
    l'industrie."""
    v = {(t, i, str(d)): x for t, i, d, x in con.execute(
        "SELECT territoire, indicateur, date, valeur FROM faits_territoires WHERE territoire IN ('mel', 'nord') "
        "AND indicateur LIKE 'emploi_prive_%' AND date IN (?, ?)", [DE, A]).fetchall()}
    g = sum(v["nord", s, A] for s in SECTEURS) / sum(v["nord", s, DE] for s in SECTEURS) - 1
    e0, e1 = v["mel", "emploi_prive_industrie", DE], v["mel", "emploi_prive_industrie", A]
    gi = v["nord", "emploi_prive_industrie", A] / v["nord", "emploi_prive_industrie", DE] - 1
    industrie = mel.secteurs.set_index("indicateur").loc["emploi_prive_industrie"]
    assert industrie.effet_tendance == pytest.approx(e0 * g)
    assert industrie.effet_structure == pytest.approx(e0 * (gi - g))
    assert industrie.effet_local == pytest.approx(e1 - e0 * (1 + gi))
    assert mel.total.effet_tendance == pytest.approx(g * sum(v["mel", s, DE] for s in SECTEURS))


def test_phrase_de_la_decomposition(mel):
    p = mel.phrase()
    e = mel.arrondis()
    assert p.startswith("La Métropole Européenne de Lille gagne ") and "du 30/09/2025 au 30/09/2026" in p
    assert "tiennent au territoire (effet local)" in p and "(Département du Nord)" in p
    assert f"+{e['effet_local']:,}".replace(",", "\u202f") in p  # nombres à la française


def test_un_emploi_au_singulier(con):
    """Tourcoing gagne un seul emploi sur l'année de démonstration : « 1 emploi salarié privé », pas « 1 emplois »."""
    p = explications.decomposition(con, "59599", DE, A).phrase()
    assert "gagne 1 emploi salarié privé du" in p


def test_contributions_font_l_evolution(con):
    """Dans chaque ventilation (catégories, sexe, âge, ancienneté), les contributions s'additionnent à l'évolution
    des demandeurs A, B, C ; la catégorie A porte l'essentiel de la hausse qui passe le 1er janvier 2025, et la
    phrase dit la rupture."""
    df = explications.contributions(con, "mel", "2024-09-30", "2025-09-30")
    assert set(df.ventilation) == {"demande", "sexe", "age", "duree"}
    total = df.evolution_totale_pct.iloc[0]
    for _, g in df.groupby("ventilation"):
        assert g.contribution_points.sum() == pytest.approx(total)
    a = df.set_index("indicateur").contribution_points
    assert a["demandeurs_a"] > a["demandeurs_b"] + a["demandeurs_c"]
    phrase = explications.phrase_contributions(df, "mel", "2024-09-30", "2025-09-30")
    assert "la catégorie A y contribue pour +" in phrase and "rupture de série" in phrase
    avant = explications.contributions(con, "mel", "2023-09-30", "2024-09-30")
    assert "rupture" not in explications.phrase_contributions(avant, "mel", "2023-09-30", "2024-09-30")


def test_cinq_communes_comparables_a_tourcoing(con):
    df = explications.comparables(con, "59599", A)
    assert len(df) == 5 and "59599" not in set(df.territoire) and list(df.rang) == [1, 2, 3, 4, 5]
    assert df.distance.is_monotonic_increasing and df.territoire.str.match(r"^59\d{3}$").all()
    assert df.proches_par.str.match(r"^(la|le) .+ et (la|le) .+").all()
    assert "Profils calculés sur des données de démonstration." in explications.phrase_comparables(df, "59599")
    epci = explications.comparables(con, "mel", A)
    assert epci.territoire.str.startswith("epci-").all()  # du même niveau


def test_commande_expliquer_json(capsys):
    assert main(["expliquer", "--territoire", "mel", "--indicateur", "emploi_prive", "--de", DE, "--a", A,
                 "--format", "json"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert {"variation", "effet_tendance", "effet_structure", "effet_local", "secteurs", "phrase"} <= set(r)
    assert r["effet_tendance"] + r["effet_structure"] + r["effet_local"] == pytest.approx(r["variation"])
    assert len(r["secteurs"]) == 6 and r["reference"] == "nord"
    assert main(["expliquer", "--territoire", "mel", "--indicateur", "demandeurs_abc", "--de", "2024-09-30",
                 "--a", "2025-09-30", "--format", "json"]) == 0
    c = json.loads(capsys.readouterr().out)
    assert len(c["contributions"]) == 10 and "rupture de série" in c["phrase"]


def test_commande_comparables_et_refus(capsys):
    assert main(["comparables", "--territoire", "59599", "--nombre", "5"]) == 0
    sortie = capsys.readouterr().out
    assert sortie.startswith("Les territoires les plus proches de la commune de Tourcoing : ")
    assert sortie.count("proche par") == 5 + 1
    assert main(["comparables", "--territoire", "atlantide"]) == 2
    assert "Territoire inconnu : « atlantide »" in capsys.readouterr().err
    assert main(["expliquer", "--territoire", "mel", "--indicateur", "population", "--de", DE, "--a", A]) == 2
    assert "ne s'explique pas" in capsys.readouterr().err


def test_reference_sans_emploi_connu_le_dit(con):
    """Contre la France, dont la base n'a pas l'emploi salarié : pas de décomposition, et la phrase dit pourquoi
    (jamais « réel et démonstration mêlés » à tort)."""
    d = explications.decomposition(con, "mel", DE, A, reference="france")
    assert not d.calculable and "l'emploi salarié de la France n'est pas connu à ces dates" in d.phrase()
    assert explications.references("mel") == {"departement": "nord", "region": "hdf", "pays": "france"}
