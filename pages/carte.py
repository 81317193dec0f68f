"""Carte des communes : un indicateur et une mesure, classés, sur le territoire choisi."""
import streamlit as st

from observatoire import carto
from observatoire.tableaux import Colonne
from observatoire.ui import (choix, controle, etat_courant, graphique, libelle_date, marque_demo, pied_de_page,
                             requete, selectionner_commune, sources_sous, tableau)

e = etat_courant()
c = choix()
st.title(f"Carte – {c.indicateurs[e['indicateur']]} – {c.territoires[e['territoire']]}")

col = st.columns([2, 2, 1.3, 1.5])
mesure = controle("selectbox", "mesure", "Mesure", list(carto.MESURES), col[0], format_func=carto.MESURES.get)
methode = controle("selectbox", "classes", "Classes", list(carto.METHODES), col[1], format_func=carto.METHODES.get)
k = int(controle("select_slider", "nb_classes", "Nombre de classes", ["3", "4", "5", "6", "7"], col[2]))
date_base = controle("selectbox", "base", "Base 100 au", c.dates[::-1], col[3], format_func=libelle_date,
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
gauche, droite = st.columns([2.6, 1])
with gauche:
    graphique(carto.figure(df, e["territoire"], mesure, classes, titre, carto.FORMAT_ECRAN),
              f"carte_{e['indicateur']}_{e['date']}", "carte", hauteur_ecran=carto.HAUTEUR_ECRAN,
              on_select=selectionner_commune, selection_mode="points", config=carto.CONFIG_PLOTLY)
    st.caption(f"Au {libelle_date(e['date'])} · cliquez sur une commune pour la choisir comme territoire · "
               f"population : {df.millesime.dropna().iloc[0]}.")
    sources_sous([carto.zone(e["territoire"])], [e["indicateur"]], [e["date"]])
with droite:
    membres = df[df.membre]
    st.markdown(f"**{c.territoires[e['territoire']]}** – "
                + ("communes classées" if len(membres) > 1 else f"communes de la zone ({c.noms_courts[carto.zone(e['territoire'])]})"))
    genre = "pourcent" if mesure in ("part", "evolution_pct") else "nombre"
    tableau(membres if len(membres) > 1 else df,
            {"nom": Colonne("Commune"), "mesure": Colonne(titre, genre, carto.DECIMALES[mesure], mesure in carto.DIVERGENTES),
             ("rang" if len(membres) > 1 else "rang_zone"): Colonne("Rang", "nombre")},
            f"carte_{e['indicateur']}_{e['territoire']}_{e['date']}", "carte_tableau", height=520)
pied_de_page()
