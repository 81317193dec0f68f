"""Déclaration d'accessibilité (RGAA 4.1) : état de conformité mesuré, ce qui n'est pas accessible et son
alternative, le contact et les voies de recours. Le texte est dans docs/accessibilite.md (une seule source, lue
aussi par le README) ; le contact se règle par OBSERVATOIRE_CONTACT_ACCESSIBILITE."""
import os

import streamlit as st

from observatoire.appli.controles import etat_courant
from observatoire.appli.mentions import pied_de_page
from observatoire.chemins import RACINE
from observatoire.formats import echapper_markdown

etat_courant()
CONTACT = os.environ.get("OBSERVATOIRE_CONTACT_ACCESSIBILITE", "l'administrateur de ce site (adresse à renseigner "
                         "par OBSERVATOIRE_CONTACT_ACCESSIBILITE)")
titre, texte = (RACINE / "docs" / "accessibilite.md").read_text(encoding="utf-8").split("\n", 1)
st.title(titre.removeprefix("# "))
st.markdown(texte.replace("{contact}", echapper_markdown(CONTACT)).replace("\n## ", "\n### "))
pied_de_page("Déclaration établie le 30/11/2026 par l'équipe de l'Observatoire de l'emploi.")
