"""Dire un chiffre et d'où il vient : sa valeur ou ce qui l'empêche (secret, incomplet), son évolution,
sa provenance, les sources sous un graphique, la marque de démonstration, le pied de page et la
fraîcheur des données, le commentaire rédigé."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from observatoire import couverture, formats, referentiel, ruptures
from observatoire.appli.donnees import commentaire, fraicheur, instantane, requete
from observatoire.sorties import tableaux
from observatoire.formats import liste


def marque_demo(df: pd.DataFrame) -> None:
    """Bandeau court, visible sur toute page qui montre au moins une valeur de démonstration (colonne
    ``demonstration`` que renvoient les requêtes)."""
    if formats.contient_demo(df):
        st.warning(f"**{formats.DONNEES_DEMO}** ({formats.DEMO_NATURE}) : {formats.DEMO_CONSIGNE}. Voir « Sources et "
                   "méthodes ».", icon=":material/warning:")


def delta(evolution, texte: str, hausse_defavorable: bool = False, neutre: bool = False) -> dict:
    """Arguments de st.metric pour une évolution : flèche et couleur d'après la valeur numérique (Streamlit
    ne reconnaît pas le signe moins typographique « − » des textes français)."""
    if evolution is None or pd.isna(evolution):
        return {"delta": None}
    fleche = "off" if round(float(evolution), 1) == 0 else ("up" if evolution > 0 else "down")
    if neutre or fleche == "off":
        couleur = "gray"
    else:
        favorable = (evolution < 0) if hausse_defavorable else (evolution > 0)
        couleur = "green" if favorable else "red"
    return {"delta": texte, "delta_arrow": fleche, "delta_color": couleur}


@st.cache_data
def _sources() -> dict[str, str]:
    """Source -> « producteur – définition » (formats.mention_source)."""
    return {r.source: formats.mention_source(r.producteur, r.definition) for r in requete("sources").itertuples()}


def mention_sources(sources: str) -> str:
    """« DARES / France Travail – moyenne des trois fins de mois du trimestre, arrondie à 5 » : le producteur de
    chaque source d'un chiffre (liste « a,b » des requêtes) et sa définition, s'il en a une."""
    return formats.mention_sources(sources, _sources())


def series_reelles(reels: pd.DataFrame) -> str:
    """« - MEL : données réelles depuis le 31/03/2024 (DARES…) », une ligne par territoire dont la série a des points
    réels (lignes de queries/series_comparees.sql), noms échappés (un territoire à façon porte le nom qu'on lui
    donne)."""
    lignes = []
    for _, r in reels.groupby("territoire", sort=False):
        genre = "données réelles" if r.statut.eq("ok").any() else "données réelles incomplètes (totaux sans valeur)"
        lignes.append(f"- {formats.echapper_markdown(r.nom_court.iloc[0])} : {genre} depuis le "
                      f"{formats.jour(r.reel_depuis.iloc[0])} ({mention_sources(','.join(r.sources.unique()))})")
    return "\n".join(lignes)


def sources_sous(territoires, indicateurs, dates=None) -> None:
    """Sous un graphique ou un tableau : le producteur et la définition de chaque source réelle de ses valeurs
    (rien si toutes sont de démonstration : la marque de démonstration le dit déjà)."""
    df = requete("sources_des_valeurs", territoires=list(territoires), indicateurs=list(indicateurs),
                 dates=None if dates is None else [pd.Timestamp(d).date() for d in dates])
    if len(df):
        st.caption("Données réelles : " + formats.echapper_markdown(mention_sources(",".join(df.source))) + ".")


def provenance(demonstration: bool, provenances: str, sources: str = "", a_l_echelle: bool = False) -> str:
    """La provenance d'un chiffre, en clair ; un chiffre publié à l'échelle du territoire le dit."""
    texte = formats.nature(demonstration, provenances,
                           mention_sources(sources) if "import" in str(provenances) and sources else "")
    return texte + (" · chiffre publié à l'échelle du territoire, non recalculé depuis ses communes"
                    if a_l_echelle else "")


def chiffre(valeur, statut: str, manquantes: int, evolution: dict, hors_couverture: int = 0) -> dict:
    """Arguments de st.metric : le nombre et son évolution (``delta``), ou ce qui l'empêche, court pour tenir dans
    la carte à 1366 px, détaillé dessous : « secret » (une commune au moins est sous secret statistique) ou
    « incomplet » (un total auquel il manque des communes, et combien)."""
    if statut == "ok" and pd.notna(valeur):
        return {"value": formats.nombre(valeur), **evolution}
    gris = {"delta_arrow": "off", "delta_color": "gray"}
    if statut == "secret":
        return {"value": "secret", "delta": formats.absence("secret"), **gris}
    if n := int(manquantes or 0):
        dehors = int(hors_couverture or 0)
        hors = couverture.courante().hors  # « hors du Nord »
        texte = (f"{formats.accorder(n, 'commune')} {hors}" if dehors == n else
                 f"{formats.accorder(n, 'commune')} sans valeur" + (f", dont {dehors} {hors}" if dehors else ""))
        return {"value": "incomplet", "delta": texte, **gris}
    return {"value": formats.absence(None), "delta": None}


def annoncer_series_vides(territoire: referentiel.Designe) -> None:
    """Une phrase, en tête de page, quand des séries n'ont aucun chiffre pour le territoire (hors du Nord, rien
    n'est inventé) : lesquelles, et comment les remplir. Rien dans le Nord, que le panel de démonstration couvre."""
    vides = requete("sources_sans_valeur", territoire=referentiel.ident(territoire))
    if vides.empty:
        return
    t = referentiel.territoire(territoire)
    st.info(formats.echapper_markdown(
        f"Aucun chiffre n'est encore chargé pour {t.designation} en {liste(list(vides.series_a_charger))} : "
        "importez ces fichiers (page Importer) ou actualisez depuis les services officiels ; l'observatoire "
        "n'invente aucun chiffre hors du Nord."), icon=":material/database:")


def pied_de_page(*sources: str) -> None:
    pied = st.container(key="pied_de_page")
    pied.divider()
    pied.caption(fraicheur())
    pied.caption(" · ".join(sources) if sources else
                 f"Sources : {tableaux.SOURCES_GENERALES}. Contours : IGN – ADMIN EXPRESS 2018. Traitement : Observatoire de "
                 "l'emploi.")


def afficher_commentaire(territoire: referentiel.Territoire, date: str) -> None:
    paragraphes = commentaire(instantane(), territoire, date)
    if paragraphes:
        st.subheader("Le point sur la demande d'emploi")
        with st.container(border=True):
            for p in paragraphes:
                st.markdown(formats.echapper_markdown(p))
            st.caption("Texte écrit automatiquement à partir des chiffres ci-dessus (règles : « stable » sous 1 %, "
                       "profil qui se distingue à 3 points de l'ensemble ou en sens contraire).")


def signaler_ruptures(passees: list, quoi: str = "cette évolution", pluriel: bool = False, cle: str = "rupture") -> None:
    """À côté d'une évolution ou d'une courbe qui passe une rupture de série : la phrase d'avertissement, et ce qui a
    changé (repliable ; la part mécanique quand une source la chiffre). Rien sinon."""
    if not passees:
        return
    with st.container(key=f"{cle}_de_serie"):
        st.warning(formats.echapper_markdown(ruptures.avertissement(passees, quoi, pluriel)),
                   icon=":material/timeline:")
        with st.expander("Ce qui a changé"):
            for texte in ruptures.explication(passees):
                st.markdown(formats.echapper_markdown(texte))


def avis_bassin(zones: pd.DataFrame, zone: str, t: referentiel.Territoire) -> str | None:
    """Ce que couvrent les chiffres BMO montrés (``zones`` : lignes de queries/bmo_zones_territoire.sql) : un
    territoire sur plusieurs bassins dit quelle part de sa population habite celui montré ; un territoire dans un
    seul bassin, que les chiffres sont ceux de tout le bassin. Rien pour un département ou pour le bassin lui-même."""
    bassins = zones[zones.niveau == "bassin"]
    if t.territoire in set(zones.territoire[zones.niveau == "departement"]) or zone not in set(bassins.zone):
        return None
    ligne = zones[zones.zone == zone].iloc[0]
    montre = referentiel.territoire(ligne.territoire).designation
    if len(bassins) > 1:
        return formats.echapper_markdown(
            f"{formats.majuscule(t.designation)} s'étend sur {len(bassins)} bassins d'emploi ; "
            f"{formats.pourcent(ligne.part_population, 0)} de sa population habite {montre}. Changez de bassin ci-dessus.")
    if ligne.territoire != t.territoire:
        return formats.echapper_markdown(f"Chiffres de tout {montre}, dont {t.nom} fait partie.")
    return None
