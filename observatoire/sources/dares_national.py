"""Le fichier communal national de la DARES (35 000 communes × 40 trimestres, des centaines de Mo) lu et contrôlé
par DuckDB, en colonnes, pour une base de toute la France : la réduction aux communes couvertes
(``grand_fichier``) n'y retirerait rien, et la lecture cellule par cellule (``officiels.dares_communes``) y
dépasserait la mémoire et le temps de ``build``.

Les règles sont celles de la lecture cellule par cellule, écrites en SQL (``dares_national.sql``) : mêmes lignes
écartées (totaux, arrondissements de Paris, Lyon, Marseille, autres catégories, ancienneté détaillée, croisements
de sexe et d'âge), mêmes erreurs et mêmes messages (commune, trimestre, nombre), même cohérence (doublons,
identités de ``data/identites.csv`` avec l'arrondi à 5 de la DARES) — un test compare les deux lectures sur un même
fichier. Les valeurs reviennent en un tableau (``pandas``), jamais en objets Python un par un."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from observatoire import couverture, formats, identites, referentiel, sql
from observatoire.sources.extraction import PROBLEMES_MAX
from observatoire.sources.officiels import DARES_INDICATEURS, NOMS, SOURCES
from observatoire.sources.lecture import ErreurFichier, Tableau

DISPOSITION = "dares_communes"
MEMOIRE = "2GB"  # au-delà, DuckDB écrit sur disque
ARRONDI = 5  # la DARES arrondit chaque nombre au multiple de 5
CELLULES = {"commune_cellule": "code_commune", "date_cellule": "date", "categorie": "categorie",
            "anciennete": "anciennete", "sexe": "sexe", "age": "tranche_d_age",
            "nombre_cellule": "nombre_de_demandeurs_d_emploi"}  # colonne de « brut » -> en-tête officiel


def motifs() -> dict[str, str]:
    """Motif d'une ligne écartée (colonne ``ecartee`` de la requête) -> phrase du rapport de validation."""
    return {"total": "de total",
            "plm": "d'arrondissement de Paris, Lyon ou Marseille (la commune entière figure aussi)",
            "hors": f"de commune {couverture.courante().hors}",
            "categorie": "d'une autre catégorie que A, B, C",
            "anciennete": "ventilée par ancienneté d'inscription (seul le total est repris)",
            "sexe_age": "croisant sexe et âge"}


@dataclass
class Lecture:
    faits: pd.DataFrame  # indicateur, code_commune, territoire (vide), date, valeur, statut, source, ligne
    problemes: list[str]
    ignorees: Counter
    disposition: str = NOMS[DISPOSITION]
    problemes_en_plus: int = 0  # erreurs de lecture au-delà des PROBLEMES_MAX détaillées


def lire(chemin: Path, t: Tableau, separateur: str, dossier: Path) -> Lecture:
    """Lit tout le fichier ``chemin`` dont ``t`` est l'en-tête (disposition « dares_communes ») ; ``separateur`` :
    « ; » ou « , » ; ``dossier`` : où DuckDB écrit ce qui dépasse sa mémoire. ErreurFichier si DuckDB ne peut pas le
    lire comme un CSV."""
    con = duckdb.connect(config={"memory_limit": MEMOIRE, "temp_directory": str(dossier)})
    try:
        con.execute("SET threads = 1")  # une lecture dans l'ordre du fichier : les numéros de ligne des messages
        lues = [f"c{i}" for i in range(len(t.entetes))]  # les colonnes du fichier, nommées par leur rang
        # chaque cellule attendue, prise à son rang dans l'en-tête (NULL si l'en-tête ne l'a pas), sous un nom fixe
        colonnes = sql.joindre(sql.composer("{colonne} AS {nom}", nom=sql.nom(nom, CELLULES),
                                            colonne=sql.composer("NULL") if t.index(entete) is None
                                            else sql.nom(f"c{t.index(entete)}", lues))
                               for nom, entete in CELLULES.items())
        try:
            con.execute(sql.composer(
                "CREATE TEMP TABLE brut AS SELECT row_number() OVER () + $saut AS ligne, {colonnes} "
                "FROM read_csv($chemin, delim=$separateur, header=false, skip=$saut, names=$noms, "
                "all_varchar=true, quote='\"', encoding='utf-8', null_padding=true, strict_mode=false)",
                colonnes=colonnes),
                {"chemin": str(chemin), "separateur": separateur, "saut": t.ligne_entete, "noms": lues})
        except duckdb.Error as e:
            raise ErreurFichier(f"{t.fichier} : CSV illisible ({str(e).splitlines()[0][:200]}).") from None
        con.execute("RESET threads")
        con.execute("CREATE MACRO normaliser(x) AS trim(regexp_replace(replace(replace(lower(strip_accents("
                    "coalesce(x, ''))), '_', ' '), '''', ' '), '\\s+', ' ', 'g'))")
        con.register("communes_connues", referentiel.communes()[["code_commune"]])
        con.register("passage", pd.DataFrame(referentiel.passage_cog().items(), columns=["ancien_code", "code_commune"]))
        c = couverture.courante()
        con.execute(sql.composer("CREATE TEMP TABLE lues AS {requete}",
                                 requete=sql.fichier(Path(__file__).with_suffix(".sql"))),
                           {"departements": list(c.departements), "toute_la_france": c.toute_la_france,
                            "dares_indicateurs": [{"sexe": s, "age": a, "indicateur": i}
                                                  for (s, a), i in DARES_INDICATEURS.items()]})
        faits, problemes, en_plus = _valeurs(con, t)
        return Lecture(faits, problemes, _ecartees(con), problemes_en_plus=en_plus)
    finally:
        con.close()


def _ecartees(con) -> Counter:
    phrases = motifs()
    return Counter({("ligne", phrases[m]): n for m, n in con.execute(
        "SELECT ecartee, count(*) FROM lues WHERE ecartee IS NOT NULL GROUP BY ecartee ORDER BY min(ligne)").fetchall()})


def _valeurs(con, t: Tableau) -> tuple[pd.DataFrame, list[str], int]:
    """Les valeurs gardées, les problèmes détaillés (au plus PROBLEMES_MAX) et le nombre de ceux qui ne le sont pas."""
    ou = {nom: lambda ligne, col=t.index(entete): t.ou(ligne, col) for nom, entete in
          (("commune", "code_commune"), ("date", "date"), ("valeur", "nombre_de_demandeurs_d_emploi"))}
    erreurs = con.execute(
        "SELECT ligne, quoi, message FROM (SELECT ligne, 0 AS rang, 'commune' AS quoi, erreur_commune AS message FROM lues "
        "UNION ALL SELECT ligne, 1, 'date', erreur_date FROM lues UNION ALL SELECT ligne, 2, 'valeur', erreur_valeur "
        "FROM lues) WHERE message IS NOT NULL ORDER BY ligne, rang LIMIT $n", {"n": PROBLEMES_MAX}).fetchall()
    problemes = [f"{ou[quoi](ligne)} : {message}." for ligne, quoi, message in erreurs]
    total = con.execute("SELECT count(erreur_commune) + count(erreur_date) + count(erreur_valeur) FROM lues").fetchone()[0]
    # les valeurs gardées : ni écartées, ni fautives
    con.execute("CREATE TEMP TABLE gardees AS SELECT * FROM lues WHERE ecartee IS NULL AND commune IS NOT NULL "
                "AND erreur_date IS NULL AND erreur_valeur IS NULL")
    faits = con.sql(  # en colonnes Arrow : quelques centaines de Mo pour 8 millions de valeurs, pas des objets Python
        "SELECT indicateur, commune AS code_commune, NULL::VARCHAR AS territoire, date, valeur, statut, "
        "$source AS source, ligne FROM gardees ORDER BY ligne", params={"source": SOURCES[DISPOSITION]}
    ).to_arrow_table().to_pandas(types_mapper=pd.ArrowDtype)
    if total <= PROBLEMES_MAX:
        problemes += _coherence(con, ou["valeur"])
    return faits, problemes, max(total - PROBLEMES_MAX, 0)


def _coherence(con, ou) -> list[str]:
    """Doublons, puis égalités et inclusions de ``identites`` (écarts que l'arrondi explique admis), dans l'ordre et
    avec les messages de ``depose.coherence``."""
    problemes = [f"{ou(ligne)} : doublon de {ind} pour {code} au {formats.jour(d)} (déjà à la ligne {premiere})."
                 for ligne, ind, code, d, premiere in con.execute(
                     "SELECT ligne, indicateur, commune, date, first_value(ligne) OVER cle FROM gardees "
                     "WINDOW cle AS (PARTITION BY indicateur, commune, date ORDER BY ligne) QUALIFY row_number() OVER cle > 1 "
                     "ORDER BY ligne LIMIT $n", {"n": PROBLEMES_MAX + 1}).fetchall()]
    # la première valeur de chaque clé, quel que soit son statut (une clé dont la première est secrète n'est pas
    # contrôlée, même si un doublon la renseigne), calculée une fois pour toutes les identités
    con.execute("CREATE TEMP TABLE premieres AS SELECT * FROM gardees "
                "QUALIFY row_number() OVER (PARTITION BY indicateur, commune, date ORDER BY ligne) = 1")
    ecarts = []
    for rang, regle in enumerate(identites.egalites() + identites.inclusions()):
        k = len(regle.composantes)
        egalite = regle.regle == "egalite"  # écart admis : l'arrondi de chaque nombre au multiple de 5
        tolerance = (k + 1) * ARRONDI / 2 if egalite else k * ARRONDI
        for code, d, total, ligne_total, parts in con.execute("""
                WITH renseignees AS (SELECT * FROM premieres WHERE statut = 'ok'),
                     parts AS (SELECT commune, date, sum(valeur) AS somme,
                                      list({'indicateur': indicateur, 'valeur': valeur, 'ligne': ligne}
                                           ORDER BY list_position($composantes, indicateur)) AS detail
                               FROM renseignees WHERE list_contains($composantes, indicateur)
                               GROUP BY commune, date HAVING count(*) = $k)
                SELECT parts.commune, parts.date, total.valeur, total.ligne, parts.detail
                FROM parts JOIN renseignees AS total USING (commune, date)
                WHERE total.indicateur = $total
                  AND CASE WHEN $egalite THEN abs(somme - total.valeur) > $tolerance
                           ELSE somme > total.valeur + $tolerance END
                LIMIT $n""", {"composantes": list(regle.composantes), "k": k, "total": regle.total,
                               "egalite": egalite, "tolerance": tolerance, "n": PROBLEMES_MAX + 1}).fetchall():
            ecarts.append((code, d, rang, _message(regle, ou, code, d, total, ligne_total, parts)))
    return problemes + [m for *_, m in sorted(ecarts)]


def _message(regle, ou, code: str, d, total: float, ligne_total: int, parts: list[dict]) -> str:
    somme = sum(p["valeur"] for p in parts)
    if regle.regle == "egalite":
        detail = " + ".join(f"{p['indicateur']} ({p['valeur']:.0f}, ligne {p['ligne']})" for p in parts)
        return (f"{ou(ligne_total)} : total incohérent pour {code} au {formats.jour(d)} : "
                f"{regle.total} = {total:.0f} mais {detail} = {somme:.0f}.")
    partie = " + ".join(f"{p['indicateur']} ({p['valeur']:.0f})" for p in parts)
    return (f"{ou(parts[0]['ligne'])} : {partie} dépasse {regle.total} ({total:.0f}, ligne {ligne_total}) "
            f"pour {code} au {formats.jour(d)}.")
