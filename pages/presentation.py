"""Mode présentation : une diapositive à la fois, en grand, pour un vidéoprojecteur ; le territoire et la date
sont ceux de la barre latérale, la diapositive est dans l'URL. Téléchargement du même portrait en PowerPoint
et en PDF."""
import html

import streamlit as st

from observatoire import formats
from observatoire.appli import etat
from observatoire.appli.controles import etat_courant, graphique_hauteur_ecran
from observatoire.appli.donnees import choix, instantane, portrait_diapositives, portrait_fichier
from observatoire.appli.page_servie import INTERFACE
from observatoire.appli.telechargements import nommer
from observatoire.sorties import graphiques

st.set_page_config(layout="wide",
                   initial_sidebar_state="collapsed")
st.html(INTERFACE / "presentation.css")  # sans barre latérale, titres et chiffres lisibles au fond de la salle
# texte des graphiques projetés : 18 px au moins (titres d'axe, graduations, légendes, noms de la carte)
TAILLE_PROJETEE = 18

e = etat_courant()
territoire, date = e["territoire"], e["date"]
nom = choix().territoires[territoire]
diapos = portrait_diapositives(instantane(), e["resolu"], date)
n = len(diapos)
CLE = etat.cle_page("presentation", "diapo")
i = min(max(int(st.session_state[CLE]), 1), n) - 1
st.session_state[CLE] = str(i + 1)


def aller(k: int) -> None:
    """Rappel des boutons : la diapositive change avant l'exécution, les boutons sont donc à jour."""
    st.session_state[CLE] = str(min(max(k, 1), n))


barre = st.container(horizontal=True, vertical_alignment="center")
barre.button("Précédente", icon=":material/arrow_back:", disabled=i == 0, key="diapo_prec",
             on_click=aller, args=(i,))
barre.button("Suivante", icon=":material/arrow_forward:", disabled=i == n - 1, key="diapo_suiv",
             on_click=aller, args=(i + 2,))
barre.markdown(f"**{i + 1} / {n}**", width="content")
barre.page_link("pages/synthese.py", label="Quitter la présentation", icon=":material/close:", width="content")
barre.space("stretch")
for fmt, libelle in (("pptx", "PowerPoint"), ("pdf", "PDF")):
    cle = f"portrait_{fmt}_{territoire}_{date}"
    if cle in st.session_state:
        barre.download_button(f"Télécharger ({libelle})", st.session_state[cle], icon=":material/download:",
                              file_name=nommer(f"portrait_{territoire}_{date}") + f".{fmt}", on_click="ignore",
                              key=f"dl_{fmt}")
    elif barre.button(f"Préparer le {libelle}", icon=":material/slideshow:", key=f"prep_{fmt}"):
        # la barre de progression à découvert (dans un st.status replié, on ne voyait qu'un indicateur tournant)
        barre_progres = st.progress(0.0, text=f"Construction du {libelle}…")
        st.session_state[cle] = portrait_fichier(
            e["resolu"], date, fmt, lambda k, total: barre_progres.progress(
                (k + 1) / total, text=f"Construction du {libelle} : diapositive {k + 1} sur {total}…"))
        st.rerun()

d = diapos[i]
if d.demonstration:
    st.html(f'<p class="diapo-demo">{html.escape(formats.MARQUE_DEMO)}</p>')
st.html(f'<div class="{"diapo-premiere" if i == 0 else ""}"><h1 class="diapo-titre">{html.escape(d.titre)}</h1>'
        f'<p class="diapo-sous-titre">{html.escape(d.sous_titre)}</p></div>')
if d.figure is not None:
    fig = graphiques.projetee(d.figure, TAILLE_PROJETEE)
    # le graphique prend la hauteur de l'écran moins le titre, les boutons et la source (1366×768 comme 1920×1080)
    # un sous-titre long (la phrase de la cascade) passe à la ligne : environ 150 caractères par ligne, à toute
    # largeur d'écran (sa taille suit la hauteur), 3,8 % de la hauteur par ligne en plus (mesuré à 1366 et 1920)
    graphique_hauteur_ecran(fig, f"diapo_{i}", "diapo_graphique", 285 + (66 if d.rupture else 0),
                            ecart_vh=3.8 * (-(-len(d.sous_titre) // 150) - 1), config={
        **graphiques.CONFIG, "topojsonURL": "/app/static/", "displayModeBar": False, "responsive": True})
elif d.chiffres:  # chiffres clés : de grands nombres, lisibles au fond de la salle
    st.html('<div class="diapo-chiffres">' + "".join(
        f'<div><p class="nombre">{html.escape(valeur)}</p><p class="libelle">{html.escape(libelle)}</p>'
        f'<p class="precision">{html.escape(precision)}</p></div>' for libelle, valeur, precision in d.chiffres)
        + "</div>")
else:
    st.html('<div class="diapo-texte">' + "".join(f"<p>{html.escape(ligne)}</p>" for ligne in d.lignes) + "</div>")
if d.rupture:  # la rupture de série que passe l'évolution de la diapositive, en brun comme ses tirets
    st.html(f'<p class="diapo-rupture">{html.escape(d.rupture)}</p>')
quand = f"{d.periode} · date choisie : {formats.jour(date)}" if d.periode else formats.jour(date)
st.html(f'<p class="diapo-source">{html.escape(d.source)} · {html.escape(quand)} · {html.escape(nom)}</p>')
