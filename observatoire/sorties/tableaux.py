"""Tableaux tels qu'on les voit à l'écran, et leurs téléchargements (CSV pour tableur français, Excel).

Un tableau est décrit une fois : ses colonnes (titre français, genre, décimales). L'écran montre les nombres
au format français ; le téléchargement contient les mêmes lignes et les mêmes titres, les nombres stockés comme
nombres et arrondis aux décimales affichées, « oui »/« non » pour les booléens, les pourcentages comme des
pourcentages. Tout texte qui commencerait par « = », « + », « - » ou « @ » est neutralisé (jamais de formule
active dans un tableur).

Un fichier qui quitte l'application dit ce que l'écran dit autour du tableau (``Cartouche``) : titre,
territoire, date, unité, sources, et « DONNÉES DE DÉMONSTRATION » quand au moins une valeur l'est. Dans le
classeur Excel, ce bloc précède le tableau ; dans le CSV, ce sont les premières lignes, qui commencent par « # »."""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import pandas as pd

from observatoire import formats

DEBUTS_FORMULE = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Colonne:
    titre: str
    genre: str = "texte"     # texte, nombre, pourcent (valeur en %), oui_non
    decimales: int | None = 0  # None : une décimale, sauf pour un nombre entier (un compte et une part mêlés)
    signe: bool = False      # « + » devant les valeurs positives à l'écran
    vide: str = "–"          # ce que l'écran montre pour une valeur absente (« secret statistique »…)
    largeur: int | str | None = None  # largeur à l'écran (pixels, ou small / medium / large) ; sinon automatique


# les producteurs des séries de l'Observatoire : le pied de page commun, et les fichiers téléchargés sans source propre
SOURCES_GENERALES = ("France Travail / DARES (demandeurs d'emploi), Urssaf – Acoss (emploi salarié privé), Insee – "
                     "Sirene (entreprises), Insee – COG (populations municipales)")


def sources_du_tableau(reelles: str, demonstration: bool) -> str:
    """La ligne « Sources » d'un tableau téléchargé (page ou ligne de commande) : la mention de ses sources réelles,
    sinon les producteurs de l'Observatoire ; le panel de démonstration s'il en contient."""
    return (reelles or SOURCES_GENERALES) + (" ; panel de démonstration de l'Observatoire (valeurs fictives)"
                                              if demonstration else "")


MARQUE_DEMO = f"{formats.DONNEES_DEMO.upper()} ({formats.DEMO_NATURE}) : {formats.DEMO_CONSIGNE}"


@dataclass(frozen=True)
class Cartouche:
    """Ce que l'écran dit autour d'un tableau, et que tout fichier téléchargé répète."""
    titre: str
    territoire: str
    date: str                # « au 31/12/2021 », « 2024 », « T4 2025 »…
    sources: str
    demonstration: bool
    unite: str = ""
    rupture: str = ""        # « Attention, rupture de série : … » quand une évolution ou une courbe en passe une

    def lignes(self, aujourd_hui: date | None = None) -> list[tuple[str, str]]:
        lignes = [("Titre", self.titre), ("Territoire", self.territoire), ("Date", self.date)]
        if self.unite:
            lignes.append(("Unité", self.unite))
        if self.rupture:
            lignes.append(("Rupture de série", self.rupture))
        lignes += [("Sources", self.sources),
                   ("Statut", MARQUE_DEMO if self.demonstration else "données réelles (voir les sources)"),
                   ("Téléchargé", f"le {formats.jour(aujourd_hui or date.today())} depuis l'Observatoire de l'emploi")]
        return [(cle, str(neutraliser(valeur))) for cle, valeur in lignes]


def _texte(x, c: Colonne) -> str:
    if x is None or (not isinstance(x, str) and pd.isna(x)):
        return c.vide
    if c.genre == "nombre":
        return formats.nombre(x, _decimales(x, c), c.signe)
    if c.genre == "pourcent":
        return formats.pourcent(x, c.decimales, c.signe)
    if c.genre == "oui_non":
        return "oui" if x else "non"
    return str(x)


def _decimales(x, c: Colonne) -> int:
    return c.decimales if c.decimales is not None else (0 if float(x).is_integer() else 1)


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
            s = pd.to_numeric(s, errors="coerce").round(1 if c.decimales is None else c.decimales)
            out[c.titre] = s.astype("Int64") if c.decimales == 0 else s
        elif c.genre == "oui_non":
            out[c.titre] = s.map(lambda x: "oui" if x else "non")
        else:
            out[c.titre] = s.map(lambda x: neutraliser(x) if isinstance(x, str) else x)
    return pd.DataFrame(out)


def en_csv(df: pd.DataFrame, colonnes: dict[str, Colonne], cartouche: Cartouche) -> bytes:
    """CSV pour tableur français : « ; », virgule décimale, UTF-8 avec BOM (Excel reconnaît les accents) ; le
    cartouche en premières lignes « # clé : valeur » (jamais entre guillemets : ``comment="#"`` les saute) ; des
    nombres que le tableur lit comme des nombres (signe moins ASCII, aucune espace, aucun « % ») : l'unité d'un
    pourcentage va dans le titre de sa colonne (« Évolution sur un an (%) »).
    Relu par ``pandas.read_csv(f, sep=";", comment="#", decimal=",", encoding="utf-8-sig")``."""
    valeurs = a_telecharger(df, colonnes)
    valeurs.columns = [titre_csv(c) for c in colonnes.values()]
    tampon = io.StringIO()
    for cle, valeur in cartouche.lignes():
        tampon.write(f"# {cle} : " + " ".join(str(valeur).replace(";", ",").split()) + "\n")
    tampon.write(valeurs.to_csv(sep=";", decimal=",", index=False, lineterminator="\n"))
    return tampon.getvalue().encode("utf-8-sig")


def titre_csv(c: Colonne) -> str:
    """Le titre d'une colonne dans un CSV : celui de l'écran, avec « (%) » pour un pourcentage qui ne le dit pas."""
    return c.titre + (" (%)" if c.genre == "pourcent" and "%" not in c.titre else "")


def format_excel(c: Colonne) -> str | None:
    """Le format d'affichage Excel d'une colonne (les pourcentages sont stockés en fraction : 3,8 % = 0,038)."""
    if c.decimales is None:
        return "# ##0.#" if c.genre == "nombre" else None
    decimales = "." + "0" * c.decimales if c.decimales else ""
    if c.genre == "pourcent":
        motif = f"0{decimales}%"
        return f"+{motif};-{motif};{motif}" if c.signe else motif
    if c.genre == "nombre":
        motif = f"# ##0{decimales}"
        return f"+{motif};-{motif};{motif}" if c.signe else motif
    return None


def en_xlsx(df: pd.DataFrame, colonnes: dict[str, Colonne], cartouche: Cartouche, feuille: str = "Données") -> bytes:
    """Classeur Excel : le cartouche (titre en gras, marque de démonstration en rouge), une ligne vide, puis le
    tableau ; nombres stockés comme nombres, affichés avec les décimales de l'écran, pourcentages en %."""
    from openpyxl.styles import Font
    valeurs = a_telecharger(df, colonnes)
    for c in colonnes.values():
        if c.genre == "pourcent":
            valeurs[c.titre] = valeurs[c.titre] / 100
    lignes = cartouche.lignes()
    debut = len(lignes) + 1  # ligne (0 = première) de l'en-tête du tableau
    tampon = io.BytesIO()
    with pd.ExcelWriter(tampon, engine="openpyxl") as xl:
        valeurs.to_excel(xl, index=False, sheet_name=feuille[:31], startrow=debut)
        ws = xl.sheets[feuille[:31]]
        for k, (cle, valeur) in enumerate(lignes, start=1):
            ws.cell(k, 1, cle).font = Font(bold=True)
            ws.cell(k, 2, valeur)
        ws.cell(1, 2).font = Font(bold=True, size=13)
        if cartouche.demonstration:
            ws.cell([cle for cle, _ in lignes].index("Statut") + 1, 2).font = Font(bold=True, color="B2182B")
        for i, c in enumerate(colonnes.values(), start=1):
            lettre = ws.cell(1, i).column_letter
            largeur = max([len(c.titre)] + [len(str(v)) for v in valeurs[c.titre].head(200)])
            ws.column_dimensions[lettre].width = min(max(12, largeur + 2), 60)
            if fmt := format_excel(c):
                for cellule in ws[lettre][debut + 1:]:
                    cellule.number_format = fmt
        ws.freeze_panes = ws.cell(debut + 2, 1)
    return tampon.getvalue()
