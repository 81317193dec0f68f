"""Territoires à façon enregistrés pour tous : ajouter (territoire composé ou fichier de zonage), renommer,
changer les communes, supprimer. Chaque changement est publié d'un coup (publication.ecriture, comme un
import : les lecteurs ne voient jamais une liste à moitié écrite), archivé dans
``data/imports/territoires/enregistres.json`` (avant la publication) et rejoué par ``build``.

Fichier de zonage : ``code_commune;territoire`` (CSV ou XLSX, une ligne par commune et par zone ; plusieurs
zones par fichier), lu avec les mêmes limites que tout fichier déposé (observatoire.sources.lecture) ; un ancien code
commune est converti par la table de passage du COG et l'avis le dit."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from observatoire import couverture, referentiel, valeurs
from observatoire.imports.importer import ErreurImport, ecriture
from observatoire.modele import base, facon
from observatoire.modele.archive_territoires import archive, inserer, lignes, retirer
from observatoire.sources.lecture import ErreurFichier, lire

COLONNES_ZONAGE = ["code_commune", "territoire"]
PREFIXE = "perso-"


def _ecrire(quoi: str, changer) -> None:
    """Applique ``changer(con)`` sur la copie de travail, recalcule les agrégats, archive, publie. Sans transaction :
    DuckDB refuse de supprimer un territoire dont les communes ont été retirées dans la même transaction (limite
    de ses clés étrangères) ; la copie n'est publiée qu'une fois tout fait, un échec la jette."""
    with ecriture(quoi) as con:
        avant = _membres_enregistres(con)
        changer(con)
        apres = _membres_enregistres(con)
        base.rafraichir_territoires(con, sorted(t for t in avant.keys() | apres.keys() if avant.get(t) != apres.get(t)))
        archive().parent.mkdir(parents=True, exist_ok=True)
        archive().write_text(json.dumps(lignes(con), ensure_ascii=False, indent=1), encoding="utf-8")


def _membres_enregistres(con) -> dict[str, tuple[str, ...]]:
    """Territoire enregistré -> ses communes (pour ne recalculer que les agrégats de ceux qui changent)."""
    return dict(con.execute("SELECT territoire, list(code_commune ORDER BY code_commune) FROM territoire_communes "
                            "WHERE territoire IN (SELECT territoire FROM territoires_enregistres) GROUP BY ALL")
                .fetchall())


def _prochain(con) -> int:
    n = con.execute("SELECT max(CAST(substr(territoire, $debut) AS INTEGER)) FROM territoires_enregistres",
                    {"debut": len(PREFIXE) + 1}).fetchone()[0]
    return (n or 0) + 1


def enregistrer(zones: list[tuple[str, tuple[str, ...]]], auteur: str) -> list[str]:
    """Enregistre des territoires (nom, communes) ; un nom déjà enregistré voit ses communes remplacées.
    Renvoie leurs identifiants."""
    idents: list[str] = []
    quand = datetime.now().replace(microsecond=0)

    def changer(con):
        existants = dict(con.execute("SELECT nom, territoire FROM territoires_enregistres").fetchall())
        n = _prochain(con)
        for nom, membres in zones:
            if nom in existants:
                ident = existants[nom]
                cree = con.execute("SELECT auteur, date_creation FROM territoires_enregistres WHERE territoire = ?",
                                   [ident]).fetchone()
                retirer(con, ident)
                inserer(con, {"territoire": ident, "nom": nom, "auteur": cree[0], "date_creation": cree[1],
                               "modifie_par": auteur, "date_modification": quand, "membres": membres})
            else:
                ident, n = f"{PREFIXE}{n}", n + 1
                inserer(con, {"territoire": ident, "nom": nom, "auteur": auteur, "date_creation": quand,
                               "membres": membres})
            idents.append(ident)

    _ecrire(f"enregistrement de territoires par {auteur}", changer)
    return idents


def modifier(ident: str, auteur: str, nom: str | None = None, membres: tuple[str, ...] | None = None) -> None:
    """Renomme un territoire enregistré et/ou remplace ses communes."""
    quand = datetime.now().replace(microsecond=0)

    def changer(con):
        ligne = con.execute("SELECT nom, auteur, date_creation FROM territoires_enregistres WHERE territoire = ?",
                            [ident]).fetchone()
        if ligne is None:
            raise ErreurImport([f"Territoire enregistré « {ident} » inconnu."])
        anciens = tuple(r[0] for r in con.execute("SELECT code_commune FROM territoire_communes WHERE territoire = ? "
                                                  "ORDER BY code_commune", [ident]).fetchall())
        nouveau_nom = facon.nettoyer_nom(nom) if nom is not None else ligne[0]
        if not nouveau_nom:
            raise ErreurImport(["Le nom d'un territoire ne peut pas être vide."])
        retirer(con, ident)
        inserer(con, {"territoire": ident, "nom": nouveau_nom, "auteur": ligne[1], "date_creation": ligne[2],
                       "modifie_par": auteur, "date_modification": quand, "membres": membres or anciens})

    _ecrire(f"modification du territoire {ident} par {auteur}", changer)


def supprimer(ident: str, auteur: str) -> None:
    def changer(con):
        if con.execute("SELECT 1 FROM territoires_enregistres WHERE territoire = ?", [ident]).fetchone() is None:
            raise ErreurImport([f"Territoire enregistré « {ident} » inconnu."])
        retirer(con, ident)

    _ecrire(f"suppression du territoire {ident} par {auteur}", changer)


def territoires(con) -> list[referentiel.Territoire]:
    """Les territoires enregistrés, en valeurs du référentiel (cartes, commentaire, portrait)."""
    return [referentiel.Territoire(t["territoire"], t["nom"], t["nom"], facon.TYPE, tuple(t["membres"]),
                                   f"Enregistré par {t['auteur']}", f"le territoire « {t['nom']} »")
            for t in lignes(con)]


# --- fichiers de zonage ----------------------------------------------------------------------------------------
@dataclass
class Zonage:
    zones: list[tuple[str, tuple[str, ...]]]  # (nom, communes)
    avis: list[str] = field(default_factory=list)  # conversions de codes, noms raccourcis


def lire_zonage(chemin: Path, nom: str | None = None) -> Zonage:
    """Lit et valide un fichier ``code_commune;territoire`` ; ErreurImport avec tous les problèmes."""
    nom = nom or chemin.name
    try:
        t = lire(chemin, COLONNES_ZONAGE, nom=nom)
    except ErreurFichier as e:
        raise ErreurImport([str(e)]) from None
    i_code, i_zone = t.index("code_commune"), t.index("territoire")
    connues = set(referentiel.communes().code_commune)
    passage = referentiel.passage_cog()
    problemes, avis, zones, vus = [], [], {}, {}
    for ligne, cel in t.lignes:
        try:  # « 59512 », 59512.0 d'un tableur, « 2285 » sans son zéro : le lecteur commun des codes
            code = valeurs.code_commune(cel[i_code], {})
        except valeurs.ValeurInvalide:
            code = str(cel[i_code] if cel[i_code] is not None else "").strip()
        brut = str(cel[i_zone] if cel[i_zone] is not None else "")
        zone = facon.nettoyer_nom(brut)
        if not zone:
            problemes.append(f"{t.ou(ligne, i_zone)} : nom de territoire vide.")
            continue
        if len(" ".join(brut.split())) > facon.NOM_MAX:
            avis.append(f"{t.ou(ligne, i_zone)} : nom raccourci à {facon.NOM_MAX} caractères (« {zone} »).")
        if code in passage and code not in connues:
            avis.append(f"{t.ou(ligne, i_code)} : ancien code {code} converti en {passage[code]} (code officiel "
                        "géographique 2026).")
            code = passage[code]
        if code not in connues:
            hors = len(code) == 5 and code[:2].isdigit() and not couverture.courante().couvre(code)
            problemes.append(f"{t.ou(ligne, i_code)} : « {code[:20]} » " + (
                "est une commune hors des départements couverts (Nord)." if hors else
                "n'est pas un code commune du code officiel géographique (5 caractères, ex. 59512)."))
            continue
        if (code, zone) in vus:
            problemes.append(f"{t.ou(ligne, i_code)} : commune {code} déjà dans « {zone} » (ligne {vus[(code, zone)]}).")
            continue
        vus[(code, zone)] = ligne
        zones.setdefault(zone, []).append(code)
    if not zones and not problemes:
        problemes.append(f"{nom} : aucune ligne sous l'en-tête.")
    if problemes:
        raise ErreurImport(problemes[:50] + ([f"{nom} : et {len(problemes) - 50} autres problèmes."]
                                             if len(problemes) > 50 else []))
    return Zonage([(z, tuple(sorted(c))) for z, c in zones.items()], avis)


def en_zonage(territoires_: list[referentiel.Territoire]) -> bytes:
    """Le fichier ``code_commune;territoire`` (UTF-8 avec BOM, ``;``) de ces territoires ; un nom qui commence
    par = + - @ est précédé d'une apostrophe (jamais une formule dans un tableur)."""
    sortie = io.StringIO()
    w = csv.writer(sortie, delimiter=";", lineterminator="\r\n")
    w.writerow(COLONNES_ZONAGE)
    for t in territoires_:
        nom = "'" + t.nom if t.nom[:1] in "=+-@\t\r" else t.nom
        w.writerows((c, nom) for c in t.membres)
    return "\ufeff".encode() + sortie.getvalue().encode("utf-8")
