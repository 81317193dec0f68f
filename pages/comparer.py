"""Comparer les territoires : 2 à 6 territoires côte à côte sur les indicateurs clés."""
import streamlit as st

from observatoire import formats, referentiel, ruptures
from observatoire.appli import etat
from observatoire.appli.controles import controle, etat_courant
from observatoire.appli.donnees import choix, requete
from observatoire.appli.figures import figure, une_fois
from observatoire.appli.mentions import marque_demo, pied_de_page, signaler_ruptures, sources_sous
from observatoire.appli.telechargements import cartouche, graphique, tableau
from observatoire.formats import echapper_markdown
from observatoire.sorties import comparaison, explications
from observatoire.formats import liste
from observatoire.sorties.tableaux import Colonne

e = etat_courant()
c = choix()
territoires = [e["territoire"], *e["comparaison"]]
st.title(formats.echapper_markdown(f"Comparer les territoires – {c.territoires[e['territoire']]}"))


def territoires_qui_ressemblent(ouvert: bool) -> None:
    """Les territoires du même niveau les plus proches, par quoi, et un bouton qui les met dans « Comparer avec »."""
    semblables = requete("territoires_comparables", territoire=e["territoire"], date=e["date"],
                         nombre=etat.MAX_COMPARAISON)
    with st.expander(f"Les territoires qui ressemblent le plus à {c.territoires[e['territoire']]}",
                     expanded=ouvert, icon=":material/join:"):
        st.write(explications.phrase_comparables(semblables, e["territoire"]))
        if len(semblables):
            st.button("Les comparer", key="comparer_semblables", icon=":material/compare_arrows:",
                      help="Remplace la liste « Comparer avec » par ces territoires.",
                      on_click=lambda: st.session_state.update(comparaison=list(semblables.territoire)))
            tableau(semblables, {"rang": Colonne("Rang", "nombre"), "nom": Colonne("Territoire"),
                                 "proches_par": Colonne("Proches surtout par")},
                    f"comparables_{e['territoire']}_{e['date']}", "comparer_semblables_tableau",
                    cartouche("Territoires qui ressemblent le plus", semblables,
                              sources="Calcul de l'Observatoire sur les séries de la base (data/criteres_comparables.csv)"))
            st.caption("Même niveau (communes entre elles, EPCI entre eux…) ; critères centrés-réduits : population, "
                       "demandeurs pour 100 habitants, parts des femmes, des moins de 25 ans, des 50 ans et plus, de la "
                       "longue durée, poids des six secteurs de l'emploi salarié.")


if len(territoires) < 2:
    territoires_qui_ressemblent(ouvert=True)
    st.info("Choisissez au moins un territoire dans « Comparer avec » (barre latérale) : jusqu'à cinq, par exemple "
            "la MEL et le Nord.", icon=":material/compare_arrows:")
    st.stop()
st.caption(formats.echapper_markdown(f"Au {formats.jour(e['date'])} · {c.territoires[e['territoire']]} comparé à "
           f"{', '.join(c.territoires[t] for t in e['comparaison'])}. Nombre et rang : ceux de "
           f"{c.territoires[e['territoire']]}, rang parmi les territoires comparés (1 = valeur la plus élevée)."))
df = requete("comparaison_territoires", territoires=territoires, date=e["date"])
marque_demo(df)
if vides := comparaison.sans_chiffre(df):
    st.info(echapper_markdown(
        f"Aucun chiffre au {formats.jour(e['date'])} pour {liste(vides)} : importez leurs fichiers (page Importer) "
        "ou actualisez depuis les services officiels, ou choisissez une autre date ; l'observatoire n'invente aucun "
        "chiffre hors du Nord."), icon=":material/database:")

mesures = etat.libelles("comparer", "mesure")
mesure = controle("segmented_control", "mesure", "Mesure", list(mesures), format_func=mesures.get)
titre, (dec, _) = mesures[mesure], comparaison.MESURES[mesure]
suffixe = "" if mesure == "pour_100" else formats.POURCENT
fig = figure("points_comparaison", df[df[mesure].notna()], mesure, titre, dec, suffixe, c.noms_courts[e["territoire"]])
evolution = mesure.startswith("evolution")
a_propos = cartouche(f"Comparaison des territoires – {titre}", df, indicateurs=df.indicateur.unique(),
                     territoires=territoires, unite="%" if suffixe else "pour 100 habitants",
                     evolution_depuis="un an" if evolution else None)
if evolution:
    signaler_ruptures(ruptures.sur_un_an(list(df.indicateur.unique()), e["date"]), cle="comparer")
graphique(fig, f"comparaison_{mesure}_{e['territoire']}_{e['date']}", "comparer_graphique", a_propos)

st.subheader(titre)
large, colonnes = une_fois(comparaison.tableau_large, df, mesure, e["territoire"])
tableau(large, colonnes, f"comparaison_{mesure}_{e['territoire']}_{e['date']}", "comparer_tableau", a_propos)
st.caption(f"Parts : en % du total de référence (demandeurs ABC). Pour 100 habitants : population municipale, "
           f"{df.millesime_population.iloc[0]}. Entreprises et créations : dernière année "
           "disponible.")
sources_sous(territoires, df.indicateur.unique(), [e["date"]])

metropoles = list(referentiel.metropoles())
if e["territoire"] in metropoles and len(metropoles) > 1:
    st.subheader("Les métropoles")
    st.caption(f"Les {len(metropoles)} métropoles de la base (EPCI de type métropole au COG 2026), rangées par "
               "demandeurs d'emploi ABC pour 100 habitants (1 = le ratio le plus élevé) ; les chiffres publiés à "
               "l'échelle d'une métropole, s'ils sont importés, l'emportent sur la somme de ses communes.")
    rangs = requete("comparaison_territoires", territoires=metropoles, date=e["date"])
    classees, colonnes_m = comparaison.classement(rangs)
    voisines = comparaison.a_comparer(classees, e["territoire"], etat.MAX_COMPARAISON)
    st.button("Comparer avec les autres métropoles", icon=":material/location_city:", key="comparer_metropoles",
              help="Les premières du classement ci-dessous : celles qui ont des chiffres à cette date d'abord.",
              on_click=lambda: st.session_state.update(comparaison=voisines))
    tableau(classees, colonnes_m, f"metropoles_{e['date']}", "comparer_metropoles_tableau",
            cartouche("Les métropoles – demandeurs d'emploi ABC", rangs, indicateurs=["demandeurs_abc", "population"],
                      territoires=metropoles, unite="personnes ; pour 100 habitants ; %"))
territoires_qui_ressemblent(ouvert=False)
pied_de_page()
