"""Se connecter pour écrire (mode « authentifie ») : la session d'accès et les moyens de connexion."""
from __future__ import annotations

import streamlit as st

from observatoire import formats
from observatoire.appli import acces


def session_acces() -> acces.Session:
    try:
        secrets = st.secrets.to_dict()
    except Exception:  # noqa: BLE001 — pas de .streamlit/secrets.toml : ni OIDC ni comptes
        secrets = {}
    return acces.Session(st.session_state, secrets, st.user)


def auteur_ou_connexion() -> str | None:
    """Qui écrit ; en mode « authentifie », tant que personne n'est connecté : les moyens de se connecter
    (fournisseur d'identité de l'organisation, compte de la liste) et None ; connecté : qui, et « Se déconnecter »."""
    session = session_acces()
    auteur = session.auteur()
    if acces.mode() != "authentifie":
        return auteur
    if auteur is not None:
        rangee = st.container(horizontal=True, vertical_alignment="center")
        rangee.caption(f"Connecté : {formats.echapper_markdown(auteur)} · vos imports et annulations sont signés "
                       "de ce nom dans le journal.")
        oidc = session.oidc and getattr(st.user, "is_logged_in", False)  # sinon : un compte de la liste
        rangee.button("Se déconnecter", icon=":material/logout:", key="acces_deconnexion",
                      on_click=st.logout if oidc else session.deconnecter)
        return auteur
    st.info("Importer ou annuler un import demande d'être connecté. La lecture reste libre.", icon=":material/lock:")
    if session.oidc:
        st.button("Se connecter avec le compte de l'organisation", icon=":material/login:", on_click=st.login,
                  key="acces_oidc", type="primary")
    if session.comptes:
        def connecter():  # rappel : exécuté avant la page, le clic n'est jamais perdu par une relance
            st.session_state["acces.erreur"] = session.connecter(st.session_state.get("acces_nom", ""),
                                                                 st.session_state.get("acces_mot_de_passe", ""))
            st.session_state["acces_mot_de_passe"] = ""
        with st.form("acces_formulaire", width=420):
            st.text_input("Identifiant", key="acces_nom")
            st.text_input("Mot de passe", type="password", key="acces_mot_de_passe")
            st.form_submit_button("Se connecter", icon=":material/key:", on_click=connecter)
            if erreur := st.session_state.pop("acces.erreur", None):
                st.error(erreur, icon=":material/block:")
    if not session.oidc and not session.comptes:
        st.warning("Aucun moyen de connexion n'est configuré sur ce serveur (section [auth] ou [comptes] de "
                   ".streamlit/secrets.toml) : demandez à son administrateur.", icon=":material/warning:")
    return None
