"""Le plancher de Streamlit pour benchmarks/premiere_page.py : une page d'un seul chiffre (st.metric), sans barre
latérale, ni requête, ni feuille de style. Ce que coûte Streamlit seul, sur la même machine, au même moment."""
import streamlit as st

st.metric("Demandeurs d'emploi A, B, C", "14 523", "+1,2 % en un an")
