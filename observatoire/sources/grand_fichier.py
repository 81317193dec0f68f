"""Un fichier CSV officiel trop grand pour être lu en entier (au-delà de ``lecture.TAILLE_MAX`` : le fichier communal
national de la DARES, des centaines de Mo) est d'abord réduit, en flux par DuckDB, aux lignes des communes couvertes ;
l'extrait passe ensuite par la même lecture et la même validation que tout fichier. Seule la ligne de commande
y arrive (le navigateur refuse un dépôt de plus de 50 Mo).

Seules les dispositions où chaque ligne nomme sa commune (``DISPOSITIONS``) sont réduites ; une autre disposition, un
classeur ou un CSV qui n'est pas en UTF-8 garde le refus habituel (« fichier trop volumineux »). Les numéros de
ligne des messages sont ceux de l'extrait, que le nom du fichier dans les messages désigne (« … (extrait : communes
du Nord) »)."""
from __future__ import annotations

from pathlib import Path

import duckdb

from observatoire import couverture, sql
from observatoire.sources.lecture import LIMITE_TEXTE, TAILLE_MAX, ErreurFichier, Tableau, lire_un_de

DISPOSITIONS = {"dares_communes": "code_commune"}  # disposition -> colonne de la commune
TETE = 256 * 1024  # octets lus pour reconnaître l'en-tête


def a_reduire(chemin: Path) -> bool:
    """Un CSV de plus de TAILLE_MAX (un chemin illisible n'en est pas un : la lecture dira pourquoi, en français)."""
    try:
        return chemin.suffix.lower() in (".csv", ".txt") and chemin.is_file() and chemin.stat().st_size > TAILLE_MAX
    except OSError:
        return False


def _tete(chemin: Path, dossier: Path) -> tuple[Path, bytes]:
    """Les premières lignes complètes du fichier (un fichier à part, pour reconnaître sa disposition)."""
    with open(chemin, "rb") as f:
        debut = f.read(TETE)
    debut = debut[:debut.rfind(b"\n") + 1]
    tete = dossier / "tete.csv"
    tete.write_bytes(debut)
    return tete, debut


def lire_entete(chemin: Path, dossier: Path, nom: str, en_tetes: dict[str, list[str]]) -> tuple[str, Tableau, str, str]:
    """(disposition, en-tête lu, séparateur, texte des premières lignes) d'un grand fichier ; ErreurFichier si ce
    n'est pas une disposition que l'on sait lire en grand (``DISPOSITIONS``)."""
    tete, debut = _tete(chemin, dossier)
    try:
        disposition, t = lire_un_de(tete, en_tetes, nom=nom)
    except ErreurFichier:
        disposition, t = None, None
    if disposition not in DISPOSITIONS:
        raise ErreurFichier(f"{nom} : fichier trop volumineux ({chemin.stat().st_size / 1e6:.0f} Mo) ; maximum "
                            f"{LIMITE_TEXTE}, sauf pour un fichier communal de la DARES en CSV.")
    texte = debut.decode("utf-8-sig", errors="replace")
    return disposition, t, ";" if texte.splitlines()[t.ligne_entete - 1].count(";") else ",", texte


def reduire(chemin: Path, dossier: Path, nom: str, en_tetes: dict[str, list[str]]) -> tuple[Path, str, int]:
    """Écrit dans ``dossier`` l'extrait de ``chemin`` limité aux communes de la couverture (l'en-tête et les lignes
    de titre au-dessus gardés tels quels). Renvoie (chemin de l'extrait, nom à citer dans les messages, nombre de
    lignes écartées). ErreurFichier si le fichier ne peut pas être réduit."""
    disposition, t, separateur, texte = lire_entete(chemin, dossier, nom, en_tetes)
    c = couverture.courante()
    noms = [f"c{i}" for i in range(len(t.entetes))]  # les colonnes du fichier, nommées par leur rang
    cellule = sql.nom(f"c{t.index(DISPOSITIONS[disposition])}", noms)
    # code commune en tête de cellule (« 59512 », « 59512 Roubaix ») ; son département : 3 chiffres outre-mer
    code = sql.composer("regexp_extract(trim({cellule}), '^(\\d[\\dAB]\\d{{3}})', 1)", cellule=cellule)
    departement = sql.composer("CASE WHEN {code} LIKE '97%' THEN left({code}, 3) ELSE left({code}, 2) END", code=code)
    # gardées : les communes couvertes et les lignes sans code commune (totaux : la lecture les écarte en les comptant)
    garder = sql.composer("{code} = '' OR list_contains($departements, {departement})", code=code,
                          departement=departement)
    extrait = dossier / "extrait.csv"
    corps = dossier / "corps.csv"
    parametres = {"chemin": str(chemin), "separateur": separateur, "saut": t.ligne_entete, "noms": noms}
    con = duckdb.connect()
    try:
        con.execute(sql.composer(
            "COPY (SELECT * FROM read_csv($chemin, delim=$separateur, header=false, skip=$saut, names=$noms, "
            "all_varchar=true, quote='\"', encoding='utf-8', null_padding=true, strict_mode=false) WHERE {garder}) "
            "TO {corps} (HEADER false, DELIMITER {separateur})", garder=garder, corps=sql.chaine(corps),
            separateur=sql.chaine(separateur)),
                    parametres | {"departements": list(c.departements)})
    except duckdb.Error as e:
        raise ErreurFichier(f"{nom} : CSV illisible pour la réduction aux communes couvertes "
                            f"({str(e).splitlines()[0][:200]}).") from None
    finally:
        con.close()
    entete = "\n".join(texte.splitlines()[:t.ligne_entete]) + "\n"
    with open(extrait, "wb") as sortie:
        sortie.write(entete.encode("utf-8"))
        with open(corps, "rb") as f:
            while bloc := f.read(1 << 20):
                sortie.write(bloc)
    ecartees = _lignes(chemin) - t.ligne_entete - _lignes(corps)
    corps.unlink()
    return extrait, f"{nom} (extrait : ses communes {c.dans})", ecartees


def _lignes(chemin: Path) -> int:
    with open(chemin, "rb") as f:
        return sum(bloc.count(b"\n") for bloc in iter(lambda: f.read(1 << 20), b""))

