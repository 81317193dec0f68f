"""Profil des demandeurs : le tableau du bulletin (annexe N°55) pour le territoire et la date choisis,
et la structure en barres."""
import streamlit as st

from observatoire import formats, ruptures
from observatoire.appli.controles import controle, etat_courant
from observatoire.appli.donnees import choix, requete
from observatoire.appli.figures import figure
from observatoire.appli.mentions import afficher_commentaire, marque_demo, pied_de_page, signaler_ruptures, sources_sous
from observatoire.appli.telechargements import boutons, cartouche, graphique, hauteur_des_lignes
from observatoire.sorties import bulletin as sorties
from observatoire.sorties import tableaux

e = etat_courant()
c = choix()
nom = c.territoires[e["territoire"]]
st.title(formats.echapper_markdown(f"Profil des demandeurs d'emploi – {nom}"))
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
    tableau = sorties.a_l_ecran(bulletin, gras_permis=detail)
    st.dataframe(tableau, hide_index=True, height=hauteur_des_lignes(len(bulletin), 720), width="stretch")
    a_propos = cartouche(sorties.TITRE_PAGE, bulletin, indicateurs=bulletin.indicateur.unique(),
                         unite=sorties.UNITE_PAGE, evolution_depuis="un an")
    vue = sorties.a_la_page(bulletin)
    boutons(f"bulletin_{e['territoire']}_{e['date']}",
            lambda: tableaux.en_csv(vue, sorties.COLONNES_PAGE, a_propos),
            lambda: tableaux.en_xlsx(vue, sorties.COLONNES_PAGE, a_propos), "profil_tableau")
    sources_sous([e["territoire"]], bulletin.indicateur.unique(), [e["date"]])
with droite:
    for rubrique, titre, d in sorties.par_rubrique(bulletin):
        st.markdown(f"**{titre}**")
        graphique(figure("barres_horizontales", d.libelle, d.part, [formats.pourcent(x) for x in d.part],
                                                 titre_x="% des demandeurs ABC", plage=[0, 100]),
                  f"profil_{rubrique.lower()}_{e['territoire']}", f"profil_{rubrique}",
                  cartouche(f"Profil des demandeurs d'emploi – {rubrique.lower()}", d, indicateurs=d.indicateur.unique(),
                            unite="% des demandeurs ABC"), config={"displayModeBar": False})
afficher_commentaire(e["resolu"], e["date"])
pied_de_page()
