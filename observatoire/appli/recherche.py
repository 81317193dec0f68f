"""Chercher un territoire ou une commune en tapant son nom, accents, majuscules, tirets et apostrophes ignorés
(« villeneuve d ascq » trouve Villeneuve-d'Ascq) : parmi les 35 000 communes de France quand la couverture est
nationale, où la liste « Territoire » ne garde que les territoires nommés (la charger entière alourdirait
chaque page)."""
from __future__ import annotations

import re
from functools import lru_cache

import streamlit as st

from observatoire import formats, referentiel
from observatoire.appli import etat
from observatoire.appli.controles import retirer_territoire_des_comparaisons
from observatoire.couverture import departement_de

RESULTATS_MAX = 8
COMMUNES_DANS_LA_LISTE_MAX = 3_000  # au-delà, la liste « Territoire » ne propose que les territoires nommés
CODE_COMMUNE = re.compile(r"^\d[\dAB]\d{3}$")
CLE = "recherche_territoire"


def cle(texte: str) -> str:
    """« Villeneuve-d'Ascq » -> « villeneuve d ascq » : sans accents ni ponctuation, en minuscules."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", formats.sans_accents(texte)).split())


@lru_cache(maxsize=4)
def _index(noms: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str, str], ...]:
    return tuple((ident, nom, cle(nom)) for ident, nom in noms)


def correspondances(texte: str, noms: dict[str, str], n: int = RESULTATS_MAX) -> list[str]:
    """Les identifiants dont le nom contient ``texte`` (clé sans accents) : d'abord ceux dont le nom commence
    par lui, puis ceux dont un mot commence par lui, puis les autres ; les noms courts d'abord."""
    q = cle(texte)
    if not q:
        return []
    trouves = []
    for ident, nom, k in _index(tuple(noms.items())):
        if q in k:
            rang = 0 if k.startswith(q) else 1 if f" {q}" in f" {k}" else 2
            trouves.append((rang, len(k), nom, ident))
    return [ident for *_, ident in sorted(trouves)[:n]]


def options_de_la_liste(c: etat.Choix, territoire: str) -> list[str]:
    """La liste « Territoire » : tout ce qu'on peut choisir ; au-delà de 3 000 communes, les territoires nommés et
    la commune affichée (les autres se trouvent par la recherche)."""
    communes = [t for t in c.choisissables if CODE_COMMUNE.match(t)]
    options = c.choisissables if len(communes) <= COMMUNES_DANS_LA_LISTE_MAX else \
        [t for t in c.choisissables if not CODE_COMMUNE.match(t) or t == territoire]
    # les zones d'emploi et les bassins après les communes : à égalité de ressemblance, la liste garde son ordre, et
    # « Roubaix » tapé montrait « Zone d'emploi de Roubaix-Tourcoing » et le bassin avant la commune
    return sorted(options, key=lambda t: t in _zonages())


@lru_cache(maxsize=1)
def _zonages() -> frozenset[str]:
    return frozenset(t.territoire for t in referentiel.territoires() if t.type in ("zone_emploi", "bassin_emploi"))


def _choisir(ident: str) -> None:
    st.session_state["territoire"] = ident
    st.session_state[CLE] = ""
    retirer_territoire_des_comparaisons()


def chercher(c: etat.Choix) -> None:
    """Le champ de recherche de la barre latérale et ses résultats (un bouton par territoire trouvé)."""
    texte = st.text_input("Chercher une commune ou un territoire", key=CLE, placeholder="ex. : villeneuve d ascq",
                          help="Accents, majuscules, tirets et apostrophes sont ignorés. Appuyez sur Entrée.")
    if not texte:
        return
    trouves = correspondances(texte, {t: c.territoires[t] for t in c.choisissables})
    if not trouves:
        st.caption(f"Aucun territoire ni commune ne contient « {cle(texte)} ».")
    for ident in trouves:  # une commune avec son département : deux Saint-Étienne-du-Bois (01 et 85)
        libelle = c.territoires[ident] + (f" ({departement_de(ident)})" if CODE_COMMUNE.match(ident) else "")
        st.button(libelle, key=f"{CLE}_{ident}", on_click=_choisir, args=(ident,), width="stretch",
                  icon=":material/location_on:")
