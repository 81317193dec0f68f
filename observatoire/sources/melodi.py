"""Insee, exports CSV de l'API Melodi (format long ``GEO;GEO_OBJECT;TIME_PERIOD;OBS_VALUE…``) : une mesure d'un jeu
connu, à la commune ou publiée à l'échelle d'une zone d'emploi, d'un département, d'une région ou de la France :

- ``DS_POPULATIONS_REFERENCE`` : populations légales (mesure ``POPREF_MEASURE`` PMUN : population municipale) ;
- ``DS_SIDE_CREA_ENT_COM`` : créations d'entreprises (``DS_SIDE_CREA_ETAB_COM``, créations d'établissements, est
  refusé : ce n'est pas le même chiffre) ;
- ``DS_FLORES`` : établissements.

``DS_RP_POPULATION_PRINC`` (populations pondérées de plusieurs recensements) est refusé de même."""
from __future__ import annotations

import re
from datetime import date

from observatoire.sources import lieux
from observatoire.sources.extraction import Extraction
from observatoire.sources.lecture import Tableau, normaliser

JEUX = {"DS_POPULATIONS_REFERENCE": "population", "DS_SIDE_CREA_ENT": "creations_entreprises",
        "DS_FLORES": "etablissements"}
# jeux qu'on reconnaît mais qui ne disent pas ce que l'indicateur dit : refusés, avec le jeu à prendre
AUTRES = {
    "DS_RP_POPULATION": "ce jeu du recensement donne des populations pondérées (décimales) de plusieurs recensements "
                        "à la fois, pas la population légale : prenez DS_POPULATIONS_REFERENCE (mesure PMUN, "
                        "population municipale)",
    "DS_SIDE_CREA_ETAB": "ce jeu compte les créations d'établissements, pas d'entreprises : prenez "
                         "DS_SIDE_CREA_ENT_COM (créations d'entreprises)",
}
COLONNES_FIXES = {"geo", "geo object", "time period", "obs value", "obs status", "freq", "obs conf",
                  "unit mult", "unit measure", "decimals", "conf status"}


FRANCE = {"FRANCE", "FE", "FRANCE_F", "FRANCE-F", "PAYS"}


def _lieu(ex: Extraction, ligne: int, col: int, niveau: str, geo: str) -> tuple[str | None, str | None] | None:
    """(commune, territoire) d'une ligne Melodi selon GEO_OBJECT : commune (COM), zone d'emploi (ZE2020),
    Nord (DEP 59), Hauts-de-France (REG 32), France ; None si la ligne est écartée (et comptée)."""
    code = lieux.code(geo)
    if niveau == "COM":
        return None if lieux.ecarter_commune(ex, code) else (ex.commune(ligne, col, code), None)
    if niveau.startswith("ZE"):
        return lieux.zone_d_emploi(ex, code)
    if niveau in lieux.NIVEAUX:
        return lieux.niveau_publie(ex, niveau, code)
    if niveau in FRANCE:
        return "", "france"
    ex.ignorees[("ligne", f"d'un niveau géographique non repris (GEO_OBJECT « {niveau} »)")] += 1
    return None


def melodi(t: Tableau, ex: Extraction) -> None:
    """Une mesure d'un jeu connu ; les lignes ventilées (sexe, âge, activité… autre que « _T ») sont écartées."""
    jeu = next((ind for prefixe, ind in JEUX.items() if t.fichier.upper().startswith(prefixe)), None)
    autre = next((pourquoi for prefixe, pourquoi in AUTRES.items() if t.fichier.upper().startswith(prefixe)), None)
    if autre:
        ex.problemes.append(f"{t.fichier} : {autre}.")
        return
    if jeu is None:
        ex.problemes.append(f"{t.fichier} : jeu Melodi non reconnu à son nom ; gardez le nom donné par l'Insee "
                            f"(commençant par {', '.join(JEUX)}).")
        return
    col = {c: t.index(c) for c in ("GEO", "GEO_OBJECT", "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS")}
    dimensions = [i for i, e in enumerate(t.entetes) if normaliser(e) not in COLONNES_FIXES
                  and not normaliser(e).endswith("measure")]
    mesures = [i for i, e in enumerate(t.entetes) if normaliser(e).endswith("measure") and normaliser(e) != "unit measure"]
    valeurs_mesure = {str(cel[mesures[0]]) for _, cel in t.lignes} if mesures else set()
    if len(valeurs_mesure) > 1:
        ex.problemes.append(f"{t.fichier} : plusieurs mesures dans la colonne « {t.entetes[mesures[0]]} » "
                            f"({', '.join(sorted(valeurs_mesure))}) ; exportez une seule mesure.")
        return
    for ligne, cel in t.lignes:
        ou = _lieu(ex, ligne, col["GEO"], str(cel[col["GEO_OBJECT"]]).strip().upper(), str(cel[col["GEO"]]))
        if ou is None:
            continue
        if any(str(cel[i]).strip() not in ("_T", "_Z", "") for i in dimensions):
            ex.ignorees[("ligne", "ventilée par sexe, âge, activité… (seul le total « _T » est repris)")] += 1
            continue
        periode = str(cel[col["TIME_PERIOD"]]).strip()
        if not re.fullmatch(r"\d{4}", periode):
            ex.erreur(ligne, col["TIME_PERIOD"], f"période « {periode} » : une année (AAAA) attendue")
            continue
        d = date(int(periode), 1, 1) if jeu == "population" else date(int(periode), 12, 31)
        cellule = cel[col["OBS_VALUE"]]
        statut = str(cel[col["OBS_STATUS"]] or "").strip().upper() if col["OBS_STATUS"] is not None else ""
        if statut in ("C", "S"):
            cellule = "s"  # confidentiel
        ex.ajouter(ligne, col["OBS_VALUE"], jeu, ou[0], d, cellule, territoire=ou[1])
