"""Section « Territoires à façon enregistrés pour tous » de la page d'import (qui peut écrire) : enregistrer le
territoire composé, renommer, changer les communes, supprimer, importer un fichier de zonage, tout télécharger."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from observatoire import formats, referentiel
from observatoire.appli.composition import nom_commune
from observatoire.appli.controles import retirer_territoire_des_comparaisons
from observatoire.appli.donnees import apres_ecriture, facons, requete, territoire_de_session
from observatoire.appli.telechargements import cartouche, tableau
from observatoire.imports import enregistres, importer
from observatoire.sorties.tableaux import Colonne
from observatoire.sources import lecture


def _enregistrer_affiche(auteur: str) -> None:
    """Rappel du bouton : le territoire composé affiché devient un territoire enregistré, et le reste à l'écran."""
    t = territoire_de_session(st.session_state["territoire"])  # un rappel : avant le cadre de la page
    try:
        with apres_ecriture():
            (ident,) = enregistres.enregistrer([(t.nom, t.membres)], auteur)
    except importer.ErreurImport as e:
        st.session_state["territoires_message"] = ("erreur", " ".join(e.problemes))
        return
    st.session_state["territoire"] = ident
    retirer_territoire_des_comparaisons()
    st.session_state["territoires_message"] = ("ok", f"« {t.nom} » est enregistré pour tous ({ident}).")


def _ecrire(action, message: str) -> None:
    try:
        with apres_ecriture():
            action()
    except importer.ErreurImport as e:
        st.session_state["territoires_message"] = ("erreur", " ".join(e.problemes))
    else:
        st.session_state["territoires_message"] = ("ok", message)


def section(auteur: str) -> None:
    st.subheader("Territoires à façon enregistrés pour tous")
    st.markdown("Un territoire composé (barre latérale, « Composer un territoire ») ou lu dans un fichier de zonage "
                "s'ajoute ici à la liste des territoires de tout le monde, avec votre nom et la date. Chacun se "
                "télécharge au format `code_commune;territoire`.")
    if message := st.session_state.pop("territoires_message", None):
        (st.success if message[0] == "ok" else st.error)(formats.echapper_markdown(message[1]))
    affiche = {t.territoire: t for t in facons()}.get(st.session_state["territoire"])
    if affiche is not None:
        st.button(f"Enregistrer « {affiche.nom} » pour tous", key="territoires_enregistrer", icon=":material/save:",
                  on_click=_enregistrer_affiche, args=(auteur,), type="primary")
    liste = requete("territoires_enregistres")
    if liste.empty:
        st.caption("Aucun territoire enregistré pour l'instant.")
    else:
        vue = liste.assign(cree=[f"{formats.jour(d)} par {a}" for d, a in zip(liste.date_creation, liste.auteur)],
                           modifie=[f"{formats.jour(d)} par {a}" if pd.notna(d) else "" for d, a in
                                    zip(liste.date_modification, liste.modifie_par)])
        tableau(vue, {"nom": Colonne("Territoire"), "nb_communes": Colonne("Communes", "nombre"),
                      "cree": Colonne("Enregistré le"), "modifie": Colonne("Modifié le"),
                      "territoire": Colonne("Identifiant (lien : ?territoire=…)")},
                "territoires_enregistres", "territoires_liste",
                cartouche("Territoires à façon enregistrés", sources="Observatoire de l'emploi",
                          territoire="territoires enregistrés", date="à ce jour"))
        tous = [referentiel.territoire(t) for t in liste.territoire]
        st.download_button("Tous en un fichier de zonage (code_commune;territoire)", enregistres.en_zonage(tous),
                           file_name="territoires_enregistres.csv", mime="text/csv", icon=":material/download:",
                           on_click="ignore", key="territoires_zonage_tous")
        noms = dict(zip(liste.territoire, liste.nom))
        with st.expander("Renommer, changer les communes ou supprimer un territoire enregistré"):
            ident = st.selectbox("Territoire enregistré", list(noms), format_func=noms.get, key="territoires_choix")
            membres = referentiel.territoire(ident).membres
            nouveau = st.text_input("Nom", value=noms[ident], key=f"territoires_nom_{ident}", max_chars=80)
            communes = st.multiselect("Communes", sorted(referentiel.communes().code_commune), default=list(membres),
                                      format_func=nom_commune, key=f"territoires_communes_{ident}",
                                      filter_mode="contains")
            c1, c2 = st.columns(2)
            if c1.button("Enregistrer les changements", key="territoires_modifier", disabled=not communes,
                         icon=":material/edit:"):
                _ecrire(lambda: enregistres.modifier(ident, auteur, nom=nouveau, membres=tuple(sorted(communes))),
                        f"« {nouveau} » modifié.")
                st.rerun()
            if c2.button("Supprimer ce territoire", key="territoires_supprimer", icon=":material/delete:"):
                _ecrire(lambda: enregistres.supprimer(ident, auteur), f"« {noms[ident]} » supprimé.")
                st.rerun()
    _zonage(auteur)


def _zonage(auteur: str) -> None:
    fichier = st.file_uploader("Importer un fichier de zonage (CSV ou Excel, colonnes code_commune et territoire)",
                               type=["csv", "txt", "xlsx"], key="territoires_fichier", max_upload_size=50)
    if fichier is None:
        return
    if st.session_state.get("territoires_zonage_enregistre") == fichier.file_id:
        st.success(formats.echapper_markdown(f"Les territoires de {fichier.name} sont enregistrés pour tous."),
                   icon=":material/check_circle:")
        return
    with lecture.copie_temporaire(fichier.getvalue(), fichier.name) as (chemin, _):
        try:
            zonage = enregistres.lire_zonage(chemin, fichier.name[:120])
        except importer.ErreurImport as e:
            st.error(f"**Fichier de zonage refusé : {len(e.problemes)} problème(s).** Rien n'a été enregistré.",
                     icon=":material/block:")
            tableau(pd.DataFrame({"probleme": e.problemes}), {"probleme": Colonne("Problème")}, "problemes_zonage",
                    "territoires_problemes", cartouche(f"Problèmes du fichier {fichier.name}", sources="rapport "
                    "d'analyse de l'Observatoire", territoire="fichier déposé", date="au dépôt"))
            return
    st.success(formats.echapper_markdown(
        f"Fichier valide : {formats.accorder(len(zonage.zones), 'territoire')} — "
        + " ; ".join(f"{n} ({formats.accorder(len(m), 'commune')})" for n, m in zonage.zones)),
        icon=":material/check_circle:")
    for a in zonage.avis:
        st.caption(formats.echapper_markdown(a))
    if st.button(f"Enregistrer ces {len(zonage.zones)} territoires pour tous", key="territoires_zonage_confirmer",
                 type="primary", icon=":material/save:"):
        _ecrire(lambda: enregistres.enregistrer(zonage.zones, auteur),
                f"{formats.accorder(len(zonage.zones), 'territoire')} enregistré(s) depuis {fichier.name}.")
        if st.session_state["territoires_message"][0] == "ok":
            st.session_state["territoires_zonage_enregistre"] = fichier.file_id
        st.rerun()
