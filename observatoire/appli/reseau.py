"""Les connexions du serveur sans l'algorithme de Nagle.

Le serveur de Streamlit (uvicorn sous Starlette) lie lui-même sa socket d'écoute (``starlette_server._bind_socket``,
``socket.socket(family)`` : protocole 0). asyncio ne coupe l'algorithme de Nagle (``TCP_NODELAY``) que sur les
sockets dont le protocole est ``IPPROTO_TCP`` : il le laisse donc actif sur chaque connexion acceptée. Sur une
connexion gardée ouverte, une réponse écrite en deux fois (en-têtes, puis corps) attend alors l'accusé de réception
retardé du navigateur, 40 ms : mesuré, 44 ms par fichier après le premier d'une connexion, 1 ms sans Nagle. La
Synthèse demande une trentaine de modules JavaScript (listes de la barre latérale) par les six connexions du
navigateur, et React n'affiche ses chiffres clés qu'une fois ces modules arrivés : ~0,2 s d'attente
(benchmarks/premiere_page_avant_apres.py, docs/performances.md).

Ici la socket d'écoute reçoit ``TCP_NODELAY`` ; Linux le transmet aux connexions qu'elle accepte (pages, fichiers,
websocket)."""
from __future__ import annotations

import socket

from observatoire.appli.page_servie import StreamlitInattendu


def sans_nagle(lier):
    """``lier`` (la fonction de Streamlit qui rend la socket d'écoute), dont la socket coupe l'algorithme de Nagle."""
    def lier_sans_nagle(*args, **kwargs) -> socket.socket:
        sock = lier(*args, **kwargs)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock
    lier_sans_nagle.sans_nagle = True
    return lier_sans_nagle


def installer() -> None:
    """À appeler avant le démarrage du serveur de Streamlit."""
    from streamlit.web.server.starlette import starlette_server
    lier = getattr(starlette_server, "_bind_socket", None)
    if lier is None:
        raise StreamlitInattendu("streamlit.web.server.starlette.starlette_server._bind_socket introuvable : "
                                 "observatoire/appli/reseau.py est à revoir pour cette version de Streamlit.")
    if not getattr(lier, "sans_nagle", False):
        starlette_server._bind_socket = sans_nagle(lier)
