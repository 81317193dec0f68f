"""Importer des données : déposer un fichier officiel, lire le rapport de validation, confirmer, annuler."""
import pandas as pd
import streamlit as st

from observatoire import formats
from observatoire.appli.connexion import auteur_ou_connexion
from observatoire.appli.controles import etat_courant
from observatoire.appli.donnees import apres_ecriture, choix, curseur, fraicheur, requete
from observatoire.appli.gestion_territoires import section as section_territoires
from observatoire.appli.mentions import pied_de_page
from observatoire.appli.telechargements import cartouche, cartouche_des_services, hauteur_des_lignes, tableau
from observatoire.imports import actualiser, importer
from observatoire.sorties.tableaux import Colonne
from observatoire.sources import lecture, services
from observatoire.sources.lecture import TAILLE_MAX


etat_courant()
st.title("Importer des données")
auteur = auteur_ou_connexion()
if auteur is None:
    pied_de_page()
    st.stop()
st.subheader("Mettre à jour depuis les sources officielles")
st.markdown(
    "Télécharge les derniers chiffres publiés par la DARES (demandeurs d'emploi par commune, zone d'emploi et "
    "département), l'Urssaf (emploi salarié), l'Insee (Melodi : population, créations d'entreprises) et France "
    "Travail (enquête BMO), pour le Nord. Chaque jeu est validé comme un fichier déposé et importé en entier ou "
    "pas du tout ; un jeu qui n'a pas changé n'est pas réimporté. Le serveur le fait aussi chaque semaine.")
st.caption(fraicheur())
if st.button("Mettre à jour depuis les sources officielles", type="primary", icon=":material/sync:",
             key="actualiser"):
    jeux_par_service = {s: [j for j in services.jeux() if j.service == s] for s in services.NOMS}
    barres = {s: st.progress(0.0, text=f"{services.NOMS[s]} : en attente") for s in jeux_par_service}

    def progres(jeu, rang, total):
        faits = jeux_par_service[jeu.service].index(jeu)
        barres[jeu.service].progress(faits / len(jeux_par_service[jeu.service]),
                                     text=formats.echapper_markdown(f"{services.NOMS[jeu.service]} : {jeu.identifiant}…"))
        for s, jeux in jeux_par_service.items():  # les services d'avant sont terminés
            if list(services.NOMS).index(s) < list(services.NOMS).index(jeu.service):
                barres[s].progress(1.0, text=f"{services.NOMS[s]} : terminé")

    with apres_ecriture():
        resultats = actualiser.actualiser(progres=progres)
    for s in jeux_par_service:
        barres[s].progress(1.0, text=f"{services.NOMS[s]} : terminé")
    st.session_state["actualisation"] = resultats
if resultats := st.session_state.get("actualisation"):
    echecs = [r for r in resultats if r.etat == "échec"]
    (st.warning if echecs else st.success)(
        formats.echapper_markdown(f"Actualisation : {actualiser.resume(resultats)}."),
        icon=":material/sync_problem:" if echecs else ":material/check_circle:")
    tableau(pd.DataFrame([(r.jeu.nom, r.etat, r.message) for r in resultats], columns=["jeu", "etat", "message"]),
            {"jeu": Colonne("Jeu"), "etat": Colonne("Résultat"), "message": Colonne("Détail")},
            "rapport_actualisation", "actualisation_rapport",
            cartouche_des_services("Rapport d'actualisation depuis les sources officielles", "contrôles de "
                                   "l'Observatoire", "à l'actualisation"))

st.subheader("Déposer un fichier")
st.markdown(
    "Déposez un fichier officiel (CSV ou Excel). **Rien n'est écrit avant votre confirmation**, et un fichier "
    "qui contient la moindre erreur est refusé en entier. Format long : colonnes `code_commune`, `indicateur`, "
    "`date`, `valeur` (et `statut`, `source` facultatives). Tableau large (une ligne par commune) : ajoutez "
    "le mapping YAML qui dit quelle colonne est quel indicateur (voir le README). Les valeurs importées "
    "remplacent les données de démonstration pour les indicateurs et les dates qu'elles couvrent.")

col1, col2 = st.columns(2)
fichier = col1.file_uploader("Fichier (CSV, XLSX)", type=["csv", "txt", "xlsx"], key="import_fichier",
                             max_upload_size=TAILLE_MAX // 1_000_000)
mapping = col2.file_uploader("Mapping YAML (tableaux larges seulement)", type=["yaml", "yml"], key="import_mapping")

if fichier is not None:
    nom, nom_mapping = (None if f is None else f.name if len(f.name) <= 120 else f.name[:119] + "…"
                        for f in (fichier, mapping))  # noms affichés dans les messages, 120 caractères au plus
    contenu_mapping = mapping.getvalue() if mapping is not None else None
    # analysé une fois par fichier déposé (pas à chaque changement de la barre latérale), copie effacée aussitôt
    cle = (fichier.file_id, mapping.file_id if mapping is not None else None)
    if st.session_state.get("import_analyse", (None,))[0] != cle:
        with lecture.copie_temporaire(fichier.getvalue(), fichier.name, contenu_mapping) as (chemin, chemin_mapping):
            try:
                resultat = importer.analyser(chemin, chemin_mapping, nom=nom, nom_mapping=nom_mapping)
            except importer.ErreurImport as e:
                resultat = e
        st.session_state["import_analyse"] = (cle, resultat)
    resultat = st.session_state["import_analyse"][1]
    if isinstance(resultat, importer.ErreurImport):
        st.error(f"**Fichier refusé : {len(resultat.problemes)} problème(s).** La base n'a pas été modifiée. "
                 "Corrigez le fichier puis déposez-le à nouveau.", icon=":material/block:")
        tableau(pd.DataFrame({"probleme": resultat.problemes}), {"probleme": Colonne("Problème")},
                "problemes_import", "import_problemes",
                cartouche(f"Problèmes du fichier {fichier.name}", sources="rapport d'analyse de l'Observatoire",
                          territoire="fichier déposé", date="au dépôt"))
    else:
        rapport = resultat
        st.success("Fichier valide : " + formats.echapper_markdown(rapport.resume()), icon=":material/check_circle:")
        st.markdown("\n".join("- " + formats.echapper_markdown(ligne) for ligne in rapport.lecture()))
        noms = choix()
        apercu = rapport.apercu(noms.territoires, noms.indicateurs)
        st.dataframe(apercu, hide_index=True, width="stretch", height=hauteur_des_lignes(len(apercu), 240))
        with curseur() as c:
            effets = importer.consequences(c, rapport)
        (st.warning if len(effets.totaux_incomplets) else st.info)(effets.resume(), icon=":material/info:")
        if len(effets.totaux_incomplets):
            with st.expander(f"Totaux qui deviendront incomplets ({len(effets.totaux_incomplets)})"):
                tableau(effets.totaux_incomplets.assign(date=effets.totaux_incomplets.date.map(formats.jour)),
                        {"nom": Colonne("Territoire"), "libelle": Colonne("Indicateur"), "date": Colonne("Date"),
                         "apres": Colonne("Après l'import"),
                         "communes_sans_valeur": Colonne("Communes sans valeur", "nombre"),
                         "nb_communes": Colonne("Sur", "nombre")},
                        "totaux_incomplets", "import_totaux_incomplets",
                        cartouche("Totaux qui deviendront incomplets", sources="rapport d'analyse de l'Observatoire",
                                  territoire="territoires concernés", date="dates concernées"))
        if len(effets.demonstration):
            with st.expander("Valeurs de démonstration qui disparaîtront"):
                tableau(effets.demonstration.assign(date=effets.demonstration.date.map(formats.jour)),
                        {"libelle": Colonne("Indicateur"), "date": Colonne("Date"),
                         "remplacees": Colonne("Remplacées par l'import", "nombre"),
                         "retirees_sans_remplacement": Colonne("Retirées sans remplacement", "nombre")},
                        "demonstration_retiree", "import_demonstration",
                        cartouche("Valeurs de démonstration qui disparaîtront", sources="rapport d'analyse de "
                                  "l'Observatoire", territoire="territoires concernés", date="dates concernées"))
        if st.button("Confirmer l'import", type="primary", icon=":material/upload:", key="import_confirmer"):
            try:
                with apres_ecriture(), lecture.copie_temporaire(
                        fichier.getvalue(), fichier.name, contenu_mapping) as (chemin, chemin_mapping):
                    r = importer.importer(chemin, chemin_mapping, nom=nom, par=auteur, nom_mapping=nom_mapping)
            except importer.ErreurImport as e:
                st.error(formats.echapper_markdown(" ".join(e.problemes)), icon=":material/block:")
            else:
                st.success(f"Import n°{r.import_id} enregistré : {formats.accorder(len(r.valeurs), 'valeur')}. Toutes les pages "
                           "affichent désormais ces chiffres.", icon=":material/check_circle:")

section_territoires(auteur)

st.subheader("Journal des imports")
if message := st.session_state.pop("import_message", None):
    st.success(message, icon=":material/undo:")
journal = requete("journal_imports")
if journal.empty:
    st.caption("Aucun import pour l'instant : toutes les séries sont celles du panel de démonstration.")
else:
    vue = journal.assign(
        quand=[formats.horodatage(d) for d in journal.date_import],
        etat=[f"annulé le {formats.horodatage(d)} par {p}" if a else "actif"
              for a, d, p in zip(journal.annule, journal.date_annulation, journal.annule_par.fillna("?"))])
    tableau(vue, {"import_id": Colonne("N°", "nombre"), "fichier": Colonne("Fichier"),
                  "lignes": Colonne("Valeurs", "nombre"), "quand": Colonne("Importé le"), "par": Colonne("Par"),
                  "etat": Colonne("État"),
                  "sha256": Colonne("Empreinte SHA-256")}, "journal_imports", "import_journal",
            cartouche("Journal des imports", sources="journal de l'Observatoire de l'emploi", territoire="tous territoires",
                      date="tous imports"))
    actifs = journal[~journal.annule]
    if not actifs.empty:
        c1, c2 = st.columns([2, 1])
        choix_import = c1.selectbox("Import à annuler", list(actifs.import_id), key="import_annuler_choix",
                                    format_func=lambda i: f"n°{i} – {actifs.set_index('import_id').fichier[i]}")
        c2.write("")
        if c2.button("Annuler cet import", icon=":material/undo:", key="import_annuler"):
            with apres_ecriture():
                importer.annuler(int(choix_import), par=auteur)
            st.session_state["import_message"] = (f"Import n°{choix_import} annulé : les valeurs précédentes "
                                                  "sont rétablies.")
            st.rerun()
pied_de_page()
