"""Aller-retour de l'état avec l'URL."""
from observatoire.appli.etat import Choix, depuis_url, vers_url

C = Choix({"mel": "MEL", "melt": "Lys-Tourcoing", "nord": "Nord", "arr-lille": "Arr."}, {}, ["2026-09-30", "2021-12-31"],
          {"demandeurs_abc": "ABC", "demandeurs_a": "A"})


def test_aller_retour():
    etat, avis = depuis_url({"territoire": "melt", "date": "2021-12-31", "indicateur": "demandeurs_a",
                             "comparer": "mel,nord"}, C)
    assert avis == [] and depuis_url(vers_url(etat), C) == (etat, [])


def test_defauts_et_avis():
    etat, avis = depuis_url({}, C)
    assert etat == {"territoire": "mel", "date": "2026-09-30", "indicateur": "demandeurs_abc",
                    "comparaison": ["arr-lille", "nord"]} and avis == []
    etat, avis = depuis_url({"territoire": "x", "date": "hier", "comparer": "melt,melt,y,mel"}, C)
    assert etat["territoire"] == "mel" and etat["date"] == "2026-09-30"
    assert etat["comparaison"] == ["melt"]  # doublon, inconnu et territoire choisi retirés
    assert len(avis) == 3


def test_au_plus_cinq_comparaisons():
    c = Choix({f"t{i}": str(i) for i in range(8)} | {"mel": "MEL"}, {}, ["2026-09-30"], {"demandeurs_abc": "ABC"})
    etat, avis = depuis_url({"comparer": ",".join(f"t{i}" for i in range(8))}, c)
    assert len(etat["comparaison"]) == 5 and "Au plus 5" in avis[0]
