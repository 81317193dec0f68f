"""Aller-retour de l'état avec l'URL."""
from observatoire.appli.etat import PARAMETRES_PAGES, Choix, lire_reglages, depuis_url, page_depuis_url, vers_url

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


def test_reglages_de_page_lus_dans_data_reglages(tmp_path):
    """data/reglages.csv : une ligne par valeur permise et son libellé, « oui » pour la valeur par défaut ; un réglage
    connu à l'exécution nomme sa liste de ``Choix``. Un lien copié rouvre la valeur permise ; une valeur inconnue
    retombe sur la valeur par défaut, avec un avis."""
    fichier = tmp_path / "reglages.csv"
    fichier.write_text("page,reglage,valeur,libelle,defaut,liste\ncarte,classes,quantiles,Quantiles,,\n"
                       "carte,classes,jenks,Seuils naturels,oui,\ncarte,base,2011-12-31,,oui,dates\n", encoding="utf-8")
    parametres, libelles = lire_reglages(fichier)
    assert parametres == {"carte": {"classes": ("jenks", ("quantiles", "jenks")), "base": ("2011-12-31", "dates")}}
    assert libelles == {("carte", "classes"): {"quantiles": "Quantiles", "jenks": "Seuils naturels"}}
    # les réglages de l'application : une seule valeur par défaut, parmi les valeurs permises
    for page, reglages in PARAMETRES_PAGES.items():
        for nom, (defaut, valides) in reglages.items():
            assert defaut and (isinstance(valides, str) and hasattr(C, valides) or defaut in valides), (page, nom)
    assert page_depuis_url("carte", {"classes": "seuils_naturels"}, C)[0]["carte.classes"] == "seuils_naturels"
    etat, avis = page_depuis_url("carte", {"classes": "au_hasard", "base": "2021-12-31"}, C)
    assert (etat["carte.classes"], etat["carte.base"], len(avis)) == ("quantiles", "2021-12-31", 1)
