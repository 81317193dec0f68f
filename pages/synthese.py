"""Synthèse : les chiffres clés du territoire, comme les rapports des maisons de l'emploi les impriment."""
import pandas as pd
import streamlit as st

from observatoire import formats
from observatoire.ui import (afficher_commentaire, chiffre, choix, delta, etat_courant, libelle_date, marque_demo, pied_de_page,
                             provenance, requete)

e = etat_courant()
nom = choix().territoires[e["territoire"]]
st.title(f"Synthèse – {nom}")
st.caption(f"Situation au {libelle_date(e['date'])} · chaque chiffre est à la dernière date disponible à cette date.")

chiffres = requete("chiffres_cles", territoire=e["territoire"], date=e["date"])
marque_demo(chiffres)

HAUSSE_DEFAVORABLE = {"demandeurs_abc", "demandeurs_a"}
TITRES = {"population": "Population municipale", "demandeurs_abc": "Demandeurs d'emploi ABC",
          "demandeurs_a": "dont catégorie A", "emploi_prive": "Salariés du secteur privé",
          "etablissements": "Entreprises", "creations_entreprises": "Créations d'entreprises dans l'année"}
series = requete("series_indicateurs", territoire=e["territoire"], indicateurs=list(chiffres.indicateur))
TITRES_PROFIL = {"demandeurs_abc_femmes": "Femmes", "demandeurs_abc_moins_25": "Moins de 25 ans",
                 "demandeurs_abc_50_plus": "50 ans et plus", "demandeurs_abc_12_mois_plus": "Longue durée",
                 "demandeurs_abc_rsa": "Droit payable au RSA"}
for i, c in enumerate(chiffres.itertuples()):
    if i % 3 == 0:  # une rangée de trois cartes de même hauteur, leur légende alignée dessous
        colonnes = st.columns(3)
    serie = series[(series.indicateur == c.indicateur) & (series.date <= pd.Timestamp(e["date"]))]
    evol = delta(None if c.indicateur == "population" else c.evolution_pct,
                 f"{formats.pourcent(c.evolution_pct, signe=True)} en un an", c.indicateur in HAUSSE_DEFAVORABLE)
    with colonnes[i % 3]:
        st.metric(
            TITRES[c.indicateur], **chiffre(c.valeur, c.statut, c.manquantes, evol),
            chart_data=serie.valeur.tail(20).tolist(), chart_type="line", border=True, height=196,
            help=f"{c.libelle}. Au {libelle_date(c.date)} · source : {c.sources} · "
                 f"{provenance(c.demonstration, c.provenances)}",
        )
        st.caption(f"Au {libelle_date(c.date)} · {provenance(c.demonstration, c.provenances)}")

structure = requete("structure_demandeurs", territoire=e["territoire"], date=e["date"])
if not structure.empty:
    st.subheader("Profil des demandeurs d'emploi ABC")
    cols = st.columns(len(structure))
    for col, s in zip(cols, structure.itertuples()):
        col.metric(TITRES_PROFIL[s.indicateur], formats.pourcent(s.part) if pd.notna(s.part) else "non disponible",
                   **delta(s.evolution_points, f"{formats.nombre(s.evolution_points, 1, signe=True)} pt en un an",
                           neutre=True), border=True,
                   help=f"{s.libelle_bulletin} : part des demandeurs ABC au {libelle_date(e['date'])} ; "
                        "évolution en points de pourcentage.")
afficher_commentaire(e["territoire"], e["date"])
pied_de_page()
