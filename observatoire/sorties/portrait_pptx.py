"""Le portrait d'un territoire en PowerPoint 16:9 (python-pptx) : une diapositive par ``portrait.Diapo`` — titre,
sous-titre, graphique en image haute résolution ou texte, marque de démonstration, source et numéro au pied."""
from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageFont

from observatoire import formats
from observatoire.sorties import portrait
from observatoire.sorties.portrait import POLICES, Diapo

CORPS = 18  # points : le plus petit texte d'une diapositive hors pied de page (lisible projeté)
INTERLIGNE = CORPS * 1.17 / 72  # pouces par ligne d'un texte de 18 pt en DejaVu Sans (1,17 fois la taille)
HAUTEUR_TEXTE = 4.6  # pouces entre le sous-titre et la ligne de rupture, pour un texte ou des chiffres clés


@lru_cache(maxsize=1)
def _police() -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(POLICES / "DejaVuSans.ttf"), 100)


def lignes(texte: str, taille: float, largeur: float) -> int:
    """Lignes qu'occupe ``texte`` de ``taille`` points dans un cadre de ``largeur`` pouces (marges intérieures de
    0,1 po ôtées), mesuré en DejaVu Sans : la police de LibreOffice, plus large que le Calibri de PowerPoint."""
    police = _police()
    place, n, ligne = (largeur - 0.2) * 72, 1, 0.0
    for mot in texte.split(" "):
        mesure = police.getlength(mot + " ") * taille / 100
        if ligne and ligne + mesure > place:
            n, ligne = n + 1, mesure
        else:
            ligne += mesure
    return n


def paginer(diapos: list[Diapo]) -> list[Diapo]:
    """Un texte trop long pour tenir à 18 pt sur une diapositive continue sur la suivante, au titre suivi de
    « (suite) » : le commentaire d'une MiE tient sur deux diapositives plutôt qu'en 13 pt sur une."""
    from dataclasses import replace
    out = []
    for d in diapos:
        if d.figure is not None or d.chiffres or not d.lignes or d is diapos[0]:
            out.append(d)
            continue
        pages, page, place = [], [], HAUTEUR_TEXTE
        for ligne in d.lignes:
            besoin = INTERLIGNE * lignes(ligne, CORPS, 12.1) + CORPS * 0.6 / 72
            if page and besoin > place:
                pages, page, place = pages + [page], [], HAUTEUR_TEXTE
            page, place = page + [ligne], place - besoin
        for k, contenu in enumerate(pages + [page]):
            out.append(replace(d, titre=d.titre + (" (suite)" if k else ""), lignes=contenu))
    return out


def proprietes(prs, diapos: list[Diapo]) -> None:
    """Les propriétés du fichier (celles du modèle de python-pptx sinon : auteur « Steve Canny », 2013) : titre,
    auteur et société (l'Observatoire), sujet, date de création, mots-clés, langue."""
    from datetime import datetime
    p = prs.core_properties
    p.title = f"{diapos[0].titre} – portrait de territoire"
    p.subject = diapos[0].sous_titre
    p.author = p.last_modified_by = "Observatoire de l'emploi"
    p.comments = ("Portrait de territoire produit par l'Observatoire de l'emploi"
                  + (" ; contient des données de démonstration (fictives)" if any(d.demonstration for d in diapos)
                     else "") + ".")
    p.keywords = "demandeurs d'emploi ; emploi ; territoire"
    p.category = "Portrait de territoire"
    p.language = "fr-FR"
    p.created = p.modified = datetime.now().replace(microsecond=0)
    p.revision = 1


def chiffres_cles(slide, chiffres: list[tuple[str, str, str]], haut: float, texte) -> None:
    """Les chiffres clés comme à l'écran : une carte par chiffre (libellé, nombre en grand, date et évolution), trois
    par ligne, sur fond clair."""
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Pt
    colonnes = 3 if len(chiffres) > 4 else max(len(chiffres), 1)
    rangs = -(-len(chiffres) // colonnes)
    largeur, hauteur = (12.1 - 0.2 * (colonnes - 1)) / colonnes, (6.3 - haut - 0.15 * (rangs - 1)) / rangs
    for k, (libelle, nombre, precision) in enumerate(chiffres):
        x, y = 0.6 + (k % colonnes) * (largeur + 0.2), haut + (k // colonnes) * (hauteur + 0.15)
        cadre = texte(slide, x, y, largeur, hauteur, [libelle, nombre, precision], CORPS)
        cadre.paragraphs[1].font.size, cadre.paragraphs[1].font.bold = Pt(40), True
        cadre.paragraphs[1].font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
        cadre.paragraphs[2].font.color.rgb = RGBColor(0x44, 0x44, 0x44)
        for para in cadre.paragraphs:
            para.space_after = Pt(4)
        cadre.auto_size = MSO_AUTO_SIZE.NONE  # des cartes de même taille, quelle que soit la longueur du libellé
        forme = slide.shapes[-1]
        forme.fill.solid()
        forme.fill.fore_color.rgb = RGBColor(0xF2, 0xF5, 0xF9)


def en_pptx(diapos: list[Diapo], rappel=None) -> bytes:
    """PowerPoint 16:9 : titre, sous-titre, graphique (image haute résolution) ou texte, pied de page."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Inches, Pt

    pages = paginer(diapos)  # une diapositive « (suite) » n'a pas de graphique : son image est None
    images = portrait.images(pages, *portrait.TAILLE_IMAGE, rappel)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    proprietes(prs, diapos)
    titre_seul = prs.slide_layouts[5]  # « Titre seul » : le titre est celui de la diapositive (lecteurs d'écran, plan)

    def texte(slide, x, y, l, h, contenu, taille, gras=False, couleur=(0x1F, 0x2A, 0x37)):
        cadre = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(l), Inches(h)).text_frame
        cadre.word_wrap = True
        for k, ligne in enumerate(contenu if isinstance(contenu, list) else [contenu]):
            para = cadre.paragraphs[0] if k == 0 else cadre.add_paragraph()
            para.text = ligne
            para.font.size, para.font.bold = Pt(taille), gras
            para.font.color.rgb = RGBColor(*couleur)
            para.space_after = Pt(taille * 0.6)
        return cadre

    for i, (d, img) in enumerate(zip(pages, images)):
        s = prs.slides.add_slide(titre_seul)
        premiere = i == 0
        # diapositive de titre : place pour un titre sur deux lignes au-dessus du sous-titre
        place = s.shapes.title
        place.left, place.top, place.width, place.height = (Inches(0.6), Inches(1.5 if premiere else 0.4),
                                                            Inches(12), Inches(1.9 if premiere else 0.7))
        place.text_frame.word_wrap = True
        place.text_frame.text = d.titre
        para = place.text_frame.paragraphs[0]
        para.alignment = PP_ALIGN.LEFT
        para.font.size, para.font.bold = Pt(40 if premiere else 30), True
        para.font.color.rgb = RGBColor(0x1F, 0x2A, 0x37)
        texte(s, 0.6, 3.7 if premiere else 1.1, 12, 0.6, d.sous_titre, 24 if premiere else CORPS,
              couleur=(0x1F, 0x4E, 0x79))
        decalage = INTERLIGNE * (lignes(d.sous_titre, CORPS, 12) - 1)
        if img is not None:  # sous le sous-titre (1,7 po s'il tient sur une ligne), au-dessus du pied (6,9 po), centrée
            larg, haut = Image.open(io.BytesIO(img)).size
            h = min(5.15 - decalage - (0.45 if d.rupture else 0), 12.1 * haut / larg)
            l = h * larg / haut
            image = s.shapes.add_picture(io.BytesIO(img), Inches((13.333 - l) / 2), Inches(1.7 + decalage),
                                         height=Inches(h))
            image.name = d.titre
            image._element.nvPicPr.cNvPr.set("descr", d.alternative())  # texte de remplacement
        elif d.chiffres:
            chiffres_cles(s, d.chiffres, 1.75 + decalage, texte)
        elif d.lignes:
            texte(s, 0.6, 4.6 if premiere else 1.8, 12.1, HAUTEUR_TEXTE, d.lignes, CORPS)
        if d.demonstration:  # la marque, en rouge et en gras, en haut à droite de chaque diapositive concernée
            cadre = texte(s, 6.8, 0.02, 6.4, 0.38, formats.MARQUE_DEMO_COURTE.upper(), 14, gras=True,
                          couleur=(0xB2, 0x18, 0x2B))
            cadre.paragraphs[0].alignment = PP_ALIGN.RIGHT
        if d.rupture:  # au-dessus du pied, en brun comme les lignes de rupture des graphiques
            texte(s, 0.6, 6.4, 12.1, 0.5, d.rupture, 14, gras=True, couleur=(0x8A, 0x4B, 0x00))
        texte(s, 0.6, 6.95, 11.2, 0.4, d.source, 9, couleur=(0x55, 0x55, 0x55))
        texte(s, 12.0, 6.95, 1.0, 0.4, f"{i + 1} / {len(pages)}", 10, couleur=(0x55, 0x55, 0x55))
    sortie = io.BytesIO()
    prs.save(sortie)
    return sortie.getvalue()
