"""Synthèse : les chiffres clés du territoire, comme les rapports des maisons de l'emploi les impriment."""
import pandas as pd
import streamlit as st

from observatoire import formats, ruptures
from observatoire.appli.controles import etat_courant
from observatoire.appli.donnees import choix, fraicheur, requete
from observatoire.appli.mentions import (afficher_commentaire, chiffre, delta, marque_demo, pied_de_page, provenance,
                                         signaler_ruptures)

e = etat_courant()
nom = choix().territoires[e["territoire"]]
st.title(formats.echapper_markdown(f"Synthèse – {nom}"))
st.caption(f"Situation au {formats.jour(e['date'])} · chaque chiffre est à la dernière date disponible à cette date. "
           f"{fraicheur()}")

chiffres = requete("chiffres_cles", territoire=e["territoire"], date=e["date"])
marque_demo(chiffres)

courbes = requete("courbes_chiffres_cles", territoire=e["territoire"], indicateurs=list(chiffres.indicateur),
                  date=e["date"]).set_index("indicateur").valeurs
for i, c in enumerate(chiffres.itertuples()):
    if i % 3 == 0:  # une rangée de trois cartes de même hauteur, leur légende alignée dessous
        colonnes = st.columns(3)
    evol = delta(None if c.indicateur == "population" else c.evolution_pct,
                 f"{formats.pourcent(c.evolution_pct, signe=True)} en un an", c.hausse_defavorable)
    with colonnes[i % 3]:
        st.metric(
            c.titre_synthese, **chiffre(c.valeur, c.statut, c.manquantes, evol, c.hors_couverture),
            chart_data=courbes.get(c.indicateur, []), chart_type="line", border=True, height=196,
            help=f"{c.libelle}. Au {formats.jour(c.date)} · source : {c.sources} · "
                 f"{provenance(c.demonstration, c.provenances, c.sources, c.a_l_echelle)}",
        )
        passe = ruptures.sur_un_an(c.indicateur, c.date) if pd.notna(c.evolution_pct) else []
        st.caption(f"{c.millesime} · Insee" if c.indicateur == "population" else
                   f"Au {formats.jour(c.date)} · {provenance(c.demonstration, c.provenances, c.sources, c.a_l_echelle)}"
                   + (" · évolution qui passe une rupture de série" if passe else ""))

structure = requete("structure_demandeurs", territoire=e["territoire"], date=e["date"])
if not structure.empty:
    st.subheader("Profil des demandeurs d'emploi ABC")
    cols = st.columns(len(structure))
    for col, s in zip(cols, structure.itertuples()):
        col.metric(s.titre_synthese, formats.pourcent(s.part) if pd.notna(s.part) else formats.absence(None),
                   **delta(s.evolution_points, f"{formats.nombre(s.evolution_points, 1, signe=True)} pt en un an",
                           neutre=True), border=True,
                   help=f"{s.libelle_bulletin} : part des demandeurs ABC au {formats.jour(e['date'])} ; "
                        "évolution en points de pourcentage.")
signaler_ruptures(ruptures.reunir([ruptures.des_chiffres(chiffres), ruptures.sur_un_an(list(structure.indicateur),
                                                                                      e["date"])]),
                  "les évolutions sur un an de cette page", pluriel=True, cle="synthese")
afficher_commentaire(e["resolu"], e["date"])
pied_de_page()
