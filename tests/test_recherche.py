"""Chercher un territoire par son nom, accents, majuscules, tirets et apostrophes ignorés ; au-delà de 3 000
communes, la liste « Territoire » ne garde que les territoires nommés et la commune affichée."""
from observatoire import referentiel
from observatoire.appli import etat, recherche


def _noms_france() -> dict[str, str]:
    com = referentiel.communes_france()
    return dict(zip(com.code_commune, com.nom))


def test_villeneuve_d_ascq_sans_accent_ni_tiret():
    noms = _noms_france()
    assert recherche.correspondances("villeneuve d ascq", noms) == ["59009"]
    assert recherche.correspondances("VILLENEUVE-D'ASCQ", noms) == ["59009"]


def test_les_noms_qui_commencent_par_le_texte_d_abord():
    noms = _noms_france()
    trouves = recherche.correspondances("lyon", noms)
    assert trouves[0] == "69123" and "69202" in trouves  # Sainte-Foy-lès-Lyon : un mot commence par « lyon »
    assert [noms[c] for c in recherche.correspondances("saint etienne", noms)][:1] == ["Saint-Étienne"]
    assert recherche.correspondances("   ", noms) == [] and recherche.correspondances("zzzz", noms) == []


def test_la_liste_territoire_a_l_echelle_nationale():
    noms = _noms_france() | {"mel": "Métropole Européenne de Lille", "nord": "Département du Nord"}
    c = etat.Choix(noms, noms, ["2024-12-31"], {})
    options = recherche.options_de_la_liste(c, "69123")
    assert options == ["69123", "mel", "nord"]  # les autres communes : par la recherche
    petit = etat.Choix({k: noms[k] for k in ("59009", "59350", "mel")}, {}, ["2024-12-31"], {})
    assert recherche.options_de_la_liste(petit, "mel") == ["59009", "59350", "mel"]
