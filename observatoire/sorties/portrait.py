"""Portrait de territoire : les mêmes diapositives pour le mode présentation, le PowerPoint (portrait_pptx.py) et
le PDF A4 (fpdf2). Graphiques en images par Kaleido (export.py), sources au pied de chaque diapositive,
marque « données de démonstration » là où elle s'applique."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from observatoire import formats, referentiel, ruptures
from observatoire.cartes import carto, classement, figure_plotly
from observatoire.modele import panel
from observatoire.modele.base import requete
from observatoire.sorties import commentaire, explications, graphiques

SOURCE_DE = "Source : France Travail / DARES, demandeurs d'emploi en fin de trimestre ; traitement Observatoire de l'emploi."
SOURCE_COG = "Population : Insee, recensement (RP) et COG. Contours : IGN – ADMIN EXPRESS 2018."
def source_bmo(annee: int) -> str:
    """« Source : France Travail, enquête Besoins en main-d'œuvre (BMO) 2025 » (l'enquête en vigueur)."""
    return f"Source : France Travail, enquête Besoins en main-d'œuvre (BMO) {annee}"
SEUIL_DIFFICULTE = 50  # projets au moins pour classer un métier par la part de ses projets jugés difficiles
DEMO = formats.MARQUE_DEMO
POLICES = Path("/usr/share/fonts/truetype/dejavu")
TAILLE_IMAGE = (1100, 560)  # px : les graphiques des diapositives (le PDF les dessine en 1000 × 560)


@dataclass
class Diapo:
    titre: str
    sous_titre: str = ""
    lignes: list[str] = field(default_factory=list)
    figure: go.Figure | None = None
    source: str = SOURCE_DE
    demonstration: bool = True
    chiffres: list[tuple[str, str, str]] = field(default_factory=list)  # (libellé, nombre, précision) en grand
    periode: str = ""           # ce que datent ses chiffres, quand ce n'est pas la date choisie (« enquête BMO 2024 »)
    rupture: str = ""           # « Attention, rupture de série : … » quand une évolution ou une courbe en passe une

    def alternative(self) -> str:
        """Le texte de remplacement de son graphique : ce qu'il montre, en une phrase."""
        return f"Graphique : {self.titre} – {self.sous_titre}." if self.figure is not None else ""


def _reelles(con, territoires: list[str], indicateurs: list[str], dates: list[str] | None) -> str:
    """« Données réelles : DARES / France Travail – moyenne des trois fins de mois… » pour les sources réelles
    des valeurs d'une diapositive, écrites comme sous les graphiques des pages (vide si toutes sont de
    démonstration)."""
    df = requete(con, "sources_des_valeurs", territoires=territoires, indicateurs=indicateurs,
                 dates=None if dates is None else [pd.Timestamp(d).date() for d in dates])
    textes = [formats.mention_source(r.producteur, r.definition) for r in df.itertuples()]
    return " Données réelles : " + " ; ".join(textes) + "." if textes else ""


def diapositives(con, territoire: referentiel.Designe, date: str) -> list[Diapo]:
    """Les diapositives du portrait ; chacune porte la marque de démonstration seulement si l'une de ses valeurs
    en est, et nomme sous ses chiffres les producteurs et définitions des valeurs réelles."""
    t = referentiel.territoire(territoire)  # résolu une fois ; porté tel quel à la carte, aux explications, au commentaire
    territoire = t.territoire
    jour = formats.jour(date)
    cles = requete(con, "chiffres_cles", territoire=territoire, date=date)
    demo = formats.contient_demo(cles)
    out = [Diapo(t.nom, f"La demande d'emploi au {jour}",
                 ["Portrait de territoire – Observatoire de l'emploi",
                  f"{len(t.membres)} commune{'s' if len(t.membres) > 1 else ''}"], source=SOURCE_COG, demonstration=demo)]

    lignes, chiffres = [], []
    for c in cles.itertuples():
        evol = "" if c.indicateur == "population" or pd.isna(c.evolution_pct) else \
            f"{formats.pourcent(c.evolution_pct, signe=True)} en un an"
        quand = c.millesime if c.indicateur == "population" else f"au {formats.jour(c.date)}"
        lignes.append(f"{c.libelle} ({quand}) : {formats.nombre(c.valeur)}" + (f" ({evol})" if evol else ""))
        chiffres.append((c.libelle, formats.nombre(c.valeur), " · ".join(x for x in (quand, evol) if x)))
    out.append(Diapo("Chiffres clés", f"{t.nom} – {jour}", lignes, chiffres=chiffres,
                     rupture=ruptures.avertissement(ruptures.des_chiffres(cles),
                                                    "l'évolution sur un an des demandeurs d'emploi") or "",
                     source=SOURCE_DE + " Emploi : Urssaf – Acoss. Entreprises : Insee, Sirene. " + SOURCE_COG
                     + _reelles(con, [territoire], [i for i in cles.indicateur if i != "population"], None),
                     demonstration=demo))

    base = date_de_base(con)
    z = carto.zone(t)
    df = requete(con, "carte_communes", region=None, zone=z, territoire=territoire, indicateur="demandeurs_abc", date=date,
                 date_base=base, mesure="pour_100")
    classes = classement.classer(df.mesure, "pour_100", "quantiles", 5)
    fig = figure_plotly.pour_l_impression(carto.dessin(df, t, "pour_100", classes, "Pour 100 habitants"),
                                          *TAILLE_IMAGE)
    out.append(Diapo("Demandeurs d'emploi ABC pour 100 habitants", f"Par commune, au {jour}", figure=fig,
                     source=SOURCE_DE + " " + SOURCE_COG + _reelles(con, [z], ["demandeurs_abc"], [date]),
                     demonstration=formats.contient_demo(df)))

    englobants = referentiel.englobants(t)  # la MEL, l'arrondissement de Lille, le Nord
    comparaison = list(dict.fromkeys([territoire, *englobants[:1], *englobants[-1:]]))
    series = requete(con, "series_comparees", territoires=comparaison, indicateur="demandeurs_abc",
                     date_base=base, avec_demonstration=False)
    series = series[series.date <= pd.Timestamp(date)]  # un portrait « au 31/12/2023 » s'arrête à cette date
    passees = ruptures.passees("demandeurs_abc", series.date.min(), series.date.max())
    fig = graphiques.lignes(series, "courbe", "indice", f"Indice (100 au {formats.jour(base)})", 1, date_reperee=date,
                            en_avant=t.nom_court, ruptures_=passees)
    out.append(Diapo("Évolution de la demande d'emploi ABC", f"Base 100 au {formats.jour(base)}, jusqu'au {jour}, données trimestrielles brutes",
                     figure=fig, rupture=ruptures.avertissement(passees, "cette série") or "", source=SOURCE_DE + _reelles(con, comparaison, ["demandeurs_abc"], None),
                     demonstration=formats.contient_demo(series)))

    b = requete(con, "bulletin", territoire=territoire, date=date, detail=False)
    p = b[b.rubrique.notna() & (b.rubrique != "")]
    fig = graphiques.barres_horizontales(p.libelle, p.part, [formats.pourcent(x) for x in p.part],
                                         titre_x="% des demandeurs ABC", plage=[0, 100])
    out.append(Diapo("Profil des demandeurs d'emploi", f"Part dans l'ensemble des catégories A, B, C, au {jour}",
                     figure=fig, source=SOURCE_DE + _reelles(con, [territoire], list(p.indicateur), [date]),
                     demonstration=formats.contient_demo(p)))

    comparaison = list(dict.fromkeys([territoire, *englobants]))
    comp = requete(con, "comparaison_territoires", territoires=comparaison, date=date)
    fig = graphiques.points_comparaison(comp[comp.evolution_pct.notna()], "evolution_pct",
                                        "Évolution sur un an (%)", 1, formats.POURCENT, t.nom_court)
    out.append(Diapo("Comparaison des territoires",
                     f"Avec {formats.liste([commentaire.nom_englobant(e) for e in englobants])} – évolution sur un an "
                     f"au {jour}",
                     figure=fig, rupture=ruptures.avertissement(ruptures.sur_un_an("demandeurs_abc", date)) or "", source=SOURCE_DE + _reelles(con, comparaison, list(comp.indicateur.unique()), [date]),
                     demonstration=formats.contient_demo(comp)))

    pourquoi = _diapo_emploi(con, t, date)
    if pourquoi:
        out.append(pourquoi)
    out.append(_diapo_bmo(con, territoire))
    paragraphes = commentaire.paragraphes(con, t, date)
    out.append(Diapo("Le point sur la demande d'emploi", f"{t.nom} – {jour}", paragraphes[:6],
                     demonstration=demo))
    for d in out:  # sous une marque de démonstration, les chiffres réels sont « dont » : jamais toute la diapositive
        if d.demonstration:
            d.source = d.source.replace(" Données réelles : ", " Dont réels : ")
    return out


def date_de_base(con) -> str:
    """La base 100 des courbes : la première fin de trimestre des demandeurs d'emploi de la base (31/12/2011 pour le
    panel de démonstration ; une base d'un autre département commence à son premier chiffre importé)."""
    dates = requete(con, "dates_disponibles", indicateur="demandeurs_abc").date
    return dates.min().date().isoformat() if len(dates) else panel.trimestres()[0].isoformat()


def _diapo_emploi(con, t: referentiel.Territoire, date: str) -> Diapo | None:
    """Pourquoi l'emploi salarié privé a bougé en un an : la cascade tendance / structure / effet local et sa phrase
    (rien quand la décomposition ne se fait pas : pas de référence, pas de chiffre aux deux dates, réel mêlé)."""
    try:
        d = explications.decomposition(con, t, ruptures.un_an_avant(date), date)
    except ValueError:  # pas de territoire de référence (la France)
        return None
    if not d.calculable:
        return None
    return Diapo("Pourquoi l'emploi salarié privé a bougé", d.phrase(),
                 figure=graphiques.cascade(d.effets(), float(d.total.variation)),
                 source="Source : Urssaf – Acoss, effectifs salariés privés en fin de trimestre, six secteurs ; "
                        "analyse structurelle-résiduelle, traitement Observatoire de l'emploi."
                        + _reelles(con, [t.territoire, d.reference], list(d.secteurs.indicateur), [d.de, d.a]),
                 demonstration=formats.contient_demo(d.tableau))


def barres_metiers(metiers: pd.DataFrame) -> go.Figure:
    """Les dix métiers les plus recherchés d'une zone BMO (lignes de queries/bmo_metiers.sql)."""
    top = metiers[metiers.rang_projets <= 10]
    return graphiques.barres_horizontales(
        [graphiques.a_la_ligne(m) for m in top.metier], top.projets,
        [f"{formats.nombre(p)} · {formats.pourcent(d, 0)} difficiles" if pd.notna(d) else formats.nombre(p)
         for p, d in zip(top.projets, top.part_difficiles)], titre_x="Projets de recrutement")


def _diapo_bmo(con, territoire: str) -> Diapo:
    """Les métiers qui recrutent dans le bassin d'emploi où habite la plus grande part du territoire (réel)."""
    zone = requete(con, "bmo_zones_territoire", territoire=territoire).zone.iloc[0]
    annee = int(requete(con, "annee_bmo").annee.iloc[0])
    zone_cle, *autres = requete(con, "bmo_chiffres_cles", zone=zone).itertuples()
    comparaison = ", ".join(f"{c.nom} : {formats.pourcent(c.part_difficiles)}" for c in autres)
    return Diapo("Les métiers qui recrutent",
                 f"{zone_cle.nom} – {formats.nombre(zone_cle.projets)} projets de recrutement en {annee}, "
                 f"{formats.pourcent(zone_cle.part_difficiles)} jugés difficiles ({comparaison})",
                 figure=barres_metiers(requete(con, "bmo_metiers", zone=zone, seuil_difficulte=SEUIL_DIFFICULTE)),
                 source=source_bmo(annee) + ".", demonstration=False,
                 periode=f"enquête BMO {annee} (chiffres indépendants de la date choisie)")


def images(diapos: list[Diapo], largeur: int, hauteur: int, rappel=None) -> list[bytes | None]:
    """Images à la résolution d'impression : petite toile, grande échelle, texte agrandi pour rester lisible."""
    from observatoire.sorties.export import image
    out = []
    for i, d in enumerate(diapos):
        if rappel:
            rappel(i, len(diapos))
        if d.figure is None:
            out.append(None)
            continue
        fig = go.Figure(d.figure).update_layout(font_size=15, height=hauteur, legend_font_size=14)
        out.append(image(fig, "png", largeur, hauteur, 3))
    return out


def sources(diapos: list[Diapo]) -> str:
    """Les phrases de source de toutes les diapositives, sans doublon."""
    phrases = []
    for d in diapos:
        phrases += [p.strip() + "." for p in d.source.split(".") if p.strip()]
    return " ".join(dict.fromkeys(phrases))


def pages_pdf(contenu: bytes) -> int:
    """Nombre de pages d'un PDF écrit par en_pdf (objets « /Type /Page » de fpdf2)."""
    return len(re.findall(rb"/Type /Page\b(?!s)", contenu))


def en_pdf(diapos: list[Diapo], rappel=None) -> bytes:
    """Portrait A4 (portrait) : une page de synthèse (chiffres clés, commentaire) puis deux graphiques par page."""
    from fpdf import FPDF

    images_ = images(diapos, 1000, 560, rappel)
    pdf = FPDF(format="A4")
    pdf.set_title(f"{diapos[0].titre} – portrait de territoire – Observatoire de l'emploi")
    pdf.set_lang("fr-FR")
    pdf.set_author("Observatoire de l'emploi")
    pdf.set_creator("Observatoire de l'emploi")
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("DejaVu", "", str(POLICES / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(POLICES / "DejaVuSans-Bold.ttf"))
    def pied(de_la_page: list[Diapo]):
        """Les sources des seules diapositives de la page (une page de chiffres réels ne cite pas la démonstration)."""
        pdf.set_auto_page_break(False)
        pdf.set_y(-17)
        pdf.set_font("DejaVu", "", 7)
        pdf.set_text_color(100)
        pdf.multi_cell(0, 3.2, f"{sources(de_la_page)} Page {pdf.page_no()}.", align="L", new_x="LMARGIN",
                       new_y="NEXT")
        pdf.set_text_color(0)
        pdf.set_auto_page_break(True, margin=18)

    def entete(titre, sous_titre, de_la_page: list[Diapo]):
        """En-tête d'une page ; la marque de démonstration seulement si l'une de ses valeurs en est."""
        pdf.add_page()
        if any(d.demonstration for d in de_la_page):
            pdf.set_font("DejaVu", "B", 8)
            pdf.set_text_color(178, 24, 43)
            pdf.cell(0, 4, DEMO.upper(), align="R", new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0)
        pdf.set_font("DejaVu", "B", 18)
        pdf.multi_cell(0, 9, titre, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 11)
        pdf.set_text_color(31, 78, 121)
        pdf.multi_cell(0, 6, sous_titre, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0)
        pdf.ln(3)

    def rupture(d: Diapo):
        if d.rupture:
            pdf.set_font("DejaVu", "B", 9)
            pdf.set_text_color(138, 75, 0)
            pdf.multi_cell(0, 4.5, d.rupture, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0)

    titre, cles, *graphes, point = diapos
    entete(f"{titre.titre} – portrait de territoire", titre.sous_titre, [titre, cles, point])
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(0, 7, "Chiffres clés", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    for ligne in cles.lignes:
        pdf.multi_cell(0, 5.5, "• " + ligne, align="L", new_x="LMARGIN", new_y="NEXT")
    rupture(cles)
    pdf.ln(3)
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(0, 7, point.titre, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9.5)
    for ligne in point.lignes:
        pdf.multi_cell(0, 4.8, ligne, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)
    pied([titre, cles, point])
    figures = [(d, img) for d, img in zip(diapos, images_) if img is not None]
    # deux graphiques par page, jamais un de chiffres réels avec un de démonstration : la page du premier n'a pas à
    # porter la marque (les métiers qui recrutent, réels, ont leur page)
    pages: list[list] = []
    for d, img in figures:
        if pages and len(pages[-1]) < 2 and pages[-1][0][0].demonstration == d.demonstration:
            pages[-1].append((d, img))
        else:
            pages.append([(d, img)])
    for de_la_page in pages:
        entete(titre.titre, titre.sous_titre, [d for d, _ in de_la_page])
        for d, img in de_la_page:
            pdf.set_font("DejaVu", "B", 12)
            pdf.cell(0, 6, d.titre, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("DejaVu", "", 9)
            pdf.multi_cell(0, 4.5, d.sous_titre, align="L", new_x="LMARGIN", new_y="NEXT")  # une ligne longue passe à la ligne
            rupture(d)
            pdf.image(io.BytesIO(img), w=pdf.epw * 0.95, x=pdf.l_margin + pdf.epw * 0.025, alt_text=d.alternative())
            pdf.ln(4)
        pied([d for d, _ in de_la_page])
    return bytes(pdf.output())
