"""Temps passé côté serveur (Python + DuckDB) par interaction, page par page, sur le panel complet du Nord.

Chaque interaction est un changement de commande suivi de l'exécution de la page par AppTest (même code
qu'en production, sans navigateur). Deux mesures : « froid » (cache de requêtes vidé : la requête DuckDB
est exécutée) et « chaud » (le même choix redemandé : les résultats viennent de st.cache_data).
Médianes sur N répétitions. Usage : ``python benchmarks/interactions.py [N]``
"""
from __future__ import annotations

import statistics
import sys
import time
import warnings
from pathlib import Path

from streamlit.testing.v1 import AppTest

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))
from observatoire.appli.donnees import requete  # noqa: E402

warnings.filterwarnings("ignore")

INTERACTIONS = [  # (page, description, commande (clé), valeurs alternées)
    ("synthese", "territoire", "territoire", ["melt", "mno"]),
    ("synthese", "date", "date", ["2023-12-31", "2022-12-31"]),
    ("carte", "indicateur", "indicateur", ["demandeurs_a", "demandeurs_abc_femmes"]),
    ("carte", "mesure", "carte_mesure", ["pour_100", "evolution_pct"]),
    ("carte", "territoire (Nord entier)", "territoire", ["nord", "mel"]),
    ("carte", "date", "date", ["2021-12-31", "2020-12-31"]),
    ("evolutions", "territoire", "territoire", ["melt", "mie-roubaisis"]),
    ("evolutions", "indicateur", "indicateur", ["demandeurs_a", "demandeurs_abc_rsa"]),
    ("profil", "territoire", "territoire", ["melt", "mno"]),
    ("profil", "date (MEL, totaux)", "date", ["2021-12-31", "2020-12-31"]),
    ("profil", "détail par commune (MEL)", "profil_detail", [True, False]),
    ("comparer", "date", "date", ["2021-12-31", "2020-12-31"]),
    ("comparer", "mesure", "comparer_mesure", ["part", "pour_100"]),
    ("emploi", "territoire", "territoire", ["melt", "nord"]),
]


def _commande(at: AppTest, cle: str):
    for w in list(at.selectbox) + list(at.multiselect) + list(at.button_group) + list(at.select_slider) + list(at.toggle):
        if w.key == cle:
            return w
    raise KeyError(cle)


def mesurer(page: str, cle: str, valeurs: list[str], n: int) -> tuple[float, float]:
    at = AppTest.from_file(str(RACINE / "app.py"), default_timeout=120)
    at.switch_page(f"pages/{page}.py")
    at.run()
    froid, chaud = [], []
    for i in range(n):
        v = valeurs[i % 2]
        requete.clear()  # seul le cache des résultats de requêtes est vidé
        _commande(at, cle).set_value(v)
        t = time.perf_counter()
        at.run()
        froid.append((time.perf_counter() - t) * 1000)
        _commande(at, cle).set_value(valeurs[(i + 1) % 2])
        at.run()
        _commande(at, cle).set_value(v)
        t = time.perf_counter()
        at.run()
        chaud.append((time.perf_counter() - t) * 1000)
        assert not at.exception, at.exception
    return statistics.median(froid), statistics.median(chaud)


def main(n: int = 7) -> None:
    print(f"{'page':<12}{'interaction':<28}{'froid (ms)':>12}{'chaud (ms)':>12}")
    for page, quoi, cle, valeurs in INTERACTIONS:
        f, c = mesurer(page, cle, valeurs, n)
        print(f"{page:<12}{quoi:<28}{f:>12.0f}{c:>12.0f}")
    print(f"\nMédianes sur {n} répétitions ; « froid » : cache de requêtes vidé avant l'interaction.")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
