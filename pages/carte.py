"""Carte des communes : un indicateur et une mesure, classés, sur le territoire choisi."""
import streamlit as st

from observatoire import carto, formats
from observatoire.ui import (cadre, choix, graphique, libelle_date, marque_demo, pied_de_page, requete,
                             selectionner_commune, telecharger_tableau)

e = cadre()
c = choix()
st.title(f"Carte – {c.indicateurs[e['indicateur']]}")

col = st.columns([2, 2, 1.3, 1.5])
mesure = col[0].selectbox("Mesure", list(carto.MESURES), format_func=carto.MESURES.get, key="carte_mesure")
methode = col[1].selectbox("Classes", list(carto.METHODES), format_func=carto.METHODES.get, key="carte_methode")
k = col[2].select_slider("Nombre de classes", options=[3, 4, 5, 6, 7], value=5, key="carte_k")
date_base = col[3].selectbox("Base 100 au", c.dates[::-1], format_func=libelle_date, key="carte_base",
                             disabled=mesure != "indice")

df = requete("carte_communes", zone=carto.zone(e["territoire"]), territoire=e["territoire"],
             indicateur=e["indicateur"], date=e["date"], date_base=date_base, mesure=mesure)
titre = carto.MESURES[mesure] + (f" ({libelle_date(date_base)})" if mesure == "indice" else "")
if df.mesure.notna().sum() == 0:
    st.info("Pas de valeur pour cet indicateur, cette mesure et cette date : choisissez une autre date ou "
            "une autre mesure (la part n'existe que pour les indicateurs qui ont un total de référence).")
    st.stop()
marque_demo(df)

classes = carto.classer(df.mesure, mesure, methode, k)
gauche, droite = st.columns([2.3, 1])
with gauche:
    graphique(carto.figure(df, e["territoire"], mesure, classes, titre), f"carte_{e['indicateur']}_{e['date']}",
              "carte", on_select=selectionner_commune, selection_mode="points", config=carto.CONFIG_PLOTLY)
    st.caption(f"Au {libelle_date(e['date'])} · cliquez sur une commune pour la choisir comme territoire · "
               f"population : millésime {int(df.millesime.max())} du COG.")
with droite:
    tableau = df[df.membre] if df.membre.sum() > 1 else df
    st.markdown(f"**{c.territoires[e['territoire']]}** – communes classées")
    st.dataframe(
        {"Commune": tableau.nom, titre: [carto.texte_mesure(x, mesure) if x == x else "–" for x in tableau.mesure],
         "Rang": [f"{int(r)}" if r == r else "" for r in tableau.rang]},
        hide_index=True, height=520, width="stretch")
    export = tableau[["code_commune", "nom", "valeur", "part", "pour_100", "evolution", "evolution_pct", "indice",
                      "statut", "provenance"]]
    telecharger_tableau(export, f"carte_{e['indicateur']}_{e['territoire']}_{e['date']}", "carte_tableau")
pied_de_page()
