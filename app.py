"""Observatoire de l'emploi – routeur : barre latérale commune à toutes les pages, état dans l'URL."""
import streamlit as st

from observatoire import etat
from observatoire.ui import choix, libelle_date

st.set_page_config(page_title="Observatoire de l'emploi – MEL", page_icon=":material/query_stats:", layout="wide")

PAGES = [
    st.Page("pages/synthese.py", title="Synthèse", icon=":material/home:", default=True),
    st.Page("pages/carte.py", title="Carte", icon=":material/map:", url_path="carte"),
    st.Page("pages/evolutions.py", title="Évolutions", icon=":material/show_chart:", url_path="evolutions"),
    st.Page("pages/profil.py", title="Profil des demandeurs", icon=":material/groups:", url_path="profil"),
    st.Page("pages/comparer.py", title="Comparer les territoires", icon=":material/compare_arrows:", url_path="comparer"),
    st.Page("pages/emploi.py", title="Emploi salarié et entreprises", icon=":material/factory:", url_path="emploi"),
    st.Page("pages/sources.py", title="Sources et méthodes", icon=":material/menu_book:", url_path="sources"),
]
navigation = st.navigation(PAGES)
c = choix()

if "territoire" not in st.session_state:  # première ouverture : l'URL fixe la vue
    valeurs, avis = etat.depuis_url(st.query_params.to_dict(), c)
    st.session_state.update(valeurs)
    st.session_state["avis_url"] = avis


def _territoire_change():
    st.session_state["comparaison"] = [t for t in st.session_state["comparaison"]
                                       if t != st.session_state["territoire"]]


with st.sidebar:
    st.selectbox("Territoire", list(c.territoires), key="territoire", format_func=c.territoires.get,
                 on_change=_territoire_change,
                 help="Maisons de l'emploi, MEL, arrondissement, Nord ou une commune : tapez un nom pour chercher.")
    st.selectbox("Date", c.dates, key="date", format_func=libelle_date, help="Fin de trimestre.")
    st.selectbox("Indicateur", list(c.indicateurs), key="indicateur", format_func=c.indicateurs.get)
    st.multiselect("Comparer avec", [t for t in c.territoires if t != st.session_state["territoire"]],
                   key="comparaison", format_func=c.noms_courts.get, max_selections=etat.MAX_COMPARAISON,
                   placeholder="Choisir des territoires")

st.query_params.from_dict(etat.vers_url({k: st.session_state[k] for k in
                                         ("territoire", "date", "indicateur", "comparaison")}))
for a in st.session_state.pop("avis_url", []):
    st.info(a, icon=":material/link:")
navigation.run()
