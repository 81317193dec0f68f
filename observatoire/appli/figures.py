"""Ce que les pages montrent, calculé une fois pour les mêmes données et les mêmes réglages, puis partagé par toutes
les sessions : la figure Plotly et le tableau de ses valeurs (son alternative textuelle) ; et, par ``une_fois``, le
résultat de toute fonction pure de ``sorties/`` ou ``cartes/`` (tableau à l'écran, dessin d'une carte).

Une exécution de page refaisait chaque figure (Évolutions en compte cinq) et relisait chacune point par point pour
le tableau des valeurs : un tiers du temps du serveur sous charge (``benchmarks/charge_protocole.py``, py-spy). Une
figure partagée n'est jamais modifiée : ``st.plotly_chart`` en fait une copie, les images (``export.image``) aussi."""
from __future__ import annotations

import datetime
import hashlib
import pickle
import types
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from observatoire import formats
from observatoire.sorties import courbes_html, graphiques


@dataclass(frozen=True)
class Preparee:
    figure: go.Figure
    valeurs: pd.DataFrame  # une ligne par point : série, repère, valeur telle que la bulle la montre


def valeurs_du_graphique(fig) -> pd.DataFrame:
    """Le tableau des valeurs d'un graphique Plotly, son alternative textuelle : une ligne par point (série,
    repère — catégorie ou date —, valeur telle que la bulle la montre)."""
    lignes = []
    for trace in fig.data:
        horizontal = getattr(trace, "orientation", None) == "h"
        reperes, nombres = (trace.y, trace.x) if horizontal else (trace.x, trace.y)
        if isinstance(trace.meta, dict) and "reperes" in trace.meta:  # points décalés : leurs repères nommés à part
            reperes, nombres = trace.meta["reperes"], trace.x
        textes = trace.customdata if trace.customdata is not None else getattr(trace, "text", None)
        for k, (repere, nombre) in enumerate(zip(reperes if reperes is not None else [], nombres if nombres is not None else [])):
            repere = formats.jour(repere) if isinstance(repere, (pd.Timestamp, datetime.date, np.datetime64)) else \
                str(repere).replace("<br>", " ")
            texte = textes[k] if textes is not None and not isinstance(textes, str) and k < len(textes) else None
            lignes.append((trace.name or "", repere, str(texte) if texte is not None else formats.nombre(nombre, 1)))
    return pd.DataFrame(lignes, columns=["Série", "Repère", "Valeur"])


def figure(fabrique: str, *args, **options) -> Preparee:
    """``graphiques.<fabrique>(*args, **options)`` et ses valeurs, construits une fois pour ces arguments (données
    comprises) et partagés : ``figure("lignes", series, "courbe", "indice", …)``."""
    return une_fois(preparer, getattr(graphiques, fabrique), *args, **options)


def preparer(fabrique, *args, **options) -> Preparee:
    fig = fabrique(*args, **options)
    return Preparee(fig, valeurs_du_graphique(fig))


def en_html(prete: Preparee, nom: str) -> str | None:
    """La figure en courbes dessinées par le serveur (``courbes_html``), ou rien si ce rendu ne sait pas la dessiner
    (le graphique est alors montré par Plotly)."""
    try:
        return courbes_html.html(prete.figure, nom)
    except courbes_html.NonDessinable:
        return None


def empreinte(donnees) -> str:
    """L'empreinte d'un tableau ou d'une série pour la clé du cache : son contenu picklé (dix fois plus rapide que
    le hachage de Streamlit sur les colonnes de texte Arrow que rend DuckDB : 18 % du serveur sous charge). Deux
    contenus différents n'ont jamais la même empreinte ; deux copies du même contenu l'ont en pratique."""
    return hashlib.sha1(pickle.dumps(donnees, protocol=5)).hexdigest()


def nom_de_fonction(f) -> str:
    """Une fonction dans la clé du cache : son nom qualifié. Une fonction anonyme ou locale n'en a pas d'unique."""
    nom = f"{f.__module__}.{f.__qualname__}"
    if "<" in nom:
        raise TypeError(f"{nom} : seule une fonction nommée d'un module se met en cache (une_fois, figure).")
    return nom


CLES = {pd.DataFrame: empreinte, pd.Series: empreinte, types.FunctionType: nom_de_fonction}


def une_fois(fonction, *args, **options):
    """``fonction(*args, **options)``, calculée une fois pour ces arguments et partagée : pour une fonction pure (le
    même résultat pour les mêmes arguments), dont personne ne modifie le résultat."""
    return _une_fois(fonction, args, options)


@st.cache_resource(max_entries=1024, show_spinner=False, hash_funcs=CLES)
def _une_fois(fonction, args: tuple, options: dict):
    return fonction(*args, **options)
