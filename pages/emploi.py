"""Emploi salarié privé par grand secteur, entreprises et créations, pour le territoire choisi."""
import pandas as pd
import streamlit as st

from observatoire import formats, graphiques
from observatoire.ui import cadre, choix, graphique, libelle_date, marque_demo, pied_de_page, requete, telecharger_tableau

e = cadre()
c = choix()
nom = c.territoires[e["territoire"]]
st.title(f"Emploi salarié et entreprises – {nom}")
secteurs = requete("emploi_secteurs", territoire=e["territoire"], date=e["date"])
marque_demo(secteurs)

gauche, droite = st.columns([1.5, 1])
with gauche:
    st.subheader(f"Effectifs salariés privés par grand secteur au {libelle_date(e['date'])}")
    st.caption("Évolutions des effectifs sur 3 mois (trimestrielle) et sur un an (annuelle).")
    tableau = pd.DataFrame({
        "Secteur": [("TOTAL" if i == "emploi_prive" else lib[:1].upper() + lib[1:])
                    for i, lib in zip(secteurs.indicateur, secteurs.libelle)],
        f"Au {libelle_date(e['date'])}": [formats.nombre(x) for x in secteurs.valeur],
        "Part": [formats.pourcent(x) for x in secteurs.part],
        "Sur 3 mois": [formats.pourcent(x, signe=True) for x in secteurs.evolution_trimestrielle_pct],
        "Sur un an": [formats.pourcent(x, signe=True) for x in secteurs.evolution_annuelle_pct],
    })
    st.dataframe(tableau, hide_index=True, width="stretch")
    st.caption("Source : Urssaf – Acoss, effectifs salariés du secteur privé en fin de trimestre.")
    telecharger_tableau(secteurs, f"emploi_secteurs_{e['territoire']}_{e['date']}", "emploi_tableau")
with droite:
    d = secteurs[secteurs.indicateur != "emploi_prive"]
    graphique(graphiques.barres_horizontales(d.libelle.str[:1].str.upper() + d.libelle.str[1:], d.valeur,
                                             [formats.nombre(x) for x in d.valeur], titre_x="Salariés"),
              f"emploi_secteurs_{e['territoire']}", "emploi_secteurs", config={"displayModeBar": False})

st.subheader("Évolution de l'emploi salarié privé")
total = requete("series_indicateurs", territoire=e["territoire"], indicateurs=["emploi_prive"])
graphique(graphiques.lignes(total, "libelle_court", "valeur", "Salariés", date_reperee=e["date"]),
          f"emploi_prive_{e['territoire']}", "emploi_total")

st.subheader("Entreprises et créations")
g, d2 = st.columns(2)
for col, ind in ((g, "etablissements"), (d2, "creations_entreprises")):
    s = requete("series_indicateurs", territoire=e["territoire"], indicateurs=[ind])
    with col:
        st.markdown(f"**{c.indicateurs[ind]}** (au 31 décembre de chaque année)")
        fig = graphiques.barres_verticales(s.date.dt.year, s.valeur, graphiques.texte(s.valeur))
        graphique(fig, f"{ind}_{e['territoire']}", f"emploi_{ind}", config={"displayModeBar": False})
st.caption("Source : Insee, répertoire Sirene (établissements actifs au 31 décembre, créations de l'année).")
pied_de_page()
