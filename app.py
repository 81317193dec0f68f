"""Observatoire de l'emploi – routeur. Chaque page dessine elle-même le cadre commun (ui.cadre) : barre
latérale, liens de navigation et état dans l'URL ; un lien profond ouvre donc la même vue."""
import streamlit as st

from observatoire.ui import PAGES

st.navigation([st.Page(chemin, title=titre, icon=icone, url_path=url, default=url == "")
               for chemin, titre, icone, url in PAGES], position="hidden").run()
