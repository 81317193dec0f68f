"""Emploi salarié privé par grand secteur, entreprises et créations, pour le territoire choisi."""
import streamlit as st

from observatoire import formats, ruptures
from observatoire.appli import etat
from observatoire.appli.controles import controle, etat_courant
from observatoire.appli.donnees import choix, indicateurs_du_graphique, requete
from observatoire.appli.figures import figure
from observatoire.appli.mentions import marque_demo, pied_de_page, sources_sous
from observatoire.appli.telechargements import cartouche, graphique, tableau
from observatoire.sorties import explications, graphiques
from observatoire.sorties.tableaux import Colonne

e = etat_courant()
c = choix()
nom = c.territoires[e["territoire"]]
st.title(formats.echapper_markdown(f"Emploi salarié et entreprises – {nom}"))
secteurs = requete("emploi_secteurs", territoire=e["territoire"], date=e["date"])
marque_demo(secteurs)

par_secteur = cartouche("Effectifs salariés privés par grand secteur", secteurs, indicateurs=secteurs.indicateur,
                        unite="salariés ; évolutions en %")
gauche, droite = st.columns([1.5, 1])
with gauche:
    st.subheader(f"Effectifs salariés privés par grand secteur au {formats.jour(e['date'])}")
    st.caption("Évolutions des effectifs sur 3 mois (trimestrielle) et sur un an (annuelle).")
    tableau(secteurs, {"secteur": Colonne("Secteur"), "valeur": Colonne(f"Au {formats.jour(e['date'])}", "nombre"),
                  "part": Colonne("Part", "pourcent", 1),
                  "evolution_trimestrielle_pct": Colonne("Sur 3 mois", "pourcent", 1, True),
                  "evolution_annuelle_pct": Colonne("Sur un an", "pourcent", 1, True)},
            f"emploi_secteurs_{e['territoire']}_{e['date']}", "emploi_tableau", par_secteur)
    st.caption("Source : Urssaf – Acoss, effectifs salariés du secteur privé en fin de trimestre.")
    sources_sous([e["territoire"]], secteurs.indicateur, [e["date"]])
with droite:
    d = secteurs[~secteurs.est_total]
    graphique(figure("barres_horizontales", d.secteur, d.valeur,
                                             [formats.nombre(x) for x in d.valeur], titre_x="Salariés"),
              f"emploi_secteurs_{e['territoire']}", "emploi_secteurs", par_secteur, config={"displayModeBar": False})

st.subheader("Évolution de l'emploi salarié privé")
total_emploi = indicateurs_du_graphique("emploi_total")
total = requete("series_indicateurs", territoire=e["territoire"], indicateurs=total_emploi)
graphique(figure("lignes", total, "libelle_court", "valeur", "Salariés", date_reperee=e["date"]),
          f"emploi_prive_{e['territoire']}", "emploi_total",
          cartouche("Évolution de l'emploi salarié privé", total, indicateurs=total_emploi, dates=total.date,
                    unite="salariés"))
sources_sous([e["territoire"]], total_emploi)

st.subheader("Pourquoi l'emploi a bougé")
possibles = explications.references(e["territoire"])
choix_references = etat.libelles("emploi", "reference")
periodes = etat.libelles("emploi", "annees")
# l'un sous l'autre : côte à côte, leurs derniers choix sont coupés sur une tablette
niveau = controle("segmented_control", "reference", "Comparé à", [n for n in choix_references if n in possibles],
                  format_func=choix_references.get)
annees = controle("segmented_control", "annees", "Période", list(periodes), format_func=periodes.get)
reference = possibles[niveau]
depuis = ruptures.un_an_avant(e["date"], int(annees))
pourquoi = explications.de_la_requete(requete("decomposition_emploi", territoire=e["territoire"], reference=reference,
                                       de=depuis, a=e["date"]), e["territoire"], reference, depuis, e["date"])
st.write(pourquoi.phrase())
a_propos = cartouche(f"Décomposition de l'évolution de l'emploi salarié privé, du {formats.jour(depuis)} au "
                     f"{formats.jour(e['date'])}", pourquoi.secteurs, indicateurs=pourquoi.secteurs.indicateur,
                     territoires=[e["territoire"], reference], dates=[depuis, e["date"]], unite="emplois salariés")
if pourquoi.calculable:  # la cascade puis le tableau : côte à côte, le tableau est coupé sur une tablette
    graphique(figure("cascade", pourquoi.effets(), float(pourquoi.total.variation)),
              f"decomposition_emploi_{e['territoire']}_{e['date']}", "emploi_cascade", a_propos,
              config={"displayModeBar": False})
    tableau(pourquoi.tableau, {"secteur": Colonne("Secteur"), "variation": Colonne("Variation", "nombre", 0, True),
                                "effet_tendance": Colonne("Tendance", "nombre", 0, True),
                                "effet_structure": Colonne("Structure", "nombre", 0, True),
                                "effet_local": Colonne("Effet local", "nombre", 0, True)},
            f"decomposition_emploi_{e['territoire']}_{e['date']}", "emploi_decomposition", a_propos)
    st.caption(formats.echapper_markdown(f"Analyse structurelle-résiduelle sur les six secteurs : la tendance est ce qu'aurait gagné le "
               f"territoire s'il avait suivi la croissance de sa référence ({c.territoires[reference]}) ; la structure, "
               "ce que lui vaut son poids dans les secteurs qui y croissent plus ou moins vite ; l'effet local, le "
               "reste (ce que chaque secteur fait de mieux ou de moins bien ici). Les trois font la variation."))

st.subheader("Entreprises et créations")
entreprises = indicateurs_du_graphique("entreprises")
for col, ind in zip(st.columns(len(entreprises)), entreprises):
    s = requete("series_indicateurs", territoire=e["territoire"], indicateurs=[ind])
    with col:
        st.markdown(f"**{c.indicateurs[ind]}** (au 31 décembre de chaque année)")
        fig = figure("barres_verticales", s.date.dt.year, s.valeur, graphiques.texte(s.valeur))
        graphique(fig, f"{ind}_{e['territoire']}", f"emploi_{ind}",
                  cartouche(c.indicateurs[ind], s, indicateurs=[ind], dates=s.date), config={"displayModeBar": False})
st.caption("Source : Insee, répertoire Sirene (établissements actifs au 31 décembre, créations de l'année).")
sources_sous([e["territoire"]], entreprises)
pied_de_page()
