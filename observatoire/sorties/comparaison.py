"""Tableau de la page Comparer : une ligne par indicateur, une colonne par territoire (la mesure choisie),
le nombre et le rang du territoire choisi. DuckDB ne pivote pas sur des colonnes trouvées dans des données
filtrées par paramètres : le pivot se fait ici, une fois, hors de la page."""
from __future__ import annotations

import pandas as pd

from observatoire.sorties.tableaux import Colonne

# mesure comparée (libellés : data/reglages.csv) -> (décimales, colonne de son rang)
MESURES = {"evolution_pct": (1, "rang_evolution"), "part": (1, "rang_part"), "pour_100": (1, "rang_pour_100")}


def classement(df: pd.DataFrame, indicateur: str = "demandeurs_abc") -> tuple[pd.DataFrame, dict[str, Colonne]]:
    """Les territoires comparés (les métropoles) rangés pour un indicateur : du plus haut ratio pour 100 habitants
    au plus bas (rang de queries/comparaison_territoires.sql), puis ceux qui n'ont pas de ratio, dans l'ordre reçu (les
    métropoles : la plus peuplée d'abord). ``df`` : résultat de cette requête."""
    lignes = df[df.indicateur == indicateur].sort_values("rang_pour_100", kind="stable")
    lignes = lignes.assign(rang=lignes.rang_pour_100.where(lignes.pour_100.notna()).astype("Int64"))
    return lignes, {"rang": Colonne("Rang", "nombre"), "nom_court": Colonne("Métropole"),
                    "valeur": Colonne(lignes.libelle_court.iloc[0] if len(lignes) else "Valeur", "nombre"),
                    "pour_100": Colonne("Pour 100 habitants", "nombre", 1),
                    "evolution_pct": Colonne("Évolution sur un an (%)", "pourcent", 1, signe=True)}


def tableau_large(df: pd.DataFrame, mesure: str, territoire: str) -> tuple[pd.DataFrame, dict[str, Colonne]]:
    """``df`` : résultat de queries/comparaison_territoires.sql. Renvoie le tableau et ses colonnes."""
    decimales, rang = MESURES[mesure]
    genre = "pourcent" if mesure != "pour_100" else "nombre"
    # pivot (pas pivot_table : une colonne entièrement vide, la France sans valeur, y multiplierait les lignes)
    large = (df.pivot(index=["ordre", "libelle_court"], columns="nom_court", values=mesure)
             .reindex(columns=list(dict.fromkeys(df.nom_court))).reset_index().sort_values("ordre"))
    large.columns.name = None
    choisi = df[df.territoire == territoire].set_index("indicateur")
    ordre = choisi.set_index("ordre")
    large["nombre"] = large.ordre.map(ordre.valeur)
    avec_valeur = df.groupby("ordre")[mesure].count()  # rang parmi les territoires qui ont une valeur
    large["rang"] = [f"{int(r)} / {int(n)}" if pd.notna(v) else "–"
                     for r, n, v in zip(large.ordre.map(ordre[rang]), large.ordre.map(avec_valeur),
                                        large.ordre.map(ordre[mesure]))]
    colonnes = {"libelle_court": Colonne("Indicateur")}
    for t in dict.fromkeys(df.nom_court):
        colonnes[t] = Colonne(t, genre, decimales, signe=mesure == "evolution_pct")
    colonnes["nombre"] = Colonne(f"Nombre ({choisi.nom_court.iloc[0]})", "nombre")
    colonnes["rang"] = Colonne(f"Rang ({choisi.nom_court.iloc[0]})")  # de ce territoire, nommé : le fichier téléchargé le dit aussi
    return large, colonnes


def sans_chiffre(df: pd.DataFrame) -> list[str]:
    """Les territoires comparés qui n'ont aucune valeur à la date (noms courts, dans l'ordre de la comparaison) : hors
    du Nord, rien n'est inventé tant qu'aucun fichier n'est importé. ``df`` : résultat de comparaison_territoires."""
    avec_valeur = df.groupby("territoire", sort=False).valeur.count()
    noms = dict(zip(df.territoire, df.nom_court))
    return [nom for t, nom in noms.items() if avec_valeur.get(t, 0) == 0]


def a_comparer(classees: pd.DataFrame, territoire: str, maximum: int) -> list[str]:
    """Les territoires à mettre à côté de ``territoire`` : les premiers du classement (``classement``), ceux qui ont
    un chiffre d'abord (les autres, sans valeur, sont rangés après eux)."""
    return [t for t in classees.territoire if t != territoire][:maximum]
