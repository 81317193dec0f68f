"""Téléchargement depuis un service officiel : délai borné, nouvelles tentatives bornées, taille bornée, et une
``ErreurReseau`` en français pour tout ce qui n'est pas une réponse complète et exploitable.

Nouvelle tentative (au plus ``ESSAIS`` en tout) sur : connexion refusée ou coupée, délai dépassé, HTTP 429
(en respectant ``Retry-After``, plafonné à ``ATTENTE_MAX`` secondes) et 5xx (attente ``ATTENTE`` × 2^n). Refus
sans nouvelle tentative : 4xx (sauf 429 ; 404 est rendu à l'appelant), page HTML ou corps vide au lieu
de données, téléchargement tronqué (moins d'octets que ``Content-Length``), réponse plus grande que
``lecture.TAILLE_MAX``."""
from __future__ import annotations

import time
from dataclasses import dataclass

import requests

from observatoire.sources.lecture import LIMITE_TEXTE, TAILLE_MAX

ESSAIS = 4
ATTENTE = 2.0  # secondes avant la 2ᵉ tentative, doublées ensuite
ATTENTE_MAX = 60.0  # plafond d'un Retry-After
DELAI = (10.0, 120.0)  # connexion, lecture (secondes)
AGENT = "observatoire-emploi/1.0 (actualiser)"


class ErreurReseau(Exception):
    """Ce qui n'allait pas, en français (sans la source ni le jeu : l'appelant les ajoute)."""


@dataclass
class Reponse:
    statut: int
    contenu: bytes = b""


def _attente(reponse: requests.Response | None, essai: int) -> float:
    if reponse is not None and reponse.headers.get("Retry-After", "").strip().isdigit():
        return min(float(reponse.headers["Retry-After"]), ATTENTE_MAX)
    return ATTENTE * 2 ** essai


def _corps(r: requests.Response) -> bytes:
    """Le corps entier, refusé s'il dépasse TAILLE_MAX ou s'il est plus court que Content-Length annoncé."""
    morceaux, taille = [], 0
    for morceau in r.iter_content(1 << 16):
        taille += len(morceau)
        if taille > TAILLE_MAX:
            raise ErreurReseau(f"réponse de plus de {LIMITE_TEXTE}, refusée")
        morceaux.append(morceau)
    corps = b"".join(morceaux)
    annonce = r.headers.get("Content-Length", "")
    if annonce.isdigit() and "Content-Encoding" not in r.headers and len(corps) < int(annonce):
        raise ErreurReseau(f"téléchargement tronqué ({len(corps)} octets reçus sur {int(annonce)} annoncés)")
    return corps


def _verifier(corps: bytes, r: requests.Response) -> None:
    debut = corps[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not debut:
        raise ErreurReseau("réponse vide au lieu des données")
    if debut.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or "text/html" in r.headers.get(
            "Content-Type", ""):
        raise ErreurReseau("le service a renvoyé une page HTML au lieu des données (page d'erreur ou de maintenance)")


def obtenir(url: str, params: dict | None = None) -> Reponse:
    """GET ``url`` ; renvoie la réponse 200 vérifiée, ou 404 telle quelle ; ErreurReseau sinon."""
    derniere = ""
    for essai in range(ESSAIS):
        r = None
        try:
            r = requests.get(url, params=params, headers={"User-Agent": AGENT}, timeout=DELAI,
                             stream=True)
            with r:
                if r.status_code == 404:
                    return Reponse(404)
                if r.status_code == 429 or r.status_code >= 500:
                    derniere = ("le service refuse pour l'instant (HTTP 429, trop de requêtes)" if r.status_code == 429
                                else f"erreur du service (HTTP {r.status_code})")
                elif r.status_code != 200:
                    raise ErreurReseau(f"réponse HTTP {r.status_code} ({r.reason or 'refus'}) à {r.url}")
                else:
                    corps = _corps(r)
                    _verifier(corps, r)
                    return Reponse(200, corps)
        except requests.exceptions.ConnectTimeout:
            derniere = "délai de connexion dépassé"
        except requests.exceptions.ReadTimeout:
            derniere = f"délai dépassé : pas de réponse en {DELAI[1]:.0f} s"
        except requests.exceptions.ConnectionError as e:
            derniere = ("téléchargement interrompu avant la fin" if "IncompleteRead" in str(e) or
                        "Connection broken" in str(e) else "connexion impossible (service injoignable ou refusé)")
        except requests.exceptions.ChunkedEncodingError:
            derniere = "téléchargement interrompu avant la fin"
        except requests.exceptions.RequestException as e:
            raise ErreurReseau(f"requête impossible ({type(e).__name__})") from None
        if essai + 1 < ESSAIS:
            time.sleep(_attente(r, essai))
    raise ErreurReseau(f"{derniere} ; abandon après {ESSAIS} tentatives")
