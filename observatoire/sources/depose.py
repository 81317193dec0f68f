"""Un fichier déposé au format de l'Observatoire : format long (« code_commune;indicateur;date;valeur ») ou tableau
large décrit par un mapping YAML (lu sans alias, borné), et la cohérence des valeurs lues (identités entre
indicateurs de data/identites.csv, doublons). Rien n'y écrit : ``imports.importer`` valide puis écrit."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

import yaml

from observatoire import formats, identites, valeurs
from observatoire.sources.extraction import Extraction, Valeur
from observatoire.sources.lecture import ErreurFichier, Tableau, normaliser

COLONNES_LONG = ["code_commune", "indicateur", "date", "valeur"]
CLES_MAPPING = {"feuille", "ligne_entete", "colonne_commune", "date", "colonnes", "indicateur", "colonnes_dates",
                "source"}


# --- mapping --------------------------------------------------------------------------------------------
MAPPING_MAX = 100_000  # octets : un mapping tient en quelques lignes


class ChargeurSansAlias(yaml.SafeLoader):
    """YAML sûr et sans alias (« *ancre ») : un mapping n'en a pas besoin, et des alias imbriqués (« billion
    laughs ») feraient exploser la mémoire en quelques centaines d'octets."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            evenement = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "alias YAML interdit dans un mapping", evenement.start_mark)
        return super().compose_node(parent, index)


def lire_mapping(chemin: Path | None, nom: str | None = None) -> dict:
    """``nom`` : le nom du mapping dans les messages (celui du fichier déposé ; par défaut celui de ``chemin``)."""
    if chemin is None:
        return {}
    nom = nom or chemin.name
    try:
        if chemin.stat().st_size > MAPPING_MAX:
            raise ErreurFichier(f"{nom} : mapping trop long (plus de {MAPPING_MAX // 1000} Ko).")
        m = yaml.load(chemin.read_text(encoding="utf-8"), Loader=ChargeurSansAlias) or {}
    except (OSError, UnicodeDecodeError) as e:
        raise ErreurFichier(f"{nom} : mapping illisible ({e}).") from e
    except yaml.YAMLError as e:
        marque = getattr(e, "problem_mark", None)
        ou = f", ligne {marque.line + 1}, colonne {marque.column + 1}" if marque else ""
        raise ErreurFichier(f"{nom}{ou} : YAML invalide ({getattr(e, 'problem', e)}).") from e
    if not isinstance(m, dict):
        raise ErreurFichier(f"{nom} : le mapping doit être un dictionnaire de clés.")
    inconnues = set(m) - CLES_MAPPING
    if inconnues:
        raise ErreurFichier(f"{nom} : clé(s) inconnue(s) {', '.join(sorted(inconnues))} "
                            f"(clés possibles : {', '.join(sorted(CLES_MAPPING))}).")
    if "colonne_commune" not in m or not ("colonnes" in m or "indicateur" in m):
        raise ErreurFichier(f"{nom} : « colonne_commune » et « colonnes » (ou « indicateur ») sont obligatoires.")
    return m


def lire_long(t: Tableau, source: str) -> Extraction:
    ex = Extraction(t, source)
    cols = {c: t.index(c) for c in COLONNES_LONG + ["statut", "source"]}
    for ligne, cel in t.lignes:
        ind = ex.indicateur(ligne, cols["indicateur"], cel[cols["indicateur"]])
        code = ex.commune(ligne, cols["code_commune"], cel[cols["code_commune"]])
        d = ex.date(ligne, cols["date"], cel[cols["date"]], ind)
        cellule = cel[cols["valeur"]]
        if cols["statut"] is not None and normaliser(cel[cols["statut"]]) in ("secret", "missing"):
            cellule = "s" if normaliser(cel[cols["statut"]]) == "secret" else ""
        src = str(cel[cols["source"]]).strip() if cols["source"] is not None and cel[cols["source"]] else None
        ex.ajouter(ligne, cols["valeur"], ind, code, d, cellule, src)
    return ex


def lire_large(t: Tableau, m: dict, source: str, nom_mapping: str) -> Extraction:
    ex = Extraction(t, source)
    col_commune = t.index(m["colonne_commune"])
    colonnes: list[tuple[int, str | None, date | None]] = []  # (colonne, indicateur, date)
    if "colonnes" in m:
        d = valeurs.date_colonne(str(m.get("date", "")))
        if d is None:
            ex.problemes.append(f"{nom_mapping} : « date » obligatoire (AAAA-MM-JJ) avec « colonnes ».")
        for entete, ind in (m["colonnes"] or {}).items():
            i = t.index(entete)
            if i is None:
                ex.problemes.append(f"{t.fichier} : colonne « {entete} » du mapping absente de l'en-tête "
                                    f"(ligne {t.ligne_entete}).")
            elif normaliser(ind) not in ex.libelles:
                ex.problemes.append(f"{nom_mapping} : indicateur inconnu « {ind} » pour la colonne « {entete} ».")
            else:
                colonnes.append((i, ex.libelles[normaliser(ind)], d))
    else:
        ind = ex.libelles.get(normaliser(m["indicateur"]))
        if ind is None:
            ex.problemes.append(f"{nom_mapping} : indicateur inconnu « {m['indicateur']} ».")
        dates = m.get("colonnes_dates") or {e: e for e in t.entetes if valeurs.date_colonne(e)}
        for entete, d in dates.items():
            i = t.index(str(entete))
            if i is None:
                ex.problemes.append(f"{t.fichier} : colonne « {entete} » du mapping absente de l'en-tête.")
            else:
                colonnes.append((i, ind, valeurs.date_colonne(str(d))))
        if not dates:
            ex.problemes.append(f"{t.fichier} : aucune colonne datée (« 2021 », « 31/12/2021 ») dans l'en-tête.")
    if ex.problemes:
        return ex
    dates_ok = {}
    for i, ind, d in colonnes:  # dates des colonnes validées une fois, à la ligne d'en-tête
        if d is None:
            ex.erreur(t.ligne_entete, i, "date de colonne illisible dans le mapping")
        dates_ok[i] = ex.date(t.ligne_entete, i, d.isoformat(), ind) if ind and d else None
    if ex.problemes:
        return ex
    for ligne, cel in t.lignes:
        code = ex.commune(ligne, col_commune, cel[col_commune])
        for i, ind, _ in colonnes:
            ex.ajouter(ligne, i, ind, code, dates_ok[i], cel[i])
    return ex


# --- validation d'ensemble ------------------------------------------------------------------------------
def coherence(vals: list[Valeur], arrondi: float = 0) -> list[str]:
    """Doublons, totaux et inclusions. Une source arrondie (``arrondi`` = 5 : chaque nombre au multiple de 5 le
    plus proche) admet entre un total et la somme de ses k parties l'écart que les arrondis expliquent :
    (k + 1) × arrondi / 2."""
    problemes = []
    vus: dict[tuple, Valeur] = {}
    for v in vals:
        cle = (v.indicateur, v.lieu, v.date)
        if cle in vus:
            problemes.append(f"{v.ou} : doublon de {v.indicateur} pour {v.lieu} au {formats.jour(v.date)} "
                             f"(déjà à la ligne {vus[cle].ligne}).")
        else:
            vus[cle] = v
    par_cle: dict[tuple, dict[str, Valeur]] = defaultdict(dict)
    for (ind, code, d), v in vus.items():
        if v.statut == "ok":
            par_cle[(code, d)][ind] = v
    for (code, d), x in sorted(par_cle.items()):
        for regle in identites.egalites():
            total, parts = regle.total, regle.composantes
            if total in x and all(p in x for p in parts):
                somme = sum(x[p].valeur for p in parts)
                if abs(somme - x[total].valeur) > (len(parts) + 1) * arrondi / 2:
                    detail = " + ".join(f"{p} ({x[p].valeur:.0f}, ligne {x[p].ligne})" for p in parts)
                    problemes.append(f"{x[total].ou} : total incohérent pour {code} au {formats.jour(d)} : "
                                     f"{total} = {x[total].valeur:.0f} mais {detail} = {somme:.0f}.")
        for regle in identites.inclusions():
            parts, tout = regle.composantes, regle.total
            if tout in x and all(p in x for p in parts) and \
                    sum(x[p].valeur for p in parts) > x[tout].valeur + len(parts) * arrondi:
                partie = " + ".join(f"{p} ({x[p].valeur:.0f})" for p in parts)
                problemes.append(f"{x[parts[0]].ou} : {partie} dépasse {tout} "
                                 f"({x[tout].valeur:.0f}, ligne {x[tout].ligne}) pour {code} au {formats.jour(d)}.")
    return problemes
