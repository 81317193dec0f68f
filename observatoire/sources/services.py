"""Les services officiels qu'``actualiser`` interroge : leur adresse et la construction de chaque requête, en un
seul endroit (une adresse qui change se corrige ici ou dans ``data/sources_officielles.csv``).

- DARES et Urssaf : portails Opendatasoft, API « explore » v2.1, sans clé. Métadonnées du jeu
  (``/catalog/datasets/{jeu}``, dont la date de mise à jour ``metas.default.modified``) et export CSV complet
  (``/exports/csv`` : sans la limite de 10 000 lignes de ``/records``), filtré sur le serveur (``where``) aux
  départements couverts, séparateur ``;``.
- Insee Melodi (``/data/{jeu}``, sans clé, 30 requêtes par minute) : les communes des départements couverts
  (``GEO=DEP-59*COM``), réponse JSON convertie au format long de l'export CSV de Melodi.
- France Travail, enquête BMO : le classeur ``Base_open_data_BMO_AAAA.xlsx`` de l'année demandée.

Chaque adresse de base vient d'une variable d'environnement (``OBSERVATOIRE_URL_DARES``, ``…_URSSAF``,
``…_MELODI``, ``…_BMO``) dont la valeur par défaut est celle du service officiel : les tests, et qui veut
vérifier l'application, la pointent sur un serveur local."""
from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl

from observatoire import chemins, couverture, referentiel
from observatoire.sources import bmo

ADRESSES = {
    "dares": ("OBSERVATOIRE_URL_DARES", "https://data.dares.travail-emploi.gouv.fr"),
    "urssaf": ("OBSERVATOIRE_URL_URSSAF", "https://open.urssaf.fr"),
    "melodi": ("OBSERVATOIRE_URL_MELODI", "https://api.insee.fr/melodi"),
    "bmo": ("OBSERVATOIRE_URL_BMO", "https://www.francetravail.org/files/live/sites/peorg/files/documents/"
                                    "Statistiques-et-analyses/Open-data/BMO"),
}
NOMS = {"dares": "DARES", "urssaf": "Urssaf", "melodi": "Insee Melodi", "bmo": "France Travail (BMO)"}
NOMS_COURTS = {"dares": "DARES", "urssaf": "Urssaf", "melodi": "Insee", "bmo": "BMO"}
MELODI_MAX = 100_000  # lignes par page (maxResult le plus grand accepté par Melodi)


@dataclass(frozen=True)
class Jeu:
    jeu: str          # clé (« dares-communes »)
    service: str      # dares, urssaf, melodi, bmo
    identifiant: str  # identifiant du jeu chez le service
    libelle: str
    source: str       # clé de data/sources.csv
    parametres: str   # paramètres de requête en plus (« POPREF_MEASURE=PMUN »)
    frequence: str    # « trimestrielle » ou « annuelle » (le fichier communal de la DARES : moyenne du 4e trimestre)

    @property
    def nom(self) -> str:
        return f"{NOMS[self.service]}, jeu {self.identifiant}"


@lru_cache
def jeux() -> tuple[Jeu, ...]:
    with open(chemins.DATA / "sources_officielles.csv", encoding="utf-8", newline="") as f:
        return tuple(Jeu(**{k: (v or "") for k, v in ligne.items()}) for ligne in csv.DictReader(f, delimiter=";"))


def base(service: str) -> str:
    variable, defaut = ADRESSES[service]
    return (os.environ.get(variable) or defaut).rstrip("/")


def _ou(champ: str, codes) -> str:
    return " OR ".join(f'{champ}="{c}"' for c in codes)


def _filtre_ods(jeu: Jeu) -> str:
    """Le filtre ODSQL (``where``) qui garde les départements couverts ; pour le jeu par région et département,
    aussi les lignes de leurs régions (``code_departement`` « Total ») et celle de la France (« Total France »)."""
    if jeu.jeu == "dares-zones":
        zones = sorted(t.territoire.removeprefix("ze-") for t in referentiel.territoires()
                       if t.territoire.startswith("ze-"))
        return _ou("code_zone_d_emploi", zones)
    departements = _ou("code_departement", couverture.courante().departements)
    if jeu.jeu == "dares-departements":
        regions = _ou("code_region", [*couverture.courante().regions, "Total France"])
        return f'{departements} OR (code_departement="Total" AND ({regions}))'
    return departements


def metadonnees(jeu: Jeu) -> str:
    """Adresse des métadonnées d'un jeu Opendatasoft (dont ``metas.default.modified``)."""
    return f"{base(jeu.service)}/api/explore/v2.1/catalog/datasets/{jeu.identifiant}"


def export_csv(jeu: Jeu) -> tuple[str, dict]:
    """Export CSV complet d'un jeu Opendatasoft, filtré aux départements couverts. DARES : en-tête technique
    (``code_commune``…) ; Urssaf : en-tête en français (``use_labels``), celui du fichier qu'on télécharge."""
    return (f"{metadonnees(jeu)}/exports/csv",
            {"delimiter": ";", "where": _filtre_ods(jeu), "use_labels": str(jeu.service == "urssaf").lower()})


def melodi(jeu: Jeu, departement: str) -> tuple[str, dict]:
    """Données Melodi des communes d'un département."""
    return (f"{base('melodi')}/data/{jeu.identifiant}",
            {"GEO": f"DEP-{departement}*COM", "maxResult": MELODI_MAX, **dict(parse_qsl(jeu.parametres))})


def classeur_bmo(annee: int | str) -> str:
    """L'adresse du fichier de l'enquête d'une année : .xlsx depuis 2025, archive ZIP jusqu'à 2024."""
    return f"{base('bmo')}/{bmo.nom_du_fichier(annee)}"


def en_adresse(url: str, params: dict | None = None) -> str:
    """L'adresse complète d'une requête, paramètres encodés comme ils partent."""
    from requests import Request
    return Request("GET", url, params=params).prepare().url


def adresse(jeu: Jeu) -> str:
    """L'adresse des données d'un jeu (« Sources et méthodes ») : l'export, la première requête Melodi (et le
    nombre des suivantes, une par département couvert), le modèle de nom des classeurs BMO."""
    if jeu.service in ("dares", "urssaf"):
        return en_adresse(*export_csv(jeu))
    if jeu.service == "melodi":  # une requête par département couvert : la première, et combien d'autres
        departements = couverture.courante().departements
        autres = f" (et une requête pour chacun des {len(departements) - 1} autres départements couverts)" \
            if len(departements) > 1 else ""
        return en_adresse(*melodi(jeu, departements[0])) + autres
    return classeur_bmo("AAAA")


MELODI_FIXES = ["GEO", "GEO_OBJECT", "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS"]


class FormatInattendu(ValueError):
    """Réponse qui n'a pas la forme documentée du service."""


def melodi_en_csv(pages: list[bytes]) -> bytes:
    """Les observations JSON de Melodi (``{"observations": [{"dimensions": {"GEO": "2025-COM-59512", …},
    "measures": {"OBS_VALUE_NIVEAU": {"value": …}}, "attributes": {…}}]}``) au format long de l'export CSV de
    Melodi (``GEO;GEO_OBJECT;…;TIME_PERIOD;OBS_VALUE;OBS_STATUS``), trié : deux réponses identiques donnent
    les mêmes octets."""
    lignes, dimensions = [], set()
    for page in pages:
        try:
            donnees = json.loads(page)
            observations = donnees["observations"]
        except (ValueError, KeyError, TypeError):
            raise FormatInattendu("réponse illisible : du JSON avec « observations » était attendu") from None
        for obs in observations:
            try:
                dims = dict(obs["dimensions"])
                ref_objet_code = str(dims.pop("GEO")).split("-")
                mesure = next(iter(obs["measures"].values()))
                valeur = mesure.get("value") if isinstance(mesure, dict) else mesure
            except (KeyError, TypeError, StopIteration, AttributeError):
                raise FormatInattendu("observation sans « dimensions », « GEO » ou « measures »") from None
            if len(ref_objet_code) < 2:
                raise FormatInattendu(f"GEO « {'-'.join(ref_objet_code)[:30]} » : attendu « 2025-COM-59512 »")
            attributs = obs.get("attributes") or {}
            dimensions |= set(dims)
            lignes.append({**dims, "GEO": ref_objet_code[-1], "GEO_OBJECT": ref_objet_code[-2],
                           "OBS_VALUE": "" if valeur is None else valeur,
                           "OBS_STATUS": attributs.get("OBS_STATUS", "") if isinstance(attributs, dict) else ""})
    if not lignes:
        raise FormatInattendu("aucune observation pour les communes demandées")
    colonnes = MELODI_FIXES[:2] + sorted(dimensions - {"TIME_PERIOD"}) + MELODI_FIXES[2:]
    sortie = io.StringIO()
    w = csv.DictWriter(sortie, fieldnames=colonnes, delimiter=";", lineterminator="\n")
    w.writeheader()
    w.writerows(sorted(lignes, key=lambda r: [str(r.get(c, "")) for c in colonnes]))
    return sortie.getvalue().encode("utf-8")
