"""Évolutions : séries trimestrielles du territoire et des territoires de comparaison."""
import streamlit as st

from observatoire import formats, referentiel, ruptures
from observatoire.appli.controles import controle, etat_courant, interrupteur
from observatoire.appli.donnees import choix, indicateurs_du_graphique, requete
from observatoire.appli.etat import libelles
from observatoire.appli.figures import figure
from observatoire.appli.mentions import marque_demo, pied_de_page, series_reelles, signaler_ruptures
from observatoire.appli.telechargements import cartouche, graphique, tableau
from observatoire.sorties import explications
from observatoire.sorties.tableaux import Colonne

e = etat_courant()
c = choix()
territoires = [e["territoire"], *e["comparaison"]]
nom = c.noms_courts[e["territoire"]]
st.title(formats.echapper_markdown(f"Évolutions – {c.territoires[e['territoire']]}"))

affichages = libelles("evolutions", "affichage")
col1, col2 = st.columns([2, 1])
affichage = controle("segmented_control", "affichage", "Affichage", list(affichages), col1, format_func=affichages.get)
date_base = controle("selectbox", "base", "Base 100 au", c.dates[::-1], col2, format_func=formats.jour,
                     disabled=affichage == "valeurs", help=f"L'observatoire publie ses courbes en base 100 au {formats.jour(c.dates[-1])}, leur premier trimestre.")
avec_demo = st.session_state["evolutions.demo"] == "oui"
series = requete("series_comparees", territoires=territoires, indicateur=e["indicateur"], date_base=date_base,
                 avec_demonstration=avec_demo)
marque_demo(series)
reels = series[series.reelle]
if len(reels):
    # réel et démonstration ne sont jamais joints : la démonstration n'apparaît, à part, que sur demande
    st.info(series_reelles(reels) + "\n\n" + ("La démonstration forme une courbe à part, en pointillés." if avec_demo
                                        else "La démonstration est masquée pour ces territoires."),
            icon=":material/verified:")
    interrupteur("demo", "Montrer aussi les données de démonstration (courbe à part)")

st.subheader(formats.echapper_markdown(f"{c.indicateurs[e['indicateur']]} – {nom} au {formats.jour(e['date'])}"))
passees = ruptures.passees(e["indicateur"], series.date.min(), series.date.max())
if affichage == "valeurs":
    fig = figure("lignes", series, "courbe", "valeur", "Nombre", date_reperee=e["date"], en_avant=nom,
                 ruptures_=passees)
else:
    fig = figure("lignes", series, "courbe", "indice", f"Indice (100 au {formats.jour(date_base)})", 1,
                 date_reperee=e["date"], en_avant=nom, ruptures_=passees)
a_propos = cartouche(f"{c.indicateurs[e['indicateur']]} – " + ("valeurs" if affichage == "valeurs" else
                     f"base 100 au {formats.jour(date_base)}"), series, indicateurs=[e["indicateur"]],
                     territoires=territoires, dates=series.date,
                     unite="demandeurs d'emploi" if affichage == "valeurs" else "indice, base 100")
interactif = interrupteur("interactif", "Graphique interactif (zoom, survol, courbes à masquer)")
graphique(fig, f"evolution_{e['indicateur']}_{e['territoire']}", "evol_principal", a_propos,
          dessine_par_le_serveur=not interactif)
with st.expander("Tableau des valeurs"):
    tableau(
        series.assign(date=series.date.map(formats.jour)),
        {"courbe": Colonne("Territoire"), "date": Colonne("Date"),
         "valeur": Colonne(c.indicateurs[e["indicateur"]], "nombre"),
         "indice": Colonne(f"Indice (100 au {formats.jour(date_base)})", "nombre", 1),
         "demonstration": Colonne("Démonstration", "oui_non")},
        f"series_{e['indicateur']}_{e['territoire']}", "evol_tableau", a_propos, height=300)
st.caption("Données trimestrielles brutes, fin de trimestre. Ligne pointillée grise : date choisie"
           + (" ; tirets bruns : rupture de série. " if passees else ". ")
           + "Ajoutez des territoires dans « Comparer avec ».")
signaler_ruptures(passees, "cette série", cle="evolutions")

gauche, droite = st.columns(2)
with gauche:
    st.subheader("Catégories A, B, C")
    abc = requete("series_indicateurs", territoire=e["territoire"], indicateurs=indicateurs_du_graphique("categories_abc"))
    passees_abc = ruptures.passees(list(abc.indicateur.unique()), abc.date.min(), abc.date.max())
    graphique(figure("aires_empilees", abc, "Demandeurs d'emploi", passees_abc), f"categories_abc_{e['territoire']}", "evol_abc",
              cartouche("Demandeurs d'emploi des catégories A, B, C", abc, indicateurs=abc.indicateur.unique(),
                        dates=abc.date, unite="demandeurs d'emploi"))
with droite:
    st.subheader("Structure des demandeurs")
    s1, s2 = st.columns([1.3, 1])
    profil = controle("selectbox", "profil", "Profil", c.profils, s1,
                      format_func=c.indicateurs.get)
    en_quoi = libelles("evolutions", "profil_en")
    en = controle("segmented_control", "profil_en", "En", list(en_quoi), s2, format_func=en_quoi.get)
    st_series = requete("series_comparees", territoires=territoires, indicateur=profil, date_base=date_base,
                        avec_demonstration=avec_demo)
    passees_profil = ruptures.passees(profil, st_series.date.min(), st_series.date.max())
    if en == "part":
        fig = figure("lignes", st_series, "courbe", "part", "Part des demandeurs ABC (%)", 1, formats.POURCENT,
                     date_reperee=e["date"], en_avant=nom, ruptures_=passees_profil)
    else:
        fig = figure("lignes", st_series, "courbe", "valeur", "Nombre", date_reperee=e["date"], en_avant=nom,
                     ruptures_=passees_profil)
    graphique(fig, f"{profil}_{e['territoire']}", "evol_structure",
              cartouche(f"{c.indicateurs[profil]} – {en_quoi[en].lower()}", st_series, indicateurs=[profil],
                        territoires=territoires, dates=st_series.date,
                        unite="% des demandeurs ABC" if en == "part" else "demandeurs d'emploi"))

st.subheader("Qui fait bouger la demande d'emploi en un an")
depuis = ruptures.un_an_avant(e["date"])
contributions = requete("contributions_demandeurs", territoire=e["territoire"], de=depuis, a=e["date"],
                        composantes=explications.composantes_demandeurs())
st.write(explications.phrase_contributions(contributions, e["territoire"], depuis, e["date"]))
connues = contributions.dropna(subset=["contribution_points"])
if len(connues):
    graphique(figure("barres_horizontales", connues.libelle, connues.contribution_points,
                     [f"{formats.nombre(x, 1, signe=True)} pt" for x in connues.contribution_points],
                     titre_x="Points de l'évolution des demandeurs A, B, C"),
              f"contributions_{e['territoire']}_{e['date']}", "evol_contributions",
              cartouche(f"Contributions à l'évolution des demandeurs A, B, C, du {formats.jour(depuis)} au "
                        f"{formats.jour(e['date'])}", connues, indicateurs=connues.indicateur,
                        dates=[depuis, e["date"]], unite="points de pourcentage"),
              config={"displayModeBar": False})
    st.caption("Dans chaque ventilation (catégories, sexe, âge, ancienneté), les contributions s'additionnent à "
               "l'évolution de l'ensemble A, B, C : une contribution est la variation du groupe rapportée au nombre "
               "de demandeurs A, B, C d'il y a un an.")

# F et G (créées le 1er janvier 2025) ne sont publiées qu'à partir du département : les échelons qui en ont
hors_abc = requete("categories_hors_abc_des_echelons", territoires=list(referentiel.echelons_publies(e["resolu"])))
if len(hors_abc):
    st.subheader("Catégories F et G, depuis le 1er janvier 2025")
    graphique(figure("lignes", hors_abc, "courbe", "valeur", "Inscrits", date_reperee=e["date"]),
              f"categories_f_g_{e['territoire']}", "evol_hors_abc",
              cartouche("Demandeurs d'emploi des catégories F et G", hors_abc,
                        indicateurs=hors_abc.indicateur.unique(), territoires=hors_abc.territoire.unique(),
                        dates=hors_abc.date, unite="demandeurs d'emploi"))
    st.caption("Inscrits hors des catégories A, B, C, créées par la loi pour le plein emploi : F, parcours à "
               "dominante sociale ; G, en attente d'orientation. La DARES ne les publie qu'à partir du département : "
               f"{c.noms_courts[e['territoire']]} n'en a pas de chiffre à son échelle."
               + (" Valeurs de démonstration (fictives), sauf les losanges noirs : chiffres publiés."
                  if formats.contient_demo(hors_abc) else ""))
pied_de_page()
