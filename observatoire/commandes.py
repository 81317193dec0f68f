"""Les commandes de ``python -m observatoire`` : une fonction par sous-commande, qui reçoit les arguments lus par
``__main__`` et renvoie le code de sortie (0 : fait ; 2 : refusé, message en français sur la sortie d'erreur)."""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd


def build(a) -> int:
    from observatoire.modele import base
    if a.si_necessaire and base.a_jour():
        print(f"Base à jour : {base.chemins.base()} (entrées inchangées depuis sa construction).")
        return 0
    from observatoire.modele.publication import ErreurEcriture
    return faire(base.construire, ErreurEcriture, lambda durees: f"Base construite : {base.chemins.base()} "
                 f"({durees['total']:.1f} s, dont panel {durees['panel']:.1f} s).")


def faire(action, refus: type[Exception], message) -> int:
    """``action()`` ; un refus attendu (``refus``) : son message en français sur la sortie d'erreur, code 2 ; sinon
    ``message(résultat)`` sur la sortie, code 0."""
    try:
        resultat = action()
    except refus as e:
        print(e, file=sys.stderr)
        return 2
    print(message(resultat))
    return 0


def indicateurs(a) -> int:
    from observatoire.modele import base
    with base.connecter() as con:
        df = base.requete(con, "indicateurs")
    for r in df.itertuples():
        print(f"{r.indicateur:<40} {r.libelle} ({r.unite}, {r.frequence})")
    return 0


def _par() -> str:
    """Auteur d'une écriture en ligne de commande : le compte système (journal des imports)."""
    import getpass
    try:
        return f"ligne de commande ({getpass.getuser()})"
    except (KeyError, OSError):
        return "ligne de commande"


PAR_LIGNE_DE_COMMANDE = _par()


def importer_fichier(a) -> int:
    from observatoire.imports.importer import ErreurImport, importer
    try:
        r = importer(Path(a.fichier), Path(a.mapping) if a.mapping else None, essai=a.dry_run,
                     par=PAR_LIGNE_DE_COMMANDE)
    except ErreurImport as e:
        print(f"Import refusé : {len(e.problemes)} problème(s), la base n'a pas été modifiée.", file=sys.stderr)
        for p in e.problemes:
            print(f"  - {p}", file=sys.stderr)
        return 2
    print(r.resume())
    print("\n".join(r.lecture()))
    if a.dry_run:
        from observatoire.imports.importer import consequences
        from observatoire.modele import base
        with base.connecter() as con:
            print(consequences(con, r).resume())
    print("Essai (--dry-run) : rien n'a été écrit." if a.dry_run else
          f"Import n°{r.import_id} enregistré. Pour l'annuler : python -m observatoire annuler {r.import_id}")
    return 0


def actualiser(a) -> int:
    from observatoire.imports import actualiser as service
    resultats = service.actualiser(a.source, essai=a.dry_run,
                           progres=lambda jeu, rang, total: print(f"[{rang + 1}/{total}] {jeu.nom}…", flush=True))
    for r in resultats:
        print(f"  - {r.ligne()}", file=sys.stderr if r.etat == "échec" else sys.stdout)
    print(service.resume(resultats))
    return 2 if any(r.etat == "échec" for r in resultats) else 0


def annuler(a) -> int:
    from observatoire.imports.importer import ErreurImport
    from observatoire.imports.importer import annuler as annuler_import
    return faire(lambda: annuler_import(a.import_id, par=PAR_LIGNE_DE_COMMANDE), ErreurImport,
                 lambda _: f"Import n°{a.import_id} annulé : les valeurs précédentes sont rétablies.")


def imports(a) -> int:
    from observatoire.imports.importer import journal
    from observatoire.modele import base
    with base.connecter() as con:
        df = journal(con)
    print("Aucun import." if df.empty else df.to_string(index=False))
    return 0


def calculer(calcul):
    """Exécute ``calcul(con)`` sur la base ; un territoire ou une date sans données (ValueError, dont
    ErreurReferentiel) donne un message en français et le code de sortie 2. Renvoie (résultat, code)."""
    from observatoire import referentiel
    from observatoire.imports import enregistres
    from observatoire.modele import base
    try:
        with base.connecter() as con:
            # territoires à façon enregistrés pour tous : --territoire perso-1
            referentiel.connaitre(*enregistres.territoires(con))
            return calcul(con), 0
    except ValueError as e:
        print(e, file=sys.stderr)
        return None, 2


def bulletin(a) -> int:
    from observatoire import formats, referentiel
    from observatoire.sorties import bulletin as sorties
    def calcul(con):
        df = sorties.bulletin(con, a.territoire, a.date)
        return df, sorties.cartouche(con, df, a.territoire, a.date)

    resultat, code = calculer(calcul)
    if code:
        return code
    df, a_propos = resultat
    titre = (f"La demande d'emploi au {formats.jour(a.date)} – "
             f"{referentiel.territoire(a.territoire).nom}")
    if a.format == "csv":
        sortie = sorties.en_csv(df, a.date)
    elif a.format == "md":
        sortie = sorties.en_markdown(df, titre, a.date)
    else:
        contenu = sorties.en_xlsx(df, a_propos)
        if not a.output:
            print("--format xlsx demande -o FICHIER.xlsx", file=sys.stderr)
            return 2
        Path(a.output).write_bytes(contenu)
        print(f"Écrit : {a.output}")
        return 0
    if a.output:
        Path(a.output).write_text(sortie, encoding="utf-8")
    else:
        sys.stdout.write(sortie)
    return 0


def chiffres_cles(a) -> int:
    from observatoire import formats
    from observatoire.sorties import bulletin as sorties
    d, code = calculer(lambda con: sorties.chiffres_cles(con, a.territoire, a.date))
    if code:
        return code
    if a.format == "json":
        print(sorties.en_json(d))
    else:
        print(f"{d['nom']} ({d['communes']} communes)")
        for c in d["chiffres"]:
            evol = "" if c["evolution_annuelle_pct"] is None or c["indicateur"] == "population" else \
                f" ({formats.pourcent(c['evolution_annuelle_pct'], signe=True)} en un an)"
            demo = f" [{formats.DEMONSTRATION}]" if c["demonstration"] else ""
            valeur = formats.valeur_ou_absence(c["valeur"], c["statut"])
            print(f"  {c['libelle']} au {formats.jour(c['date'])} : {valeur}{evol}{demo}")
            if c["rupture_de_serie"]:
                print(f"    {c['rupture_de_serie']}")
    return 0


def verifier(a) -> int:
    from observatoire import formats
    from observatoire.modele import base
    with base.connecter() as con:
        df = base.requete(con, "verification_publications")
    ko = df[~df.conforme & (df.verification == "exact") & ~df.non_verifiable]
    hors = df[~df.conforme & df.non_verifiable & (df.verification == "exact")]
    print(f"{len(df)} chiffres publiés vérifiés : {int(df.conforme.sum())} reproduits, {len(ko)} écart(s) "
          f"inattendu(s), {int((df.verification != 'exact').sum())} errata / référentiels documentés"
          + (f", {len(hors)} non vérifiable(s) (terme incomplet ou sans valeur depuis un import)." if len(hors) else "."))
    for r in df[~df.conforme].itertuples():
        if r.non_verifiable and r.verification == "exact":
            depuis = f" depuis l'import n°{int(r.import_incomplet)}" if pd.notna(r.import_incomplet) else ""
            pourquoi = ("total incomplet" + depuis + " (des communes du territoire n'ont pas de valeur)"
                        if r.terme_absent == "incomplet" else f"aucune valeur calculable ({formats.absence(r.terme_absent)})")
            print(f"  [non vérifiable] {r.territoire} {r.indicateur} {r.date} {r.mesure} : publié {r.valeur}, {pourquoi}")
        else:
            print(f"  [{r.verification}] {r.territoire} {r.indicateur} {r.date} {r.mesure} : publié {r.valeur}, "
                  f"calculé {r.calcule:.2f}")
    return 1 if len(ko) else 0


def serie(a) -> int:
    from observatoire import referentiel
    from observatoire.modele import base
    from observatoire.sorties import bulletin as sorties

    def calcul(con):
        referentiel.territoire(a.territoire)  # territoire inconnu : ErreurReferentiel, message français
        if a.indicateur not in set(base.requete(con, "indicateurs").indicateur):
            raise ValueError(f"Indicateur inconnu : « {a.indicateur} » (voir python -m observatoire indicateurs).")
        return base.requete(con, "serie_sources", territoire=a.territoire, indicateur=a.indicateur)

    df, code = calculer(calcul)
    if code:
        return code
    df = df.assign(rupture_avant=sorties.ruptures_avant(a.indicateur, df.date),
                   date=df.date.dt.date.astype(str), valeur=df.valeur.astype("Int64"))
    if a.format == "json":
        import json
        lignes = [{k: (None if pd.isna(v) else int(v) if k == "valeur" else v) for k, v in ligne.items()}
                  for ligne in df.to_dict("records")]
        print(json.dumps(lignes, ensure_ascii=False, indent=1))
    else:
        print(df.to_csv(sep=";", index=False), end="")
    return 0


def portrait(a) -> int:
    from observatoire.sorties import portrait as sortie
    from observatoire.sorties import portrait_pptx
    diapos, code = calculer(lambda con: sortie.diapositives(con, a.territoire, a.date))
    if code:
        return code
    contenu = portrait_pptx.en_pptx(diapos) if a.format == "pptx" else sortie.en_pdf(diapos)
    Path(a.output).write_bytes(contenu)
    taille = f"{len(contenu) // 1024} Ko"
    if a.format == "pptx":
        print(f"Écrit : {a.output} ({len(portrait_pptx.paginer(diapos))} diapositives, {taille})")
    else:  # le PDF regroupe les diapositives : une page de synthèse, puis deux graphiques par page
        print(f"Écrit : {a.output} ({sortie.pages_pdf(contenu)} pages A4, {taille})")
    return 0


def compte(a) -> int:
    """Ajoute (ou remplace) un compte de la liste [comptes] de .streamlit/secrets.toml (acces.enregistrer_compte)."""
    import getpass

    from observatoire.appli import acces
    if not acces.nom_de_compte_valide(a.nom):
        print("Identifiant refusé : 2 à 64 lettres, chiffres, « . », « _ », « @ » ou « - ».", file=sys.stderr)
        return 2
    if a.mot_de_passe_stdin:
        mot_de_passe = sys.stdin.readline().rstrip("\n")
    else:
        mot_de_passe = getpass.getpass(f"Mot de passe de {a.nom} : ")
        if getpass.getpass("Le même, encore : ") != mot_de_passe:
            print("Les deux mots de passe diffèrent : rien n'a été écrit.", file=sys.stderr)
            return 2
    if len(mot_de_passe) < 12:
        print("Mot de passe trop court (12 caractères au moins) : rien n'a été écrit.", file=sys.stderr)
        return 2
    deja = acces.enregistrer_compte(a.secrets, a.nom, mot_de_passe)
    print(f"Compte {a.nom} {'remplacé' if deja else 'ajouté'} dans {a.secrets} (empreinte argon2). Redémarrez "
          "l'application pour qu'elle le lise.")
    return 0


def bench(a) -> int:
    from observatoire import bench as banc
    banc.main(a.repetitions, a.markdown)
    return 0

