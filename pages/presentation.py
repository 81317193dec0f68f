"""Mode présentation : une diapositive à la fois, en grand, pour un vidéoprojecteur ; le territoire et la date
sont ceux de la barre latérale, la diapositive est dans l'URL. Téléchargement du même portrait en PowerPoint
et en PDF."""
import html

import streamlit as st

from observatoire import formats
from observatoire.appli import etat
from observatoire.appli.controles import etat_courant, graphique_hauteur_ecran
from observatoire.appli.donnees import choix, instantane, portrait_diapositives, portrait_fichier
from observatoire.appli.telechargements import nommer
from observatoire.sorties import graphiques

st.set_page_config(layout="wide",
                   initial_sidebar_state="collapsed")
st.html("""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header {display: none !important;}
.block-container {padding: 0.6rem 1.5rem 0 1.5rem !important; max-width: 100vw;}
h1.diapo-titre {font-size: clamp(1.6rem, 4.2vh, 2.8rem); font-weight: 700; line-height: 1.15; margin: 0; padding: 0;}
p.diapo-sous-titre {font-size: clamp(1.05rem, 2.4vh, 1.6rem); color: #1f4e79; margin: 0.2rem 0 0.6rem 0;}
.diapo-premiere h1.diapo-titre {font-size: clamp(2.4rem, 6vh, 4.2rem); margin-top: 12vh;}
.diapo-premiere p.diapo-sous-titre {font-size: clamp(1.4rem, 3.2vh, 2.2rem);}
.diapo-texte p {font-size: clamp(1.05rem, 2.3vh, 1.55rem); line-height: 1.45; margin-bottom: 0.6rem;}
p.diapo-demo {color: #b2182b; font-weight: 700; font-size: 0.95rem; margin: 0;}
p.diapo-source {color: #555; font-size: 0.9rem; margin: 0.4rem 0 0 0;}
p.diapo-rupture {color: #8a4b00; font-weight: 700; font-size: 1.15rem; margin: 0.4rem 0 0 0; line-height: 1.3;}
.diapo-chiffres {display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1.2rem 2rem;
  margin-top: 1.5vh;}
.diapo-chiffres .nombre {font-size: clamp(2.2rem, 7vh, 4rem); font-weight: 700; line-height: 1.1; color: #1f4e79;}
.diapo-chiffres .libelle {font-size: clamp(1.05rem, 2.5vh, 1.6rem); font-weight: 600; margin: 0;}
.diapo-chiffres .precision {font-size: clamp(0.95rem, 2.1vh, 1.3rem); color: #444; margin: 0;}
</style>""")
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
    st.html('<p class="diapo-demo">Données de démonstration (fictives, calibrées sur les chiffres publiés)</p>')
st.html(f'<div class="{"diapo-premiere" if i == 0 else ""}"><h1 class="diapo-titre">{html.escape(d.titre)}</h1>'
        f'<p class="diapo-sous-titre">{html.escape(d.sous_titre)}</p></div>')
if d.figure is not None:
    fig = d.figure.update_layout(font_size=TAILLE_PROJETEE, legend_font_size=TAILLE_PROJETEE,
                                 legend_title_font_size=TAILLE_PROJETEE, hoverlabel_font_size=TAILLE_PROJETEE)
    fig.update_xaxes(tickfont_size=TAILLE_PROJETEE, title_font_size=TAILLE_PROJETEE, automargin=True)
    fig.update_yaxes(tickfont_size=TAILLE_PROJETEE, title_font_size=TAILLE_PROJETEE, automargin=True)
    fig.update_annotations(font_size=TAILLE_PROJETEE)  # noms au bout des courbes, ruptures de série
    fig.update_traces(textfont_size=TAILLE_PROJETEE, selector=dict(type="scattergeo"))
    fig.update_traces(textfont_size=TAILLE_PROJETEE, selector=dict(type="bar"))
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
