"""Ligne de commande : ``python -m observatoire COMMANDE`` (``--help`` pour la liste) ; les commandes elles-mêmes
sont dans ``observatoire.commandes``."""
from __future__ import annotations

import argparse
import sys

from observatoire import commandes, commandes_pourquoi


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from observatoire import couverture
    couverture.ou_quitter()  # mal écrite : un message qui dit quoi écrire, avant toute commande (et le serveur)
    if argv[:1] == ["app"]:  # les options suivantes sont celles de « streamlit run »
        from observatoire.appli import serveur
        serveur.main(argv[1:])
    p = argparse.ArgumentParser(prog="python -m observatoire", description="Observatoire de l'emploi (MEL, Nord)")
    sp = p.add_subparsers(dest="commande", required=True)
    s = sp.add_parser("build", help="(re)construire la base depuis les fichiers du dépôt et les imports archivés")
    s.add_argument("--si-necessaire", action="store_true",
                   help="ne reconstruire que si la base manque ou si ses entrées (données, modèle, code) ont changé")
    s.set_defaults(f=commandes.build)
    sp.add_parser("indicateurs", help="lister les indicateurs").set_defaults(f=commandes.indicateurs)
    s = sp.add_parser("import", help="importer un fichier officiel (CSV, XLSX)")
    s.add_argument("fichier")
    s.add_argument("--mapping", help="mapping YAML pour un tableau large")
    s.add_argument("--dry-run", action="store_true", help="valider sans rien écrire")
    s.set_defaults(f=commandes.importer_fichier)
    s = sp.add_parser("actualiser", help="télécharger et importer les données des services officiels (DARES, "
                      "Urssaf, Insee Melodi, BMO de France Travail)")
    s.add_argument("--source", nargs="+", choices=["dares", "urssaf", "melodi", "bmo"],
                   help="services à interroger (tous par défaut)")
    s.add_argument("--dry-run", action="store_true", help="télécharger et valider sans rien écrire")
    s.set_defaults(f=commandes.actualiser)
    s = sp.add_parser("annuler", help="annuler un import")
    s.add_argument("import_id", type=int)
    s.set_defaults(f=commandes.annuler)
    sp.add_parser("imports", help="journal des imports").set_defaults(f=commandes.imports)
    s = sp.add_parser("bulletin", help="tableau du bulletin de la demande d'emploi")
    s.add_argument("--territoire", required=True)
    s.add_argument("--date", required=True)
    s.add_argument("--format", choices=["csv", "md", "xlsx"], default="csv")
    s.add_argument("-o", "--output")
    s.set_defaults(f=commandes.bulletin)
    s = sp.add_parser("chiffres-cles", help="chiffres clés d'un territoire")
    s.add_argument("--territoire", required=True)
    s.add_argument("--date", required=True)
    s.add_argument("--format", choices=["json", "texte"], default="texte")
    s.set_defaults(f=commandes.chiffres_cles)
    s = sp.add_parser("serie", help="série d'un territoire : date, valeur, statut, provenance, source, définition")
    s.add_argument("--territoire", required=True)
    s.add_argument("--indicateur", required=True)
    s.add_argument("--format", choices=["csv", "json"], default="csv")
    s.set_defaults(f=commandes.serie)
    s = sp.add_parser("portrait", help="portrait de territoire en PowerPoint ou PDF")
    s.add_argument("--territoire", required=True)
    s.add_argument("--date", required=True)
    s.add_argument("--format", choices=["pptx", "pdf"], default="pptx")
    s.add_argument("-o", "--output", required=True)
    s.set_defaults(f=commandes.portrait)
    s = sp.add_parser("expliquer", help="pourquoi un indicateur a bougé : emploi salarié (tendance, structure, effet "
                      "local) ou demandeurs d'emploi (contributions des groupes)")
    s.add_argument("--territoire", required=True)
    s.add_argument("--indicateur", required=True, help="emploi_prive ou demandeurs_abc")
    s.add_argument("--de", required=True, help="date de départ (AAAA-MM-JJ)")
    s.add_argument("--a", required=True, help="date d'arrivée (AAAA-MM-JJ)")
    s.add_argument("--reference", help="territoire de référence de l'emploi (par défaut : son département)")
    s.add_argument("--format", choices=["json", "texte"], default="texte")
    s.set_defaults(f=commandes_pourquoi.expliquer)
    s = sp.add_parser("comparables", help="territoires du même niveau qui ressemblent le plus à celui-ci")
    s.add_argument("--territoire", required=True)
    s.add_argument("--date", help="date (par défaut : la dernière)")
    s.add_argument("--nombre", type=int, default=5)
    s.add_argument("--format", choices=["json", "texte"], default="texte")
    s.set_defaults(f=commandes_pourquoi.comparables)
    sp.add_parser("verifier", help="comparer le panel aux chiffres publiés").set_defaults(f=commandes.verifier)
    sp.add_parser("app", help="lancer l'application (préchauffée) ; options suivantes passées à streamlit run")
    s = sp.add_parser("compte", help="ajouter ou remplacer un compte d'analyste (mode authentifie)")
    s.add_argument("nom")
    s.add_argument("--secrets", default=".streamlit/secrets.toml", help="fichier des secrets de Streamlit")
    s.add_argument("--mot-de-passe-stdin", action="store_true", help="lire le mot de passe sur l'entrée standard")
    s.set_defaults(f=commandes.compte)
    s = sp.add_parser("bench", help="mesurer construction et requêtes (médianes)")
    s.add_argument("--repetitions", type=int, default=15)
    s.add_argument("--markdown", action="store_true", help="écrire aussi le tableau de docs/performances.md")
    s.set_defaults(f=commandes.bench)
    a = p.parse_args(argv)
    return a.f(a)


if __name__ == "__main__":
    sys.exit(main())
