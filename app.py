"""Observatoire de l'emploi – Synthèse d'un territoire (page d'accueil)."""
import pandas as pd
import streamlit as st

from observatoire import formats
from observatoire.ui import AVERTISSEMENT_DEMO, libelle_date, provenance, requete

st.set_page_config(page_title="Observatoire de l'emploi – MEL", page_icon="📊", layout="wide")

territoires = requete("territoires")
noms = dict(zip(territoires.territoire, territoires.nom))
dates = [d.date().isoformat() for d in requete("dates_disponibles", indicateur="demandeurs_abc").date]

with st.sidebar:
    st.header("Observatoire de l'emploi")
    territoire = st.selectbox("Territoire", territoires.territoire, index=list(territoires.territoire).index("mel"),
                              format_func=lambda t: noms[t], help="Tapez un nom pour chercher une commune.")
    date = st.selectbox("Date", dates, format_func=libelle_date)

st.title(f"Synthèse – {noms[territoire]}")
st.caption(f"Situation au {libelle_date(date)} · chaque chiffre est à la dernière date disponible à cette date.")

chiffres = requete("chiffres_cles", territoire=territoire, date=date)
if chiffres.demonstration.any():
    st.warning(AVERTISSEMENT_DEMO, icon="⚠️")

HAUSSE_DEFAVORABLE = {"demandeurs_abc", "demandeurs_a"}
TITRES = {"population": "Population municipale", "demandeurs_abc": "Demandeurs d'emploi ABC",
          "demandeurs_a": "dont catégorie A", "emploi_prive": "Salariés du secteur privé",
          "etablissements": "Entreprises", "creations_entreprises": "Créations d'entreprises dans l'année"}
colonnes = st.columns(3)
for i, c in enumerate(chiffres.itertuples()):
    serie = requete("serie_territoire", territoire=territoire, indicateur=c.indicateur)
    serie = serie[serie.date <= pd.Timestamp(date)]
    delta = None
    if c.indicateur != "population" and pd.notna(c.evolution_pct):
        delta = f"{formats.pourcent(c.evolution_pct, signe=True)} en un an"
    with colonnes[i % 3]:
        st.metric(
            TITRES[c.indicateur], formats.nombre(c.valeur) if c.statut == "ok" else "secret statistique",
            delta=delta, delta_color="inverse" if c.indicateur in HAUSSE_DEFAVORABLE else "normal",
            chart_data=serie.valeur.tail(20).tolist(), chart_type="line", border=True,
            help=f"{c.libelle}. Au {libelle_date(c.date)} · source : {c.sources} · "
                 f"{provenance(c.demonstration, c.provenances)}",
        )
        st.caption(f"Au {libelle_date(c.date)} · {provenance(c.demonstration, c.provenances)}")

st.divider()
st.caption("Sources : France Travail / DARES (demandeurs d'emploi), Urssaf – Acoss (emploi salarié privé), "
           "Insee – Sirene (entreprises), Insee – COG (populations municipales). Contours : IGN – ADMIN EXPRESS 2018. "
           "Traitement : Observatoire de l'emploi.")
