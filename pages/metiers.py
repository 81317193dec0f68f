"""Métiers qui recrutent : l'enquête « Besoins en main-d'œuvre » en vigueur (2024 embarquée, plus récente après
``actualiser``) de France Travail pour le bassin
d'emploi du territoire choisi, comparé au Nord et aux Hauts-de-France. Données réelles (pas de démonstration)."""
import streamlit as st

from observatoire import formats
from observatoire.appli.controles import controle, etat_courant
from observatoire.appli.donnees import choix, requete
from observatoire.appli.figures import figure
from observatoire.appli.mentions import avis_bassin, pied_de_page
from observatoire.appli.telechargements import cartouche, graphique, tableau
from observatoire.sorties import graphiques, portrait
from observatoire.sorties.tableaux import Colonne

ANNEE = int(requete("annee_bmo").annee.iloc[0])
SOURCE = f"{portrait.source_bmo(ANNEE)} – Licence Ouverte."
SEUIL_DIFFICULTE = portrait.SEUIL_DIFFICULTE

e = etat_courant()
nom = choix().territoires[e["territoire"]]
st.title(formats.echapper_markdown(f"Métiers qui recrutent – {nom}"))
st.caption(f"Projets de recrutement que les employeurs déclarent pour {ANNEE} (enquête BMO de France Travail, "
           "publiée par bassin d'emploi). Données réelles, indépendantes de la date choisie.")

zones = requete("bmo_zones_territoire", territoire=e["territoire"])
if zones.empty:
    st.info(formats.echapper_markdown(f"L'enquête BMO n'est chargée pour aucune commune de {nom} : France Travail la publie pour toute la "
            "France ; « Actualiser » sur la page Importer des données la télécharge."), icon=":material/info:")
    pied_de_page()
    st.stop()
noms_zones = dict(zip(zones.zone, zones.nom))


def zone_montree(v: str) -> str:
    """La zone demandée si le territoire y est, sinon (« auto », lien d'un autre territoire) son bassin principal."""
    return v if v in noms_zones else zones.zone[0]


zone = zone_montree(controle(
    "selectbox", "zone", "Bassin d'emploi", list(zones.zone), format_func=noms_zones.get, vers_widget=zone_montree,
    help="France Travail publie l'enquête par bassin d'emploi : les chiffres sont ceux de tout le bassin."))
if avis := avis_bassin(zones, zone, e["resolu"]):
    st.info(avis, icon=":material/info:")

cles = requete("bmo_chiffres_cles", zone=zone)
zone_cle, *comparaisons = cles.itertuples()
colonnes = st.columns(3)
for col, titre, mesure, texte in (
        (colonnes[0], "Projets de recrutement", "projets", formats.nombre),
        (colonnes[1], "Jugés difficiles", "part_difficiles", formats.pourcent),
        (colonnes[2], "Saisonniers", "part_saisonniers", formats.pourcent)):
    comparaison = " · ".join(f"{c.nom} : {texte(getattr(c, mesure))}" for c in comparaisons)
    col.metric(titre, texte(getattr(zone_cle, mesure)), border=True,
               help=f"{zone_cle.nom}, {ANNEE}. {SOURCE}")
    col.caption(comparaison)
if zone_cle.cellules_secretes:
    n = zone_cle.cellules_secretes
    unite = formats.accorder(n, "métier") if zone.isdigit() else formats.accorder(n, "couple", "couples") + \
        " métier × bassin"
    st.caption(f"{unite} sous secret statistique (moins de 5 projets{' chacun' if n > 1 else ''}) : "
               f"{'non comptés' if n > 1 else 'non compté'} dans le total. Parts calculées sur les métiers dont "
               "la part est publiée.")

metiers = requete("bmo_metiers", zone=zone, seuil_difficulte=SEUIL_DIFFICULTE)


def a_propos(titre: str, unite: str):
    return cartouche(titre, sources=SOURCE, territoire=f"{noms_zones[zone]} (bassin d'emploi de {nom})",
                     date=f"enquête {ANNEE}", unite=unite)


gauche, droite = st.columns(2)
with gauche:
    st.subheader("Les 10 métiers les plus recherchés")
    graphique(portrait.barres_metiers(metiers), f"bmo_metiers_{zone}", "bmo_top_projets",
              a_propos("Les 10 métiers les plus recherchés", "projets de recrutement"), config={"displayModeBar": False})
with droite:
    st.subheader("Les plus difficiles à recruter")
    dur = metiers[metiers.rang_difficulte <= 10]
    graphique(figure("barres_horizontales", 
        [graphiques.a_la_ligne(m) for m in dur.metier], dur.part_difficiles,
        [f"{formats.pourcent(d, 0)} · {formats.nombre(p)} projets" for p, d in zip(dur.projets, dur.part_difficiles)],
        couleur=graphiques.COULEURS[5], titre_x="% des projets jugés difficiles", plage=[0, 100]),
        f"bmo_difficiles_{zone}", "bmo_top_difficiles",
        a_propos("Les métiers les plus difficiles à recruter", "% des projets jugés difficiles"),
        config={"displayModeBar": False})
    st.caption(f"Métiers d'au moins {SEUIL_DIFFICULTE} projets, classés par part de projets jugés difficiles "
               "par les employeurs.")

st.subheader("Familles de métiers : comparaison avec le département et la région")
familles = requete("bmo_familles", zone=zone)
graphique(figure("barres_groupees", familles, "libelle_famille", "nom_niveau", "part",
                                     titre_x="% des projets de recrutement"),
          f"bmo_familles_{zone}", "bmo_familles",
          a_propos("Familles de métiers (comparaison avec le département et la région)", "% des projets"),
          config={"displayModeBar": False})

st.subheader("Tous les métiers")
tableau(metiers, {
    "metier": Colonne("Métier", largeur=270), "libelle_famille": Colonne("Famille de métiers", largeur=180),
    "projets": Colonne("Projets", "nombre", vide="secret statistique", largeur=105),
    "part_difficiles": Colonne("Difficiles", "pourcent", 0, vide="secret statistique", largeur=105),
    "part_saisonniers": Colonne("Saisonniers", "pourcent", 0, vide="secret statistique", largeur=105),
    "statut": Colonne("Statut", vide="", largeur=105),
}, f"bmo_{ANNEE}_{zone}", "bmo_tableau", a_propos("Projets de recrutement par métier", "projets ; parts en %"),
    height=420)
pied_de_page(SOURCE, "Bassins d'emploi : France Travail, 2021. Traitement : Observatoire de l'emploi.")
