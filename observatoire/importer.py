"""Import de fichiers réels (complété plus loin)."""


def rejouer(con) -> None:
    return None
