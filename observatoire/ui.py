"""Accès aux données pour les pages Streamlit : connexion et résultats de requêtes mis en cache.
Les pages affichent ; les calculs sont dans queries/*.sql."""
from __future__ import annotations

from contextlib import contextmanager

import pandas as pd
import streamlit as st

from . import base, formats

PAGES = [  # (script, titre, icône, chemin d'URL)
    ("pages/synthese.py", "Synthèse", ":material/home:", ""),
    ("pages/carte.py", "Carte", ":material/map:", "carte"),
    ("pages/evolutions.py", "Évolutions", ":material/show_chart:", "evolutions"),
    ("pages/profil.py", "Profil des demandeurs", ":material/groups:", "profil"),
    ("pages/comparer.py", "Comparer les territoires", ":material/compare_arrows:", "comparer"),
    ("pages/emploi.py", "Emploi salarié et entreprises", ":material/factory:", "emploi"),
    ("pages/sources.py", "Sources et méthodes", ":material/menu_book:", "sources"),
    ("pages/presentation.py", "Mode présentation", ":material/slideshow:", "presentation"),
    ("pages/importer.py", "Importer des données", ":material/upload_file:", "importer"),
]


@st.cache_resource
def connexion():
    return base.connecter()


@st.cache_data(max_entries=512)
def requete(nom: str, **params) -> pd.DataFrame:
    return base.requete(connexion(), nom, **params)


def marque_demo(df: pd.DataFrame) -> None:
    """Bandeau court, visible sur toute page qui montre au moins une valeur de démonstration (colonne
    ``demonstration`` que renvoient les requêtes)."""
    if df["demonstration"].any():
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


def provenance(demonstration: bool, provenances: str) -> str:
    if demonstration:
        return "démonstration (fictif)"
    return {"officiel": "Insee, COG", "publication": "publication", "import": "fichier importé"}.get(
        provenances, provenances)


def libelle_date(d) -> str:
    return formats.jour(pd.Timestamp(d).date())


@st.cache_data
def choix():
    from .etat import Choix
    t = requete("territoires")
    i = requete("indicateurs")
    dates = [d.date().isoformat() for d in requete("dates_disponibles", indicateur="demandeurs_abc").date]
    return Choix(dict(zip(t.territoire, t.nom)), dict(zip(t.territoire, t.nom_court)), dates,
                 dict(zip(i.indicateur, i.libelle_court)))


def initialiser_etat() -> None:
    """À la première exécution d'une session, l'URL fixe la vue (avis pour les paramètres ignorés)."""
    if "territoire" not in st.session_state:
        from .etat import depuis_url
        valeurs, avis = depuis_url(st.query_params.to_dict(), choix())
        st.session_state.update(valeurs)
        st.session_state["avis_url"] = avis


def etat_courant() -> dict:
    initialiser_etat()
    return {k: st.session_state[k] for k in ("territoire", "date", "indicateur", "comparaison")}


def _territoire_change() -> None:
    st.session_state["comparaison"] = [t for t in st.session_state["comparaison"]
                                       if t != st.session_state["territoire"]]


def cadre() -> dict:
    """Cadre commun à toutes les pages : configuration, navigation, choix partagés, état recopié dans
    l'URL, avis sur les paramètres d'URL ignorés. Renvoie l'état courant."""
    from .etat import MAX_COMPARAISON, vers_url
    st.set_page_config(page_title="Observatoire de l'emploi – MEL", page_icon=":material/query_stats:",
                       layout="wide")
    initialiser_etat()
    c = choix()
    with st.sidebar:
        st.markdown("### Observatoire de l'emploi")
        for chemin, titre, icone, _ in PAGES:
            st.page_link(chemin, label=titre, icon=icone)
        st.divider()
        st.selectbox("Territoire", list(c.territoires), key="territoire", format_func=c.territoires.get,
                     on_change=_territoire_change,
                     help="Maisons de l'emploi, MEL, arrondissement, Nord ou une commune : tapez un nom pour chercher.")
        st.selectbox("Date", c.dates, key="date", format_func=libelle_date, help="Fin de trimestre.")
        st.selectbox("Indicateur", list(c.indicateurs), key="indicateur", format_func=c.indicateurs.get)
        st.multiselect("Comparer avec", [t for t in c.territoires if t != st.session_state["territoire"]],
                       key="comparaison", format_func=c.noms_courts.get, max_selections=MAX_COMPARAISON,
                       placeholder="Choisir des territoires")
    e = etat_courant()
    st.query_params.from_dict(vers_url(e))
    for a in st.session_state.pop("avis_url", []):
        st.info(a, icon=":material/link:")
    return e


def pied_de_page(*sources: str) -> None:
    st.divider()
    st.caption(" · ".join(sources) if sources else
               "Sources : France Travail / DARES (demandeurs d'emploi), Urssaf – Acoss (emploi salarié privé), "
               "Insee – Sirene (entreprises), Insee – COG (populations municipales). Contours : IGN – ADMIN "
               "EXPRESS 2018. Traitement : Observatoire de l'emploi.")


def selectionner_commune() -> None:
    """Rappel d'un clic sur la carte : la commune cliquée devient le territoire choisi."""
    points = st.session_state.get("carte", {}).get("selection", {}).get("points", [])
    codes = [p.get("location") for p in points if p.get("location")]
    if codes:
        st.session_state["territoire"] = codes[0]
        st.session_state["comparaison"] = [t for t in st.session_state["comparaison"] if t != codes[0]]


@st.cache_data(max_entries=256)
def commentaire(territoire: str, date: str) -> list[str]:
    from . import commentaire as c
    return c.paragraphes(connexion(), territoire, date)


def afficher_commentaire(territoire: str, date: str) -> None:
    paragraphes = commentaire(territoire, date)
    if paragraphes:
        st.subheader("Le point sur la demande d'emploi")
        with st.container(border=True):
            for p in paragraphes:
                st.markdown(p)
            st.caption("Texte écrit automatiquement à partir des chiffres ci-dessus (règles : « stable » sous 1 %, "
                       "profil qui se distingue à 3 points de l'ensemble ou en sens contraire).")


@contextmanager
def rouvrir_apres_ecriture():
    """Pour écrire (import, annulation) : DuckDB refuse une connexion en écriture à côté de la connexion en
    lecture seule du même processus ; on ferme celle-ci, on écrit, puis on vide les caches (les chiffres ont
    changé) ; la connexion en lecture est rouverte à la requête suivante."""
    connexion().close()
    connexion.clear()
    try:
        yield
    finally:
        st.cache_data.clear()


@st.cache_data(max_entries=32)
def portrait_diapositives(territoire: str, date: str):
    from . import portrait
    return portrait.diapositives(connexion(), territoire, date)


def portrait_fichier(territoire: str, date: str, format: str, rappel=None) -> bytes:
    from . import portrait
    diapos = portrait_diapositives(territoire, date)
    return portrait.en_pptx(diapos, rappel) if format == "pptx" else portrait.en_pdf(diapos, rappel)


def _xlsx(df: pd.DataFrame) -> bytes:
    import io
    tampon = io.BytesIO()
    with pd.ExcelWriter(tampon, engine="openpyxl") as xl:
        df.to_excel(xl, index=False, sheet_name="Données")
    return tampon.getvalue()


def telecharger_tableau(df: pd.DataFrame, nom: str, cle: str) -> None:
    """Boutons CSV (pour tableur français : « ; », virgule décimale) et Excel (nombres stockés comme nombres),
    construits au clic."""
    rangee = st.container(horizontal=True)  # boutons à leur taille, côte à côte, même en colonne étroite
    rangee.download_button("CSV", lambda: df.to_csv(sep=";", decimal=",", index=False).encode("utf-8"),
                       file_name=f"{nom}.csv", mime="text/csv", icon=":material/download:", key=f"{cle}_csv")
    rangee.download_button("Excel", lambda: _xlsx(df), file_name=f"{nom}.xlsx", icon=":material/download:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"{cle}_xlsx")


def graphique(fig, nom: str, cle: str, **options) -> None:
    """Le graphique, puis ses téléchargements PNG (impression) et SVG (vectoriel), dessinés par Kaleido au clic."""
    from . import graphiques
    from .export import image
    st.plotly_chart(fig, key=cle, config=options.pop("config", graphiques.CONFIG), **options)
    rangee = st.container(horizontal=True)
    rangee.download_button("PNG", lambda: image(fig, "png", 1400, 800, 2), file_name=f"{nom}.png", mime="image/png",
                       icon=":material/image:", key=f"{cle}_png")
    rangee.download_button("SVG", lambda: image(fig, "svg", 1400, 800), file_name=f"{nom}.svg", mime="image/svg+xml",
                       icon=":material/image:", key=f"{cle}_svg")
