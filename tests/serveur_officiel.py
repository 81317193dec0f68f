"""Un serveur HTTP local (127.0.0.1) qui répond comme les services officiels, dans leurs formats documentés :

- Opendatasoft explore v2.1 (DARES, Urssaf) : ``GET /dares/api/explore/v2.1/catalog/datasets/{jeu}`` (JSON
  des métadonnées, ``metas.default.modified``) et ``…/{jeu}/exports/csv?delimiter=;&where=…`` (CSV ``;`` avec
  BOM) ;
- Insee Melodi : ``GET /melodi/data/{jeu}?GEO=DEP-59*COM&maxResult=…`` (JSON ``observations``/``paging``) ;
- France Travail BMO : ``GET /bmo/Base_open_data_BMO_AAAA.xlsx`` (classeur open data ; 404 pour une année
  non publiée).

Les réponses sont des fichiers au format officiel écrits par ``Reponses`` ; ``pannes`` fait répondre un
chemin par une panne (429, 500, page HTML, corps vide, téléchargement tronqué, lenteur). Chaque requête reçue
est notée dans ``requetes`` (chemin et paramètres)."""
from __future__ import annotations

import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from openpyxl import Workbook

from observatoire import referentiel

ODS = "/api/explore/v2.1/catalog/datasets/"
TRIMESTRES = ["2024-T4", "2025-T1", "2025-T2"]
ANNEES_COMMUNALES = (2022, 2023, 2024)  # le fichier communal : la moyenne du 4e trimestre de chaque année
AGES = ["Moins de 25 ans", "De 25 à 49 ans", "50 ans et plus"]


def _csv(entete: list[str], lignes: list[list]) -> bytes:
    texte = ";".join(entete) + "\n" + "".join(";".join(str(c) for c in l) + "\n" for l in lignes)
    return "\ufeff".encode() + texte.encode("utf-8")


def _dares_ventilations(base: int) -> list[tuple[str, str, int]]:
    """(sexe, tranche d'âge, nombre) d'un lieu, arrondis à 5 comme la DARES, parties égales au total."""
    femmes = 5 * round(base * 0.48 / 5)
    jeunes, seniors = 5 * round(base * 0.15 / 5), 5 * round(base * 0.25 / 5)
    return [("Total", "Total", base), ("Femmes", "Total", femmes), ("Hommes", "Total", base - femmes),
            (("Total", AGES[0], jeunes)), ("Total", AGES[1], base - jeunes - seniors), ("Total", AGES[2], seniors)]


def dares_communes(annees=ANNEES_COMMUNALES) -> bytes:
    """Le jeu ``dares_defm_communales-brutes`` tel qu'il est : la seule moyenne du 4e trimestre de chaque année
    (« 2024-T4 »), catégorie ABC, données brutes, par sexe et par âge, sans ancienneté ; une ligne « Total » par
    département (« non localisés » compris)."""
    entete = ["date", "code_region", "region", "code_departement", "departement", "code_commune", "commune",
              "type_de_donnees", "categorie", "sexe", "tranche_d_age", "nombre_de_demandeurs_d_emploi"]
    lignes = []
    communes = referentiel.communes()
    for k, annee in enumerate(annees):
        t = f"{annee}-T4"
        for i, (code, nom) in enumerate(zip(communes.code_commune, communes.nom)):
            base = 100 + 5 * ((i * 37) % 400) + 5 * k
            for sexe, age, n in _dares_ventilations(base):
                lignes.append([t, "32", "Hauts-de-France", "59", "Nord", code, nom, "Brutes", "ABC",
                               sexe, age, n])
        lignes.append([t, "32", "Hauts-de-France", "59", "Nord", "Total", "Total (dont non localisés)", "Brutes",
                       "ABC", "Total", "Total", 250_000 + 5 * k])
    return _csv(entete, lignes)


def _categories(abc: int) -> list[tuple[str, int]]:
    """Catégories d'un lieu, arrondies à 5, A + B + C = ABC à l'arrondi près ; D, E et ABCDE en plus."""
    a, b = 5 * round(abc * 0.59 / 5), 5 * round(abc * 0.16 / 5)
    d, e = 5 * round(abc * 0.06 / 5), 5 * round(abc * 0.07 / 5)
    return [("A", a), ("B", b), ("C", abc - a - b), ("D", d), ("E", e), ("ABCDE", abc + d + e)]


def dares_zones(trimestres=TRIMESTRES) -> bytes:
    """Le jeu ``dares_defm_zoneeemploi_brut_trim`` : trimestriel, catégories A, B, C, D, E, ABC, ABCDE, ancienneté
    au total et détaillée ; filtré par ``code_zone_d_emploi`` (il n'a pas de colonne de département)."""
    entete = ["date", "code_region", "region", "code_zone_d_emploi", "zone_d_emploi", "type_de_donnees",
              "categorie", "sexe", "tranche_d_age", "anciennete", "nombre_de_demandeurs_d_emploi"]
    lignes = []
    for k, t in enumerate(trimestres):
        abc = 41250 + 5 * k
        debut = [t, "32", "Hauts-de-France", "3218", "Roubaix-Tourcoing", "Données brutes"]
        lignes += [debut + ["ABC", s, a, "Total", n] for s, a, n in _dares_ventilations(abc)]
        lignes += [debut + [c, "Total", "Total", "Total", n] for c, n in _categories(abc)]
        lignes.append(debut + ["ABC", "Total", "Total", "Un an ou plus", 5 * round(abc * 0.45 / 5)])
    return _csv(entete, lignes)


def dares_departements(trimestres=TRIMESTRES) -> bytes:
    """Le jeu ``dares_defm_stock_regions_brut_trim`` tel que l'export de la DARES le donne : une ligne par département
    (le Nord, le Pas-de-Calais), une par région (``code_departement`` « Total ») et une pour la France
    (``code_region`` « Total France ») ; catégories A, B, C, D, E, ABC, ABCDE et, à partir de 2025, F et G (créées
    le 1er janvier 2025) ; ancienneté au total et détaillée."""
    entete = ["date", "code_region", "region", "code_departement", "departement", "type_de_donnees", "categorie",
              "sexe", "tranche_d_age", "anciennete", "nombre_de_demandeurs_d_emploi"]
    lieux = [("32", "Hauts-de-France", "59", "Nord", 240115, 7800, 39500),
             ("32", "Hauts-de-France", "62", "Pas-de-Calais", 129010, 4200, 21200),
             ("32", "Hauts-de-France", "Total", "Total", 532750, 17150, 86490),
             ("Total France", "Total France", "Total", "Total", 5612340, 180200, 905300)]
    lignes = []
    for k, t in enumerate(trimestres):
        for reg, nom_reg, dep, nom_dep, base, f, g in lieux:
            debut = [t, reg, nom_reg, dep, nom_dep, "Données brutes"]
            lignes += [debut + ["ABC", s, a, "Total", n] for s, a, n in _dares_ventilations(base + 5 * k)]
            lignes += [debut + [c, "Total", "Total", "Total", n] for c, n in _categories(base + 5 * k)]
            if t >= "2025":
                lignes += [debut + ["F", "Total", "Total", "Total", f], debut + ["G", "Total", "Total", "Total", g]]
            lignes.append(debut + ["ABC", "Total", "Total", "Inscrits depuis un an ou plus",
                                   5 * round(base * 0.45 / 5)])
    return _csv(entete, lignes)


def urssaf(annees=(2023, 2024)) -> bytes:
    entete = ["Région", "Ancienne région", "Département", "Zone d'emploi", "EPCI", "Nom commune", "Commune",
              "Grand secteur d'activité", "Secteur NA17", "Secteur NA38", "Secteur NA88", "APE", "Code région",
              "Code ancienne région", "Code département", "Code zone d'emploi", "Code EPCI", "Code commune",
              "Code APE"] + [x for a in annees for x in (f"Nombre d'établissements {a}", f"Effectifs salariés {a}")]
    lignes = []
    for code, nom in (("59512", "Roubaix"), ("59599", "Tourcoing")):
        for gs, ape in (("GS1 Industrie", "1392Z Fabrication d'articles textiles"), ("GS3 Commerce", "4711D "
                                                                                     "Supermarchés")):
            lignes.append(["32 Hauts-de-France", "31 Nord-Pas-de-Calais", "59 Nord", "3218 Roubaix-Tourcoing",
                           "200093201 Métropole Européenne de Lille", nom, f"{code} {nom}", gs, "C5", "CM", "88",
                           ape, "32", "31", "59", "3218", "200093201", code, ape[:5]]
                          + [x for k, _ in enumerate(annees) for x in (10 + k, 300 + 10 * k)])
    return _csv(entete, lignes)


def melodi_population(annee: int = 2022) -> bytes:
    """``DS_POPULATIONS_REFERENCE`` filtré sur ``POPREF_MEASURE=PMUN`` : la population municipale légale."""
    obs = [{"dimensions": {"GEO": f"2025-COM-{code}", "FREQ": "A", "TIME_PERIOD": str(annee),
                           "POPREF_MEASURE": "PMUN"},
            "measures": {"OBS_VALUE_NIVEAU": {"value": float(n)}}, "attributes": {"OBS_STATUS": "A"}}
           for code, n in (("59512", 98500), ("59599", 99200), ("59350", 236900), ("62041", 41300))]
    return json.dumps({"identifier": "DS_POPULATIONS_REFERENCE", "observations": obs,
                       "paging": {"first": "…page=1"}}).encode()


def melodi_creations(annees=(2023, 2024)) -> bytes:
    """``DS_SIDE_CREA_ENT_COM`` filtré sur ``LEGAL_FORM=_T&ACTIVITY=_T`` : une seule mesure, les créations
    d'entreprises."""
    obs = [{"dimensions": {"GEO": f"2025-COM-{code}", "FREQ": "A", "TIME_PERIOD": str(a), "SIDE_MEASURE": "CREA_ENT",
                           "LEGAL_FORM": "_T", "ACTIVITY": "_T"},
            "measures": {"OBS_VALUE_NIVEAU": {"value": float(n + k)}}}
           for k, a in enumerate(annees) for code, n in (("59512", 1200), ("59599", 900))]
    return json.dumps({"identifier": "DS_SIDE_CREA_ENT_COM", "observations": obs, "paging": {}}).encode()


def classeur_bmo(annee: int = 2025) -> bytes:
    classeur = Workbook()
    classeur.active.title = "Description des variables"
    feuille = classeur.create_sheet(f"BMO_{annee}_open_data")
    aa = str(annee)[2:]
    feuille.append(["annee", "Code métier BMO", "Nom métier BMO", "Famille_met", "Lbl_fam_met", "REG", "NOM_REG",
                    "Dept", "NomDept", f"BE{aa}", f"NOMBE{aa}", "met", "xmet", "smet"])
    for bassin, nom in (("3216", "LILLE"), ("3217", "VERSANT N-EST ROUB.TOURC.")):
        feuille.append([annee, "S1X20", "Aides de cuisine", "V", "Fonctions liées à la vente", "32",
                        "Hauts-de-France", "59", "Nord", bassin, nom, 480, 220, "*"])
        feuille.append([annee, "T4X60", "Aides à domicile", "S", "Fonctions sociales et médico-sociales", "32",
                        "Hauts-de-France", "59", "Nord", bassin, nom, 900, 700, 20])
    sortie = io.BytesIO()
    classeur.save(sortie)
    return sortie.getvalue()


def archive_bmo(annee: int = 2024) -> bytes:
    """Une enquête jusqu'à 2024 telle que France Travail la publie : une archive ZIP qui contient le classeur."""
    import zipfile
    sortie = io.BytesIO()
    with zipfile.ZipFile(sortie, "w") as archive:
        archive.writestr(f"Base_open_data_BMO_{annee}.xlsx", classeur_bmo(annee))
    return sortie.getvalue()


class Reponses:
    """Ce que chaque service sert ; modifiable entre deux actualisations (nouveau trimestre…)."""

    def __init__(self):
        self.modifie = {"dares": "2025-09-30T08:00:00+00:00", "urssaf": "2025-06-01T08:00:00+00:00"}
        self.fichiers = {
            "/dares" + ODS + "dares_defm_communales-brutes": dares_communes(),
            "/dares" + ODS + "dares_defm_zoneeemploi_brut_trim": dares_zones(),
            "/dares" + ODS + "dares_defm_stock_regions_brut_trim": dares_departements(),
            "/urssaf" + ODS + "etablissements-et-effectifs-salaries-au-niveau-commune-x-ape-last": urssaf(),
            "/melodi/data/DS_POPULATIONS_REFERENCE": melodi_population(),
            "/melodi/data/DS_SIDE_CREA_ENT_COM": melodi_creations(),
            "/bmo/Base_open_data_BMO_2025.xlsx": classeur_bmo(),
            "/bmo/Base_open_data_BMO_2024.zip": archive_bmo(),
        }
        self.pannes: dict[str, str] = {}  # préfixe de chemin -> 429, 500, html, vide, tronque, lent
        self.requetes: list[tuple[str, dict]] = []


def _communes_du_departement(corps: bytes, departement: str) -> bytes:
    """Une réponse Melodi réduite aux observations des communes d'un département, comme le filtre GEO du service."""
    try:
        reponse = json.loads(corps)
    except ValueError:
        return corps  # une réponse illisible reste illisible
    if not isinstance(reponse, dict) or not isinstance(reponse.get("observations"), list):
        return corps
    reponse["observations"] = [o for o in reponse.get("observations", [])
                               if str(o.get("dimensions", {}).get("GEO", "")).split("-")[-1].startswith(departement)]
    return json.dumps(reponse).encode()


class _Gestionnaire(BaseHTTPRequestHandler):
    reponses: Reponses

    def log_message(self, *args):
        pass

    def _envoyer(self, statut: int, corps: bytes, type_: str, entetes: dict | None = None, longueur=None):
        self.send_response(statut)
        self.send_header("Content-Type", type_)
        self.send_header("Content-Length", str(len(corps) if longueur is None else longueur))
        for k, v in (entetes or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(corps)

    def do_GET(self):
        url = urlsplit(self.path)
        chemin, params = url.path, parse_qs(url.query)
        r = self.reponses
        r.requetes.append((chemin, params))
        panne = next((p for prefixe, p in r.pannes.items() if chemin.startswith(prefixe)), None)
        if panne == "429":
            return self._envoyer(429, b'{"error_code": "TooManyRequests"}', "application/json", {"Retry-After": "0"})
        if panne == "500":
            return self._envoyer(503, b"Service Unavailable", "text/plain")
        if panne == "html":
            return self._envoyer(200, b"<!DOCTYPE html><html><body><h1>Maintenance</h1></body></html>",
                                 "text/html; charset=utf-8")
        if panne == "vide":
            return self._envoyer(200, b"", "text/csv")
        if panne == "lent":
            time.sleep(1.5)
        service = chemin.split("/")[1]
        if chemin.endswith("/exports/csv"):
            corps = r.fichiers.get(chemin.removesuffix("/exports/csv"))
            if corps is None:
                return self._envoyer(404, b'{"error_code": "DatasetNotFound"}', "application/json")
            if panne == "tronque":
                return self._envoyer(200, corps[: len(corps) // 2], "text/csv; charset=utf-8", longueur=len(corps))
            return self._envoyer(200, corps, "text/csv; charset=utf-8")
        if ODS in chemin:
            if chemin not in r.fichiers:
                return self._envoyer(404, b'{"error_code": "DatasetNotFound"}', "application/json")
            meta = {"dataset_id": chemin.rsplit("/", 1)[1], "metas": {"default": {"modified": r.modifie[service]}}}
            return self._envoyer(200, json.dumps(meta).encode(), "application/json; charset=utf-8")
        corps = r.fichiers.get(chemin)
        if corps is None:
            return self._envoyer(404, b"Not Found", "text/plain")
        type_ = "application/json" if service == "melodi" else (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        if service == "melodi" and "GEO" in params:  # « DEP-62*COM » : les seules communes de ce département
            corps = _communes_du_departement(corps, params["GEO"][0].split("-")[1].split("*")[0])
        if panne == "tronque":
            return self._envoyer(200, corps[: len(corps) // 2], type_, longueur=len(corps))
        return self._envoyer(200, corps, type_)


def demarrer(reponses: Reponses) -> tuple[ThreadingHTTPServer, str]:
    gestionnaire = type("Gestionnaire", (_Gestionnaire,), {"reponses": reponses})
    serveur = ThreadingHTTPServer(("127.0.0.1", 0), gestionnaire)
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    return serveur, f"http://127.0.0.1:{serveur.server_address[1]}"


def variables(adresse: str) -> dict[str, str]:
    """Les variables d'environnement qui pointent l'application sur ce serveur."""
    return {f"OBSERVATOIRE_URL_{s.upper()}": f"{adresse}/{s}" for s in ("dares", "urssaf", "melodi", "bmo")}
