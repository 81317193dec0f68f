"""Tableaux tels qu'on les voit à l'écran, et leurs téléchargements (CSV pour tableur français, Excel).

Un tableau est décrit une fois : ses colonnes (titre français, genre, décimales). L'écran montre les nombres
au format français ; le téléchargement contient les mêmes lignes et les mêmes titres, les nombres stockés comme
nombres et arrondis aux décimales affichées, « oui »/« non » pour les booléens. Tout texte qui commencerait
par « = », « + », « - » ou « @ » est neutralisé (jamais de formule active dans un tableur)."""
from __future__ import annotations

import io
from dataclasses import dataclass

import pandas as pd

from . import formats

DEBUTS_FORMULE = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Colonne:
    titre: str
    genre: str = "texte"     # texte, nombre, pourcent (valeur en %), oui_non
    decimales: int = 0
    signe: bool = False      # « + » devant les valeurs positives à l'écran
    vide: str = "–"          # ce que l'écran montre pour une valeur absente (« secret statistique »…)
    largeur: int | str | None = None  # largeur à l'écran (pixels, ou small / medium / large) ; sinon automatique


def _texte(x, c: Colonne) -> str:
    if x is None or (not isinstance(x, str) and pd.isna(x)):
        return c.vide
    if c.genre == "nombre":
        return formats.nombre(x, c.decimales, c.signe)
    if c.genre == "pourcent":
        return formats.pourcent(x, c.decimales, c.signe)
    if c.genre == "oui_non":
        return "oui" if x else "non"
    return str(x)


def a_l_ecran(df: pd.DataFrame, colonnes: dict[str, Colonne]) -> pd.DataFrame:
    """Le tableau affiché : une colonne par entrée de ``colonnes`` (colonne source -> description)."""
    return pd.DataFrame({c.titre: [_texte(x, c) for x in df[src]] for src, c in colonnes.items()})


def neutraliser(x):
    """Un texte qui serait lu comme une formule par un tableur est précédé d'une apostrophe."""
    return "'" + x if isinstance(x, str) and x.startswith(DEBUTS_FORMULE) else x


def a_telecharger(df: pd.DataFrame, colonnes: dict[str, Colonne]) -> pd.DataFrame:
    """Les mêmes lignes et titres que l'écran, en valeurs : entiers, décimaux arrondis, oui/non, textes sûrs."""
    out = {}
    for src, c in colonnes.items():
        s = df[src]
        if c.genre in ("nombre", "pourcent"):
            s = pd.to_numeric(s, errors="coerce").round(c.decimales)
            out[c.titre] = s.astype("Int64") if c.decimales == 0 else s
        elif c.genre == "oui_non":
            out[c.titre] = s.map(lambda x: "oui" if x else "non")
        else:
            out[c.titre] = s.map(lambda x: neutraliser(x) if isinstance(x, str) else x)
    return pd.DataFrame(out)


def en_csv(df: pd.DataFrame) -> bytes:
    """CSV pour tableur français : « ; », virgule décimale, UTF-8 avec BOM (Excel reconnaît les accents)."""
    return df.to_csv(sep=";", decimal=",", index=False).encode("utf-8-sig")


def en_xlsx(df: pd.DataFrame, feuille: str = "Données", decimales: dict[str, int] | None = None) -> bytes:
    """Classeur Excel : nombres stockés comme nombres, affichés avec les décimales de l'écran."""
    tampon = io.BytesIO()
    with pd.ExcelWriter(tampon, engine="openpyxl") as xl:
        df.to_excel(xl, index=False, sheet_name=feuille[:31])
        ws = xl.sheets[feuille[:31]]
        for i, col in enumerate(df.columns, start=1):
            largeur = max([len(str(col))] + [len(str(v)) for v in df[col].head(200)])
            ws.column_dimensions[ws.cell(1, i).column_letter].width = min(max(10, largeur + 2), 60)
            d = (decimales or {}).get(col)
            if d is not None and pd.api.types.is_numeric_dtype(df[col]):
                for cell in ws[ws.cell(1, i).column_letter][1:]:
                    cell.number_format = "# ##0" + ("." + "0" * d if d else "")
    return tampon.getvalue()
