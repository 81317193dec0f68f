"""Audit d'accessibilité par axe-core (paquet npm ``axe-core`` 4.10.3, copié dans tests/vendor/ avec sa licence
MPL-2.0), injecté par Playwright : règles WCAG 2.0 / 2.1, niveaux A et AA."""
from __future__ import annotations

from pathlib import Path

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
NIVEAUX = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def auditer(page, graves: tuple = ("serious", "critical")) -> list[dict]:
    """Les violations graves de la page telle qu'elle est affichée : [{id, impact, noeuds, exemple}]."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE)
    resultat = page.evaluate("niveaux => axe.run(document, {runOnly: {type: 'tag', values: niveaux}})", NIVEAUX)
    return [{"id": v["id"], "impact": v["impact"], "noeuds": len(v["nodes"]),
             "exemple": v["nodes"][0]["html"][:160] + " | " + v["nodes"][0].get("failureSummary", "")[:200]}
            for v in resultat["violations"] if v["impact"] in graves]
