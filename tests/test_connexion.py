"""Connexion par le fournisseur d'identité de l'organisation : OpenID Connect pour de vrai, contre un
fournisseur local démarré par le test (oidc-provider-mock), l'application en mode « authentifie » ; dans Chromium,
par l'interface : se connecter, importer, voir son adresse dans le journal, se déconnecter."""
from __future__ import annotations

import shutil

import pytest
from oidc_provider_mock import User, run_server_in_thread

from outils_navigateur import arreter, attendre, capture, demarrer, deposer, lien, port_libre


@pytest.fixture(scope="module")
def serveur_oidc(base_construite, tmp_path_factory):
    dossier = tmp_path_factory.mktemp("base-oidc")
    shutil.copy(base_construite, dossier / "observatoire.duckdb")
    with run_server_in_thread(user_claims=[User(sub="marie", claims={"email": "marie.dupont@mel.example"})]) as fournisseur:
        port = port_libre()
        secrets = dossier / "secrets.toml"
        secrets.write_text(
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            'cookie_secret = "un-secret-de-test-assez-long-pour-signer"\n'
            'client_id = "observatoire"\nclient_secret = "secret-de-test"\n'
            f'server_metadata_url = "http://localhost:{fournisseur.server_port}/.well-known/openid-configuration"\n',
            encoding="utf-8")
        proc, url = demarrer(dossier / "observatoire.duckdb", dossier / "imports", port=port,
                             env={"OBSERVATOIRE_MODE": "authentifie"}, options=("--secrets.files", str(secrets)))
        yield url
        arreter(proc)


def test_connexion_oidc_puis_import_signe(serveur_oidc, navigateur, tmp_path):
    page = navigateur.new_page(viewport={"width": 1366, "height": 768})
    page.goto(serveur_oidc + "/importer")
    page.wait_for_selector("text=demande d'être connecté", timeout=90_000)
    assert page.locator("[data-testid='stFileUploaderDropzoneInput']").count() == 0  # rien à déposer sans connexion
    page.get_by_role("button", name="Se connecter avec le compte de l'organisation").click()
    page.wait_for_selector("text=Authorize Client", timeout=30_000)  # la page du fournisseur d'identité
    page.get_by_role("button", name="marie").click()
    page.wait_for_selector("[data-testid='stSidebar']", timeout=60_000)
    attendre(page)
    lien(page, "Importer des données")
    page.wait_for_selector("text=Connecté : marie.dupont@mel.example", timeout=30_000)
    fichier = tmp_path / "roubaix_2022.csv"
    fichier.write_text("code_commune;indicateur;date;valeur\n59512;demandeurs_abc;31/12/2022;14 900\n",
                       encoding="utf-8")
    deposer(page, fichier)
    page.wait_for_selector("text=Si vous confirmez", timeout=60_000)
    page.get_by_role("button", name="Confirmer l'import").click()
    page.wait_for_selector("text=Import n°1 enregistré", timeout=30_000)
    attendre(page)
    capture(page, "parcours_connexion_oidc_1366x768")
    # le journal des imports (grille dessinée : son texte est dans sa table ARIA) dit qui a importé
    page.wait_for_function("() => [...document.querySelectorAll(\"[data-testid='stDataFrame']\")]"
                           ".some(g => g.textContent.includes('marie.dupont@mel.example'))", timeout=30_000)
    page.get_by_role("button", name="Se déconnecter").click()
    # déconnexion aussi chez le fournisseur d'identité (fin de session OpenID), qui renvoie à l'application
    page.wait_for_url("**/oauth2/end_session**", timeout=30_000)
    page.get_by_role("button", name="End session").click()
    page.wait_for_selector("[data-testid='stSidebar']", timeout=60_000)
    attendre(page)
    lien(page, "Importer des données")
    page.wait_for_selector("text=demande d'être connecté", timeout=30_000)
    page.close()
