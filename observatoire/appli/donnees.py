"""Les données des pages : l'instantané publié que lit l'exécution, la connexion et un curseur par requête
(qui voit les territoires à façon de la session), les requêtes, choix et rédactions mis en cache par
instantané, le suivi des publications."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import replace

import numpy as np
import pandas as pd
import streamlit as st

from observatoire import chemins, referentiel
from observatoire.appli import etat
from observatoire.cartes import carte_departements, regions
from observatoire.modele import base, facon, panel, publication


def publiee() -> tuple:
    """Identité de l'instantané publié que lit cette exécution, fixée au début de l'exécution (cadre) : toutes
    les requêtes d'une page lisent la même base, même si une publication survient pendant la page."""
    return st.session_state.get("instantane") or publication.identite()


def facons() -> tuple[referentiel.Territoire, ...]:
    """Les territoires à façon de cette session (composés ou ouverts par un lien), connus du référentiel."""
    propres = tuple(st.session_state.get("facons", {}).values())
    referentiel.connaitre(*propres)
    return propres


def facons_en_usage() -> tuple[referentiel.Territoire, ...]:
    """Ceux que les requêtes doivent voir : le territoire choisi et ceux comparés (pas les anciens brouillons)."""
    en_usage = {st.session_state.get("territoire"), *st.session_state.get("comparaison", [])}
    return tuple(t for t in facons() if t.territoire in en_usage)


def instantane() -> tuple:
    """Clé des caches : l'instantané publié et les territoires à façon en usage (ses requêtes les voient)."""
    return publiee(), tuple((t.territoire, t.nom, t.membres) for t in facons_en_usage())


FACONS_MAX = 10  # territoires à façon gardés par session (les plus anciens hors d'usage sont oubliés)


def ajouter_facon(f: facon.Facon) -> str:
    """Ajoute un territoire à façon à la session ; renvoie son identifiant."""
    t = f.territoire()
    referentiel.connaitre(t)  # dans cette exécution ; les suivantes le reprennent de la session (facons)
    propres = st.session_state.setdefault("facons", {})
    propres.pop(t.territoire, None)
    propres[t.territoire] = t
    en_usage = {st.session_state.get("territoire"), *st.session_state.get("comparaison", []), t.territoire}
    for ancien in [i for i in propres if i not in en_usage][:max(len(propres) - FACONS_MAX, 0)]:
        del propres[ancien]
    return t.territoire


@st.cache_resource(max_entries=2)
def _connexion(publiee_: tuple):
    if not base.chemins.base().exists():
        base.construire()
    return base.connecter(chemin=publication.chemin_de_lecture())


def connexion():
    """Connexion en lecture seule à l'instantané de cette exécution (une par instantané, partagée par les
    sessions ; chaque requête a son curseur)."""
    return _connexion(publiee())


@contextmanager
def curseur(avec_facons: bool = True):
    """Un curseur propre à l'appel : la connexion DuckDB partagée entre les fils des sessions ne sert qu'un appel
    à la fois, chaque curseur est indépendant ; il voit les territoires à façon de la session (facon.preparer)."""
    c = connexion().cursor()
    try:
        if avec_facons:
            facon.preparer(c, facons_en_usage())
        yield c
    finally:
        c.close()


def requete(nom: str, **params) -> pd.DataFrame:
    """queries/<nom>.sql sur son propre curseur, mis en cache par instantané. Une erreur lève une exception :
    rien n'est mis en cache.

    Le résultat est partagé par les sessions (``st.cache_resource``) ; chacune en reçoit une copie légère : avec la
    copie à l'écriture de pandas, ce qu'une page y change ne touche ni le cache ni les autres sessions. La clé est le
    texte des paramètres (``cle_des_parametres``) : ``st.cache_data`` hachait chaque paramètre puis recopiait le
    tableau par pickle à chaque lecture (14 % du serveur sous charge, py-spy)."""
    return _requete(instantane(), nom, cle_des_parametres(params), params).copy(deep=False)


def cle_des_parametres(params: dict) -> str:
    """Le texte qui identifie des paramètres de requête : noms triés, valeurs par ``repr`` (un territoire résolu y
    est écrit en entier, membres compris : deux territoires à façon différents n'ont jamais la même clé). Un tableau
    numpy ou pandas y est écrit comme la liste de ses valeurs (son ``repr`` abrège au-delà de mille valeurs), un
    ensemble trié."""
    return repr(sorted((nom, _valeur_de_cle(v)) for nom, v in params.items()))


def _valeur_de_cle(v):
    if isinstance(v, (np.ndarray, pd.Series, pd.Index)):
        v = v.tolist()
    if isinstance(v, (set, frozenset)):
        v = sorted(v, key=repr)
    return [_valeur_de_cle(x) for x in v] if isinstance(v, (list, tuple)) else v


@st.cache_resource(max_entries=512, show_spinner=False)
def _requete(instantane_: tuple, nom: str, cle: str, _params: dict) -> pd.DataFrame:
    with curseur() as c:
        return base.requete(c, nom, **_params)


# cache_resource : le même objet pour toutes les sessions (lu à chaque exécution de chaque page ; cache_data le
# recopiait par pickle à chaque lecture : 3 % du processeur sous charge). Personne ne le modifie (replace en fait un
# autre, avec les territoires à façon de la session).
@st.cache_resource(max_entries=4)
def _choix(publiee_: tuple) -> etat.Choix:
    with curseur(avec_facons=False) as c:
        t = base.requete(c, "territoires")
        i = base.requete(c, "indicateurs")
        dates = [d.date().isoformat() for d in base.requete(c, "dates_disponibles", indicateur="demandeurs_abc").date]
        iris = list(base.requete(c, "iris_mesures").mesure)
        zones_bmo = ["auto", *base.requete(c, "zones_bmo").zone]
    # aucun demandeur d'emploi chargé (une couverture sans le Nord, avant tout import) : les fins de trimestre de
    # la période du modèle, pour que chaque page dise ce qui manque au lieu d'échouer
    dates = dates or [d.isoformat() for d in reversed(panel.trimestres())]
    profils = i.dropna(subset=["profil_evolutions"]).sort_values("profil_evolutions").indicateur
    i = i[i.echelle == "commune"]  # F et G, publiées à partir du département, ont leur propre graphique (Évolutions)
    return etat.Choix(dict(zip(t.territoire, t.nom)), dict(zip(t.territoire, t.nom_court)), dates,
                      dict(zip(i.indicateur, i.libelle_court)), list(profils),
                      frozenset(t.territoire[t.nb_communes == 0]), iris, zones_bmo,
                      [carte_departements.AUTO, carte_departements.TOUTES, *regions.regions()])


@st.cache_resource(max_entries=4)
def _enregistres(publiee_: tuple) -> tuple[referentiel.Territoire, ...]:
    from observatoire.imports.enregistres import territoires
    with curseur(avec_facons=False) as c:
        return tuple(territoires(c))


def prechauffer() -> None:
    """Au démarrage du serveur, avant le premier visiteur : les choix de la barre latérale, les territoires
    enregistrés et la ligne de fraîcheur de l'instantané publié, calculés une fois pour toutes les sessions (caches
    du processus) ; la première exécution de page ne les calcule plus (~0,1 s, requêtes et import d'``actualiser``).
    Aussi le commentaire rédigé de la vue par défaut (l'adresse sans paramètre, celle que la plupart ouvrent) : le
    plus long de la première Synthèse d'un serveur neuf (~0,1 s de requêtes, py-spy)."""
    identite = publication.identite()
    _enregistres(identite)
    _fraicheur(identite)
    vue, _ = etat.depuis_url({}, _choix(identite))
    commentaire((identite, ()), referentiel.territoire(vue["territoire"]), vue["date"])  # clé d'instantane() sans façon


def territoire_de_session(ident: str) -> referentiel.Territoire:
    """Le territoire d'un identifiant vu par cette session : ses territoires à façon et ceux enregistrés pour tous
    compris (``choix`` les rend connus). Pour un rappel de widget, qui s'exécute avant le cadre de la page."""
    choix()
    return referentiel.territoire(ident)


def choix() -> etat.Choix:
    """Les choix possibles (territoires, dates, indicateurs…) de l'instantané publié, les territoires à façon de
    la session en tête de liste ; les territoires enregistrés pour tous sont connus du référentiel."""
    referentiel.connaitre(*_enregistres(publiee()))
    c = _choix(publiee())
    propres = facons()
    if not propres:
        return c
    return replace(c, territoires={t.territoire: t.nom for t in propres} | c.territoires,
                   noms_courts={t.territoire: t.nom_court for t in propres} | c.noms_courts)


@st.cache_data
def indicateurs() -> pd.DataFrame:
    """Le dictionnaire des indicateurs (data/indicateurs.csv) indexé par code."""
    return requete("indicateurs").set_index("indicateur")


@st.cache_data
def categories_demandeurs() -> pd.DataFrame:
    """Les catégories de demandeurs d'emploi et leur définition (data/categories_demandeurs.csv)."""
    return pd.read_csv(chemins.DATA / "categories_demandeurs.csv", sep=";", dtype=str)


def indicateurs_du_graphique(graphique: str) -> list[str]:
    """Les indicateurs qu'un graphique de page montre ensemble (colonne « graphique » de data/indicateurs.csv),
    dans l'ordre du fichier : les pages n'en tiennent pas la liste."""
    i = indicateurs()
    return list(i.index[i.graphique == graphique])


def fraicheur() -> str:
    """« Données à jour au 12/01/2026 — DARES : T4 2025 ; Urssaf : 2024 ; BMO : 2025 » (actualiser)."""
    return _fraicheur(publiee())


@st.cache_data(max_entries=8)
def _fraicheur(publiee_: tuple) -> str:
    from observatoire.imports.actualiser import fraicheur as ligne
    with curseur(avec_facons=False) as c:
        return ligne(c) or ("Aucune actualisation depuis les services officiels (DARES, Urssaf, Insee, France "
                            "Travail) pour l'instant.")


@st.cache_data(max_entries=256)
def commentaire(instantane_: tuple, territoire: referentiel.Territoire, date: str) -> list[str]:
    from observatoire.sorties import commentaire as redaction
    with curseur() as c:
        return redaction.paragraphes(c, territoire, date)


@contextmanager
def apres_ecriture():
    """Autour d'une écriture (import, annulation) de cette session : elle publie un nouvel instantané (les
    lecteurs n'en sont pas dérangés) ; la suite de la page le lit déjà, sans l'avis « données mises à jour »."""
    try:
        yield
    finally:
        st.session_state["instantane"] = publication.identite()


def suivre_publication() -> None:
    """Début d'exécution : la session passe au dernier instantané publié ; s'il a changé depuis son exécution
    précédente (import d'une autre personne, construction), un court avis le dit."""
    avant = st.session_state.get("instantane")
    st.session_state["instantane"] = publication.identite()
    if avant is not None and avant != st.session_state["instantane"]:
        st.toast("Données mises à jour : les chiffres affichés tiennent compte de la dernière publication.",
                 icon=":material/update:")


@st.cache_data(max_entries=32)
def portrait_diapositives(instantane_: tuple, territoire: referentiel.Territoire, date: str):
    from observatoire.sorties import portrait
    with curseur() as c:
        return portrait.diapositives(c, territoire, date)


def portrait_fichier(territoire: referentiel.Territoire, date: str, format: str, rappel=None) -> bytes:
    from observatoire.sorties import portrait, portrait_pptx
    diapos = portrait_diapositives(instantane(), territoire, date)
    return portrait_pptx.en_pptx(diapos, rappel) if format == "pptx" else portrait.en_pdf(diapos, rappel)
