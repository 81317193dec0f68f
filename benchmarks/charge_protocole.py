"""Banc de charge sans navigateur : N sessions qui parlent le protocole de Streamlit (websocket ``/_stcore/stream``,
messages ``BackMsg`` / ``ForwardMsg`` du paquet ``streamlit``), par le proxy nginx devant 1 ou 2 répliques
(deploiement/locale_grappe.py), pendant qu'un import est publié au milieu.

Chaque session ouvre la Synthèse d'un territoire, puis toutes les 1 à 3 s (temps de réflexion) change de page
(60 %) ou de territoire et d'indicateur par l'adresse (40 %) : elle envoie ``rerun_script`` avec la chaîne de requête
et le nom de la page, et chronomètre jusqu'au ``script_finished`` de cette exécution. Chromium n'est pas en jeu :
sur deux cœurs, le navigateur de charge (benchmarks/charge.py) saturait la machine avant le serveur.

Mesure : exécutions par seconde (toutes sessions), temps d'un changement de page ou de territoire (médiane, 95e
centile, maximum), exceptions affichées, délais dépassés, sessions perdues, mémoire (RSS) des répliques avant et
après, et son accroissement par session.

Usage : ``.venv/bin/python benchmarks/charge_protocole.py [--sessions 10 25 50] [--duree 60] [--repliques 1 2]``
"""
from __future__ import annotations

import argparse
import asyncio
import random
import time

from grappe_de_charge import grappe_sous_import, quantile, rss_mo, voit_l_instantane

PAGES = ["", "carte", "evolutions", "profil", "comparer", "emploi", "metiers"]
TERRITOIRES = ["mel", "melt", "mno", "mie-roubaisis", "59512", "59350", "arr-lille", "59599"]
INDICATEURS = ["demandeurs_abc", "demandeurs_a", "demandeurs_abc_femmes", "emploi_prive"]
DELAI = 120  # s sans fin d'exécution : la session est comptée perdue


class Session:
    """Une connexion websocket à l'application, comme un onglet de navigateur."""

    def __init__(self, ws):
        self.ws = ws

    async def executer(self, page: str, requete: str) -> tuple[float, int]:
        """Demande l'exécution de ``page`` avec ``requete`` ; rend (durée jusqu'à sa fin, exceptions affichées)."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
        msg = BackMsg()
        msg.rerun_script.query_string = requete
        msg.rerun_script.page_name = page
        debut = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        exceptions = 0
        while True:
            recu = ForwardMsg()
            recu.ParseFromString(await asyncio.wait_for(self.ws.recv(), DELAI))
            genre = recu.WhichOneof("type")
            if genre == "delta" and recu.delta.WhichOneof("type") == "new_element" \
                    and recu.delta.new_element.WhichOneof("type") == "exception":
                exceptions += 1
            if genre == "script_finished" and recu.script_finished in (
                    ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR):
                return time.perf_counter() - debut, exceptions


async def une_session(url: str, fin: float, hasard: random.Random, mesures: list, bilan: dict, retard: float):
    import websockets
    await asyncio.sleep(retard)  # arrivées étalées (une personne toutes les 0,2 s)
    adresse = url.replace("http://", "ws://") + "/_stcore/stream"
    territoire, indicateur, page = hasard.choice(TERRITOIRES), hasard.choice(INDICATEURS), ""
    try:
        async with websockets.connect(adresse, subprotocols=["streamlit"], origin=url, max_size=None,
                                      open_timeout=DELAI, ping_interval=None) as ws:
            s = Session(ws)
            duree, exc = await s.executer(page, f"territoire={territoire}")
            bilan["premieres"].append(duree)
            bilan["exceptions"] += exc
            while time.monotonic() < fin:
                await asyncio.sleep(hasard.uniform(1, 3))
                if hasard.random() < 0.6:
                    page = hasard.choice([p for p in PAGES if p != page])
                else:
                    territoire, indicateur = hasard.choice(TERRITOIRES), hasard.choice(INDICATEURS)
                duree, exc = await s.executer(page, f"territoire={territoire}&indicateur={indicateur}")
                mesures.append(duree)
                bilan["exceptions"] += exc
    except asyncio.TimeoutError:
        bilan["delais"] += 1
        bilan["perdues"] += 1
    except Exception as e:  # noqa: BLE001 — une session qui ne répond plus est comptée, pas fatale
        bilan["perdues"] += 1
        bilan["erreurs"].append(type(e).__name__)


async def charge(url: str, sessions: int, duree: float, importer) -> tuple[list, dict, float]:
    mesures, bilan = [], {"exceptions": 0, "perdues": 0, "delais": 0, "erreurs": [], "premieres": []}
    debut = time.monotonic()
    fin = debut + duree
    taches = [une_session(url, fin, random.Random(i), mesures, bilan, 0.2 * i) for i in range(sessions)]

    async def au_milieu():
        await asyncio.sleep(duree / 2)
        await asyncio.to_thread(importer)
    await asyncio.gather(*taches, au_milieu())
    return mesures, bilan, time.monotonic() - debut


def mesurer(repliques: int, sessions: int, duree: float, sur_machines: bool = False) -> dict:
    publie = []
    with grappe_sous_import(repliques, sur_machines) as (g, publier):
        pids = [p.pid for p, _ in g["repliques"]]
        avant = [rss_mo(pid) for pid in pids]
        mesures, bilan, ecoule = asyncio.run(charge(g["url"], sessions, duree, lambda: publie.append(publier()[0])))
        apres = [rss_mo(pid) for pid in pids]
        vu = sum(voit_l_instantane(pid, g["base"]) for pid in pids)
    executions = len(mesures) + len(bilan["premieres"])
    r = {"repliques": repliques, "sessions": sessions, "executions_s": executions / ecoule,
         "p50": quantile(mesures, 50), "p95": quantile(mesures, 95),
         "max": f"{max(mesures):.2f} s" if mesures else "–", "premiere_p50": quantile(bilan["premieres"], 50),
         "exceptions": bilan["exceptions"], "delais": bilan["delais"], "perdues": bilan["perdues"],
         "erreurs": sorted(set(bilan["erreurs"])),
         "import": (f"publié, vu par {vu}/{len(pids)} répliques" if all(publie) and publie else "ÉCHEC"),
         "rss_avant": sum(avant), "rss_apres": sum(apres), "rss_par_session": (sum(apres) - sum(avant)) / sessions}
    print(f"| {repliques}{' (machines)' if sur_machines else ''} | {sessions} | {r['executions_s']:.1f} | {r['p50']} | {r['p95']} | {r['max']} | "
          f"{r['premiere_p50']} | {r['exceptions']} | {r['delais']} | {r['perdues']} {' '.join(r['erreurs'])} | "
          f"{r['import']} | {r['rss_avant']:.0f} → {r['rss_apres']:.0f} Mo ({r['rss_par_session']:+.1f} Mo/session) |",
          flush=True)
    return r


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sessions", type=int, nargs="+", default=[10, 25, 50])
    p.add_argument("--duree", type=float, default=60)
    p.add_argument("--repliques", type=int, nargs="+", default=[1])
    p.add_argument("--machines", action="store_true",
                   help="chaque réplique sur sa « machine » : son dossier de données, le stockage partagé monté en "
                        "lecture seule (root)")
    a = p.parse_args()
    print("| répliques | sessions | exécutions/s | p50 | p95 | max | 1re page p50 | exceptions | délais dépassés "
          "| sessions perdues | import au milieu | RSS des répliques |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for n in a.repliques:
        for s in a.sessions:
            mesurer(n, s, a.duree, a.machines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
