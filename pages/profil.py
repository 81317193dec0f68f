"""Profil des demandeurs : le tableau du bulletin (annexe N°55) pour le territoire et la date choisis,
et la structure en barres."""
import pandas as pd
import streamlit as st

from observatoire import formats, ruptures
from observatoire.appli.controles import controle, etat_courant
from observatoire.appli.donnees import choix, requete
from observatoire.appli.mentions import afficher_commentaire, marque_demo, pied_de_page, signaler_ruptures, sources_sous
from observatoire.appli.telechargements import boutons, cartouche, graphique
from observatoire.sorties import bulletin as sorties
from observatoire.sorties import graphiques, tableaux

e = etat_courant()
c = choix()
nom = c.territoires[e["territoire"]]
st.title(f"Profil des demandeurs d'emploi – {nom}")
st.caption(f"Demandeurs d'emploi inscrits à France Travail au {formats.jour(e['date'])}, catégories A, B, C ; "
           "part dans l'ensemble ABC ; évolution sur un an.")
nb_communes = len(e["resolu"].membres)
choix_detail = controle("toggle", "detail", f"Détail par commune ({formats.accorder(nb_communes, 'commune')})", None,
                        disabled=nb_communes == 1,
                        vers_widget=lambda v: v == "oui" or (v == "auto" and 1 < nb_communes <= 15),
                        depuis_widget=lambda v: "oui" if v else "non")
detail = nb_communes > 1 and (choix_detail == "oui" or (choix_detail == "auto" and nb_communes <= 15))
bulletin = requete("bulletin", territoire=e["territoire"], date=e["date"], detail=detail)
marque_demo(bulletin)
signaler_ruptures(ruptures.sur_un_an(list(bulletin.indicateur.unique()), e["date"]),
                  "l'évolution sur un an de ce tableau", cle="profil")

gauche, droite = st.columns([1.35, 1])
with gauche:
    tableau = pd.DataFrame({
        "": [("" if n == 0 else "\u2003") + lib for n, lib in zip(bulletin.niveau, bulletin.libelle)],
        "Nombre": [formats.nombre(x) if s != "secret" else "secret" for x, s in zip(bulletin.nombre, bulletin.statut)],
        "Part": [formats.pourcent(x) for x in bulletin.part],
        "Évolution": [formats.nombre(x, signe=True) for x in bulletin.evolution_annuelle],
        "Évolution (%)": [formats.pourcent(x, signe=True) for x in bulletin.evolution_annuelle_pct],
    })
    gras = bulletin.niveau.eq(0).to_numpy()
    if detail and len(tableau) <= 300:  # totaux en gras (coûteux au-delà de quelques centaines de lignes)
        tableau = tableau.style.apply(lambda ligne: ["font-weight: 700" if gras[ligne.name] else ""] * len(ligne),
                                      axis=1)
    st.dataframe(tableau, hide_index=True, height=min(36 * len(bulletin) + 40, 720), width="stretch")
    a_propos = cartouche(sorties.TITRE_PAGE, bulletin, indicateurs=bulletin.indicateur.unique(),
                         unite=sorties.UNITE_PAGE, evolution_depuis="un an")
    vue = sorties.a_la_page(bulletin)
    boutons(f"bulletin_{e['territoire']}_{e['date']}",
            lambda: tableaux.en_csv(vue, sorties.COLONNES_PAGE, a_propos),
            lambda: tableaux.en_xlsx(vue, sorties.COLONNES_PAGE, a_propos), "profil_tableau")
    sources_sous([e["territoire"]], bulletin.indicateur.unique(), [e["date"]])
with droite:
    totaux = bulletin[(bulletin.niveau == 0) & bulletin.rubrique.notna() & (bulletin.rubrique != "")]
    for rubrique, d in totaux.groupby("rubrique", sort=False):
        st.markdown(f"**{rubrique if rubrique == 'RSA' else rubrique.capitalize()}**")
        graphique(graphiques.barres_horizontales(d.libelle, d.part, [formats.pourcent(x) for x in d.part],
                                                 titre_x="% des demandeurs ABC", plage=[0, 100]),
                  f"profil_{rubrique.lower()}_{e['territoire']}", f"profil_{rubrique}",
                  cartouche(f"Profil des demandeurs d'emploi – {rubrique.lower()}", d, indicateurs=d.indicateur.unique(),
                            unite="% des demandeurs ABC"), config={"displayModeBar": False})
afficher_commentaire(e["resolu"], e["date"])
pied_de_page()
