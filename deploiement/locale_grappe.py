"""La grappe du compose, sur la boucle locale et sans Docker : N répliques de lecture (mode public) et un serveur
d'écriture sur la même base, le nginx de Debian devant avec la configuration de deploiement/nginx.py. Sert au test
du proxy (tests/test_proxy.py) et au banc de charge (benchmarks/charge.py). (Nommé locale_grappe : « locale » est un
module de la bibliothèque standard.)"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager, nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from nginx import NGINX, configuration  # noqa: E402

RACINE = Path(__file__).resolve().parent.parent


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def attendre_sante(url: str, delai: float = 120) -> None:
    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} ne répond pas")


def serveur(base: Path, imports: Path, journal: Path, port: int | None = None, env: dict | None = None,
            options: tuple = ()) -> tuple[subprocess.Popen, str]:
    """``python -m observatoire app`` (préchauffé) sur la base donnée, sur un port libre (ou ``port``) ; ``env`` :
    variables en plus (OBSERVATOIRE_MODE…) ; ``options`` : de « streamlit run ». Sortie dans
    <journal>-<port>.log. Renvoie (processus, « 127.0.0.1:port ») sans attendre qu'il réponde."""
    port = port or port_libre()
    env = dict(os.environ, OBSERVATOIRE_DB=str(base), OBSERVATOIRE_IMPORTS=str(imports), **(env or {}))
    proc = subprocess.Popen([sys.executable, "-m", "observatoire", "app", "--server.port", str(port),
                             "--server.address", "127.0.0.1", *options], cwd=RACINE, env=env,
                            stdout=open(journal.with_name(f"{journal.stem}-{port}.log"), "w"), stderr=subprocess.STDOUT)
    return proc, f"127.0.0.1:{port}"


@contextmanager
def monter_en_lecture_seule(source: Path, cible: Path) -> None:
    """``cible`` montre ``source`` en lecture seule (montage lié, comme un stockage partagé monté sur une machine de
    lecture) ; il faut être root. SystemExit avec un message français sinon."""
    cible.mkdir(parents=True, exist_ok=True)
    for commande in (["mount", "--bind", str(source), str(cible)], ["mount", "-o", "remount,ro,bind", str(cible)]):
        if subprocess.run(commande, capture_output=True).returncode:
            raise SystemExit(f"« {' '.join(commande)} » refusé : la simulation de plusieurs machines demande root.")


@contextmanager
def machines(base: Path, lectures: int):
    """Une « machine » par réplique : son propre dossier de données, où le dossier de la base (le stockage partagé) est
    monté en lecture seule, et son propre dossier temporaire. Rend, par réplique, (base vue par sa machine, variables
    d'environnement, dossier des imports)."""
    racine = Path(tempfile.mkdtemp(prefix="machines-"))
    vues = []
    try:
        for k in range(1, lectures + 1):
            m = racine / f"machine-{k}"
            (m / "tmp").mkdir(parents=True)
            monter_en_lecture_seule(base.parent, m / "partage")
            vues.append((m / "partage" / base.name, {"TMPDIR": str(m / "tmp")}, m / "imports"))
        yield vues
    finally:
        for k in range(1, lectures + 1):
            subprocess.run(["umount", str(racine / f"machine-{k}" / "partage")], capture_output=True)
        shutil.rmtree(racine, ignore_errors=True)


@contextmanager
def grappe(base: Path, imports: Path, lectures: int = 2, dossier: Path | None = None, sur_machines: bool = False):
    """Démarre la grappe ; rend un dict : url (lecture, par le proxy), ecriture (par le proxy), repliques
    [(processus, adresse)], ecrivain (processus, adresse). Tout est arrêté à la sortie. ``sur_machines`` : chaque
    réplique lit la base par son propre dossier, où le dossier de la base est monté en lecture seule (``machines``)."""
    dossier = dossier or base.parent
    (dossier / "nginx").mkdir(exist_ok=True)
    journal = dossier / "serveur.log"
    with machines(base, lectures) if sur_machines else nullcontext([(base, {}, imports)] * lectures) as vues:
        with _demarree(base, imports, dossier, journal, vues) as g:
            yield g


@contextmanager
def _demarree(base: Path, imports: Path, dossier: Path, journal: Path, vues: list):
    """Les répliques (une par vue de la base), l'écrivain et le proxy, arrêtés à la sortie."""
    repliques = [serveur(vue, imports_, journal, env={"OBSERVATOIRE_MODE": "public", **env}) for vue, env, imports_ in vues]
    ecrivain = serveur(base, imports, journal, env={"OBSERVATOIRE_MODE": "local"})
    proxy = None
    try:
        for _, adresse in [*repliques, ecrivain]:
            attendre_sante("http://" + adresse)
        port_lecture, port_ecriture = port_libre(), port_libre()
        conf = dossier / "nginx" / "nginx.conf"
        conf.write_text(configuration([a for _, a in repliques], ecrivain[1], port_lecture, port_ecriture,
                                      temp=str(dossier / "nginx"), pid=str(dossier / "nginx" / "nginx.pid"),
                                      journal=str(dossier / "nginx" / "erreurs.log"),
                                      utilisateur="root" if os.geteuid() == 0 else None), encoding="utf-8")
        proxy = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(dossier / "nginx"), "-g", "daemon off;"])
        url = f"http://127.0.0.1:{port_lecture}"
        attendre_sante(url)
        yield {"url": url, "ecriture": f"http://127.0.0.1:{port_ecriture}", "repliques": repliques,
               "ecrivain": ecrivain}
    finally:
        if proxy is not None:
            proxy.terminate()
            proxy.wait(timeout=10)
        for p, _ in [*repliques, ecrivain]:
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    p.kill()
