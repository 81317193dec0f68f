"""Tableaux prêts à publier : bulletin de la demande d'emploi et chiffres clés (CSV, Markdown, XLSX, JSON)."""
from __future__ import annotations

import io
import json

import pandas as pd

from observatoire import formats, referentiel
from observatoire.modele.base import requete
from observatoire.sorties.tableaux import Colonne, neutraliser

COLONNES = ["libelle", "nombre", "part", "evolution_annuelle", "evolution_annuelle_pct", "demonstration"]
ENTETES = {"libelle": "", "nombre": "Nombre", "part": "Part", "evolution_annuelle": "Évolution annuelle",
           "evolution_annuelle_pct": "Évolution annuelle (%)", "demonstration": "Démonstration"}


# Le bulletin tel que la page Profil le montre et le fait télécharger (CSV et Excel de tableaux, avec cartouche)
COLONNES_PAGE = {"categorie": Colonne("Catégorie"), "nombre": Colonne("Nombre", "nombre"),
                 "part": Colonne("Part", "pourcent", 1), "evolution_annuelle": Colonne("Évolution sur un an", "nombre",
                                                                                   signe=True),
                 "evolution_annuelle_pct": Colonne("Évolution sur un an (%)", "pourcent", 1, signe=True),
                 "demonstration": Colonne("Démonstration", "oui_non")}


def a_la_page(df: pd.DataFrame) -> pd.DataFrame:
    """Le bulletin avec sa colonne « categorie » : les lignes de détail en retrait, comme à l'écran."""
    return df.assign(categorie=[("" if n == 0 else "\u2003") + lib for n, lib in zip(df.niveau, df.libelle)])


def bulletin(con, territoire: str, date: str, detail: bool = True) -> pd.DataFrame:
    referentiel.territoire(territoire)  # erreur claire si inconnu
    df = requete(con, "bulletin", territoire=territoire, date=date, detail=detail)
    if df.nombre.isna().all():
        raise ValueError(f"Aucune donnée pour « {territoire} » au {date} (date de fin de trimestre attendue).")
    return df


def _arrondi(df: pd.DataFrame) -> pd.DataFrame:
    out = df[COLONNES[:-1]].copy()
    out["libelle"] = out.libelle.map(neutraliser)  # un nom « =1+2 » n'est jamais une formule dans un tableur
    out["nombre"] = out.nombre.round().astype("Int64")
    out["evolution_annuelle"] = out.evolution_annuelle.round().astype("Int64")
    out["part"] = out.part.round(1)
    out["evolution_annuelle_pct"] = out.evolution_annuelle_pct.round(1)
    out["demonstration"] = df.demonstration.map({True: "oui", False: "non"})
    return out


def en_csv(df: pd.DataFrame) -> str:
    """CSV pour tableur français : séparateur « ; », virgule décimale, UTF-8."""
    return _arrondi(df).to_csv(sep=";", decimal=",", index=False)


def en_markdown(df: pd.DataFrame, titre: str) -> str:
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
    if df.demonstration.any():
        lignes += ["", "*Données de démonstration (fictives) : ne pas diffuser comme chiffres officiels.*"]
    return "\n".join(lignes) + "\n"


def en_xlsx(df: pd.DataFrame, titre: str) -> bytes:
    """Classeur Excel : en-têtes français, nombres stockés comme nombres (parts et évolutions en fraction,
    formatées en %)."""
    out = _arrondi(df).rename(columns=ENTETES)
    out["Part"] = out["Part"] / 100
    out["Évolution annuelle (%)"] = out["Évolution annuelle (%)"] / 100
    tampon = io.BytesIO()
    with pd.ExcelWriter(tampon, engine="openpyxl") as xl:
        out.to_excel(xl, sheet_name="Bulletin", index=False, startrow=2)
        ws = xl.sheets["Bulletin"]
        ws["A1"] = neutraliser(titre)
        for col, fmt in (("B", "# ##0"), ("C", "0.0%"), ("D", "+# ##0;-# ##0;0"), ("E", "+0.0%;-0.0%;0.0%")):
            for cell in ws[col][3:]:
                cell.number_format = fmt
        ws.column_dimensions["A"].width = 42
    return tampon.getvalue()


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
                "demonstration": bool(r.demonstration)}
        if r.indicateur == "population":
            item["millesime"] = r.millesime  # « RP 2021 » (recensement) ou « COG 2024 » (en vigueur au 1er janvier)
        items.append(item)
    return {"territoire": t.territoire, "nom": t.nom, "date": date, "communes": len(t.membres),
            "chiffres": items}


def en_json(d: dict) -> str:
    return json.dumps(d, ensure_ascii=False, indent=2)
