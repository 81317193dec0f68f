"""Mode présentation : une diapositive à la fois, en grand, pour un vidéoprojecteur ; le territoire et la date
sont ceux de la barre latérale. Téléchargement du même portrait en PowerPoint et en PDF."""
import streamlit as st

from observatoire import graphiques
from observatoire.ui import choix, initialiser_etat, libelle_date, portrait_diapositives, portrait_fichier

st.set_page_config(page_title="Présentation – Observatoire de l'emploi", layout="wide",
                   initial_sidebar_state="collapsed")
initialiser_etat()
st.markdown("""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header {display: none !important;}
.block-container {padding-top: 1.2rem; max-width: 96vw;}
p.diapo-titre {font-size: 2.8rem !important; font-weight: 700; line-height: 1.15 !important; margin: 0 !important;}
p.diapo-sous-titre {font-size: 1.6rem !important; color: #1f4e79; margin: 0.3rem 0 1.2rem 0 !important;}
.diapo-premiere p.diapo-titre {font-size: 4.2rem !important; margin-top: 14vh !important;}
.diapo-premiere p.diapo-sous-titre {font-size: 2.2rem !important;}
.diapo-texte p {font-size: 1.55rem !important; line-height: 1.5 !important; margin-bottom: 0.8rem !important;}
p.diapo-demo {color: #b2182b; font-weight: 700; font-size: 1rem !important; text-align: right;}
p.diapo-source {color: #666; font-size: 0.95rem !important; margin-top: 1rem !important;}
</style>""", unsafe_allow_html=True)

territoire, date = st.session_state["territoire"], st.session_state["date"]
diapos = portrait_diapositives(territoire, date)
n = len(diapos)
i = min(st.session_state.get("diapo", 0), n - 1)

barre = st.columns([1.2, 1.2, 1, 5, 2, 2])
if barre[0].button("Précédente", icon=":material/arrow_back:", disabled=i == 0, key="diapo_prec"):
    i -= 1
if barre[1].button("Suivante", icon=":material/arrow_forward:", disabled=i == n - 1, key="diapo_suiv"):
    i += 1
st.session_state["diapo"] = i
barre[2].markdown(f"**{i + 1} / {n}**")
barre[3].page_link("pages/synthese.py", label="Quitter la présentation", icon=":material/close:")
for col, fmt, libelle in ((barre[4], "pptx", "PowerPoint"), (barre[5], "pdf", "PDF")):
    cle = f"portrait_{fmt}_{territoire}_{date}"
    if cle in st.session_state:
        col.download_button(f"Télécharger ({libelle})", st.session_state[cle], icon=":material/download:",
                            file_name=f"portrait_{territoire}_{date}.{fmt}", key=f"dl_{fmt}")
    elif col.button(f"Préparer le {libelle}", icon=":material/slideshow:", key=f"prep_{fmt}"):
        with col.status(f"Construction du {libelle}…", expanded=False) as statut:
            barre_progres = st.progress(0.0)
            st.session_state[cle] = portrait_fichier(territoire, date, fmt,
                                                     lambda k, total: barre_progres.progress((k + 1) / total))
            statut.update(label=f"{libelle} prêt", state="complete")
        st.rerun()

d = diapos[i]
if d.demonstration:
    st.markdown('<p class="diapo-demo">Données de démonstration (fictives, calibrées sur les chiffres publiés)</p>',
                unsafe_allow_html=True)
st.markdown(f'<div class="{"diapo-premiere" if i == 0 else ""}"><p class="diapo-titre">{d.titre}</p>'
            f'<p class="diapo-sous-titre">{d.sous_titre}</p></div>', unsafe_allow_html=True)
if d.figure is not None:
    fig = d.figure.update_layout(height=640, font_size=16)
    st.plotly_chart(fig, config={**graphiques.CONFIG, "topojsonURL": "/app/static/"}, key=f"diapo_{i}")
else:
    st.markdown('<div class="diapo-texte">' + "".join(f"<p>{ligne}</p>" for ligne in d.lignes) + "</div>",
                unsafe_allow_html=True)
st.markdown(f'<p class="diapo-source">{d.source} · {libelle_date(date)} · {choix().territoires[territoire]}</p>',
            unsafe_allow_html=True)
