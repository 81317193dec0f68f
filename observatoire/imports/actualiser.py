"""Actualiser depuis les services officiels : chaque jeu de ``data/sources_officielles.csv`` est téléchargé
(``services``, ``reseau``), puis importé par le chemin des fichiers déposés (validation complète, journal
avec ``par`` = « actualiser », archive du fichier reçu, publication d'un coup). Un jeu est un import : s'il
échoue, les autres restent importés et la base n'a rien reçu de lui.

Rien de nouveau, rien d'écrit : un jeu Opendatasoft dont la date de mise à jour (``modified``) est celle du
dernier import n'est pas retéléchargé ; un contenu identique (même SHA-256) à un import actif n'est pas
réimporté ; une enquête BMO plus récente que celle en vigueur est cherchée par son nom de fichier."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Callable

import pandas as pd

from observatoire import chemins, couverture, formats
from observatoire.imports import importer
from observatoire.imports.importer import ErreurImport, Rapport
from observatoire.modele import base, publication
from observatoire.sources import bmo, lecture, reseau, services
from observatoire.sources.lecture import ErreurFichier
from observatoire.sources.services import Jeu

PAR = "actualiser"
PAGES_MELODI_MAX = 50


@dataclass
class Resultat:
    jeu: Jeu
    etat: str  # « importé », « rien de nouveau », « essai », « échec »
    message: str
    import_id: int | None = None
    change: str = ""  # ce que l'import ajoute (« 2 trimestres ajoutés (2025-T1, 2025-T2) »)

    def ligne(self) -> str:
        return f"{self.jeu.nom} : {self.message}"


@dataclass
class Recu:
    """Ce qu'un service a renvoyé pour un jeu, prêt à importer."""
    nom: str           # nom du fichier pour le lecteur (« dares_defm_communales-brutes.csv »)
    contenu: bytes     # fichier lu par l'import
    brut: tuple[str, bytes]  # (extension, octets) tels que reçus, archivés
    url: str
    modifie: str | None = None


class RienDeNouveau(Exception):
    pass


def periode(jeu: Jeu, d: date) -> str:
    """« 2025-T1 » pour un jeu trimestriel, « 2024 » pour un jeu annuel (dont le fichier communal de la DARES, la
    moyenne du 4e trimestre de chaque année)."""
    return f"{d.year}-T{(d.month - 1) // 3 + 1}" if jeu.frequence == "trimestrielle" else str(d.year)


def periode_lisible(service: str, d: date) -> str:
    """« T4 2025 » pour la DARES (trimestres), « 2024 » sinon."""
    return f"T{(d.month - 1) // 3 + 1} {d.year}" if service == "dares" else str(d.year)


def _date_iso(texte: str) -> date:
    try:
        return date.fromisoformat(texte[:10])
    except ValueError:
        return date.today()


# --- téléchargement, par service ---------------------------------------------------------------------------
def _opendatasoft(con, jeu: Jeu) -> Recu:
    meta = reseau.obtenir(services.metadonnees(jeu))
    if meta.statut == 404:
        raise reseau.ErreurReseau("jeu introuvable chez le service (HTTP 404) : son identifiant a-t-il changé ?")
    try:
        modifie = json.loads(meta.contenu).get("metas", {}).get("default", {}).get("modified")
    except (ValueError, AttributeError):
        raise reseau.ErreurReseau("métadonnées du jeu illisibles (du JSON était attendu)") from None
    dernier = base.requete(con, "dernier_import_du_jeu", jeu=jeu.jeu)
    if modifie and len(dernier) and dernier.modifie.iloc[0] == modifie:
        raise RienDeNouveau(f"rien de nouveau (jeu inchangé depuis le {formats.jour(_date_iso(modifie))})")
    url, params = services.export_csv(jeu)
    r = reseau.obtenir(url, params)
    if r.statut != 200:
        raise reseau.ErreurReseau(f"export indisponible (HTTP {r.statut})")
    return Recu(f"{jeu.identifiant}.csv", r.contenu, (".csv", r.contenu), services.en_adresse(url, params), modifie)


def _melodi(con, jeu: Jeu) -> Recu:
    pages, urls = [], []
    for departement in couverture.courante().departements:
        url, params = services.melodi(jeu, departement)
        suivante: str | None = services.en_adresse(url, params)
        while suivante and len(pages) < PAGES_MELODI_MAX:
            r = reseau.obtenir(suivante)
            if r.statut != 200:
                raise reseau.ErreurReseau(f"jeu introuvable chez le service (HTTP {r.statut}) : son identifiant "
                                          "a-t-il changé ?")
            pages.append(r.contenu)
            urls.append(suivante)
            try:
                suivante = (json.loads(r.contenu).get("paging") or {}).get("next")
            except (ValueError, AttributeError):
                suivante = None  # melodi_en_csv dira que la réponse est illisible
    try:
        contenu = services.melodi_en_csv(pages)
    except services.FormatInattendu as e:
        raise reseau.ErreurReseau(str(e)) from None
    brut = pages[0] if len(pages) == 1 else b"[" + b",".join(pages) + b"]"
    return Recu(f"{jeu.identifiant}.csv", contenu, (".json", brut), urls[0])


def _bmo(con, jeu: Jeu) -> Recu:
    en_vigueur = int(base.requete(con, "annee_bmo").annee.iloc[0])
    for annee in range(date.today().year + 1, en_vigueur, -1):
        url = services.classeur_bmo(annee)
        r = reseau.obtenir(url)
        if r.statut == 200:
            try:
                classeur = bmo.classeur_de_l_archive(r.contenu, url.rsplit("/", 1)[-1]) if url.endswith(".zip") \
                    else r.contenu
            except ErreurFichier as e:
                raise ErreurImport([str(e)]) from None
            return Recu(f"Base_open_data_BMO_{annee}.xlsx", classeur, ("." + url.rsplit(".", 1)[-1], r.contenu), url)
    raise RienDeNouveau(f"rien de nouveau (l'enquête {en_vigueur} est la plus récente publiée)")


TELECHARGER: dict[str, Callable] = {"dares": _opendatasoft, "urssaf": _opendatasoft, "melodi": _melodi,
                                    "bmo": _bmo}


# --- lecture et import -------------------------------------------------------------------------------------
def _rapport(recu: Recu) -> Rapport:
    with lecture.copie_temporaire(recu.contenu, recu.nom) as (chemin, _):
        if recu.nom.endswith(".xlsx"):
            try:
                df = bmo.lire_classeur(chemin, recu.nom, couverture.courante().regions)
            except ErreurFichier as e:
                raise ErreurImport([str(e)]) from None
            return Rapport(recu.nom, hashlib.sha256(recu.contenu).hexdigest(), [], disposition="enquête BMO",
                           bmo=df)
        return importer.analyser(chemin, nom=recu.nom)


def _ce_qui_change(con, jeu: Jeu, rapport: Rapport) -> str:
    if rapport.bmo is not None:
        return f"enquête {rapport.bmo.annee.iloc[0]} ajoutée ({formats.accorder(len(rapport.bmo), 'ligne')})"
    avant = set(pd.to_datetime(base.requete(con, "periodes_importees_du_jeu", jeu=jeu.jeu).date).dt.date)
    recues = {v.date for v in rapport.valeurs}
    nouvelles = sorted({periode(jeu, d) for d in recues - avant})
    unite = "trimestre" if jeu.frequence == "trimestrielle" else "millésime"
    if nouvelles:
        verbe = "ajouté" if len(nouvelles) == 1 else "ajoutés"
        return f"{formats.accorder(len(nouvelles), unite)} {verbe} ({', '.join(nouvelles)})"
    return (f"valeurs révisées, aucune période nouvelle (jusqu'à "
            f"{periode(jeu, max(recues)) if recues else '—'})")


def _un_jeu(jeu: Jeu, essai: bool, par: str) -> Resultat:
    if not chemins.base().exists():
        base.construire()
    with base.connecter(chemin=publication.chemin_de_lecture()) as con:  # l'instantané publié à cet instant
        recu = TELECHARGER[jeu.service](con, jeu)
        sha = hashlib.sha256(recu.contenu).hexdigest()
        deja = base.requete(con, "import_actif_de_meme_contenu", empreinte=sha)
        if len(deja):
            raise RienDeNouveau(f"rien de nouveau (contenu identique à l'import n°{deja.import_id.iloc[0]})")
        rapport = _rapport(recu)
        change = _ce_qui_change(con, jeu, rapport)
    if essai:
        return Resultat(jeu, "essai", f"{change} — essai (--dry-run) : rien n'a été écrit", change=change)
    r = importer.enregistrer(rapport, par, origine={"jeu": jeu.jeu, "url": recu.url, "modifie": recu.modifie},
                             brut=recu.brut)
    return Resultat(jeu, "importé", f"{change} (import n°{r.import_id})", r.import_id, change)


def actualiser(services_choisis: list[str] | None = None, essai: bool = False, par: str = PAR,
               progres: Callable[[Jeu, int, int], None] | None = None) -> list[Resultat]:
    """Actualise chaque jeu des services choisis (tous par défaut) ; ``progres(jeu, rang, total)`` est appelé
    avant chacun. Ne lève jamais : chaque échec devient un Resultat « échec » au message en français."""
    choisis = [j for j in services.jeux() if not services_choisis or j.service in services_choisis]
    resultats = []
    for rang, jeu in enumerate(choisis):
        if progres:
            progres(jeu, rang, len(choisis))
        try:
            resultats.append(_un_jeu(jeu, essai, par))
        except RienDeNouveau as e:
            resultats.append(Resultat(jeu, "rien de nouveau", str(e)))
        except reseau.ErreurReseau as e:
            resultats.append(Resultat(jeu, "échec", f"{e}. Rien de ce jeu n'a été importé."))
        except ErreurImport as e:
            detail = " ".join(e.problemes[:5]) + (f" (et {len(e.problemes) - 5} autres)" if len(e.problemes) > 5
                                                  else "")
            resultats.append(Resultat(jeu, "échec", f"fichier reçu refusé : {detail} Rien de ce jeu n'a été "
                                                    "importé (la disposition du fichier a-t-elle changé ?)."))
        except Exception as e:  # jamais de trace Python : l'échec d'un jeu est dit, les autres continuent
            resultats.append(Resultat(jeu, "échec", f"erreur inattendue ({type(e).__name__}). Rien de ce jeu n'a "
                                                    "été importé."))
    return resultats


def resume(resultats: list[Resultat]) -> str:
    """« DARES : 2 trimestres ajoutés (2025-T1, 2025-T2) ; Urssaf : 1 millésime ajouté (2024) », « rien de
    nouveau », suivi du nombre de jeux en échec."""
    par_service: dict[str, list[str]] = {}
    for r in resultats:
        if r.etat in ("importé", "essai") and r.change not in par_service.get(r.jeu.service, []):
            par_service.setdefault(r.jeu.service, []).append(r.change)
    texte = " ; ".join(f"{services.NOMS[s]} : {' / '.join(c)}" for s, c in par_service.items()) or "rien de nouveau"
    echecs = sum(r.etat == "échec" for r in resultats)
    essai = " (essai : rien n'a été écrit)" if any(r.etat == "essai" for r in resultats) else ""
    return texte + essai + (f" — {formats.accorder(echecs, 'jeu', 'jeux')} en échec" if echecs else "")


def fraicheur(con) -> str | None:
    """« Données à jour au 12/01/2026 — DARES : T4 2025 ; Urssaf : 2024 ; BMO : 2025 » (dernière actualisation
    réussie, période la plus récente de chaque service) ; None si rien n'a jamais été actualisé."""
    etat = base.requete(con, "etat_sources_officielles").dropna(subset=["derniere_actualisation"])
    if etat.empty:
        return None
    periodes = [f"{services.NOMS_COURTS[s]} : {periode_lisible(s, g.derniere_date.max())}"
                for s, g in etat.groupby("service", sort=False) if g.derniere_date.notna().any()]
    return (f"Données à jour au {formats.jour(etat.derniere_actualisation.max())}"
            + (" — " + " ; ".join(periodes) if periodes else ""))


def etat_des_sources(con) -> pd.DataFrame:
    """Chaque jeu (queries/etat_sources_officielles.sql) avec l'adresse appelée, et en texte sa dernière
    actualisation (« 30/11/2026 », « jamais ») et la période couverte (« T4 2024 à T2 2025 »)."""
    df = base.requete(con, "etat_sources_officielles")
    df["actualise_le"] = [formats.jour(d) if pd.notna(d) else "jamais" for d in df.derniere_actualisation]
    df["periode"] = [f"{periode_lisible(s, p.date())} à {periode_lisible(s, d.date())}" if pd.notna(d) else "—"
                     for s, p, d in zip(df.service, df.premiere_date, df.derniere_date)]
    jeux = {j.jeu: j for j in services.jeux()}
    return df.assign(adresse=[services.adresse(jeux[j]) for j in df.jeu])

