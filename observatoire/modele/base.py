"""Base DuckDB : construction depuis les fichiers du dépôt, connexion, exécution des requêtes de queries/."""
from __future__ import annotations

import hashlib
import re
import time
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

from observatoire import chemins, couverture, referentiel, sql
from observatoire.modele import archive_imports, archive_territoires, panel_niveau, publication
from observatoire.modele.panel import Panel

MODELE = Path(__file__).resolve().parent


def _sql(nom: str) -> str:
    return (MODELE / nom).read_text(encoding="utf-8")


# tables copiées telles quelles de data/<table>.csv
TABLES_DE_DATA = ("sources", "indicateurs", "documents", "publications", "criteres_comparables", "corrections_libelles")
TABLES_CALCULEES = {"faits": "faits_en_vigueur", "faits_niveau": "faits_niveau_en_vigueur",
                    "faits_territoires": "faits_territoires_en_vigueur"}  # table -> sa macro (faits.sql), dans l'ordre


def rafraichir_faits(con: duckdb.DuckDBPyConnection, imports: list[int] | None = None) -> None:
    """Recalcule les tables calculées (faits, faits_niveau, faits_territoires) : toutes leurs clés, ou celles
    (indicateur × date) des valeurs des ``imports`` donnés — celui qu'on ajoute ou qu'on annule : 0,1 s au lieu de 3 s
    sur la base du Nord. À appeler dans la transaction de l'écriture."""
    if imports is None:
        indicateurs = dates = None
    else:
        indicateurs, dates = con.execute(
            "SELECT list(DISTINCT indicateur), list(DISTINCT date) FROM (SELECT indicateur, date FROM faits_import "
            "WHERE list_contains($imports, import_id) UNION ALL SELECT indicateur, date FROM faits_import_niveau "
            "WHERE list_contains($imports, import_id))", {"imports": imports}).fetchone()
        if not indicateurs:
            return
    cles = {"indicateurs": indicateurs, "dates": dates}
    for table, macro in TABLES_CALCULEES.items():  # noms fixes, paramètres liés
        t = sql.nom(table, TABLES_CALCULEES)
        calcul = sql.composer("SELECT * FROM {macro}(" + ("NULL, " if table == "faits_territoires" else "")
                              + "$indicateurs, $dates)", macro=sql.nom(macro, TABLES_CALCULEES.values()))
        if imports is None:  # remplacer la table entière : bien plus court que d'en effacer toutes les lignes
            con.execute(sql.composer("CREATE OR REPLACE TABLE {t} AS {calcul}", t=t, calcul=calcul), cles)
        else:
            con.execute(sql.composer("DELETE FROM {t} WHERE cle_demandee(indicateur, date, $indicateurs, $dates)",
                                     t=t), cles)
            con.execute(sql.composer("INSERT INTO {t} BY NAME {calcul}", t=t, calcul=calcul), cles)


def rafraichir_territoires(con: duckdb.DuckDBPyConnection, territoires: list[str]) -> None:
    """Recalcule les agrégats (faits_territoires) des seuls ``territoires`` donnés : ceux dont un enregistrement
    change les communes, ou qu'il supprime. Les valeurs par commune n'en dépendent pas."""
    if territoires:
        con.execute("DELETE FROM faits_territoires WHERE list_contains($t, territoire)", {"t": territoires})
        con.execute("INSERT INTO faits_territoires BY NAME SELECT * FROM faits_territoires_en_vigueur($t, NULL, NULL)",
                    {"t": territoires})


def _charger_referentiels(con: duckdb.DuckDBPyConnection) -> None:
    com = referentiel.communes()
    con.execute("INSERT INTO communes BY NAME SELECT * FROM com")
    lignes, membres = [], []
    for t in referentiel.territoires():
        lignes.append((t.territoire, t.nom, t.nom_court, t.type, t.source, t.nb_communes, t.hors_couverture))
        membres += [(t.territoire, c) for c in t.membres]
    lignes += [(c, n, n, "commune", "COG 2026", 1, 0) for c, n in zip(com.code_commune, com.nom)]
    membres += [(c, c) for c in com.code_commune]
    lignes = pd.DataFrame(lignes)  # un INSERT … SELECT d'un tableau : executemany prenait 2 s
    membres = pd.DataFrame(membres)
    con.execute("INSERT INTO territoires SELECT * FROM lignes")
    con.execute("INSERT INTO territoire_communes SELECT * FROM membres")
    for table in TABLES_DE_DATA:
        con.execute(sql.composer("INSERT INTO {t} SELECT * FROM read_csv(?, delim=';', header=true, "
                                 "all_varchar=true)", t=sql.nom(table, TABLES_DE_DATA)),
                    [str(chemins.DATA / f"{table}.csv")])
    con.execute("INSERT INTO sources_officielles SELECT *, row_number() OVER () FROM read_csv(?, delim=';', "
                "header=true, all_varchar=true)", [str(chemins.DATA / "sources_officielles.csv")])
    con.execute("INSERT INTO bmo_base SELECT * FROM read_csv(?, header=true, all_varchar=true) "
                "WHERE list_contains(?, region)",  # les régions de la couverture : un bassin comparé à sa région
                [str(chemins.REF / "bmo_2024.csv.gz"), list(couverture.courante().regions)])
    alias = pd.DataFrame(list(referentiel.ALIAS.items()), columns=["identifiant", "territoire"])
    con.execute("INSERT INTO alias_territoires SELECT * FROM alias SEMI JOIN territoires USING (territoire)")
    lus = pd.read_csv(chemins.REF / "iris_2019.csv", dtype={"code_iris": str, "code_commune": str})
    lus = lus[lus.code_commune.isin(com.code_commune)]  # les IRIS de la MEL, quand le Nord est couvert
    comptages = lus.melt(id_vars=["code_iris"], value_vars=[c for c in lus.columns if c[:4] in ("P19_", "C19_")],
                         var_name="variable", value_name="valeur")
    con.execute("INSERT INTO iris SELECT code_iris, code_commune, nom_iris, type_iris FROM lus")
    con.execute("INSERT INTO iris_comptages SELECT * FROM comptages")
    con.execute("INSERT INTO iris_mesures SELECT * FROM read_csv(?, delim=';', header=true)",
                [str(chemins.DATA / "iris_mesures.csv")])


# Population d'une date : jusqu'en 2021, celle du recensement de l'année (« RP 2021 », Insee) ; ensuite celle
# que le COG de l'année met en vigueur au 1er janvier (paquets du COG, « COG 2024 »).
DERNIER_RP = 2021


def _faits_population(codes: pd.Series, annees: pd.Series, valeurs: pd.Series, source: str,
                      references: pd.Series) -> pd.DataFrame:
    """Faits « population » (officiels) datés du 1er janvier de leur millésime."""
    return pd.DataFrame({
        "indicateur": "population", "code_commune": codes,
        "date": pd.to_datetime(annees.astype(str) + "-01-01").dt.date, "valeur": valeurs.astype(float),
        "statut": "ok", "source": source, "provenance": "officiel", "reference": references,
    })


def _faits_base() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Faits communaux (populations réelles ; panel de démonstration quand le Nord est couvert : calibré sur les
    publications de ses Maisons de l'emploi, il n'a d'équivalent nulle part ailleurs) et faits à l'échelle d'un
    territoire. Hors du Nord, aucune série inventée : elles restent vides jusqu'à un import ou une actualisation."""
    if couverture.courante().avec_nord:
        panel = Panel().generer()
        demonstration, niveau = panel.faits(), panel_niveau.faits(panel)
    else:
        demonstration = niveau = None
    rp = referentiel.populations_rp()
    cog = referentiel.populations()
    cog = cog[cog.millesime_cog > DERNIER_RP]
    return pd.concat([
        _faits_population(rp.code_commune, rp.annee_rp, rp.population, "insee-rp", "RP " + rp.annee_rp.astype(str)),
        _faits_population(cog.code_commune, cog.millesime_cog, cog.population, "insee-cog",
                          "COG " + cog.millesime_cog.astype(str) + " (paquet " + cog.version_paquet + ")"),
        demonstration,
    ], ignore_index=True), niveau if niveau is not None else panel_niveau.faits(None)


def empreinte_entrees() -> str:
    """Empreinte de ce dont la base est faite : fichiers de data/ (sauf la base et les imports, déjà dans la
    base), modèle SQL, code du paquet, versions des dépendances. Change dès qu'une reconstruction changerait
    la base."""
    h = hashlib.sha256()
    paquet = chemins.RACINE / "observatoire"
    groupes = [(chemins.DATA, chemins.DATA.glob("*.csv")), (chemins.REF, chemins.REF.rglob("*")),
               (paquet, paquet.rglob("*.py")), (paquet, (paquet / "modele").glob("*")),
               (chemins.RACINE, [chemins.RACINE / "requirements.txt"])]
    for racine, fichiers in groupes:
        for f in sorted(x for x in fichiers if x.is_file()):
            h.update(str(f.relative_to(racine)).encode() + b"\0" + f.read_bytes() + b"\0")
    h.update(("couverture:" + ",".join(couverture.courante().departements)).encode())
    return h.hexdigest()


def _fichier_empreinte(cible: Path) -> Path:
    return cible.with_name(cible.name + ".empreinte")


def a_jour(cible: Path | None = None) -> bool:
    """La base existe et a été construite depuis les entrées actuelles."""
    cible = cible or chemins.base()
    stamp = _fichier_empreinte(cible)
    return cible.exists() and stamp.exists() and stamp.read_text().strip() == empreinte_entrees()


def construire(cible: Path | None = None, rejouer_imports: bool = True) -> dict[str, float]:
    """(Re)construit la base dans une copie de travail puis la publie d'un coup (publication.ecriture) : une
    construction qui échoue ou qu'on interrompt laisse l'ancienne base intacte, et les sessions ouvertes passent à
    la nouvelle à leur exécution suivante. Sérialisée avec les imports. Renvoie les durées par étape."""
    cible = cible or chemins.base()
    cible.parent.mkdir(parents=True, exist_ok=True)
    durees: dict[str, float] = {}
    t0 = time.perf_counter()
    with publication.ecriture("construction de la base", cible, copie=False) as con:
        for fichier in ("schema.sql", "vues.sql", "faits.sql"):  # tables, puis les vues et macros qui les lisent
            con.execute(_sql(fichier))
        _charger_referentiels(con)
        durees["referentiels"] = time.perf_counter() - t0
        base, niveau = _faits_base()
        durees["panel"] = time.perf_counter() - t0 - durees["referentiels"]
        con.execute("INSERT INTO faits_base SELECT * FROM base")
        con.execute("INSERT INTO faits_base_niveau SELECT * FROM niveau")
        if rejouer_imports:
            archive_territoires.rejouer(con)  # territoires à façon enregistrés
        if rejouer_imports:
            archive_imports.rejouer(con)
        rafraichir_faits(con)  # une fois, imports rejoués compris
        _fichier_empreinte(cible).unlink(missing_ok=True)  # un arrêt avant la publication force une reconstruction
    _fichier_empreinte(cible).write_text(empreinte_entrees() + "\n")
    durees["total"] = time.perf_counter() - t0
    return durees


def connecter(lecture_seule: bool = True, chemin: Path | None = None) -> duckdb.DuckDBPyConnection:
    chemin = chemin or chemins.base()
    if not chemin.exists():
        construire(chemin)
    return duckdb.connect(str(chemin), read_only=lecture_seule)


@lru_cache
def texte_requete(nom: str) -> str:
    chemin = chemins.QUERIES / f"{nom}.sql"
    if not chemin.exists():
        raise FileNotFoundError(f"Requête inconnue : queries/{nom}.sql")
    return chemin.read_text(encoding="utf-8")


def parametres_requete(nom: str) -> set[str]:
    """Paramètres nommés ($nom) attendus par une requête."""
    return set(re.findall(r"\$([a-z_]+)", re.sub(r"--[^\n]*", "", texte_requete(nom))))


def requete(con: duckdb.DuckDBPyConnection, nom: str, **params) -> pd.DataFrame:
    """Exécute queries/<nom>.sql avec des paramètres liés (jamais insérés dans le texte SQL)."""
    attendus = parametres_requete(nom)
    if set(params) != attendus:
        raise TypeError(f"queries/{nom}.sql attend {sorted(attendus)}, reçu {sorted(params)}")
    return con.execute(texte_requete(nom), params).df()
