"""Qui peut écrire (importer, annuler) depuis le navigateur. Un réglage, la variable d'environnement
``OBSERVATOIRE_MODE`` :

- ``local`` (défaut) : un ordinateur, une personne ; tout est permis, les écritures sont signées « local » ;
- ``public`` : des visiteurs lisent ; aucune écriture depuis le navigateur, la page d'import n'existe pas ;
- ``authentifie`` : lire est libre ; importer ou annuler demande d'être connecté, soit par le fournisseur
  d'identité de l'organisation (OpenID Connect, ``st.login`` de Streamlit, section ``[auth]`` de
  ``.streamlit/secrets.toml``), soit par un compte de la liste ``[comptes]`` du même fichier (empreintes argon2,
  ajoutées par ``python -m observatoire compte NOM``).

Les écritures en ligne de commande (import, annulation, build) restent réservées à qui a accès au serveur."""
from __future__ import annotations

import logging
import os
import re
import time
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MODES = ("local", "public", "authentifie")
ESSAIS_MAX, ATTENTE = 5, 60  # après 5 mots de passe faux dans une session : une minute d'attente
journal = logging.getLogger("observatoire")
_hacheur = PasswordHasher()


def mode() -> str:
    """Le mode réglé ; une valeur inconnue donne le plus prudent (public), signalé au journal du serveur."""
    m = os.environ.get("OBSERVATOIRE_MODE", "local").strip().lower()
    if m not in MODES:
        journal.error("OBSERVATOIRE_MODE=%r inconnu (attendu : %s) : mode public.", m, ", ".join(MODES))
        return "public"
    return m


def hacher(mot_de_passe: str) -> str:
    return _hacheur.hash(mot_de_passe)


def nom_de_compte_valide(nom: str) -> bool:
    """2 à 64 lettres, chiffres, « . », « _ », « @ » ou « - »."""
    return re.fullmatch(r"[A-Za-z0-9._@-]{2,64}", nom) is not None


def enregistrer_compte(secrets, nom: str, mot_de_passe: str) -> bool:
    """Ajoute (ou remplace) le compte ``nom`` de la liste [comptes] du fichier de secrets de Streamlit : l'empreinte
    argon2 du mot de passe, jamais le mot de passe ; fichier lisible de son seul propriétaire. Renvoie True s'il
    existait déjà."""
    import tomlkit  # seulement pour la commande « compte » : pas au démarrage de l'application
    chemin = Path(secrets)
    doc = tomlkit.parse(chemin.read_text(encoding="utf-8")) if chemin.exists() else tomlkit.document()
    if "comptes" not in doc:
        doc["comptes"] = tomlkit.table()
    deja = nom in doc["comptes"]
    doc["comptes"][nom] = hacher(mot_de_passe)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_text(tomlkit.dumps(doc), encoding="utf-8")
    chemin.chmod(0o600)
    return deja


def verifier(empreinte: str, mot_de_passe: str) -> bool:
    try:
        return _hacheur.verify(empreinte, mot_de_passe)
    except (VerificationError, InvalidHashError):
        return False


class Session:
    """Connexion d'une session Streamlit (``etat`` : st.session_state ; ``secrets`` : st.secrets ;
    ``utilisateur`` : st.user). Séparé de Streamlit pour être testé sans navigateur."""

    def __init__(self, etat, secrets, utilisateur):
        self.etat, self.secrets, self.utilisateur = etat, secrets, utilisateur

    @property
    def oidc(self) -> bool:
        """Un fournisseur OpenID Connect est-il configuré (section [auth]) ?"""
        return "auth" in self.secrets

    @property
    def comptes(self) -> dict[str, str]:
        return dict(self.secrets.get("comptes", {}))

    def auteur(self) -> str | None:
        """Qui écrirait maintenant : « local », l'adresse (ou l'identifiant) OIDC, le nom de compte ; None si
        personne n'a le droit d'écrire."""
        m = mode()
        if m == "local":
            return "local"
        if m == "public":
            return None
        if self.oidc and getattr(self.utilisateur, "is_logged_in", False):
            return str(self.utilisateur.get("email") or self.utilisateur.get("sub"))
        return self.etat.get("acces.compte")

    def connecter(self, nom: str, mot_de_passe: str) -> str | None:
        """Vérifie un compte de la liste ; renvoie un message d'erreur français, ou None si connecté."""
        attente = self.etat.get("acces.bloque_jusqua", 0) - time.monotonic()
        if attente > 0:
            return f"Trop d'essais : réessayez dans {int(attente) + 1} s."
        empreinte = self.comptes.get(nom.strip())
        if empreinte is not None and verifier(empreinte, mot_de_passe):
            self.etat["acces.compte"] = nom.strip()
            self.etat["acces.essais"] = 0
            journal.info("Connexion du compte %s", nom.strip())
            return None
        essais = self.etat.get("acces.essais", 0) + 1
        self.etat["acces.essais"] = essais
        journal.warning("Mot de passe refusé pour %r (%d essai(s))", nom, essais)
        if essais >= ESSAIS_MAX:
            self.etat["acces.essais"] = 0
            self.etat["acces.bloque_jusqua"] = time.monotonic() + ATTENTE
            return f"Identifiant ou mot de passe incorrect. Trop d'essais : réessayez dans {ATTENTE} s."
        return "Identifiant ou mot de passe incorrect."

    def deconnecter(self) -> None:
        self.etat.pop("acces.compte", None)
