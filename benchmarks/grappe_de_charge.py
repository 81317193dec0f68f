"""Ce que partagent les bancs de charge (benchmarks/charge.py, dans Chromium ; benchmarks/charge_protocole.py, par le
protocole de Streamlit) : la grappe locale sur une copie de la base, l'import publié pendant la charge, la mémoire
des répliques et les centiles."""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))
sys.path.insert(0, str(RACINE / "deploiement"))
import locale_grappe  # noqa: E402


def rss_mo(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        return next(int(x.split()[1]) for x in f if x.startswith("VmRSS")) / 1024


def voit_l_instantane(pid: int, base: Path) -> bool:
    """La réplique ``pid`` a ouvert l'instantané publié de ``base`` : son lien de lecture (``.lecture-<inode>-…``) ou
    sa copie locale (``…-<inode>-<date>-…``, stockage partagé en lecture seule)."""
    s = base.stat()
    marques = (f".lecture-{s.st_ino}-", f"-{s.st_ino}-{s.st_mtime_ns}-")
    ouverts = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
    return any(m in o for o in ouverts for m in marques)


def quantile(x: list[float], k: int) -> str:
    """Le ``k``e centile, « 0.42 s » (« – » sous deux mesures)."""
    return f"{statistics.quantiles(x, n=100)[k - 1]:.2f} s" if len(x) >= 2 else "–"


@contextmanager
def grappe_sous_import(repliques: int, sur_machines: bool = False):
    """Une copie de la base dans un dossier temporaire et sa grappe (proxy nginx, ``repliques`` lecteurs, un
    écrivain) ; rend (grappe, importer) : ``importer()`` publie par la ligne de commande l'import d'une valeur
    (Roubaix, ABC, 31/12/2022) et rend (réussi, fin du message d'erreur)."""
    with tempfile.TemporaryDirectory(prefix="charge-") as d:
        dossier = Path(d)
        base, imports = dossier / "observatoire.duckdb", dossier / "imports"
        shutil.copy(RACINE / "data" / "observatoire.duckdb", base)
        fichier = dossier / "roubaix.csv"
        fichier.write_text("code_commune;indicateur;date;valeur\n59512;demandeurs_abc;31/12/2022;14 900\n",
                           encoding="utf-8")
        env = dict(os.environ, OBSERVATOIRE_DB=str(base), OBSERVATOIRE_IMPORTS=str(imports))

        def importer() -> tuple[bool, str]:
            r = subprocess.run([sys.executable, "-m", "observatoire", "import", str(fichier)], cwd=RACINE, env=env,
                               capture_output=True, text=True)
            return r.returncode == 0, r.stderr[-200:]

        with locale_grappe.grappe(base, imports, lectures=repliques, dossier=dossier, sur_machines=sur_machines) as g:
            g["base"] = base
            yield g, importer
