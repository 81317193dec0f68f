"""Écrit la configuration nginx du proxy depuis deploiement/nginx.conf.modele : N répliques de lecture (sessions
collantes, chacune secourue par la suivante), un serveur d'écriture, WebSocket. La même fonction sert à
``deploiement/nginx.conf`` (compose, versionné : un test vérifie qu'il est à jour) et au test sur la boucle locale.

Usage : ``python deploiement/nginx.py --lecture lecture1:8501 --lecture lecture2:8501 --ecriture ecriture:8501
-o deploiement/nginx.conf``
"""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path

MODELE = Path(__file__).with_name("nginx.conf.modele")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"  # nginx de Debian (paquet nginx-light)


def configuration(lectures: list[str], ecriture: str, port_lecture: int = 80, port_ecriture: int = 8080,
                  temp: str = "/var/cache/nginx", pid: str = "/run/nginx.pid",
                  journal: str = "/dev/stderr", utilisateur: str | None = None) -> str:
    if not lectures:
        raise ValueError("au moins une réplique de lecture")
    noms = [f"lecture{i}" for i in range(1, len(lectures) + 1)]
    part = 100 / len(lectures)
    repartition = "\n".join(f"        {part:.4g}% {n};" for n in noms[:-1]) + f"\n        * {noms[-1]};"
    upstreams = []
    for i, (nom, adresse) in enumerate(zip(noms, lectures)):
        secours = lectures[(i + 1) % len(lectures)]
        lignes = [f"    upstream {nom} {{", f"        server {adresse} max_fails=1 fail_timeout=10s;"]
        if secours != adresse:
            lignes.append(f"        server {secours} backup;")
        upstreams.append("\n".join(lignes + ["    }"]))
    texte = MODELE.read_text(encoding="utf-8")
    for marque, valeur in {"@REPARTITION@": repartition, "@NOMS@": "|".join(noms),
                           "@UPSTREAMS@": "\n".join(upstreams), "@ECRITURE@": ecriture,
                           "@PORT_LECTURE@": str(port_lecture), "@PORT_ECRITURE@": str(port_ecriture),
                           "@TEMP@": temp, "@PID@": pid, "@JOURNAL@": journal}.items():
        texte = texte.replace(marque, valeur)
    if utilisateur:
        texte = f"user {utilisateur};\n" + texte
    return texte


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--lecture", action="append", required=True, help="adresse:port d'une réplique de lecture")
    p.add_argument("--ecriture", required=True, help="adresse:port du serveur d'écriture")
    p.add_argument("-o", "--sortie", type=Path, required=True)
    a = p.parse_args(argv)
    a.sortie.write_text(configuration(a.lecture, a.ecriture), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
