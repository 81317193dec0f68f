"""Accès aux données et éléments communs des pages Streamlit : requêtes mises en cache (un curseur par
requête), état courant, contrôles de page reflétés dans l'URL, tableaux et graphiques téléchargeables.
Les pages affichent ; les calculs sont dans queries/*.sql."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import replace

import pandas as pd
import streamlit as st

from observatoire import formats, referentiel
from observatoire.appli import acces, etat
from observatoire.modele import base, facon, publication


def publiee() -> tuple:
    """Identité de l'instantané publié que lit cette exécution, fixée au début de l'exécution (cadre) : toutes
    les requêtes d'une page lisent la même base, même si une publication survient pendant la page."""
    return st.session_state.get("instantane") or publication.identite()


def facons() -> tuple[referentiel.Territoire, ...]:
    """Les territoires à façon de cette session (composés ou ouverts par un lien), connus du référentiel."""
    propres = tuple(st.session_state.get("facons", {}).values())
    for t in propres:
        referentiel.connaitre(t)
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
    referentiel.connaitre(t)
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
    rien n'est mis en cache."""
    return _requete(instantane(), nom, **params)


@st.cache_data(max_entries=512)
def _requete(instantane_: tuple, nom: str, **params) -> pd.DataFrame:
    with curseur() as c:
        return base.requete(c, nom, **params)


def libelle_date(d) -> str:
    return formats.jour(pd.Timestamp(d).date())


@st.cache_data(max_entries=4)
def _choix(publiee_: tuple) -> etat.Choix:
    with curseur(avec_facons=False) as c:
        t = base.requete(c, "territoires")
        i = base.requete(c, "indicateurs")
        dates = [d.date().isoformat() for d in base.requete(c, "dates_disponibles", indicateur="demandeurs_abc").date]
        iris = list(base.requete(c, "iris_mesures").mesure)
    profils = i.dropna(subset=["profil_evolutions"]).sort_values("profil_evolutions").indicateur
    return etat.Choix(dict(zip(t.territoire, t.nom)), dict(zip(t.territoire, t.nom_court)), dates,
                      dict(zip(i.indicateur, i.libelle_court)), list(profils),
                      frozenset(t.territoire[t.nb_communes == 0]), iris)


@st.cache_data(max_entries=4)
def _enregistres(publiee_: tuple) -> list[referentiel.Territoire]:
    from observatoire.imports.enregistres import territoires
    with curseur(avec_facons=False) as c:
        return territoires(c)


def choix() -> etat.Choix:
    """Les choix possibles (territoires, dates, indicateurs…) de l'instantané publié, les territoires à façon de
    la session en tête de liste ; les territoires enregistrés pour tous sont connus du référentiel."""
    for t in _enregistres(publiee()):
        referentiel.connaitre(t)
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


def etat_courant() -> dict:
    """Les choix partagés du cadre (dessiné par app.py avant la page). Première ligne de chaque page.

    Avec un dossier ``pages/``, Streamlit exécute une page directement, sans ``app.py`` (mode multipage
    « v1 »), tant qu'aucune session n'a ouvert la page d'accueil : on passe alors le serveur en mode
    ``st.navigation`` et on relance l'exécution, qui passe par ``app.py`` et son cadre."""
    from streamlit.runtime.pages_manager import PagesManager
    if PagesManager.uses_pages_directory or "page" not in st.session_state:
        PagesManager.uses_pages_directory = False
        st.rerun()
    return {k: st.session_state[k] for k in ("territoire", "date", "indicateur", "comparaison")}


def controle(fonction, nom: str, libelle: str, options, conteneur=st, vers_widget=None, depuis_widget=None,
             **options_widget):
    """Un widget de page qui reflète le paramètre ``nom`` de la page (gardé en session, recopié dans l'URL) :
    la valeur survit aux changements de page et un lien copié la rétablit. Renvoie la valeur du paramètre."""
    cle = etat.cle_page(st.session_state["page"], nom)
    cle_widget = "w." + cle
    vers_widget = vers_widget or (lambda v: v)
    depuis_widget = depuis_widget or (lambda v: v)
    st.session_state[cle_widget] = vers_widget(st.session_state[cle])

    def recopier():
        v = st.session_state[cle_widget]
        if v is not None:  # un contrôle segmenté désélectionné garde la valeur précédente
            st.session_state[cle] = depuis_widget(v)

    args = (libelle,) if options is None else (libelle, options)
    getattr(conteneur, fonction)(*args, key=cle_widget, on_change=recopier, **options_widget)
    return st.session_state[cle]


def marque_demo(df: pd.DataFrame) -> None:
    """Bandeau court, visible sur toute page qui montre au moins une valeur de démonstration (colonne
    ``demonstration`` que renvoient les requêtes)."""
    if df["demonstration"].fillna(False).astype(bool).any():
        st.warning("**Données de démonstration** (fictives, calibrées sur les chiffres publiés) : ne pas diffuser "
                   "comme chiffres officiels. Voir « Sources et méthodes ».", icon=":material/warning:")


def delta(evolution, texte: str, hausse_defavorable: bool = False, neutre: bool = False) -> dict:
    """Arguments de st.metric pour une évolution : flèche et couleur d'après la valeur numérique (Streamlit
    ne reconnaît pas le signe moins typographique « − » des textes français)."""
    if evolution is None or pd.isna(evolution):
        return {"delta": None}
    fleche = "off" if round(float(evolution), 1) == 0 else ("up" if evolution > 0 else "down")
    if neutre or fleche == "off":
        couleur = "gray"
    else:
        favorable = (evolution < 0) if hausse_defavorable else (evolution > 0)
        couleur = "green" if favorable else "red"
    return {"delta": texte, "delta_arrow": fleche, "delta_color": couleur}


@st.cache_data
def _sources() -> dict[str, str]:
    """Source -> « producteur – définition » (formats.mention_source)."""
    return {r.source: formats.mention_source(r.producteur, r.definition) for r in requete("sources").itertuples()}


def mention_sources(sources: str) -> str:
    """« DARES / France Travail – moyenne des trois fins de mois du trimestre, arrondie à 5 » : le producteur de
    chaque source d'un chiffre (liste « a,b » des requêtes) et sa définition, s'il en a une."""
    connues = _sources()
    textes = []
    for source in str(sources or "").split(","):
        textes.append(connues.get(source, f"fichier importé « {source.removeprefix('import:')} »"
                                  if source.startswith("import:") else source))
    return " ; ".join(dict.fromkeys(t for t in textes if t))


def sources_sous(territoires, indicateurs, dates=None) -> None:
    """Sous un graphique ou un tableau : le producteur et la définition de chaque source réelle de ses valeurs
    (rien si toutes sont de démonstration : la marque de démonstration le dit déjà)."""
    df = requete("sources_des_valeurs", territoires=list(territoires), indicateurs=list(indicateurs),
                 dates=None if dates is None else [pd.Timestamp(d).date() for d in dates])
    if len(df):
        st.caption("Données réelles : " + formats.echapper_markdown(mention_sources(",".join(df.source))) + ".")


def provenance(demonstration: bool, provenances: str, sources: str = "", a_l_echelle: bool = False) -> str:
    """La provenance d'un chiffre, en clair ; un chiffre publié à l'échelle du territoire le dit."""
    if demonstration:
        return "démonstration (fictif)"
    texte = mention_sources(sources) if "import" in str(provenances) and sources else {
        "officiel": "Insee", "publication": "publication", "import": "fichier importé"}.get(provenances, provenances)
    return texte + (" · chiffre publié à l'échelle du territoire, non recalculé depuis ses communes"
                    if a_l_echelle else "")


def chiffre(valeur, statut: str, manquantes: int, evolution: dict, hors_nord: int = 0) -> dict:
    """Arguments de st.metric : le nombre et son évolution (``delta``), ou ce qui l'empêche, court pour tenir dans
    la carte à 1366 px, détaillé dessous : « secret » (une commune au moins est sous secret statistique) ou
    « incomplet » (un total auquel il manque des communes, et combien)."""
    if statut == "ok" and pd.notna(valeur):
        return {"value": formats.nombre(valeur), **evolution}
    gris = {"delta_arrow": "off", "delta_color": "gray"}
    if statut == "secret":
        return {"value": "secret", "delta": "secret statistique", **gris}
    if n := int(manquantes or 0):
        dehors = int(hors_nord or 0)
        texte = (f"{formats.accorder(n, 'commune')} hors du Nord" if dehors == n else
                 f"{formats.accorder(n, 'commune')} sans valeur" + (f", dont {dehors} hors du Nord" if dehors else ""))
        return {"value": "incomplet", "delta": texte, **gris}
    return {"value": "non disponible", "delta": None}


# les producteurs des séries de l'Observatoire : le pied de page commun, et les fichiers téléchargés sans source propre
SOURCES_GENERALES = ("France Travail / DARES (demandeurs d'emploi), Urssaf – Acoss (emploi salarié privé), Insee – "
                     "Sirene (entreprises), Insee – COG (populations municipales)")


def pied_de_page(*sources: str) -> None:
    pied = st.container(key="pied_de_page")
    pied.divider()
    pied.caption(fraicheur())
    pied.caption(" · ".join(sources) if sources else
                 f"Sources : {SOURCES_GENERALES}. Contours : IGN – ADMIN EXPRESS 2018. Traitement : Observatoire de "
                 "l'emploi.")


def fraicheur() -> str:
    """« Données à jour au 12/01/2026 — DARES : T4 2025 ; Urssaf : 2024 ; BMO : 2025 » (actualiser)."""
    return _fraicheur(publiee())


@st.cache_data(max_entries=8)
def _fraicheur(publiee_: tuple) -> str:
    from observatoire.imports.actualiser import fraicheur as ligne
    with curseur(avec_facons=False) as c:
        return ligne(c) or ("Aucune actualisation depuis les services officiels (DARES, Urssaf, Insee, France "
                            "Travail) pour l'instant.")


def selectionner_commune() -> None:
    """Rappel d'un clic sur la carte : la commune cliquée devient le territoire choisi."""
    code = (st.session_state.get("carte") or {}).get("commune")
    if code in choix().territoires:
        st.session_state["territoire"] = code
        retirer_territoire_des_comparaisons()


def retirer_territoire_des_comparaisons() -> None:
    """Le territoire choisi n'est jamais comparé à lui-même (rappel du choix dans la barre ou sur la carte)."""
    st.session_state["comparaison"] = [t for t in st.session_state["comparaison"]
                                       if t != st.session_state["territoire"]]


@st.cache_data(max_entries=256)
def commentaire(instantane_: tuple, territoire: str, date: str) -> list[str]:
    from observatoire.sorties import commentaire as redaction
    with curseur() as c:
        return redaction.paragraphes(c, territoire, date)


def afficher_commentaire(territoire: str, date: str) -> None:
    paragraphes = commentaire(instantane(), territoire, date)
    if paragraphes:
        st.subheader("Le point sur la demande d'emploi")
        with st.container(border=True):
            for p in paragraphes:
                st.markdown(formats.echapper_markdown(p))
            st.caption("Texte écrit automatiquement à partir des chiffres ci-dessus (règles : « stable » sous 1 %, "
                       "profil qui se distingue à 3 points de l'ensemble ou en sens contraire).")


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
def portrait_diapositives(instantane_: tuple, territoire: str, date: str):
    from observatoire.sorties import portrait
    with curseur() as c:
        return portrait.diapositives(c, territoire, date)


def portrait_fichier(territoire: str, date: str, format: str, rappel=None) -> bytes:
    from observatoire.sorties import portrait
    diapos = portrait_diapositives(instantane(), territoire, date)
    return portrait.en_pptx(diapos, rappel) if format == "pptx" else portrait.en_pdf(diapos, rappel)


def graphique_hauteur_ecran(fig, cle: str, zone: str, ecart: int, minimum: int = 0, **options) -> None:
    """Un graphique Plotly qui prend la hauteur de l'écran moins ``ecart`` pixels (titre, commandes, source),
    au moins ``minimum`` : conteneur ``zone`` dont la CSS fixe la hauteur, graphique étiré dedans. (Streamlit
    donne à ses conteneurs ``flex: 1 1 0%``, qui l'emporterait sur la hauteur : on le neutralise.)"""
    st.html(f"<style>.st-key-{zone} {{height: calc(100vh - {ecart}px) !important; flex: 0 0 auto !important;"
            f" min-height: {minimum}px;}}</style>")
    with st.container(key=zone):
        st.plotly_chart(fig.update_layout(height=None, autosize=True), key=cle, height="stretch", **options)


def session_acces() -> acces.Session:
    try:
        secrets = st.secrets.to_dict()
    except Exception:  # noqa: BLE001 — pas de .streamlit/secrets.toml : ni OIDC ni comptes
        secrets = {}
    return acces.Session(st.session_state, secrets, st.user)


def auteur_ou_connexion() -> str | None:
    """Qui écrit ; en mode « authentifie », tant que personne n'est connecté : les moyens de se connecter
    (fournisseur d'identité de l'organisation, compte de la liste) et None ; connecté : qui, et « Se déconnecter »."""
    session = session_acces()
    auteur = session.auteur()
    if acces.mode() != "authentifie":
        return auteur
    if auteur is not None:
        rangee = st.container(horizontal=True, vertical_alignment="center")
        rangee.caption(f"Connecté : {formats.echapper_markdown(auteur)} · vos imports et annulations sont signés "
                       "de ce nom dans le journal.")
        oidc = session.oidc and getattr(st.user, "is_logged_in", False)  # sinon : un compte de la liste
        rangee.button("Se déconnecter", icon=":material/logout:", key="acces_deconnexion",
                      on_click=st.logout if oidc else session.deconnecter)
        return auteur
    st.info("Importer ou annuler un import demande d'être connecté. La lecture reste libre.", icon=":material/lock:")
    if session.oidc:
        st.button("Se connecter avec le compte de l'organisation", icon=":material/login:", on_click=st.login,
                  key="acces_oidc", type="primary")
    if session.comptes:
        def connecter():  # rappel : exécuté avant la page, le clic n'est jamais perdu par une relance
            st.session_state["acces.erreur"] = session.connecter(st.session_state.get("acces_nom", ""),
                                                                 st.session_state.get("acces_mot_de_passe", ""))
            st.session_state["acces_mot_de_passe"] = ""
        with st.form("acces_formulaire", width=420):
            st.text_input("Identifiant", key="acces_nom")
            st.text_input("Mot de passe", type="password", key="acces_mot_de_passe")
            st.form_submit_button("Se connecter", icon=":material/key:", on_click=connecter)
            if erreur := st.session_state.pop("acces.erreur", None):
                st.error(erreur, icon=":material/block:")
    if not session.oidc and not session.comptes:
        st.warning("Aucun moyen de connexion n'est configuré sur ce serveur (section [auth] ou [comptes] de "
                   ".streamlit/secrets.toml) : demandez à son administrateur.", icon=":material/warning:")
    return None
