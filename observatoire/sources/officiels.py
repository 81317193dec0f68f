"""Fichiers officiels lus tels qu'on les télécharge, reconnus à leur en-tête (dispositions décrites dans
``../shared/data/PROVENANCE.md`` et le README) : aucun mapping à écrire.

- DARES, demandeurs d'emploi : données communales annuelles (moyenne du 4e trimestre, ABC), trimestrielles brutes par
  zone d'emploi, département et région (en-tête technique ou en français) ;
- export du site statistique de France Travail (« NOM CODE », une colonne par mois) ;
- Urssaf, établissements et effectifs salariés commune × APE (sommés par commune en six secteurs) ;
- Insee, exports CSV de l'API Melodi (format long ``GEO;GEO_OBJECT;TIME_PERIOD;OBS_VALUE…``).

Les fichiers DARES par zone d'emploi ou par département et les lignes Melodi d'un autre niveau que la commune
(zone d'emploi, Nord, Hauts-de-France, France) donnent des chiffres publiés à l'échelle du territoire : ils
sont gardés comme tels, jamais remplacés par une somme de communes.

Chaque lecteur remplit une ``Extraction`` : valeurs des communes du Nord ou des territoires, lignes écartées
comptées par motif (lignes de total, communes hors du Nord, arrondissements de Paris, Lyon, Marseille…),
problèmes repérés."""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from observatoire import valeurs
from observatoire.sources import lieux, melodi
from observatoire.sources.extraction import FINS_TRIMESTRE, Extraction
from observatoire.sources.lecture import Tableau, normaliser

# disposition -> colonnes qui la reconnaissent (comparées après ``normaliser`` : accents, « _ », apostrophes)
EN_TETES = {
    "dares_communes": ["code_commune", "categorie", "sexe", "tranche_d_age", "nombre_de_demandeurs_d_emploi"],
    "dares_zones": ["code_zone_d_emploi", "categorie", "nombre_de_demandeurs_d_emploi"],
    "dares_departements": ["code_departement", "categorie", "nombre_de_demandeurs_d_emploi"],
    "urssaf_commune_ape": ["Code commune", "Grand secteur d'activité", "Code APE"],
    "france_travail_export": ["NOM CODE"],
    "melodi": ["GEO", "GEO_OBJECT", "TIME_PERIOD", "OBS_VALUE"],
}
NOMS = {
    "dares_communes": "DARES, demandeurs d'emploi inscrits à France Travail, données communales annuelles brutes "
                      "(moyenne du 4e trimestre, catégories A, B, C)",
    "dares_zones": "DARES, demandeurs d'emploi inscrits à France Travail, données trimestrielles brutes par zone "
                   "d'emploi",
    "dares_departements": "DARES, demandeurs d'emploi inscrits à France Travail, données trimestrielles brutes par "
                          "région et département",
    "urssaf_commune_ape": "Urssaf, établissements et effectifs salariés au niveau commune × APE",
    "france_travail_export": "France Travail, export du site statistique (une colonne par mois)",
    "melodi": "Insee, export CSV de l'API Melodi",
}
SOURCES = {"dares_communes": "dares-defm-communales", "dares_zones": "dares-defm-territoires",
           "dares_departements": "dares-defm-territoires", "urssaf_commune_ape": "urssaf-commune-ape",
           "france_travail_export": "france-travail-stmt", "melodi": "insee-melodi"}

DARES_INDICATEURS = {  # (sexe, tranche d'âge) -> indicateur ; les autres croisements ne sont pas repris
    ("total", "total"): "demandeurs_abc", ("femmes", "total"): "demandeurs_abc_femmes",
    ("hommes", "total"): "demandeurs_abc_hommes", ("total", "moins de 25 ans"): "demandeurs_abc_moins_25",
    ("total", "de 25 a 49 ans"): "demandeurs_abc_25_49", ("total", "50 ans et plus"): "demandeurs_abc_50_plus",
}
TRIMESTRE = re.compile(r"^\s*(\d{4})\s*-?\s*T([1-4])\s*$", re.IGNORECASE)
URSSAF_SECTEURS = {"GS1": "emploi_prive_industrie", "GS2": "emploi_prive_construction",
                   "GS3": "emploi_prive_commerce", "GS4": "emploi_prive_hebergement_restauration",
                   "GS5": "emploi_prive_services_hors_interim", "GS6": "emploi_prive_interim",
                   "GS7": "emploi_prive_services_hors_interim"}
MOIS = {m: i for i, m in enumerate(["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout",
                                    "septembre", "octobre", "novembre", "decembre"], start=1)}
FIN_DE_MOIS = dict(FINS_TRIMESTRE)  # mois qui finit un trimestre -> son dernier jour


def fin_de_trimestre(cellule) -> date:
    """« 2024-T4 » -> 31/12/2024 (la date du trimestre dans la base : son dernier jour)."""
    m = TRIMESTRE.match(str(cellule or ""))
    if not m:
        raise valeurs.ValeurInvalide(f"« {cellule} » n'est pas un trimestre (attendu AAAA-T1 … AAAA-T4)")
    annee, t = int(m.group(1)), int(m.group(2))
    return date(annee, 3 * t, FIN_DE_MOIS[3 * t])


# catégorie seule (sexe, âge et ancienneté au total) -> indicateur, dans les fichiers par zone d'emploi, département
# et région : A, B, C depuis toujours, F et G (créées le 1er janvier 2025) là où le fichier les porte ; ABC est
# repris en plus par sexe et par âge (DARES_INDICATEURS). D, E, ABCDE ne sont pas repris.
DARES_CATEGORIES = {"a": "demandeurs_a", "b": "demandeurs_b", "c": "demandeurs_c", "f": "demandeurs_f",
                    "g": "demandeurs_g"}


def _indicateur_dares(ex: Extraction, cel, col, categories: bool) -> str | None:
    """L'indicateur d'une ligne DARES, ou None (ligne comptée parmi les écartées, avec son motif)."""
    categorie = normaliser(cel[col["categorie"]]).replace(" ", "").removeprefix("categories").removeprefix(
        "categorie")  # « ABC », « Catégories ABC », « Catégorie A »
    seule = categories and categorie in DARES_CATEGORIES
    if categorie != "abc" and not seule:
        ex.ignorees[("ligne", "d'une autre catégorie que A, B, C, F, G" if categories else
                     "d'une autre catégorie que A, B, C")] += 1
        return None
    if col["anciennete"] is not None and normaliser(cel[col["anciennete"]]) not in ("total", "ensemble", ""):
        ex.ignorees[("ligne", "ventilée par ancienneté d'inscription (seul le total est repris)")] += 1
        return None
    ventilation = (normaliser(cel[col["sexe"]]), normaliser(cel[col["tranche_d_age"]]))
    if seule:
        if ventilation == ("total", "total"):
            return DARES_CATEGORIES[categorie]
        ex.ignorees[("ligne", "d'une catégorie seule ventilée par sexe ou âge (seul son total est repris)")] += 1
        return None
    ind = DARES_INDICATEURS.get(ventilation)
    if ind is None:
        ex.ignorees[("ligne", "croisant sexe et âge")] += 1
    return ind


def _dares(t: Tableau, ex: Extraction, colonne_lieu: str, lieu, categories: bool = True) -> None:
    """Lignes DARES : catégories A, B, C ensemble (au total, par sexe, par âge) et, si ``categories``, chaque
    catégorie A, B, C, F, G à son total ; ancienneté au total. ``lieu(ligne, code, cellules)`` écarte la ligne
    (None) ou renvoie (commune, territoire) : l'un des deux, l'autre vide."""
    col = {c: t.index(c) for c in ("date", colonne_lieu, "categorie", "sexe", "tranche_d_age", "anciennete",
                                    "nombre_de_demandeurs_d_emploi")}
    ex.arrondi = 5
    for ligne, cel in t.lignes:
        ou = lieu(ligne, lieux.code(cel[col[colonne_lieu]]), cel)
        if ou is None:
            continue
        ind = _indicateur_dares(ex, cel, col, categories)
        if ind is None:
            continue
        try:
            d = fin_de_trimestre(cel[col["date"]])
        except valeurs.ValeurInvalide as e:
            ex.erreur(ligne, col["date"], str(e))
            continue
        cellule = cel[col["nombre_de_demandeurs_d_emploi"]]
        ex.ajouter(ligne, col["nombre_de_demandeurs_d_emploi"], ind, ou[0], d,
                   "s" if str(cellule or "").strip() == "" else cellule, territoire=ou[1])  # vide = masquée


def dares_communes(t: Tableau, ex: Extraction) -> None:
    i = t.index("code_commune")
    _dares(t, ex, "code_commune",  # le fichier communal n'a que la catégorie ABC
           lambda ligne, code, _: None if lieux.ecarter_commune(ex, code) else (ex.commune(ligne, i, code), None),
           categories=False)


def dares_zones(t: Tableau, ex: Extraction) -> None:
    """Chiffres publiés par zone d'emploi : ceux des zones touchant le Nord (ze-3216…), entières."""
    _dares(t, ex, "code_zone_d_emploi",
           lambda ligne, code, _: None if lieux.ligne_de_total(ex, code) else lieux.zone_d_emploi(ex, code))


def dares_departements(t: Tableau, ex: Extraction) -> None:
    """Chiffres publiés pour les départements couverts (le Nord : territoire « nord ») ; les autres sont écartés.
    Le jeu de la DARES par région et département (``dares_defm_stock_regions_brut_trim``) a aussi une ligne par
    région (``code_departement`` « Total ») et une pour la France (``code_region`` « Total France ») : la région
    couverte (les Hauts-de-France : « hdf ») et la France (« france ») sont gardées à leur échelle."""
    i_region = t.index("code_region")

    def lieu(ligne, code, cellules):
        region = lieux.code(cellules[i_region]) if i_region is not None else ""
        if normaliser(code).startswith("total") and i_region is not None:
            if normaliser(region).startswith("total"):
                return lieux.pays(ex)
            return lieux.niveau_publie(ex, "REG", region)
        return None if lieux.ligne_de_total(ex, code) else lieux.niveau_publie(ex, "DEP", code)
    _dares(t, ex, "code_departement", lieu)


def france_travail_export(t: Tableau, ex: Extraction) -> None:
    titre = normaliser(" ".join(t.titre))
    if re.search(r"\babc\b|a, ?b,? (et )?c\b|a b c\b", titre):
        ind = "demandeurs_abc"
    elif re.search(r"categorie a\b", titre):
        ind = "demandeurs_a"
    else:
        ex.problemes.append(f"{t.fichier} : catégorie introuvable dans le titre de l'export (lignes 1 à "
                            f"{t.ligne_entete - 1}) : « catégorie A » ou « catégories A, B, C » attendu.")
        return
    colonnes = []
    for i, entete in enumerate(t.entetes[1:], start=1):
        m = re.match(r"^([a-z]+) (\d{4})$", normaliser(entete))
        if not m or m.group(1) not in MOIS:
            continue
        mois, annee = MOIS[m.group(1)], int(m.group(2))
        if mois in FIN_DE_MOIS:
            colonnes.append((i, date(annee, mois, FIN_DE_MOIS[mois])))
        else:
            ex.ignorees[("colonne", "d'un mois qui ne finit pas un trimestre (la base est trimestrielle)")] += 1
    if not colonnes:
        ex.problemes.append(f"{t.fichier}, ligne {t.ligne_entete} : aucune colonne de mois (« janvier_2020 »…).")
        return
    for ligne, cel in t.lignes:
        code = lieux.code(cel[0])
        if not re.fullmatch(r"\d[\dAB]\d{3}", code):
            ex.ignorees[("ligne", "sans code commune (pied de tableau)")] += 1
            continue
        if lieux.ecarter_commune(ex, code):
            continue
        commune = ex.commune(ligne, 0, code)
        for i, d in colonnes:
            ex.ajouter(ligne, i, ind, commune, d, cel[i])


def urssaf_commune_ape(t: Tableau, ex: Extraction) -> None:
    """Somme par commune, grand secteur et année ; une cellule vide = aucun établissement cette année-là (0)."""
    col_commune, col_secteur = t.index("Code commune"), t.index("Grand secteur d'activité")
    annees: dict[int, dict[str, int]] = defaultdict(dict)
    for i, entete in enumerate(t.entetes):
        if m := re.match(r"^(nombre d etablissements|effectifs salaries) (\d{4})$", normaliser(entete)):
            annees[int(m.group(2))]["etablissements" if m.group(1).startswith("nombre") else "effectifs"] = i
    if not annees:
        ex.problemes.append(f"{t.fichier}, ligne {t.ligne_entete} : aucune colonne « Effectifs salariés AAAA ».")
        return
    sommes: dict[tuple[str, str, date], float] = defaultdict(float)
    premiere: dict[tuple[str, str, date], tuple[int, int]] = {}
    for ligne, cel in t.lignes:
        code = lieux.code(cel[col_commune])
        if lieux.ecarter_commune(ex, code):
            continue
        commune = ex.commune(ligne, col_commune, code)
        secteur = URSSAF_SECTEURS.get(str(cel[col_secteur] or "").strip()[:3].upper())
        if secteur is None:
            ex.erreur(ligne, col_secteur, f"grand secteur inconnu « {cel[col_secteur]} » (GS1 à GS7 attendu)")
            continue
        if commune is None:
            continue
        for annee, cols in annees.items():
            d = date(annee, 12, 31)
            for genre, ind in (("effectifs", secteur), ("effectifs", "emploi_prive"),
                               ("etablissements", "etablissements")):
                if genre not in cols:
                    continue
                lu = ex.valeur(ligne, cols[genre], cel[cols[genre]], ind)
                if lu is None:
                    continue
                sommes[(ind, commune, d)] += lu[0] or 0  # vide : aucun établissement, aucun salarié
                premiere.setdefault((ind, commune, d), (ligne, cols[genre]))
    for (ind, commune, d), total in sommes.items():
        ligne, i = premiere[(ind, commune, d)]
        ex.ajouter(ligne, i, ind, commune, d, total)


LECTEURS = {"dares_communes": dares_communes, "dares_zones": dares_zones, "dares_departements": dares_departements,
            "france_travail_export": france_travail_export,
            "urssaf_commune_ape": urssaf_commune_ape, "melodi": melodi.melodi}


def extraire(disposition: str, t: Tableau) -> Extraction:
    ex = Extraction(t, SOURCES[disposition])
    ex.disposition = NOMS[disposition]
    LECTEURS[disposition](t, ex)
    return ex
