"""Ce qui quitte l'écran : tableaux téléchargés (CSV, Excel) et images des graphiques (PNG, SVG).

Chaque tableau téléchargé porte son cartouche (``tableaux.Cartouche``) : ce que la page dit autour du tableau
— titre, territoire, date, unité, sources, marque de démonstration. La page le décrit une fois, par
``cartouche`` ; les valeurs par défaut sont celles du cadre commun (territoire et date choisis)."""
from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from observatoire import formats, ruptures
from observatoire.appli import figures
from observatoire.appli.controles import etat_courant
from observatoire.appli.donnees import choix, requete
from observatoire.appli.mentions import mention_sources
from observatoire.sorties import tableaux


def cartouche(titre: str, df: pd.DataFrame | None = None, *, indicateurs=None, territoires=None, dates=None,
              sources: str | None = None, unite: str = "", territoire: str | None = None,
              date: str | None = None, evolution_depuis=None) -> tableaux.Cartouche:
    """Le cartouche d'un tableau de la page. ``df`` : ses valeurs (colonne ``demonstration`` lue si présente) ;
    ``indicateurs`` : pour nommer les sources réelles de ces valeurs (requête ``sources_des_valeurs``) ;
    ``sources`` : le texte des sources quand le tableau n'est pas fait de valeurs d'indicateurs ;
    ``evolution_depuis`` : le départ de l'évolution que le tableau montre à une seule date (« un an » : un an
    avant). Une courbe, ou une évolution, qui passe une rupture de série (``ruptures``) le dit."""
    e = etat_courant()
    territoires = list(territoires) if territoires is not None else [e["territoire"]]
    dates = sorted({pd.Timestamp(d) for d in dates}) if dates is not None and len(dates) else [pd.Timestamp(e["date"])]
    demonstration = formats.contient_demo(df)
    if sources is None:
        reelles = requete("sources_des_valeurs", territoires=territoires, indicateurs=[str(i) for i in dict.fromkeys(indicateurs)],
                          dates=[d.date() for d in dates]) if indicateurs is not None else None
        sources = tableaux.sources_du_tableau(mention_sources(",".join(reelles.source)) if reelles is not None else "",
                                              demonstration)
    noms = choix().territoires
    return tableaux.Cartouche(
        titre=titre, territoire=territoire or ", ".join(noms.get(t, t) for t in territoires),
        date=date or ("au " + formats.jour(dates[0]) if len(dates) == 1 else
                      f"du {formats.jour(dates[0])} au {formats.jour(dates[-1])}"),
        sources=sources, demonstration=demonstration, unite=unite,
        rupture=_rupture(indicateurs, dates, evolution_depuis) or "")


def _rupture(indicateurs, dates: list, evolution_depuis) -> str | None:
    if indicateurs is None:
        return None
    debut = evolution_depuis if evolution_depuis is not None else (dates[0] if len(dates) > 1 else None)
    passees = ruptures.depuis([str(i) for i in indicateurs], debut, dates[-1])
    return ruptures.avertissement(passees, "cette évolution" if evolution_depuis is not None else "cette série")


def nommer(nom: str) -> str:
    """Le nom d'un fichier téléchargé : chaque identifiant de territoire (« melt », « 59512 ») remplacé par le nom
    court du territoire (« portrait_Lys-Tourcoing_2026-09-30 » et non « portrait_melt_2026-09-30 »)."""
    noms = choix().noms_courts
    return "_".join(formats.nom_de_fichier(noms[m]) if m in noms else m for m in nom.split("_"))


def boutons(nom: str, csv, xlsx, cle: str, conteneur=st) -> None:
    """Boutons CSV et Excel côte à côte, à leur taille ; fichiers construits au clic (``csv``, ``xlsx`` :
    fonctions sans argument qui renvoient les octets). Télécharger ne relance pas la page (``on_click="ignore"``) :
    une relance remplaçait les fichiers préparés des autres boutons, et un second clic rapide restait sans fin."""
    rangee, nom = conteneur.container(horizontal=True), nommer(nom)
    rangee.download_button("CSV", csv, file_name=f"{nom}.csv", mime="text/csv", icon=":material/download:",
                           on_click="ignore", key=f"{cle}_csv",
                           help="Tableau au format CSV (tableur), avec titre, date et sources")
    rangee.download_button("Excel", xlsx, file_name=f"{nom}.xlsx", icon=":material/download:", on_click="ignore",
                           key=f"{cle}_xlsx", mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           help="Tableau au format Excel, avec titre, date et sources")


SERVICES_OFFICIELS = "DARES, Urssaf, Insee (Melodi), France Travail (BMO)"


def cartouche_des_services(titre: str, suite: str, date: str) -> tableaux.Cartouche:
    """Le cartouche d'un tableau sur l'actualisation depuis les services officiels (pages Importer et Sources) : les
    services, ``suite`` (ce que l'Observatoire y ajoute), la couverture de la base comme territoire."""
    from observatoire import couverture
    return cartouche(titre, sources=f"{SERVICES_OFFICIELS} ; {suite}", territoire=couverture.courante().nom,
                     date=date)


def hauteur_des_lignes(lignes: int, maximum: int) -> int:
    """La hauteur (px) d'un st.dataframe qui montre ses ``lignes`` sans rangées vides dessous (35 px par ligne et
    pour l'en-tête, 3 px de bord), au plus ``maximum`` (au-delà, il défile)."""
    return min(maximum, 35 * (lignes + 1) + 3)


def tableau(df: pd.DataFrame, colonnes: dict[str, tableaux.Colonne], nom: str, cle: str,
            cartouche_: tableaux.Cartouche, conteneur=st, **options) -> None:
    """Le tableau à l'écran (nombres français) et ses téléchargements : les mêmes lignes et les mêmes titres,
    nombres stockés comme nombres, précédés du cartouche."""
    largeurs = {c.titre: st.column_config.Column(width=c.largeur) for c in colonnes.values() if c.largeur}
    conteneur.dataframe(figures.une_fois(tableaux.a_l_ecran, df, colonnes), hide_index=True, width="stretch",
                        column_config=largeurs,
                        **options)
    boutons(nom, lambda: tableaux.en_csv(df, colonnes, cartouche_), lambda: tableaux.en_xlsx(df, colonnes, cartouche_),
            cle, conteneur)


def images(figure, nom: str, cle: str, cartouche_: tableaux.Cartouche) -> None:
    """Téléchargements PNG (impression) et SVG (vectoriel) de ``figure()``, dessinés par Kaleido au clic, avec
    le cartouche dans l'image (titre en haut ; sources, date et marque de démonstration en bas)."""
    from observatoire.sorties.export import image
    rangee, nom = st.container(horizontal=True), nommer(nom)
    rangee.download_button("PNG", lambda: image(figure(), "png", 1400, 800, 2, cartouche_), file_name=f"{nom}.png",
                           mime="image/png", icon=":material/image:", on_click="ignore", key=f"{cle}_png",
                           help="Image du graphique (PNG), avec titre, date et sources")
    rangee.download_button("SVG", lambda: image(figure(), "svg", 1400, 800, 1, cartouche_), file_name=f"{nom}.svg",
                           mime="image/svg+xml", icon=":material/image:", on_click="ignore", key=f"{cle}_svg",
                           help="Image vectorielle du graphique (SVG), avec titre, date et sources")


def graphique(fig, nom: str, cle: str, cartouche_: tableaux.Cartouche, dessine_par_le_serveur: bool = False,
              **options) -> None:
    """Le graphique Plotly (une figure, ou une figure préparée et partagée : ``figures.figure``), nommé pour les
    lecteurs d'écran (titre, territoire, date : observatoire.js le pose), le tableau de ses valeurs (replié), puis
    ses téléchargements en image (titre, sources et marque de démonstration ajoutés à l'image).
    ``dessine_par_le_serveur`` : des courbes en HTML et SVG (``courbes_html``), affichées sans attendre Plotly."""
    from observatoire.sorties import graphiques
    prete = fig if isinstance(fig, figures.Preparee) else figures.Preparee(fig, figures.valeurs_du_graphique(fig))
    fig = prete.figure
    nom_lu = f"Graphique : {cartouche_.titre} – {cartouche_.territoire} – {cartouche_.date}"
    dessin = figures.en_html(prete, nom_lu) if dessine_par_le_serveur else None
    with st.container(key=f"graphique_{cle}"):
        if dessin:
            st.markdown(dessin, unsafe_allow_html=True)
        else:
            st.html(f'<span hidden data-nom-graphique="{html.escape(nom_lu)}"></span>')
            st.plotly_chart(fig, key=cle, config={**graphiques.CONFIG, **options.pop("config", {})}, **options)
    # un vrai tableau HTML, lu ligne à ligne par un lecteur d'écran ; envoyé une fois le panneau ouvert (l'ouvrir
    # relance la page, qui le garde ouvert) : replié, il coûtait 8 à 10 % de chaque exécution d'une page à graphiques
    with st.expander("Valeurs du graphique", key=f"valeurs_{cle}", on_change="rerun") as valeurs:
        if valeurs.open:
            st.table(prete.valeurs, hide_index=True, height=320, alt=f"Valeurs du graphique {cartouche_.titre}")
    images(lambda: fig, nom, cle, cartouche_)


def carte(dessin, nom: str, cle: str, cartouche_: tableaux.Cartouche, on_commune=None,
          format_: float | None = None) -> None:
    """La carte (SVG, sans Plotly) à la hauteur de l'écran moins l'en-tête de la page, au format largeur / hauteur
    de sa colonne (``carto.FORMAT_ECRAN`` par défaut), puis ses téléchargements en image (Plotly et Kaleido, au
    clic)."""
    from observatoire.cartes import carte_svg, carto, figure_plotly
    format_ = format_ or carto.FORMAT_ECRAN
    carte_svg.afficher(dessin, format_, carto.HAUTEUR_ECRAN, cle, on_commune,
                       nom=f"Carte : {cartouche_.titre} – {cartouche_.territoire} – {cartouche_.date}")
    images(lambda: figure_plotly.figure(dessin, format_), nom, cle, cartouche_)
