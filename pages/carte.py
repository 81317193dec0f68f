"""Carte des communes : un indicateur et une mesure, classés, sur le territoire choisi ; dans la MEL, la couche
des quartiers IRIS (recensement 2019)."""
import streamlit as st

from observatoire import formats, ruptures
from observatoire.appli import composition
from observatoire.appli.controles import choisir_indicateur, controle, etat_courant, selectionner_commune
from observatoire.appli.donnees import choix, requete
from observatoire.appli.etat import libelles
from observatoire.appli.figures import une_fois
from observatoire.appli.mentions import marque_demo, pied_de_page, signaler_ruptures, sources_sous
from observatoire.appli.telechargements import carte, cartouche, hauteur_des_lignes, tableau
from observatoire.cartes import carte_departements, carto, carto_iris, classement, etendues
from observatoire.formats import echapper_markdown
from observatoire.sorties.tableaux import Colonne

LARGEURS = {"communes": 0.75, "departements": 1.4, "iris": 0.55}  # place de chaque bouton du découpage (colonnes)
e = etat_courant()
c = choix()
titre_page = st.empty()
couches = ["communes"] + (["departements"] if carte_departements.disponible() else []) + (
    ["iris"] if not requete("iris_territoire", territoire=e["territoire"], mesure="population").empty else [])
# sur un téléphone, les commandes passent sous la carte (observatoire/interface/observatoire.css) : la carte d'abord
col = st.container(key="carte_commandes").columns(
    ([0.4 + sum(LARGEURS[x] for x in couches)] if len(couches) > 1 else []) + [2, 2, 1.3, 1.5])
couche = (controle("segmented_control", "couche", "Découpage", couches, col[0], format_func=libelles("carte", "couche").get,
                   help="Départements : un par département de la base, ceux d'une région ou tous. Quartiers IRIS : "
                        "environ 2 000 habitants, recensement 2019 (communes de la MEL).")
          if len(couches) > 1 else "communes")
col = col[1:] if len(couches) > 1 else col
methodes = libelles("carte", "classes")
methode = controle("selectbox", "classes", "Classes", list(methodes), col[1], format_func=methodes.get)
k = int(controle("select_slider", "nb_classes", "Nombre de classes", list(libelles("carte", "nb_classes")), col[2]))

if couche == "iris":
    mesures = requete("iris_mesures").set_index("mesure")
    m = controle("selectbox", "iris", "Mesure (recensement 2019)", list(mesures.index), col[0],
                 format_func=mesures.libelle_court.get)
    titre_page.title(formats.echapper_markdown(f"Carte des quartiers – {mesures.libelle_court[m]} – {c.territoires[e['territoire']]}"))
    df = requete("iris_territoire", territoire=e["territoire"], mesure=m)
    unite = mesures.unite[m]
    titre = mesures.libelle_court[m] + (" (%)" if unite == "%" else " (habitants)")
    classes = classement.classer(df.valeur, carto_iris.MESURE_CARTO[unite], methode, k)
    quartiers = cartouche(f"Quartiers IRIS – {titre}", sources=carto_iris.ATTRIBUTION, date="recensement 2019",
                          unite="%" if unite == "%" else "habitants")
    gauche, droite = st.container(key="carte_corps").columns([1.9, 1.5])
    with gauche:
        carte(carto_iris.dessin(df, unite, classes, titre), f"iris_{m}_{e['territoire']}", "carte_iris", quartiers,
              format_=carto_iris.FORMAT_ECRAN)
        st.caption(f"{mesures.libelle[m]} · {carto_iris.ATTRIBUTION}. Comptages pondérés du recensement, "
                   "arrondis à l'affichage.")
    with droite:
        st.markdown(f"**{echapper_markdown(c.territoires[e['territoire']])}** – {len(df)} quartiers IRIS classés")
        colonnes = {"rang": Colonne("Rang", "nombre", largeur=48),
                    "nom_iris": Colonne("Quartier (IRIS)", largeur=None if df.code_commune.nunique() == 1 else 150),
                    "commune": Colonne("Commune", largeur=122),
                    "valeur": Colonne(mesures.libelle_court[m], "pourcent" if unite == "%" else "nombre",
                                      1 if unite == "%" else 0, largeur=72)}
        if df.code_commune.nunique() == 1:
            del colonnes["commune"]
        tableau(df, colonnes,
                f"iris_{m}_{e['territoire']}", "carte_iris_tableau", quartiers, height=520)
    pied_de_page(f"Source : {carto_iris.ATTRIBUTION}. Traitement : Observatoire de l'emploi.")
    st.stop()

titre_page.title(formats.echapper_markdown(f"Carte – {c.indicateurs[e['indicateur']]} – {c.territoires[e['territoire']]}"))
mesures = libelles("carte", "mesure")
mesure = controle("selectbox", "mesure", "Mesure", list(mesures), col[0], format_func=mesures.get)
date_base = controle("selectbox", "base", "Base 100 au", c.dates[::-1], col[3], format_func=formats.jour,
                     disabled=mesure != "indice")
titre = mesures[mesure] + (f" ({formats.jour(date_base)})" if mesure == "indice" else "")
genre = "pourcent" if mesure in ("part", "evolution_pct") else "nombre"
# le départ de l'évolution que montre la mesure : une rupture de série passée est dite à côté de la carte
depuis = {"evolution": "un an", "evolution_pct": "un an", "indice": date_base}.get(mesure)
passees = ruptures.depuis(e["indicateur"], depuis, e["date"])

if couche == "departements":
    gauche, droite = st.container(key="carte_corps").columns([2.6, 1])
    region = carte_departements.region_montree(controle(
        "selectbox", "region", "Région", c.regions, droite,
        format_func=lambda r: carte_departements.libelle(r, e["territoire"])), e["territoire"])
    zone = carte_departements.nom_zone(region)
    titre_page.title(f"Carte des départements – {c.indicateurs[e['indicateur']]} – {zone}")
    df = requete("carte_departements", region=region, territoire=e["territoire"], indicateur=e["indicateur"],
                 date=e["date"], date_base=date_base, mesure=mesure)
    if df.mesure.notna().sum() == 0:
        st.info("Aucun département de cette zone n'a de valeur pour cet indicateur, cette mesure et cette date : "
                "choisissez une autre date, une autre mesure ou un autre indicateur, ou importez les fichiers "
                "de ces départements (page « Importer des données »).")
        st.stop()
    marque_demo(df)
    signaler_ruptures(passees, cle="carte")
    classes = classement.classer(df.mesure, mesure, methode, k)
    a_propos = cartouche(f"{c.indicateurs[e['indicateur']]} – {titre}", df, indicateurs=[e["indicateur"]],
                         territoires=list(df.territoire), territoire=f"Départements – {zone}", evolution_depuis=depuis)
    with gauche:
        carte(carte_departements.dessin(df, mesure, classes, titre), f"carte_departements_{e['indicateur']}_{e['date']}",
              "carte", a_propos, on_commune=selectionner_commune)
        st.caption(f"Au {formats.jour(e['date'])} · sélectionnez un département (clic, toucher ou Entrée) pour le choisir comme territoire"
                   + (f" · population : {df.millesime.dropna().iloc[0]}" if df.millesime.notna().any() else "")
                   + carte_departements.precision_outre_mer(df, region) + ".")
    with droite:
        st.markdown(f"**Départements – {echapper_markdown(zone)}** – {df.mesure.notna().sum()} classés")
        tableau(df, {"nom": Colonne("Département", largeur=100), "mesure": Colonne(titre, genre, classement.DECIMALES[mesure],
                                                                        mesure in classement.DIVERGENTES, largeur=80),
                     "rang": Colonne("Rang", "nombre", largeur=48)},
                f"carte_departements_{e['indicateur']}_{region or 'base'}_{e['date']}", "carte_tableau", a_propos,
                height=520)
    pied_de_page()
    st.stop()

avis = st.container()  # la marque de démonstration, au-dessus de la carte et du tableau
gauche, droite = st.container(key="carte_corps").columns([2.6, 1])
# dans une base de plusieurs départements : les communes autour du territoire, ou toutes celles de sa région
offertes = etendues.offertes(e["resolu"])
vue = offertes[controle("selectbox", "etendue", "Communes montrées", list(offertes), droite,
                        format_func=lambda x: offertes[x].libelle,
                        help="Toute la région : chaque commune de la région, au niveau de détail d'une carte de région.")
               if len(offertes) > 1 else "zone"]
if vue.region:
    titre_page.title(formats.echapper_markdown(f"Carte des communes – {c.indicateurs[e['indicateur']]} – {vue.nom}"))
df = requete("carte_communes", zone=vue.zone, region=vue.region, territoire=e["territoire"],
             indicateur=e["indicateur"], date=e["date"], date_base=date_base, mesure=mesure)
with avis:
    if df.mesure.notna().sum() == 0:  # la carte reste dessinée, chaque commune « non disponible »
        proposes = requete("indicateurs_avec_valeur", territoire=e["territoire"])
        st.info("Pas de valeur pour cet indicateur, cette mesure et cette date : les communes sont dessinées sans "
                "couleur (« non disponible »). Choisissez une autre date ou une autre mesure (la part n'existe que "
                "pour les indicateurs qui ont un total de référence)"
                + (", ou l'un des indicateurs qui ont des valeurs ici :" if len(proposes) else "."),
                icon=":material/info:")
        rangee = st.container(horizontal=True)
        for p in proposes.head(6).itertuples():
            rangee.button(p.libelle, key=f"carte_propose_{p.indicateur}", on_click=choisir_indicateur,
                          args=(p.indicateur,), icon=":material/swap_horiz:")
    marque_demo(df)
    signaler_ruptures(passees, cle="carte")

classes = classement.classer(df.mesure, mesure, methode, k)
a_propos = cartouche(f"{c.indicateurs[e['indicateur']]} – {titre}", df, indicateurs=[e["indicateur"]],
                     territoires=vue.sources,
                     territoire=f"Communes – {vue.nom}" if vue.region else c.territoires[e["territoire"]],
                     evolution_depuis=depuis)
with gauche:
    composer = st.toggle("Composer un territoire en cliquant", key="carte_composer",
                         help="Chaque clic (ou Entrée sur une commune) l'ajoute au territoire en composition, ou l'en "
                              "retire ; son contour est tracé en framboise. Nommez-le dans la barre latérale.")
    if composer:
        en_cours = composition.en_cours()
        rangee = st.container(horizontal=True, vertical_alignment="center")
        rangee.caption("Territoire en composition : " + (composition.resume(list(en_cours)) if en_cours else
                                                          "sélectionnez une commune sur la carte pour commencer."))
        rangee.button("Afficher ce territoire", key="carte_composer_afficher", on_click=composition.afficher,
                      disabled=not en_cours, icon=":material/check:")
    carte(une_fois(carto.dessin, df, e["resolu"], mesure, classes, titre, composition.en_cours() if composer else (),
                   vue),
          f"carte_{e['indicateur']}_{e['date']}", "carte", a_propos,
          on_commune=composition.basculer_depuis_carte if composer else selectionner_commune)
    st.caption(f"Au {formats.jour(e['date'])} · " + ("sélectionnez une commune pour l'ajouter ou la retirer" if composer
                                                      else "sélectionnez une commune (clic, toucher ou Entrée) pour la choisir comme territoire")
               + f" · population : {df.millesime.dropna().iloc[0]}.")
    sources_sous(vue.sources, [e["indicateur"]], [e["date"]])
with droite:
    membres = df[df.membre]
    par_territoire = len(membres) > 1 and not vue.region  # sinon : toutes les communes montrées, classées
    if vue.region:
        st.markdown(f"**{echapper_markdown(vue.nom)}** – {formats.nombre(df.mesure.notna().sum())} communes classées")
    else:
        st.markdown(f"**{echapper_markdown(c.territoires[e['territoire']])}** – "
                    + ("communes classées" if par_territoire else f"communes de la zone ({vue.nom})"))
    lignes = membres if par_territoire else df
    tableau(lignes,
            {"nom": Colonne("Commune", largeur=100), "mesure": Colonne(titre, genre, classement.DECIMALES[mesure],
                                                                      mesure in classement.DIVERGENTES, largeur=80),
             ("rang" if par_territoire else "rang_zone"): Colonne("Rang", "nombre", largeur=48)},
            f"carte_{e['indicateur']}_{vue.zone if vue.region else e['territoire']}_{e['date']}", "carte_tableau",
            a_propos, height=hauteur_des_lignes(len(lignes), 520))  # trois communes : trois lignes, pas treize vides
pied_de_page()
