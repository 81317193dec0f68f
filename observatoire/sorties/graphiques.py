"""Graphiques Plotly au format français : séparateurs « , » et espace fine, dates JJ/MM/AAAA au survol,
années sur l'axe (aucun nom de mois anglais), palette sûre pour les daltoniens (Okabe-Ito)."""
from __future__ import annotations

import itertools

import json
import textwrap
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from observatoire import formats

COULEURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
# Locale française de Plotly.js (copie de plotly.js lib/locales/fr.js), fournie avec chaque graphique : le Plotly
# de Streamlit n'enregistre que l'anglais, les infobulles de la barre d'outils resteraient en anglais.
LOCALE_FR = json.loads((Path(__file__).parent / "plotly_locale_fr.json").read_text(encoding="utf-8"))
# Pas de téléchargement par la barre d'outils de Plotly : son image (« plot-image.png ») n'aurait ni source, ni date,
# ni marque de démonstration ; les boutons PNG et SVG sous chaque graphique (telechargements.images) les portent.
CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"], "locale": "fr",
          "locales": {"fr": LOCALE_FR}}


def _axe_des_dates(fig: go.Figure) -> dict:
    """Les années pour une longue période ; sur moins de quatre ans (F et G, créées en 2025), un repère par trimestre
    (« 03/2025 ») : jamais « 2025 2025 2025 »."""
    dates = pd.to_datetime(pd.Series([x for t in fig.data for x in (t.x if t.x is not None else ())]), errors="coerce")
    if len(dates.dropna()) and dates.max() - dates.min() < pd.Timedelta(days=4 * 365):
        return dict(tickformat="%m/%Y", dtick="M3")
    return dict(tickformat="%Y")


def _mise_en_page(fig: go.Figure, titre_y: str, hauteur: int = 420) -> go.Figure:
    fig.update_layout(
        height=hauteur, separators=", ", margin=dict(l=10, r=fig.layout.margin.r or 10, t=30, b=10),
        hovermode="x unified",
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0), plot_bgcolor="white",
        yaxis=dict(title=titre_y, gridcolor="#e5e5e5", tickformat=",~r"),
        xaxis=dict(**_axe_des_dates(fig), gridcolor="#f0f0f0", hoverformat="%d/%m/%Y"),
    )
    return fig


def texte(valeurs, decimales: int = 0, suffixe: str = "") -> list[str]:
    return [formats.nombre(v, decimales) + suffixe if pd.notna(v) else "–" for v in valeurs]


COULEUR_RUPTURE = "#8a4b00"  # brun : contraste 7:1 sur blanc, distinct de la palette des courbes


def verticale(fig: go.Figure, x, line: dict) -> None:
    """Une ligne verticale sur toute la hauteur du graphique : la forme qu'écrit ``fig.add_vline``, sans son
    parcours des sous-graphiques (trois fois plus lent ; la construction des courbes sous charge, py-spy)."""
    fig.add_shape(type="line", x0=x, x1=x, xref="x", y0=0, y1=1, yref="y domain", line=line)


def marquer_ruptures(fig: go.Figure, passees: list) -> go.Figure:
    """Une ligne verticale brune à chaque rupture de série que passe le graphique, nommée au-dessus (une fois pour
    des ruptures de la même année) : sur l'écran comme dans les images téléchargées et le portrait."""
    for k, r in enumerate(passees):
        x = pd.Timestamp(r.date).timestamp() * 1000
        verticale(fig, x, dict(color=COULEUR_RUPTURE, width=1.5, dash="dash"))
        if k == 0 or r.date.year != passees[k - 1].date.year:
            meme_annee = [q for q in passees if q.date.year == r.date.year]
            texte = (f"Rupture de série ({formats.jour(r.date)})" if len(meme_annee) == 1 else
                     f"Ruptures de série ({r.date.year})")
            fig.add_annotation(x=x, y=1, yref="paper", text=texte, showarrow=False, xanchor="right", yanchor="top",
                               font=dict(color=COULEUR_RUPTURE, size=12), bgcolor="rgba(255,255,255,0.85)")
    return fig


def lignes(df: pd.DataFrame, groupe: str, y: str, titre_y: str, decimales: int = 0, suffixe: str = "",
           date_reperee: str | None = None, en_avant: str | None = None, ruptures_: list = ()) -> go.Figure:
    """Une courbe par valeur de ``groupe`` ; ``en_avant`` est tracé en trait épais ; les ruptures de série
    ``ruptures_`` marquées."""
    fig = go.Figure()
    # une courbe « X (démonstration) » a la couleur de X, en pointillés
    bases = list(dict.fromkeys(str(n).removesuffix(" (démonstration)") for n in df[groupe]))
    # la courbe mise en avant est tracée d'abord, large et claire, les autres par-dessus en trait fin : deux courbes de
    # mêmes valeurs (la MEL et l'arrondissement de Lille) restent visibles toutes les deux
    groupes = sorted(df.groupby(groupe, sort=False), key=lambda g: g[0] != en_avant)
    for nom, d in groupes:
        k = bases.index(str(nom).removesuffix(" (démonstration)"))
        fig.add_trace(go.Scatter(
            x=d.date, y=d[y], name=nom, mode="lines", customdata=texte(d[y], decimales, suffixe),
            legendrank=k + 1,  # la légende garde l'ordre des territoires, même si la courbe choisie est tracée d'abord
            opacity=0.75 if nom == en_avant else 1,
            line=dict(color=COULEURS[k % len(COULEURS)], width=6 if nom == en_avant else 2,
                      dash="dot" if str(nom).endswith("(démonstration)") else "solid"),
            hovertemplate=f"{nom} : %{{customdata}}<extra></extra>"))
    marquer_points_reels(fig, df, groupe, y, decimales, suffixe)
    nommer_les_fins(fig, df, groupe, y, bases)
    if date_reperee:
        verticale(fig, pd.Timestamp(date_reperee).timestamp() * 1000, dict(color="#888", dash="dot"))
    return _mise_en_page(marquer_ruptures(fig, list(ruptures_)), titre_y)


def nommer_les_fins(fig: go.Figure, df: pd.DataFrame, groupe: str, y: str, bases: list) -> None:
    """Le nom de chaque courbe au bout de son dernier point, dans sa couleur, écarté de ses voisines : deux courbes
    presque confondues (la MEL et l'arrondissement de Lille) restent toutes deux nommées et visibles."""
    fins = []
    for nom, d in df.dropna(subset=[y]).groupby(groupe, sort=False):
        if len(d):
            fins.append((float(d[y].iloc[-1]), d.date.iloc[-1], str(nom)))
    if len(fins) < 2:
        return
    valeurs = df[y].dropna()
    ecart = max(float(valeurs.max() - valeurs.min()), 1e-9) * 0.06  # 6 % de la hauteur entre deux noms
    places: list[float] = []
    for valeur, date_, nom in sorted(fins):
        place = max(valeur, places[-1] + ecart) if places else valeur
        places.append(place)
        k = bases.index(nom.removesuffix(" (démonstration)"))
        fig.add_annotation(x=date_, y=place, text=nom, showarrow=False, xanchor="left", xshift=6,
                           font=dict(color=COULEURS[k % len(COULEURS)], size=12))
    fig.update_layout(margin_r=150)


def marquer_points_reels(fig: go.Figure, df: pd.DataFrame, groupe: str, y: str, decimales: int, suffixe: str) -> None:
    """Dans une courbe de démonstration, les points réels (chiffres publiés par une maison de l'emploi, retrouvés
    tels quels) sont marqués d'un losange noir, avec leur entrée de légende : réel et fictif ne se confondent pas."""
    if "demonstration" not in df:
        return
    demo = df["demonstration"].fillna(False).astype(bool)
    courbes_demo = demo.groupby(df[groupe], sort=False).transform("mean") > 0.5
    reels = df[~demo & courbes_demo & df[y].notna()]
    if reels.empty:
        return
    fig.add_trace(go.Scatter(
        x=reels.date, y=reels[y], mode="markers", name="Chiffre réel (publié) dans une série de démonstration",
        marker=dict(symbol="diamond", size=10, color="#000000", line=dict(color="white", width=1)),
        customdata=[f"{n} : {t} (réel, publié)" for n, t in zip(reels[groupe], texte(reels[y], decimales, suffixe))],
        hovertemplate="%{customdata}<extra></extra>"))


def aires_empilees(df: pd.DataFrame, titre_y: str, ruptures_: list = ()) -> go.Figure:
    fig = go.Figure()
    for k, (nom, d) in enumerate(df.groupby("libelle_court", sort=False)):
        fig.add_trace(go.Scatter(
            x=d.date, y=d.valeur, name=nom, mode="lines", stackgroup="un", customdata=texte(d.valeur),
            line=dict(width=0.5, color=COULEURS[k]), hovertemplate=f"{nom} : %{{customdata}}<extra></extra>"))
    return _mise_en_page(marquer_ruptures(fig, list(ruptures_)), titre_y)


def barres_horizontales(libelles, valeurs, textes, couleur: str = COULEURS[0], hauteur: int | None = None,
                        titre_x: str = "", plage: list | None = None) -> go.Figure:
    libelles = list(libelles)
    fig = go.Figure(go.Bar(y=libelles, x=list(valeurs), orientation="h", text=list(textes),
                           textposition="auto", marker_color=couleur, hoverinfo="skip"))
    # barres régulièrement espacées : chacune a la place du plus long libellé
    lignes_de_texte = max([2] + [str(x).count("<br>") + 1 for x in libelles])
    fig.update_layout(height=hauteur or 90 + 17 * lignes_de_texte * len(libelles), separators=", ",
                      margin=dict(l=10, r=10, t=10, b=10),
                      plot_bgcolor="white", xaxis=dict(title=titre_x, gridcolor="#e5e5e5", range=plage, tickformat=",d"),
                      yaxis=dict(autorange="reversed"), showlegend=False)
    return fig


def a_la_ligne(libelle: str, largeur: int = 38) -> str:
    """Un libellé long sur plusieurs lignes (axe d'un graphique en barres), sans rien tronquer."""
    return "<br>".join(textwrap.wrap(str(libelle), largeur)) or str(libelle)


def barres_groupees(df: pd.DataFrame, categorie: str, groupe: str, valeur: str, decimales: int = 1,
                    suffixe: str = formats.POURCENT, titre_x: str = "") -> go.Figure:
    """Barres horizontales groupées : une barre par ``groupe`` (la zone, le Nord, la région) pour chaque
    ``categorie``, dans l'ordre des lignes ; la première valeur de ``groupe`` en couleur franche."""
    fig = go.Figure()
    for k, (nom, d) in enumerate(df.groupby(groupe, sort=False)):
        fig.add_trace(go.Bar(y=[a_la_ligne(x, 34) for x in d[categorie]], x=d[valeur], name=nom, orientation="h",
                             marker_color=COULEURS[k % len(COULEURS)], customdata=texte(d[valeur], decimales, suffixe),
                             hovertemplate=f"{nom} : %{{customdata}}<extra></extra>"))
    n = df[categorie].nunique()
    fig.update_layout(height=110 + 26 * n * df[groupe].nunique(), separators=", ", barmode="group",
                      margin=dict(l=10, r=10, t=10, b=10), plot_bgcolor="white", hovermode="y unified",
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0),
                      xaxis=dict(title=titre_x, gridcolor="#e5e5e5", ticksuffix=suffixe),
                      yaxis=dict(autorange="reversed"))
    return fig


def barres_verticales(x, valeurs, textes, couleur: str = COULEURS[0], hauteur: int = 320) -> go.Figure:
    fig = go.Figure(go.Bar(x=list(x), y=list(valeurs), marker_color=couleur, customdata=list(textes),
                           hovertemplate="%{x} : %{customdata}<extra></extra>"))
    fig.update_layout(height=hauteur, separators=", ", margin=dict(l=10, r=10, t=10, b=10), plot_bgcolor="white",
                      yaxis=dict(gridcolor="#e5e5e5", tickformat=",~r"), xaxis=dict(dtick=2), showlegend=False)
    return fig


def points_comparaison(d: pd.DataFrame, mesure: str, titre: str, decimales: int, suffixe: str,
                       choisi: str) -> go.Figure:
    """Un point par territoire et par indicateur ; le territoire choisi en losange. Les territoires d'un même
    indicateur sont décalés verticalement et chacun a sa forme : deux valeurs égales (la MEL et l'arrondissement de
    Lille) restent deux points visibles."""
    fig = go.Figure()
    categories = list(dict.fromkeys(d.libelle_court))
    noms = list(dict.fromkeys(d.nom_court))
    formes = ["circle", "square", "triangle-up", "triangle-down", "pentagon", "hexagon", "star"]
    pas = min(0.14, 0.7 / max(len(noms), 1))
    for k, nom in enumerate(noms):
        x = d[d.nom_court == nom]
        decalage = (k - (len(noms) - 1) / 2) * pas
        fig.add_trace(go.Scatter(
            x=x[mesure], y=[categories.index(c) + decalage for c in x.libelle_court], mode="markers", name=nom,
            marker=dict(size=15 if nom == choisi else 11, color=COULEURS[k % len(COULEURS)],
                        symbol="diamond" if nom == choisi else formes[k % len(formes)],
                        line=dict(color="white", width=1)),
            customdata=[formats.nombre(v, decimales, signe=mesure == "evolution_pct") + suffixe for v in x[mesure]],
            text=list(x.libelle_court), meta={"reperes": list(x.libelle_court)},  # les indicateurs, pas les rangs
            hovertemplate=f"%{{text}} – {nom} : %{{customdata}}<extra></extra>"))
    if mesure == "evolution_pct":
        verticale(fig, 0, dict(color="#888"))
    # libellés repliés à 22 caractères (« Demandeurs ABC – moins de 25 ans » sur deux lignes) : sur un téléphone, ils
    # prenaient 60 % de la largeur ; la légende au-dessus du graphique, qui lui fait sa place (elle couvrait la
    # première ligne quand elle passait sur trois lignes)
    fig.update_layout(height=110 + 42 * len(categories), separators=", ", plot_bgcolor="white",
                      margin=dict(l=10, r=10, t=20, b=10),
                      legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0),
                      xaxis=dict(title=titre, gridcolor="#e5e5e5", zeroline=False),
                      yaxis=dict(autorange="reversed", gridcolor="#f0f0f0", tickvals=list(range(len(categories))),
                                 ticktext=[a_la_ligne(c, 22) for c in categories],
                                 range=[len(categories) - 0.5, -0.5]),
                      hovermode="closest")
    return fig


def cascade(effets: dict[str, float], variation: float, titre_y: str = "Emplois") -> go.Figure:
    """La variation décomposée en marches (tendance, structure, effet local) puis son total : chaque marche dit sa
    valeur, en nombre français signé ; une hausse en bleu, une baisse en orange, le total en gris foncé."""
    noms = [*effets, "Variation"]
    valeurs = [*effets.values(), variation]
    fig = go.Figure(go.Waterfall(
        x=noms, y=valeurs, measure=["relative"] * len(effets) + ["total"],
        text=[formats.nombre(v, signe=True) for v in valeurs], textposition="outside", hoverinfo="skip",
        increasing=dict(marker_color=COULEURS[0]), decreasing=dict(marker_color="#b35900"),
        totals=dict(marker_color="#444444"), connector=dict(line=dict(color="#999999", dash="dot"))))
    paliers = [0.0, *itertools.accumulate(effets.values()), variation]  # où chaque marche commence et finit
    bas, haut = min(paliers), max(paliers)
    marge = 0.15 * max(haut - bas, 1)
    fig.update_layout(height=360, separators=", ", margin=dict(l=10, r=10, t=20, b=10), plot_bgcolor="white",
                      showlegend=False, yaxis=dict(title=titre_y, gridcolor="#e5e5e5", tickformat=",d",
                                                   range=[bas - marge, haut + marge]))
    return fig


def projetee(fig: go.Figure, taille: int) -> go.Figure:
    """La figure pour un écran projeté : tous ses textes (titres d'axe, graduations, légendes, noms de la carte, noms
    au bout des courbes, ruptures de série, barres) à ``taille`` px au moins."""
    fig = fig.update_layout(font_size=taille, legend_font_size=taille, legend_title_font_size=taille,
                            hoverlabel_font_size=taille)
    fig.update_xaxes(tickfont_size=taille, title_font_size=taille, automargin=True)
    fig.update_yaxes(tickfont_size=taille, title_font_size=taille, automargin=True)
    fig.update_annotations(font_size=taille)
    fig.update_traces(textfont_size=taille, selector=dict(type="scattergeo"))
    fig.update_traces(textfont_size=taille, selector=dict(type="bar"))
    return fig
