"""Le bulletin de la demande d'emploi et les chiffres clés de la commande : CSV et JSON (interfaces de données : en-tête
de colonnes seul), Markdown, et le classeur Excel de la page Profil (tableaux.en_xlsx, avec son cartouche)."""
from __future__ import annotations

import json

import pandas as pd

from observatoire import formats, referentiel, ruptures
from observatoire.modele.base import requete
from observatoire.sorties import tableaux
from observatoire.sorties.tableaux import Cartouche, Colonne, neutraliser

COLONNES = ["libelle", "nombre", "part", "evolution_annuelle", "evolution_annuelle_pct", "demonstration",
            "rupture_de_serie"]


# Le bulletin tel que la page Profil le montre et le fait télécharger (CSV et Excel de tableaux, avec cartouche)
COLONNES_PAGE = {"categorie": Colonne("Catégorie"), "nombre": Colonne("Nombre", "nombre"),
                 "part": Colonne("Part", "pourcent", 1), "evolution_annuelle": Colonne("Évolution sur un an", "nombre",
                                                                                   signe=True),
                 "evolution_annuelle_pct": Colonne("Évolution sur un an (%)", "pourcent", 1, signe=True),
                 "demonstration": Colonne("Démonstration", "oui_non")}


TITRE_PAGE = "Profil des demandeurs d'emploi (catégories A, B, C)"
UNITE_PAGE = "demandeurs d'emploi ; part dans l'ensemble ABC et évolution sur un an en %"


def a_la_page(df: pd.DataFrame) -> pd.DataFrame:
    """Le bulletin avec sa colonne « categorie » : les lignes de détail en retrait, comme à l'écran."""
    return df.assign(categorie=[("" if n == 0 else "\u2003") + lib for n, lib in zip(df.niveau, df.libelle)])


def bulletin(con, territoire: str, date: str, detail: bool = True) -> pd.DataFrame:
    referentiel.territoire(territoire)  # erreur claire si inconnu
    df = requete(con, "bulletin", territoire=territoire, date=date, detail=detail)
    if df.nombre.isna().all():
        raise ValueError(f"Aucune donnée pour « {territoire} » au {date} (date de fin de trimestre attendue).")
    return df


def _arrondi(df: pd.DataFrame, date: str | None) -> pd.DataFrame:
    out = df[COLONNES[:-2]].copy()
    out["libelle"] = out.libelle.map(neutraliser)  # un nom « =1+2 » n'est jamais une formule dans un tableur
    out["nombre"] = out.nombre.round().astype("Int64")
    out["evolution_annuelle"] = out.evolution_annuelle.round().astype("Int64")
    out["part"] = out.part.round(1)
    out["evolution_annuelle_pct"] = out.evolution_annuelle_pct.round(1)
    out["demonstration"] = df.demonstration.map({True: "oui", False: "non"})
    out["rupture_de_serie"] = [rupture(i, date) or "" for i in df.indicateur] if date else ""
    return out


def rupture(indicateur: str, date_) -> str | None:
    """L'avertissement d'une évolution sur un an qui passe une rupture de série (``ruptures``), sinon None."""
    return ruptures.avertissement(ruptures.sur_un_an(indicateur, date_))


def en_csv(df: pd.DataFrame, date: str | None = None) -> str:
    """CSV pour tableur français : séparateur « ; », virgule décimale, UTF-8 ; ``date`` : celle du bulletin, pour
    la colonne ``rupture_de_serie`` (l'évolution sur un an passe-t-elle une rupture de série ?)."""
    return _arrondi(df, date).to_csv(sep=";", decimal=",", index=False)


def en_markdown(df: pd.DataFrame, titre: str, date: str | None = None) -> str:
    lignes = [f"## {titre}", "", "| | Nombre | Part | Évolution annuelle | |", "|---|---:|---:|---:|---:|"]
    rubrique = None
    for r in df.itertuples():
        if r.rubrique and r.rubrique == r.rubrique and r.rubrique != rubrique and r.niveau == 0:
            lignes.append(f"| **{r.rubrique}** | | | | |")
            rubrique = r.rubrique
        lib = f"**{r.libelle}**" if r.niveau == 0 else f"&nbsp;&nbsp;{r.libelle}"
        lignes.append(f"| {lib} | {formats.nombre(r.nombre)} | {formats.pourcent(r.part)} | "
                      f"{formats.nombre(r.evolution_annuelle, signe=True)} | "
                      f"{formats.pourcent(r.evolution_annuelle_pct, signe=True)} |")
    if date and (texte := rupture("demandeurs_abc", date)):
        lignes += ["", f"*{texte}*", ""] + [f"*{x}*" for x in ruptures.explication(ruptures.sur_un_an(
            "demandeurs_abc", date))]
    if formats.contient_demo(df):
        lignes += ["", f"*{formats.MARQUE_DEMO_COURTE} : {formats.DEMO_CONSIGNE}.*"]
    return "\n".join(lignes) + "\n"


def cartouche(con, df: pd.DataFrame, territoire: str, date: str) -> Cartouche:
    """Ce que le classeur dit autour du bulletin, comme le téléchargement de la page Profil : titre, territoire,
    date, unité, sources réelles de ses valeurs, marque de démonstration."""
    reelles = requete(con, "sources_des_valeurs", territoires=[territoire], indicateurs=list(df.indicateur.unique()),
                      dates=[pd.Timestamp(date).date()])
    connues = {r.source: formats.mention_source(r.producteur, r.definition) for r in requete(con, "sources").itertuples()}
    demonstration = formats.contient_demo(df)
    return Cartouche(titre=TITRE_PAGE, territoire=referentiel.territoire(territoire).nom,
                     date="au " + formats.jour(date), unite=UNITE_PAGE, demonstration=demonstration,
                     rupture=rupture("demandeurs_abc", date) or "",
                     sources=tableaux.sources_du_tableau(formats.mention_sources(",".join(reelles.source), connues),
                                                         demonstration))


def en_xlsx(df: pd.DataFrame, cartouche_: Cartouche) -> bytes:
    """Le classeur de la page Profil (même écrivain, mêmes colonnes, même cartouche)."""
    return tableaux.en_xlsx(a_la_page(df), COLONNES_PAGE, cartouche_, feuille="Bulletin")


def chiffres_cles(con, territoire: str, date: str) -> dict:
    t = referentiel.territoire(territoire)
    df = requete(con, "chiffres_cles", territoire=territoire, date=date)
    items = []
    for r in df.itertuples():
        item = {"indicateur": r.indicateur, "libelle": r.libelle, "date": r.date.date().isoformat(),
                "valeur": None if pd.isna(r.valeur) else int(r.valeur), "unite": r.unite,
                "evolution_annuelle": None if pd.isna(r.evolution) else int(r.evolution),
                "evolution_annuelle_pct": None if pd.isna(r.evolution_pct) else round(float(r.evolution_pct), 1),
                "texte": f"{formats.nombre(r.valeur)} {r.unite}", "statut": r.statut,
                "provenance": r.provenances, "sources": r.sources.split(","),
                "demonstration": bool(r.demonstration),
                "rupture_de_serie": None if pd.isna(r.evolution_pct) else rupture(r.indicateur, r.date)}
        if r.indicateur == "population":
            item["millesime"] = r.millesime  # « RP 2021 » (recensement) ou « COG 2024 » (en vigueur au 1er janvier)
        items.append(item)
    return {"territoire": t.territoire, "nom": t.nom, "date": date, "communes": len(t.membres),
            "chiffres": items}


def en_json(d: dict) -> str:
    return json.dumps(d, ensure_ascii=False, indent=2)


def ruptures_avant(indicateur: str, dates: pd.Series) -> list[str | None]:
    """Pour chaque point d'une série (dates croissantes), la rupture de série tombée depuis le point précédent :
    « 01/01/2025 (loi pour le plein emploi) », sinon None ; la commande ``serie`` la donne à chaque point."""
    precedentes = [None] + list(dates)[:-1]
    return [formats.liste([f"{formats.jour(r.date)} ({r.titre})" for r in passees]) if (passees := ruptures.passees(
        indicateur, avant, d)) else None for avant, d in zip(precedentes, dates)]


def a_l_ecran(bulletin: pd.DataFrame, gras_permis: bool = True):
    """Le tableau du Profil à l'écran (lignes de queries/bulletin.sql) : communes en retrait sous les totaux, nombres
    et pourcentages en français, « secret » en toutes lettres ; les totaux en gras quand il y a des communes dessous
    (au plus 300 lignes : le style coûte au-delà)."""
    tableau = pd.DataFrame({
        "": [("" if n == 0 else "\u2003") + lib for n, lib in zip(bulletin.niveau, bulletin.libelle)],
        "Nombre": [formats.nombre(x) if s != "secret" else "secret" for x, s in zip(bulletin.nombre, bulletin.statut)],
        "Part": [formats.pourcent(x) for x in bulletin.part],
        "Évolution": [formats.nombre(x, signe=True) for x in bulletin.evolution_annuelle],
        "Évolution (%)": [formats.pourcent(x, signe=True) for x in bulletin.evolution_annuelle_pct],
    })
    if not gras_permis or len(tableau) > 300:
        return tableau
    gras = bulletin.niveau.eq(0).to_numpy()
    return tableau.style.apply(lambda ligne: ["font-weight: 700" if gras[ligne.name] else ""] * len(ligne), axis=1)


def par_rubrique(bulletin: pd.DataFrame) -> list[tuple[str, str, pd.DataFrame]]:
    """Les totaux du territoire par rubrique du profil (sexe, âge, ancienneté, RSA…), dans l'ordre du bulletin :
    (rubrique, son titre, ses lignes)."""
    totaux = bulletin[(bulletin.niveau == 0) & bulletin.rubrique.notna() & (bulletin.rubrique != "")]
    return [(r, r if r == "RSA" else r.capitalize(), d) for r, d in totaux.groupby("rubrique", sort=False)]
