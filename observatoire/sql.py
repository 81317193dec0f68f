"""Composer une instruction SQL sans y insérer de texte venu d'ailleurs.

Les valeurs sont toujours liées (``$nom`` ou ``?``). Ce qui ne peut pas l'être — le nom d'une table ou d'une colonne,
le fichier qu'écrit ``COPY … TO``, le début d'une séquence, la requête d'un fichier ``.sql`` du paquet — passe par
``composer``, qui n'accepte que des morceaux ``Sur`` faits par les fonctions de ce module :

- ``nom(x, permis)`` : un identifiant pris dans une liste fixe du code (jamais une saisie), entre guillemets ;
- ``marques(noms, permis)`` : les marques ``$a, $b`` de paramètres liés nommés d'une liste fixe ;
- ``entier(n)`` : un entier ;
- ``chaine(texte)`` : une chaîne entre apostrophes, apostrophes doublées (un chemin de fichier temporaire) ;
- ``fichier(chemin)`` : le texte d'un fichier ``.sql`` livré avec le paquet ;
- ``joindre(morceaux)`` : des morceaux sûrs séparés par des virgules ;
- ``composer`` lui-même : son résultat est sûr et se compose à son tour.

``tests/test_architecture.py`` refuse toute f-string ou ``.format`` qui écrit du SQL ailleurs qu'ici.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path

PAQUET = Path(__file__).resolve().parent


class Sur(str):
    """Un morceau de SQL fait par ce module (nom permis, entier, chaîne échappée, fichier du paquet)."""


class MorceauRefuse(ValueError):
    pass


def nom(x: str, permis: Collection[str]) -> Sur:
    """« faits_territoires » -> ``"faits_territoires"``, si ``x`` est dans ``permis`` (une liste fixe du code)."""
    if x not in permis:
        raise MorceauRefuse(f"Nom SQL refusé : « {x} » n'est pas dans la liste permise.")
    return Sur('"' + x.replace('"', '""') + '"')


def marques(noms: Iterable[str], permis: Collection[str]) -> Sur:
    """« $import_id, $fichier, … » : les marques des paramètres liés nommés ``noms`` (une liste fixe du code)."""
    noms = list(noms)
    refuses = [x for x in noms if x not in permis or not x.isidentifier()]
    if refuses:
        raise MorceauRefuse(f"Paramètre SQL refusé : « {refuses[0]} ».")
    return Sur(", ".join("$" + x for x in noms))


def entier(n: int) -> Sur:
    if isinstance(n, bool) or int(n) != n:
        raise MorceauRefuse(f"Entier SQL refusé : « {n} ».")
    return Sur(str(int(n)))


def chaine(texte: str | Path) -> Sur:
    """Une chaîne littérale : ``'…'``, chaque apostrophe doublée (aucune ne peut fermer la chaîne)."""
    return Sur("'" + str(texte).replace("'", "''") + "'")


def fichier(chemin: Path) -> Sur:
    """La requête d'un fichier ``.sql`` livré avec le paquet (jamais un fichier venu d'ailleurs)."""
    chemin = Path(chemin).resolve()
    if chemin.suffix != ".sql" or PAQUET not in chemin.parents:
        raise MorceauRefuse(f"Fichier SQL refusé : « {chemin} » n'est pas une requête du paquet.")
    return Sur(chemin.read_text(encoding="utf-8"))


def joindre(morceaux: Iterable[Sur], separateur: str = ", ") -> Sur:
    morceaux = list(morceaux)
    _verifier(dict(enumerate(morceaux)))
    return Sur(separateur.join(morceaux))


def composer(modele: str, **morceaux: Sur) -> Sur:
    """``modele`` (une constante du code) où chaque ``{clé}`` reçoit un morceau sûr ; accolades littérales doublées."""
    _verifier(morceaux)
    return Sur(modele.format(**morceaux))


def _verifier(morceaux: dict) -> None:
    for cle, m in morceaux.items():
        if not isinstance(m, Sur):
            raise MorceauRefuse(f"Morceau SQL « {cle} » refusé : seul un morceau fait par observatoire.sql s'insère "
                                "dans une requête ; une valeur se lie ($nom).")
