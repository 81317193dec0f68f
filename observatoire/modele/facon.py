"""Territoires à façon : une liste de communes et un nom, composée dans l'application, partagée par un lien
(``?communes=59512,59599,59650&nom=Roubaix%20Tourcoing%20Wattrelos``), enregistrée pour tous ou importée d'un
fichier de zonage (``code_commune;territoire``).

Un territoire à façon est une valeur (``Facon``) résolue une fois en ``referentiel.Territoire`` (identifiant
``facon-`` + empreinte du nom et des membres : le même identifiant désigne toujours le même territoire) ; les
requêtes le voient comme tout autre territoire grâce à des vues temporaires propres au curseur (``preparer``),
sans rien écrire dans la base : ses chiffres sont la somme de ses communes, avec les mêmes règles (incomplet,
secret, jamais démonstration et réel mêlés).

Lien court : ``communes`` accepte des codes communes, l'identifiant d'un territoire nommé (``mel``,
``mie-roubaisis``…) pour toutes ses communes, et ``-`` devant un code ou un identifiant pour retirer
(``communes=mel,-59350`` : la MEL sans Lille)."""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

from observatoire import referentiel, sql
from observatoire.modele.archive_territoires import TYPE

PREFIXE = "facon-"
NOM_MAX = 80
ELEMENTS_MAX = 5_000  # éléments d'une définition (un lien du Nord entier en compte ~650)
CITES_MAX = 10


@dataclass(frozen=True)
class Facon:
    nom: str
    membres: tuple[str, ...]  # codes communes, triés, sans doublon

    @property
    def ident(self) -> str:
        empreinte = hashlib.sha1(("\0".join((self.nom, *self.membres))).encode()).hexdigest()[:10]
        return PREFIXE + empreinte

    def territoire(self) -> referentiel.Territoire:
        return referentiel.Territoire(self.ident, self.nom, self.nom, TYPE, self.membres,
                                      "Territoire composé dans l'application", f"le territoire « {self.nom} »")


def nettoyer_nom(nom: str | None) -> str:
    """Un nom affichable : sans caractères de contrôle, espaces réduits, au plus NOM_MAX caractères."""
    texte = "".join(c for c in str(nom or "") if unicodedata.category(c)[0] != "C")
    texte = " ".join(texte.split())
    return texte[:NOM_MAX].strip()


def nom_par_defaut(membres: tuple[str, ...]) -> str:
    noms = referentiel.communes().set_index("code_commune").nom
    if len(membres) <= 3:
        return " + ".join(noms[c] for c in membres)
    return f"Territoire composé ({len(membres)} communes)"


def _citer(valeurs: list[str]) -> str:
    texte = ", ".join(f"« {v[:20]} »" for v in valeurs[:CITES_MAX])
    return texte + (f" et {len(valeurs) - CITES_MAX} autres" if len(valeurs) > CITES_MAX else "")


def lire(definition: str, nom: str | None = None) -> tuple[Facon | None, list[str]]:
    """Le territoire d'une définition de lien (``communes`` et ``nom``) et les avis en français sur ce qui a
    été ignoré ou converti. None (avec un avis) si aucune commune valide n'en reste."""
    avis: list[str] = []
    elements = [e.strip() for e in str(definition or "").split(",") if e.strip()]
    if len(elements) > ELEMENTS_MAX:
        avis.append(f"Territoire à façon : {len(elements)} éléments, au plus {ELEMENTS_MAX} ; les suivants sont "
                    "ignorés.")
        elements = elements[:ELEMENTS_MAX]
    connues = set(referentiel.communes().code_commune)
    passage = referentiel.passage_cog()
    nommes = {t.territoire: t for t in referentiel.territoires() if t.membres}
    membres: dict[str, None] = {}
    inconnus, convertis = [], []
    for e in elements:
        retrait = e.startswith("-")
        cle = e.lstrip("-+").strip()
        if cle in nommes:
            codes = nommes[cle].membres
        elif cle in connues:
            codes = (cle,)
        elif cle in passage:
            codes = (passage[cle],)
            convertis.append(f"{cle} → {passage[cle]}")
        else:
            inconnus.append(cle)
            continue
        for c in codes:
            if retrait:
                membres.pop(c, None)
            else:
                membres[c] = None
    if convertis:
        avis.append(f"Territoire à façon : anciens codes convertis au code officiel géographique 2026 : "
                    f"{', '.join(convertis[:CITES_MAX])}.")
    if inconnus:
        avis.append(f"Territoire à façon : code(s) ignoré(s), ni commune du Nord ni territoire connu : "
                    f"{_citer(inconnus)}.")
    if not membres:
        avis.append("Territoire à façon : aucune commune valide dans le lien ; le territoire par défaut est affiché.")
        return None, avis
    codes = tuple(sorted(membres))
    propre = nettoyer_nom(nom)
    if nom is not None and not propre:
        avis.append("Territoire à façon : nom vide ; un nom par défaut est donné.")
    return Facon(propre or nom_par_defaut(codes), codes), avis


def definition_courte(membres: tuple[str, ...]) -> str:
    """La définition de lien la plus courte : les codes, ou un territoire nommé plus ajouts et retraits."""
    meilleure = ",".join(membres)
    ensemble = set(membres)
    for t in referentiel.territoires():
        if not t.membres:
            continue
        ajouts = sorted(ensemble - set(t.membres))
        retraits = sorted(set(t.membres) - ensemble)
        candidate = ",".join([t.territoire, *ajouts, *("-" + r for r in retraits)])
        if len(candidate) < len(meilleure):
            meilleure = candidate
    return meilleure


# --- les vues temporaires d'un curseur ------------------------------------------------------------------------
def preparer(curseur, territoires: tuple[referentiel.Territoire, ...]) -> None:
    """Sur ce curseur seulement (catalogue temporaire DuckDB, jamais écrit dans la base) : ``territoires``,
    ``territoire_communes`` et ``faits_territoires`` comprennent aussi ``territoires``, agrégés par la même
    macro que les autres (agreger_territoires)."""
    if not territoires:
        return
    # la base du curseur, nommée : une vue temporaire « territoires » qui lirait « main.territoires » se lirait elle-même
    base = sql.nom(curseur.execute("SELECT current_database()").fetchone()[0],
                   [r[0] for r in curseur.execute("SELECT database_name FROM duckdb_databases()").fetchall()])
    curseur.execute("CREATE TEMP TABLE facons (territoire VARCHAR, nom VARCHAR, nom_court VARCHAR, type VARCHAR, "
                    "source VARCHAR, nb_communes INTEGER, communes_hors_couverture INTEGER)")
    curseur.executemany("INSERT INTO facons VALUES (?, ?, ?, ?, ?, ?, 0)",
                        [(t.territoire, t.nom, t.nom_court, t.type, t.source, len(t.membres)) for t in territoires])
    curseur.execute("CREATE TEMP TABLE facons_communes (territoire VARCHAR, code_commune VARCHAR)")
    curseur.executemany("INSERT INTO facons_communes VALUES (?, ?)",
                        [(t.territoire, c) for t in territoires for c in t.membres])
    curseur.execute(sql.composer("CREATE TEMP VIEW territoires AS SELECT * FROM {base}.main.territoires "
                                 "UNION ALL SELECT * FROM facons", base=base))
    curseur.execute(sql.composer("CREATE TEMP VIEW territoire_communes AS SELECT * FROM {base}.main.territoire_communes "
                                 "UNION ALL SELECT * FROM facons_communes", base=base))
    curseur.execute(sql.composer(
        "CREATE TEMP VIEW faits_territoires AS SELECT * FROM {base}.main.faits_territoires UNION ALL BY NAME "
        "SELECT *, false AS a_l_echelle, CAST(NULL AS DOUBLE) AS somme_communes "
        "FROM agreger_territoires((SELECT list(territoire) FROM facons), NULL, NULL)", base=base))

