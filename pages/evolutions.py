"""Évolutions : séries trimestrielles du territoire et des territoires de comparaison."""
import streamlit as st

from observatoire import graphiques
from observatoire.ui import cadre, choix, graphique, libelle_date, marque_demo, pied_de_page, requete, telecharger_tableau

e = cadre()
c = choix()
territoires = [e["territoire"], *e["comparaison"]]
nom = c.noms_courts[e["territoire"]]
st.title(f"Évolutions – {c.territoires[e['territoire']]}")

col1, col2 = st.columns([2, 1])
affichage = col1.segmented_control("Affichage", ["Base 100", "Valeurs"], default="Base 100", key="evol_affichage")
date_base = col2.selectbox("Base 100 au", c.dates[::-1], format_func=libelle_date, key="evol_base",
                           disabled=affichage == "Valeurs",
                           help="L'observatoire publie ses courbes en base 100 au 31/12/2011.")
series = requete("series_comparees", territoires=territoires, indicateur=e["indicateur"], date_base=date_base)
marque_demo(series)

st.subheader(c.indicateurs[e["indicateur"]])
if affichage == "Valeurs":
    fig = graphiques.lignes(series, "nom_court", "valeur", "Nombre", date_reperee=e["date"], en_avant=nom)
else:
    fig = graphiques.lignes(series, "nom_court", "indice", f"Indice (100 au {libelle_date(date_base)})", 1,
                            date_reperee=e["date"], en_avant=nom)
graphique(fig, f"evolution_{e['indicateur']}_{e['territoire']}", "evol_principal")
telecharger_tableau(series[["territoire", "nom_court", "date", "valeur", "part", "indice", "statut", "demonstration"]],
                    f"series_{e['indicateur']}_{e['territoire']}", "evol_tableau")
st.caption("Données trimestrielles brutes, fin de trimestre. Ligne pointillée : date choisie. "
           "Ajoutez des territoires dans « Comparer avec ».")

gauche, droite = st.columns(2)
with gauche:
    st.subheader("Catégories A, B, C")
    abc = requete("series_indicateurs", territoire=e["territoire"],
                  indicateurs=["demandeurs_a", "demandeurs_b", "demandeurs_c"])
    graphique(graphiques.aires_empilees(abc, "Demandeurs d'emploi"), f"categories_abc_{e['territoire']}", "evol_abc")
with droite:
    st.subheader("Structure des demandeurs")
    STRUCTURE = ["demandeurs_abc_femmes", "demandeurs_abc_moins_25", "demandeurs_abc_50_plus",
                 "demandeurs_abc_12_mois_plus", "demandeurs_abc_24_mois_plus", "demandeurs_abc_rsa",
                 "demandeurs_abc_bac_plus", "demandeurs_abc_sans_diplome"]
    s1, s2 = st.columns([1.3, 1])
    profil = s1.selectbox("Profil", STRUCTURE, format_func=c.indicateurs.get, key="evol_profil")
    en_part = s2.segmented_control("En", ["Part (%)", "Nombre"], default="Part (%)", key="evol_part") != "Nombre"
    st_series = requete("series_comparees", territoires=territoires, indicateur=profil, date_base=date_base)
    if en_part:
        fig = graphiques.lignes(st_series, "nom_court", "part", "Part des demandeurs ABC (%)", 1, "\u202f%",
                                date_reperee=e["date"], en_avant=nom)
    else:
        fig = graphiques.lignes(st_series, "nom_court", "valeur", "Nombre", date_reperee=e["date"], en_avant=nom)
    graphique(fig, f"{profil}_{e['territoire']}", "evol_structure")
pied_de_page()
