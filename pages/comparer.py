"""Comparer les territoires : 2 à 6 territoires côte à côte sur les indicateurs clés."""
import streamlit as st

from observatoire import formats, graphiques
from observatoire.ui import cadre, choix, graphique, libelle_date, marque_demo, pied_de_page, requete, telecharger_tableau

e = cadre()
c = choix()
territoires = [e["territoire"], *e["comparaison"]]
st.title("Comparer les territoires")
if len(territoires) < 2:
    st.info("Choisissez au moins un territoire dans « Comparer avec » (barre latérale) : jusqu'à cinq, par exemple "
            "la MEL et le Nord.", icon=":material/compare_arrows:")
    st.stop()
st.caption(f"Au {libelle_date(e['date'])} · {c.territoires[e['territoire']]} comparé à "
           f"{', '.join(c.noms_courts[t] for t in e['comparaison'])}. Rang : 1 = valeur la plus élevée.")
df = requete("comparaison_territoires", territoires=territoires, date=e["date"])
marque_demo(df)
choisi = c.noms_courts[e["territoire"]]

MESURES = {"part": ("Part des demandeurs ABC (%)", 1, "\u202f%"), "pour_100": ("Pour 100 habitants", 1, ""),
           "evolution_pct": ("Évolution sur un an (%)", 1, "\u202f%")}
mesure = st.segmented_control("Mesure", list(MESURES), format_func=lambda m: MESURES[m][0], default="evolution_pct",
                              key="comparer_mesure") or "evolution_pct"
titre, dec, suffixe = MESURES[mesure]
d = df[df[mesure].notna()]

fig = graphiques.points_comparaison(d, mesure, titre, dec, suffixe, choisi)
graphique(fig, f"comparaison_{mesure}_{e['date']}", "comparer_graphique")

st.subheader("Tableau")
rang = {"part": "rang_part", "pour_100": "rang_pour_100", "evolution_pct": "rang_evolution"}[mesure]
lignes = []
for ind, x in df.groupby("libelle_court", sort=False):
    ligne = {"Indicateur": ind}
    for r in x.itertuples():
        v = getattr(r, mesure)
        ligne[r.nom_court] = (formats.nombre(v, dec, signe=mesure == "evolution_pct") + suffixe) if v == v else "–"
    ligne["Nombre (" + choisi + ")"] = formats.nombre(x[x.territoire == e["territoire"]].valeur.iloc[0])
    mien = x[x.territoire == e["territoire"]].iloc[0]
    ligne[f"Rang de {choisi}"] = f"{int(getattr(mien, rang))} / {int(mien.nb_territoires)}" \
        if getattr(mien, mesure) == getattr(mien, mesure) else "–"
    lignes.append(ligne)
st.dataframe(lignes, hide_index=True, width="stretch")
telecharger_tableau(df.drop(columns=["ordre"]), f"comparaison_{e['date']}", "comparer_tableau")
st.caption(f"Parts : en % du total de référence (demandeurs ABC). Pour 100 habitants : population municipale, "
           f"millésime {int(df.millesime_population.max())} du COG. Entreprises et créations : dernière année "
           "disponible.")
pied_de_page()
