"""Les connexions que le serveur accepte n'attendent pas l'accusé de réception retardé du navigateur (algorithme
de Nagle coupé) ; une mise à jour de Streamlit qui lierait autrement sa socket est vue au démarrage."""
from __future__ import annotations

import socket

import pytest
from streamlit.web.server.starlette import starlette_server

from observatoire.appli import page_servie, reseau


def nagle_coupe_sur_une_connexion_acceptee(lier) -> bool:
    ecoute = lier("127.0.0.1", 0, 8)
    ecoute.setblocking(True)
    try:
        with socket.create_connection(ecoute.getsockname()[:2]):
            acceptee, _ = ecoute.accept()
            with acceptee:
                return acceptee.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
    finally:
        ecoute.close()


def test_streamlit_seul_laisse_nagle_sur_ses_connexions():
    """Le défaut corrigé : la socket de Streamlit (protocole 0) qu'asyncio ne règle pas."""
    assert not nagle_coupe_sur_une_connexion_acceptee(starlette_server._bind_socket)


def test_connexions_acceptees_sans_nagle(monkeypatch):
    monkeypatch.setattr(starlette_server, "_bind_socket", starlette_server._bind_socket)
    reseau.installer()
    reseau.installer()  # une seconde installation n'enveloppe pas deux fois
    assert starlette_server._bind_socket.sans_nagle
    assert nagle_coupe_sur_une_connexion_acceptee(starlette_server._bind_socket)


def test_streamlit_qui_lie_autrement_refuse(monkeypatch):
    monkeypatch.delattr(starlette_server, "_bind_socket")
    with pytest.raises(page_servie.StreamlitInattendu, match="_bind_socket"):
        reseau.installer()
