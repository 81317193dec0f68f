"""Chaque règle d'ARCHITECTURE.md tenue par un test. Une règle est une fonction ``fautes_…(sources)`` qui lit le code
(``{chemin: texte}``) et nomme chaque faute ; elle est essayée sur l'arbre entier (aucune faute) et sur une faute
commise exprès (``VIOLATIONS`` : elle la trouve), pour qu'aucune règle ne soit un test qui ne peut pas échouer."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent
# Les étapes, dans l'ordre du flux de données ; le paquet racine tient le vocabulaire commun et la ligne de commande
# (__main__, commandes, bench), qui peut tout appeler ; les pages et app.py viennent après l'application.
ETAPES = ["", "sources", "modele", "imports", "cartes", "sorties", "appli", "pages"]
COMMANDES = {"observatoire.__main__", "observatoire.commandes", "observatoire.commandes_pourquoi", "observatoire.bench"}
LIGNES_MAX = 300
SQL = re.compile(r"\b(SELECT\b.*\bFROM|INSERT INTO|DELETE FROM|UPDATE \S+ SET|CREATE (OR REPLACE )?(TEMP )?"
                 r"(TABLE|VIEW|MACRO|SEQUENCE)|DROP (TABLE|VIEW|SEQUENCE)|COPY \(|ATTACH )", re.S)
CALCULS = {"groupby", "pivot", "pivot_table", "apply", "sort_values", "merge", "agg", "aggregate", "rank", "melt",
           "style", "concat", "nlargest", "nsmallest", "cumsum", "transform", "crosstab", "value_counts"}
MARKDOWN = {"markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader", "write",
            "toast"}
NOM_SAISI = re.compile(r"territoires\[|\bnom\b|\.nom\b|designation|nom_court")
MUTATIONS = {"append", "add", "update", "clear", "pop", "setdefault", "extend", "remove", "insert", "popitem", "discard"}


def module(chemin: str) -> str:
    """« observatoire/cartes/carto.py » -> « observatoire.cartes.carto » ; « pages/carte.py » -> « pages.carte »."""
    return ".".join(Path(chemin).with_suffix("").parts).removesuffix(".__init__")


def etape(nom: str) -> str:
    if nom == "app" or nom.startswith("pages."):
        return "pages"
    parties = nom.split(".")
    return parties[1] if len(parties) > 2 else ""


def arbre(*dossiers: str) -> dict[str, str]:
    dossiers = dossiers or ("observatoire", "pages")
    fichiers = [p for d in dossiers for p in (RACINE / d).rglob("*.py")] + [RACINE / "app.py"]
    return {str(p.relative_to(RACINE)): p.read_text(encoding="utf-8") for p in fichiers}


def importes(source: str, connus: set[str]) -> dict[str, str]:
    """Les modules du projet qu'un fichier importe, sous les deux formes (``import a.b [as c]``, ``from a import b``,
    même dans une fonction) : {nom local : module}."""
    out = {}
    for n in ast.walk(ast.parse(source)):
        if isinstance(n, ast.Import):
            for a in n.names:
                if a.name in connus:
                    out[a.asname or a.name] = a.name
        elif isinstance(n, ast.ImportFrom) and n.module and not n.level:
            for a in n.names:
                if f"{n.module}.{a.name}" in connus:
                    out[a.asname or a.name] = f"{n.module}.{a.name}"
                elif n.module in connus:
                    out[a.asname or a.name] = n.module
    return out


def dependances(sources: dict[str, str]) -> dict[str, set[str]]:
    connus = {module(c) for c in sources}
    return {module(c): set(importes(s, connus).values()) - {module(c)} for c, s in sources.items()}


def fautes_etapes(sources):
    """Une étape n'importe que celles qui la précèdent ; rien n'importe une page ni app.py ; aucun import relatif."""
    fautes = [f"{m} → {d}" for m, deps in dependances(sources).items() if m not in COMMANDES for d in deps
              if ETAPES.index(etape(d)) > ETAPES.index(etape(m)) or (etape(d) == "pages")]
    return fautes + [f"{c} : import relatif" for c, s in sources.items() for n in ast.walk(ast.parse(s))
                     if isinstance(n, ast.ImportFrom) and n.level]


def fautes_cycles(sources):
    graphe, cycles = dependances(sources), []

    def parcourir(m, chemin):
        for d in graphe.get(m, ()):
            if d in chemin:
                cycles.append(" → ".join(chemin[chemin.index(d):] + [d]))
            else:
                parcourir(d, chemin + [d])
    for m in graphe:
        parcourir(m, [m])
    return cycles


def fautes_noms_prives(sources):
    """Un nom privé (« _x ») n'est utilisé que dans son module, quel que soit le chemin : ``from m import _x``,
    ``m._x`` sous n'importe quel alias, ``observatoire.m._x``."""
    connus = {module(c) for c in sources}
    fautes = []
    for c, s in sources.items():
        alias = importes(s, connus)
        for n in ast.walk(ast.parse(s)):
            if isinstance(n, ast.ImportFrom) and n.module in connus:
                fautes += [f"{c} : from {n.module} import {a.name}" for a in n.names if a.name.startswith("_")
                           and not a.name.startswith("__")]
            elif isinstance(n, ast.Attribute) and n.attr.startswith("_") and not n.attr.startswith("__"):
                cible = ast.unparse(n.value)
                cible = alias.get(cible, cible)
                if cible in connus and cible != module(c):
                    fautes.append(f"{c} : {cible}.{n.attr}")
    return fautes


def fautes_longueur(sources):
    return [f"{c} : {n} lignes" for c, s in sources.items() if c != "app.py"
            and (n := len(s.splitlines())) > LIGNES_MAX]


def questions_posees(sources) -> set[str]:
    """Les noms des questions appelées : le premier texte passé à ``requete`` / ``base.requete`` / ``texte_requete``."""
    noms = set()
    for s in sources.values():
        for n in ast.walk(ast.parse(s)):
            if isinstance(n, ast.Call) and (getattr(n.func, "id", None) or getattr(n.func, "attr", None)) in (
                    "requete", "texte_requete"):
                noms |= {a.value for a in n.args[:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    return noms


def fautes_questions(sources, fichiers=None):
    """Chaque fichier de queries/ est appelé par son nom exact (``requete("nom", …)``), et chaque nom appelé existe."""
    fichiers = fichiers if fichiers is not None else {q.stem for q in (RACINE / "queries").glob("*.sql")}
    posees = questions_posees(sources)
    return ([f"queries/{q}.sql : jamais appelée" for q in sorted(fichiers - posees)]
            + [f"requete(« {q} ») : aucun fichier queries/{q}.sql" for q in sorted(posees - fichiers)])


def fautes_sql_formate(sources):
    """Aucune instruction SQL écrite par une f-string, ``.format`` ou ``%`` : les valeurs sont liées, les noms passent
    par observatoire.sql (seul module où ``composer`` fait ``.format``)."""
    fautes = []
    for c, s in sources.items():
        if c == "observatoire/sql.py":
            continue
        for n in ast.walk(ast.parse(s)):
            texte = None
            if isinstance(n, ast.JoinedStr):
                texte = "".join(v.value for v in n.values if isinstance(v, ast.Constant))
            elif isinstance(n, ast.Call) and getattr(n.func, "attr", None) == "format" \
                    and isinstance(n.func.value, ast.Constant):
                texte = str(n.func.value.value)
            elif isinstance(n, ast.BinOp) and isinstance(n.op, ast.Mod) and isinstance(n.left, ast.Constant):
                texte = str(n.left.value)
            if texte and SQL.search(texte):
                fautes.append(f"{c}:{n.lineno} : SQL formaté ({texte[:50]!r})")
    return fautes


def fautes_pages_calculent(sources):
    """Une page déclare ses contrôles et appelle ses requêtes : ni regroupement, tri, jointure, pivot, style de
    tableau, ni feuille de style écrite dans la page."""
    fautes = []
    for c, s in sources.items():
        if etape(module(c)) != "pages":
            continue
        for n in ast.walk(ast.parse(s)):
            if isinstance(n, ast.Call) and getattr(n.func, "attr", None) in CALCULS:
                fautes.append(f"{c}:{n.lineno} : .{n.func.attr}(…)")
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and "<style" in n.value:
                fautes.append(f"{c}:{n.lineno} : feuille de style dans la page")
    return fautes


def fautes_texte_brut(sources):
    """Un nom venu de l'utilisateur (territoire à façon, nom de l'URL) s'affiche en texte brut : une f-string passée
    à un appel Streamlit qui lit du Markdown n'y insère un nom que par ``echapper_markdown``."""
    fautes = []
    for c, s in sources.items():
        if etape(module(c)) not in ("pages", "appli"):
            continue
        for n in ast.walk(ast.parse(s)):
            if isinstance(n, ast.Call) and getattr(n.func, "attr", None) in MARKDOWN and n.args \
                    and isinstance(n.args[0], ast.JoinedStr):
                for v in n.args[0].values:
                    texte = ast.unparse(v.value) if isinstance(v, ast.FormattedValue) else ""
                    if NOM_SAISI.search(texte) and "echapper_markdown" not in texte:
                        fautes.append(f"{c}:{n.lineno} : {{{texte}}} inséré tel quel dans {n.func.attr}(…)")
    return fautes


def fautes_etat_du_module(sources):
    """Aucun état du module écrit pendant l'exécution : ni ``global``, ni dictionnaire, liste ou ensemble du module
    modifié par une fonction (un cache passe par functools.lru_cache ou st.cache_*, l'état d'une session par
    st.session_state, celui d'une exécution par une variable de contexte)."""
    fautes = []
    for c, s in sources.items():
        arbre_ = ast.parse(s)
        mutables = {cible.id for n in arbre_.body if isinstance(n, (ast.Assign, ast.AnnAssign)) and n.value is not None
                    and (isinstance(n.value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp))
                         or getattr(n.value.func, "id", None) in ("dict", "list", "set", "defaultdict", "Counter")
                         if isinstance(n.value, ast.Call) else
                         isinstance(n.value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)))
                    for cible in (n.targets if isinstance(n, ast.Assign) else [n.target])
                    if isinstance(cible, ast.Name)}
        for f in (n for n in ast.walk(arbre_) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
            for n in ast.walk(f):
                if isinstance(n, ast.Global):
                    fautes.append(f"{c}:{n.lineno} : global {', '.join(n.names)}")
                cibles = n.targets if isinstance(n, (ast.Assign, ast.Delete)) else \
                    [n.target] if isinstance(n, ast.AugAssign) else []
                fautes += [f"{c}:{n.lineno} : {x.value.id}[…] écrit" for x in cibles if isinstance(x, ast.Subscript)
                           and isinstance(x.value, ast.Name) and x.value.id in mutables]
                if isinstance(n, ast.Call) and getattr(n.func, "attr", None) in MUTATIONS \
                        and isinstance(n.func.value, ast.Name) and n.func.value.id in mutables:
                    fautes.append(f"{c}:{n.lineno} : {n.func.value.id}.{n.func.attr}(…)")
    return fautes


REGLES = {"étapes": fautes_etapes, "cycles": fautes_cycles, "noms privés": fautes_noms_prives,
          "longueur": fautes_longueur, "questions": fautes_questions, "SQL formaté": fautes_sql_formate,
          "pages qui calculent": fautes_pages_calculent, "texte brut": fautes_texte_brut,
          "état du module": fautes_etat_du_module}

# Une faute commise exprès par règle : la règle doit la trouver (le code réel, lui, n'en a aucune).
VIOLATIONS = {
    "étapes": {"observatoire/sources/lecture2.py": "import observatoire.appli.cadre\n",
               "observatoire/appli/cadre.py": "", "observatoire/sorties/x.py": "from pages import carte\n",
               "pages/carte.py": ""},
    "cycles": {"observatoire/a.py": "from observatoire import b\n", "observatoire/b.py": "import observatoire.a\n"},
    "noms privés": {"observatoire/cartes/carto.py": "_x = 1\n",
                    "pages/carte.py": "from observatoire.cartes import carto as c\nc._x\n"},
    "longueur": {"observatoire/long.py": "x = 1\n" * (LIGNES_MAX + 1)},
    "questions": {"pages/carte.py": 'requete("carte_communez", zone="mel")\n'},
    "SQL formaté": {"observatoire/modele/x.py": 'con.execute(f"DELETE FROM {table} WHERE territoire = ?")\n'},
    "pages qui calculent": {"pages/profil.py": 'bulletin.groupby("rubrique")\n'},
    "texte brut": {"pages/synthese.py": 'st.title(f"Synthèse – {c.territoires[e[\'territoire\']]}")\n'},
    "état du module": {"observatoire/referentiel.py": "_A_FACON = {}\ndef connaitre(t):\n    _A_FACON[t.id] = t\n"},
}


@pytest.mark.parametrize("regle", REGLES)
def test_le_code_tient_la_regle(regle):
    sources = arbre("observatoire", "pages", "scripts", "benchmarks") if regle == "noms privés" else arbre()
    assert REGLES[regle](sources) == []


@pytest.mark.parametrize("regle", REGLES)
def test_la_regle_trouve_une_faute_commise_expres(regle):
    fautes = (fautes_questions(VIOLATIONS[regle], {"carte_communes"}) if regle == "questions"
              else REGLES[regle](VIOLATIONS[regle]))
    assert fautes, f"la règle « {regle} » ne voit pas la faute commise exprès"


def test_chaque_regle_est_dans_architecture_md():
    texte = (RACINE / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert [r for r in REGLES if f"« {r} »" not in texte] == []
