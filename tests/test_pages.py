"""Logique des pages (AppTest) : vue par défaut, chaque commande, paramètres d'URL faux."""
from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

PAGES = ["synthese", "carte", "evolutions", "profil", "comparer", "emploi", "metiers", "sources", "importer",
         "accessibilite"]
SOURCE_PIED = {"metiers": "France Travail, enquête Besoins en main-d'œuvre (BMO) 2024",  # sinon le pied commun
               "accessibilite": "Déclaration établie le 30/11/2026"}


@pytest.fixture(autouse=True)
def base_de_session(base_construite, monkeypatch):
    monkeypatch.setenv("OBSERVATOIRE_DB", str(base_construite))


def ouvrir(page: str, **params) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, at.exception
    assert not [e for e in at.error if "n'a pas pu s'afficher" in e.value], "erreur inattendue dans la page"
    return at


def rendu(markdown: str) -> str:
    """Le texte qu'on lit d'un Markdown dont la ponctuation est échappée (formats.echapper_markdown)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def widget(at: AppTest, cle: str):
    """Un contrôle de page par le nom de son paramètre (``carte.mesure``) ou la clé d'un widget du cadre."""
    return next(w for w in list(at.selectbox) + list(at.multiselect) + list(at.select_slider)
                + list(at.button_group) + list(at.toggle) if w.key in (cle, "w." + cle))


@pytest.mark.parametrize("page", PAGES)
def test_vue_par_defaut(page):
    at = ouvrir(page)
    assert at.title, page
    assert at.session_state["territoire"] == "mel"
    assert at.session_state["comparaison"] == ["arr-lille", "nord"]
    textes = " ".join(c.value for c in at.caption)
    assert SOURCE_PIED.get(page, "IGN – ADMIN EXPRESS 2018") in textes


@pytest.mark.parametrize("page", PAGES)
def test_parametres_d_url_faux(page):
    at = ouvrir(page, territoire="atlantide", date="2021-13-45", indicateur="chomage", comparer="mel,zzz")
    avis = " ".join(i.value for i in at.info).replace("\\", "")  # texte échappé (Markdown inerte)
    assert "Territoire « atlantide » inconnu" in avis and "Date « 2021-13-45 » indisponible" in avis
    assert "Indicateur « chomage » inconnu" in avis and "zzz" in avis
    # la MEL retombe territoire par défaut : elle ne se compare pas à elle-même, « zzz » est ignoré
    assert at.session_state["territoire"] == "mel"
    assert at.session_state["comparaison"] == []


def test_parametre_d_url_affiche_en_texte_brut():
    """Un lien Markdown glissé dans l'URL reste du texte : ni lien cliquable, ni image chargée."""
    at = ouvrir("synthese", territoire="[Session expirée](https://exemple.invalid) ![x](https://exemple.invalid/i.png)")
    avis = at.info[0].value
    assert "\\[Session expirée\\]\\(https\\:" in avis and "\\!\\[x\\]" in avis


@pytest.mark.parametrize("page", ["synthese", "evolutions", "profil", "emploi", "metiers", "carte", "comparer"])
def test_nom_d_un_territoire_a_facon_en_texte_brut_dans_le_titre(page):
    """Le nom d'un territoire à façon est choisi par qui compose le lien : dans le titre de chaque page, ni gras ni
    lien, le texte tel qu'il a été tapé."""
    at = ouvrir(page, communes="59512,59599", nom="**Gras** [lien](https://exemple.invalid)", comparer="mel")
    assert "\\*\\*Gras\\*\\* \\[lien\\]\\(https\\:" in at.title[0].value
    assert rendu(at.title[0].value).endswith("**Gras** [lien](https://exemple.invalid)")


def test_lien_rouvre_la_meme_vue():
    at = ouvrir("carte", territoire="melt", date="2023-12-31", indicateur="demandeurs_a", comparer="mel,nord")
    assert at.session_state["territoire"] == "melt" and at.session_state["date"] == "2023-12-31"
    assert at.query_params["territoire"] == "melt" and at.query_params["comparer"] == "mel,nord"
    assert rendu(at.title[0].value) == "Carte – Catégorie A – Mission Emploi Lys-Tourcoing"


def test_synthese_chiffres_cles_et_profil():
    at = ouvrir("synthese", territoire="melt", date="2023-12-31")
    m = {x.label: x for x in at.metric}
    assert m["Demandeurs d'emploi ABC"].value == "18\u202f367"
    assert m["Demandeurs d'emploi ABC"].delta == "+9,5\u202f% en un an"
    assert m["Salariés du secteur privé"].value == "45\u202f173" and m["Entreprises"].value == "13\u202f205"
    assert m["Créations d'entreprises dans l'année"].delta == "+4,5\u202f% en un an"
    assert "Femmes" in m and "Moins de 25 ans" in m and "Longue durée" in m
    assert any("Données de démonstration" in w.value for w in at.warning)


def test_valeurs_du_graphique_envoyees_quand_le_panneau_est_ouvert():
    """Replié, le tableau des valeurs d'un graphique n'est pas envoyé (il l'était à chaque exécution) ; ouvert, il est
    là avec son nom, et le reste aux exécutions suivantes ; refermé, il repart."""
    at = ouvrir("evolutions")
    assert not at.table and "Valeurs du graphique" in [e.label for e in at.expander]
    at.session_state["valeurs_evol_principal"] = True  # ce que fait un clic (ou Entrée) sur le panneau
    at.run()
    assert [t.proto.alt for t in at.table] == ["Valeurs du graphique Demandeurs ABC – base 100 au 31/12/2011"]
    assert at.table[0].value.iloc[0].tolist() == ["MEL", "31/12/2011", "100,0"]
    at.sidebar.selectbox(key="territoire").set_value("mie-roubaisis").run()
    assert len(at.table) == 1 and at.table[0].value.iloc[0, 0] == "MiE du Roubaisis"
    at.session_state["valeurs_evol_principal"] = False
    at.run()
    assert not at.table


def test_commentaire_sur_synthese_et_profil():
    for page in ("synthese", "profil"):
        at = ouvrir(page, territoire="mie-roubaisis", date="2021-12-31")
        textes = [m.value for m in at.markdown]
        assert any(t.startswith("Au 31/12/2021, le territoire de la MiE du Roubaisis compte 16\u202f256") for t in textes)
        assert any(t.startswith("À Leers, la catégorie A est en baisse de 12,5") for t in textes)


def test_synthese_changer_de_territoire():
    at = ouvrir("synthese")
    at.sidebar.selectbox(key="territoire").set_value("mie-roubaisis").run()
    at.sidebar.selectbox(key="date").set_value("2021-12-31").run()
    assert not at.exception
    assert at.title[0].value == "Synthèse – MiE du Roubaisis"
    m = {x.label: x for x in at.metric}
    assert m["Demandeurs d'emploi ABC"].value == "16\u202f256"
    assert m["dont catégorie A"].delta == "\u22127,9\u202f% en un an"
    # flèche et couleur d'après la valeur (Streamlit ne lit pas le « − » typographique) : baisse des
    # demandeurs = flèche vers le bas, en vert ; hausse de l'emploi = vers le haut, en vert
    bas, haut, vert, rouge = 0, 1, 1, 0  # streamlit.proto.Metric_pb2 : MetricDirection, MetricColor
    assert (m["dont catégorie A"].proto.direction, m["dont catégorie A"].proto.color) == (bas, vert)
    assert (m["Salariés du secteur privé"].proto.direction, m["Salariés du secteur privé"].proto.color) == (haut, vert)
    assert m["Moins de 25 ans"].proto.direction == haut and m["Moins de 25 ans"].proto.color != rouge


def test_carte_commandes():
    at = ouvrir("carte", territoire="mie-roubaisis", date="2021-12-31")
    df = at.dataframe[0].value
    assert list(df.Commune) == ["Roubaix", "Lys-lez-Lannoy", "Leers"]
    assert df.iloc[0, 1] == "14\u202f523" and list(df.Rang) == ["1", "2", "3"]
    for mesure, colonne, attendu in (("pour_100", "Pour 100 habitants", "14,7"),
                                     ("evolution_pct", "Évolution sur un an (%)", "\u22123,0\u202f%"),
                                     ("indice", "Indice base 100 (31/12/2011)", "–")):
        widget(at, "carte.mesure").set_value(mesure).run()
        assert not at.exception, mesure
        df = at.dataframe[0].value.set_index("Commune")
        assert df.columns[0] == colonne and df.loc["Roubaix", colonne] == attendu, (mesure, df)

    def classes_de_la_legende() -> int:
        carte = next(m.value for m in at.markdown if 'class="obs-carte"' in m.value)
        return carte.split('class="legende"')[1].count('<i style="background:rgb(')
    avant = classes_de_la_legende()
    widget(at, "carte.classes").set_value("seuils_naturels").run()
    widget(at, "carte.nb_classes").set_value("3").run()
    assert not at.exception
    assert avant != 3 and classes_de_la_legende() == 3


def test_carte_indicateur_sans_part():
    at = ouvrir("carte", indicateur="population")
    widget(at, "carte.mesure").set_value("part").run()
    assert not at.exception
    assert "Pas de valeur" in at.info[0].value


def courbes_dessinees(at) -> str:
    """Le graphique principal d'Évolutions, dessiné par le serveur (courbes_html) : son HTML."""
    [dessin] = [m.value for m in at.markdown if 'class="obs-courbes"' in m.value]
    return dessin


def test_evolutions_courbes_sans_plotly_puis_interactives_sur_demande():
    """Le graphique principal s'affiche dessiné par le serveur (sans attendre Plotly), nommé pour les lecteurs
    d'écran, avec le tableau de ses valeurs ; « Graphique interactif » le rend par Plotly, et l'adresse le garde."""
    at = ouvrir("evolutions", territoire="melt", comparer="mel")
    dessin = courbes_dessinees(at)
    assert 'role="img" aria-label="Graphique : Demandeurs ABC – base 100 au' in dessin
    assert "ME Lys-Tourcoing" in dessin and "MEL" in dessin
    titres = [json.loads(g.proto.spec)["layout"].get("yaxis", {}).get("title", {}).get("text", "")
              for g in at.get("plotly_chart")]
    assert not any(t.startswith("Indice") for t in titres)  # pas en double par Plotly
    widget(at, "evolutions.interactif").set_value(True).run()
    assert not [m for m in at.markdown if 'class="obs-courbes"' in m.value]
    assert json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["yaxis"]["title"]["text"].startswith("Indice")
    assert at.query_params["interactif"] == "oui"
    assert not at.exception


def test_evolutions_commandes():
    at = ouvrir("evolutions", territoire="melt", comparer="mel,nord")
    widget(at, "evolutions.base").set_value("2021-12-31").run()
    assert '<div class="titre-y" aria-hidden="true">Indice (100 au 31/12/2021)</div>' in courbes_dessinees(at)
    widget(at, "evolutions.affichage").set_value("valeurs").run()
    assert '<div class="titre-y" aria-hidden="true">Nombre</div>' in courbes_dessinees(at)

    def nom_du_graphique_de_structure() -> str:
        return [h.proto.body for h in at.get("html") if "data-nom-graphique" in h.proto.body][1]
    assert "Demandeurs ABC – femmes – part (%)" in nom_du_graphique_de_structure()
    widget(at, "evolutions.profil").set_value("demandeurs_abc_rsa").run()
    assert "RSA – part (%)" in nom_du_graphique_de_structure()
    widget(at, "evolutions.profil_en").set_value("nombre").run()
    assert "RSA – nombre" in nom_du_graphique_de_structure()
    spec = json.loads(at.get("plotly_chart")[1].proto.spec)  # le premier graphique Plotly : catégories A, B, C
    assert spec["layout"]["yaxis"]["title"]["text"] == "Nombre"
    assert not at.exception


def test_profil_tableau_du_bulletin():
    at = ouvrir("profil", territoire="mie-roubaisis", date="2021-12-31")
    df = at.dataframe[0].value
    assert len(df) == 52
    ligne = df.iloc[0]
    assert list(ligne) == ["Demande d'emploi de catégorie A", "10\u202f757", "66,2\u202f%", "\u2212925", "\u22127,9\u202f%"]
    assert df.iloc[1, 0].strip() == "Roubaix"


def test_comparer_deux_a_six_territoires():
    at = ouvrir("comparer", territoire="melt", date="2023-12-31", comparer="mel,nord")
    tableau = at.dataframe[0].value
    assert list(tableau.columns) == ["Indicateur", "ME Lys-Tourcoing", "MEL", "Nord",
                                     "Nombre (ME Lys-Tourcoing)", "Rang (ME Lys-Tourcoing)"]
    assert "Nombre et rang : ceux de Mission Emploi Lys-Tourcoing" in " ".join(rendu(x.value) for x in at.caption)
    assert tableau.iloc[0]["ME Lys-Tourcoing"] == "+9,5\u202f%"
    widget(at, "comparer.mesure").set_value("pour_100").run()
    assert not at.exception
    at.sidebar.multiselect(key="comparaison").set_value([]).run()
    assert "Choisissez au moins un territoire" in at.info[0].value


def test_emploi_tableau_des_secteurs():
    at = ouvrir("emploi", territoire="nord", date="2021-12-31")
    df = at.dataframe[0].value
    assert list(df.Secteur) == ["Industrie", "Construction", "Commerce", "Hôtellerie-restauration", "Services",
                                "Intérim", "TOTAL"]
    total = df.iloc[-1]
    assert total["Sur 3 mois"] == "+0,8\u202f%" and total["Sur un an"] == "+3,4\u202f%"


def test_sources_reproduit_les_publications():
    at = ouvrir("sources")
    assert at.metric[0].value == "281 / 281"
    vue = next(d.value for d in at.dataframe if "Vérification" in d.value)  # tel qu'affiché : des libellés
    assert set(vue["Vérification"]) == {"retrouvé", "erreur dans le rapport", "population officielle gardée"}
    assert set(vue["Mesure"]) <= {"nombre", "part (%)", "évolution", "évolution (%)"}
    assert vue["Territoire"].notna().all() and "mie-roubaisis" not in set(vue["Territoire"])
    assert vue["Indicateur"].notna().all() and vue["Document"].str.contains(", ").all()


def test_presentation_suivante_precedente():
    """Les boutons sont à jour dès le clic (rappels exécutés avant la page) et la diapositive est dans l'URL."""
    at = ouvrir("presentation", territoire="mie-roubaisis", date="2021-12-31")
    assert "**1 / 9**" in [m.value for m in at.markdown] and at.button(key="diapo_prec").disabled
    at.button(key="diapo_suiv").click().run()
    assert not at.button(key="diapo_prec").disabled and at.query_params["diapo"] in ("2", ["2"])
    at.button(key="diapo_suiv").click().run()
    assert "**3 / 9**" in [m.value for m in at.markdown]
    assert at.session_state["presentation.diapo"] == "3"
    for _ in range(6):
        at.button(key="diapo_suiv").click().run()
    assert "**9 / 9**" in [m.value for m in at.markdown] and at.button(key="diapo_suiv").disabled
    at.button(key="diapo_prec").click().run()
    assert "**8 / 9**" in [m.value for m in at.markdown] and not at.exception


def test_carte_d_une_commune_sans_erreur():
    """Une commune seule (clic sur la carte) s'affiche avec ses voisines, sans erreur."""
    at = ouvrir("carte", territoire="59512", date="2021-12-31")
    df = at.dataframe[0].value
    assert df.Commune.iloc[0] == "Roubaix" and "Tourcoing" in list(df.Commune)
    assert df.set_index("Commune").Rang["Lille"] == "1"  # rang dans toute la zone affichée


def test_import_d_une_commune_rend_les_totaux_incomplets(base_copie):
    """Un total auquel il manque des communes dit « incomplet » (et combien), jamais « secret » ;
    le commentaire ne compare pas ce qu'il ne peut pas comparer."""
    from observatoire.imports import importer
    f = base_copie.parent / "une_commune.csv"
    f.write_text("code_commune;indicateur;date;valeur\n59512;demandeurs_abc;31/12/2022;14 900\n", encoding="utf-8")
    import streamlit as st
    importer.importer(f)
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        at = ouvrir("synthese", territoire="mie-roubaisis", date="2022-12-31")
    finally:  # les tests suivants relisent la base partagée
        st.cache_resource.clear()
        st.cache_data.clear()
    m = {x.label: x for x in at.metric}
    assert m["Demandeurs d'emploi ABC"].value == "incomplet"
    assert m["Demandeurs d'emploi ABC"].delta == "2 communes sans valeur"
    assert not any("secret" in x.value for x in at.metric)
    assert not any("(–)" in x.value for x in at.markdown)


def test_synthese_d_une_zone_d_emploi_en_partie_hors_du_nord():
    """La zone d'emploi de Lille (6 communes dans le Pas-de-Calais) dit « incomplet » et pourquoi."""
    at = ouvrir("synthese", territoire="ze-3216", date="2023-12-31")
    m = {x.label: x for x in at.metric}
    assert m["Demandeurs d'emploi ABC"].value == "incomplet"
    assert m["Demandeurs d'emploi ABC"].delta == "6 communes hors du Nord"
    assert at.title[0].value == "Synthèse – Zone d'emploi de Lille" and not at.exception


def test_metiers_qui_recrutent_d_une_commune():
    """Roubaix relève du bassin du Versant nord-est ; chiffres réels, comparés au Nord et à la région."""
    at = ouvrir("metiers", territoire="59512")
    assert at.title[0].value == "Métiers qui recrutent – Roubaix"
    assert widget(at, "metiers.zone").value == "3217"
    m = {x.label: x for x in at.metric}
    assert m["Projets de recrutement"].value == "12\u202f854"
    assert m["Jugés difficiles"].value == "59,3\u202f%"
    captions = " ".join(c.value for c in at.caption)
    assert "Nord : 82\u202f228 · Hauts-de-France : 174\u202f511" in captions
    assert "19 métiers sous secret statistique (moins de 5 projets chacun) : non comptés dans le total" in captions
    assert not at.warning, "données réelles : aucune marque de démonstration"
    tableau = at.dataframe[0].value
    secret = tableau[tableau["Métier"] == "Eleveurs"].iloc[0]
    assert secret["Projets"] == "secret statistique" and secret["Statut"] == "secret statistique"


def test_metiers_d_un_territoire_sur_plusieurs_bassins():
    """Le Nord s'étend sur huit bassins : le Nord entier est proposé, chaque bassin aussi, dans l'URL."""
    at = ouvrir("metiers", territoire="arr-lille")
    choix_zone = widget(at, "metiers.zone")
    assert choix_zone.value == "3216" and len(choix_zone.options) == 3  # 2 bassins, le Nord
    assert "s'étend sur" in at.info[0].value
    choix_zone.set_value("dep-59").run()
    assert at.query_params["zone"] in ("dep-59", ["dep-59"])
    m = {x.label: x for x in at.metric}
    assert m["Projets de recrutement"].value == "82\u202f228"
    assert "Hauts-de-France : 174\u202f511" in " ".join(c.value for c in at.caption)


def test_region_et_france_pour_comparer_seulement():
    """La région et la France se comparent (chiffres à leur échelle), sans être un territoire choisi."""
    at = ouvrir("comparer", territoire="nord", date="2021-12-31", comparer="hdf,france")
    assert "hdf" not in at.sidebar.selectbox(key="territoire").options
    assert "Région Hauts-de-France" in at.sidebar.multiselect(key="comparaison").options
    widget(at, "comparer.mesure").set_value("evolution_pct").run()
    tableau = at.dataframe[0].value.set_index("Indicateur")
    # évolution sur un an de l'emploi salarié privé publiée par l'Urssaf (rapport 003) : Nord +3,4 %, région +3,3 %
    emploi = tableau.loc["Salariés privés (total)"]
    assert (emploi.Nord, emploi["Hauts-de-France"], emploi.France) == ("+3,4\u202f%", "+3,3\u202f%", "–")
    assert emploi["Rang (Nord)"] == "1 / 2"  # parmi les territoires qui ont une valeur
    at = ouvrir("synthese", territoire="hdf")
    assert any("sert seulement de territoire de comparaison" in x.value for x in at.info)
    assert at.title[0].value == "Synthèse – Métropole Européenne de Lille"


def test_chiffre_publie_a_l_echelle_du_nord_et_sa_definition(base_copie):
    """Le fichier DARES par département donne le Nord tel que publié (pas la somme de ses
    communes), la Synthèse le dit ; sous le Profil, le producteur et la définition de la source."""
    from pathlib import Path

    import streamlit as st

    from observatoire.imports import importer
    importer.importer(Path(__file__).parent / "fixtures" / "officiels" / "dares_departements.csv")
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        synthese = ouvrir("synthese", territoire="nord", date="2024-12-31")
        profil = ouvrir("profil", territoire="nord", date="2024-12-31")
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()
    m = {x.label: x for x in synthese.metric}
    assert m["Demandeurs d'emploi ABC"].value == "240\u202f115"
    # un an plus tôt, le Nord n'a que des chiffres de démonstration : aucune évolution entre réel et démonstration
    assert not m["Demandeurs d'emploi ABC"].delta
    assert not any("en un an" in x.value and "240" in x.value for x in synthese.markdown)
    legendes = " ".join(x.value for x in synthese.caption)
    assert "chiffre publié à l'échelle du territoire, non recalculé depuis ses communes" in legendes
    assert ("Données réelles : DARES / France Travail – moyenne des trois fins de mois du trimestre, arrondie à 5"
            in " ".join(x.value for x in profil.caption))


def test_carte_couche_iris_d_une_maison_de_l_emploi():
    """Dans la MEL, la carte propose les quartiers IRIS (recensement 2019, Insee) ; un lien les rouvre ;
    hors de la MEL, pas de couche IRIS."""
    at = ouvrir("carte", territoire="mno", couche="iris", iris="ouvriers")
    assert rendu(at.title[0].value) == "Carte des quartiers – Ouvriers – Maison de l'emploi Métropole Nord-Ouest"
    df = at.dataframe[0].value
    assert list(df.columns) == ["Rang", "Quartier (IRIS)", "Commune", "Ouvriers"] and len(df) == 61
    assert df.Rang.iloc[0] == "1"
    assert "Insee, RP 2019 ; contours IRIS : IGN-Insee" in " ".join(x.value for x in at.caption)
    assert not at.warning  # chiffres réels : aucune marque de démonstration
    widget(at, "carte.couche").set_value("communes").run()
    assert at.title[0].value.startswith("Carte – Demandeurs ABC") and at.query_params["couche"] in ("communes", ["communes"])
    nord = ouvrir("carte", territoire="nord", couche="iris")
    assert nord.title[0].value.startswith("Carte – ") and not [w for w in nord.button_group if w.key == "w.carte.couche"]


def test_mode_public_sans_page_d_import(monkeypatch):
    """En mode public, aucune écriture depuis le navigateur : la page d'import n'existe pas."""
    monkeypatch.setenv("OBSERVATOIRE_MODE", "public")
    at = ouvrir("synthese")
    assert "Importer des données" not in [x.label for x in at.sidebar.get("page_link")]
    monkeypatch.setenv("OBSERVATOIRE_MODE", "local")
    assert "Importer des données" in [x.label for x in ouvrir("synthese").sidebar.get("page_link")]


def test_mode_authentifie_connexion_par_compte(monkeypatch):
    """En mode authentifie, importer demande un compte de la liste (empreinte argon2) ; mots de passe
    faux refusés, une minute d'attente après cinq essais ; connecté, son nom signe ses écritures."""
    from observatoire.appli.acces import hacher
    monkeypatch.setenv("OBSERVATOIRE_MODE", "authentifie")
    at = AppTest.from_file("../app.py", default_timeout=90)
    at.secrets["comptes"] = {"alice": hacher("un mot de passe assez long")}
    at.switch_page("pages/importer.py")
    at.run()
    assert "demande d'être connecté" in at.info[0].value and not at.get("file_uploader")
    at.text_input(key="acces_nom").input("alice")
    at.text_input(key="acces_mot_de_passe").input("faux")
    at.button[0].click().run()
    assert at.error[0].value == "Identifiant ou mot de passe incorrect."
    for _ in range(4):
        at.text_input(key="acces_mot_de_passe").input("faux")
        at.button[0].click().run()
    assert "Trop d'essais : réessayez dans 60 s." in at.error[0].value
    at.text_input(key="acces_mot_de_passe").input("un mot de passe assez long")
    at.button[0].click().run()
    assert "Trop d'essais" in at.error[0].value  # même le bon mot de passe attend la fin du délai
    at.session_state["acces.bloque_jusqua"] = 0
    at.text_input(key="acces_mot_de_passe").input("un mot de passe assez long")
    at.button[0].click().run()
    assert any("Connecté : alice" in c.value for c in at.caption) and at.get("file_uploader")
    at.button(key="acces_deconnexion").click().run()
    assert "demande d'être connecté" in at.info[0].value and not at.get("file_uploader")


@pytest.mark.parametrize("page", PAGES)
def test_territoire_a_facon_ouvert_par_son_lien(page):
    at = ouvrir(page, communes="59512,59599,59650", nom="Roubaix Tourcoing Wattrelos")
    assert at.session_state["territoire"].startswith("facon-")
    assert at.query_params["communes"] == "59512,59599,59650" and at.query_params["nom"] == "Roubaix Tourcoing Wattrelos"
    if page not in ("sources", "importer", "accessibilite"):
        assert at.title[0].value.endswith("Roubaix Tourcoing Wattrelos"), at.title[0].value


def test_territoire_a_facon_de_centaines_de_communes_et_codes_ignores():
    from observatoire import referentiel
    codes = [c for c in referentiel.territoire("nord").membres if c != "59350"]
    at = ouvrir("synthese", communes=",".join(codes + ["99999", "59020"]), nom="Nord sans Lille")
    assert at.title[0].value == "Synthèse – Nord sans Lille"
    assert at.query_params["communes"] == "nord,-59350"  # l'adresse réécrite au plus court
    avis = " ".join(i.value for i in at.info).replace("\\", "")
    assert "« 99999 »" in avis and "59020 → 59009" in avis


def test_une_session_garde_au_plus_dix_territoires_a_facon():
    """Chaque « Afficher ce territoire » en crée un ; les brouillons les plus anciens hors d'usage sont oubliés."""
    at = ouvrir("synthese", communes="59512,59599", nom="Premier brouillon")
    premier = at.session_state["territoire"]
    for k, code in enumerate(["59350", "59009", "59512", "59599", "59650", "59328", "59339", "59343", "59346",
                              "59360", "59367"]):
        at.sidebar.multiselect(key="composer_communes").set_value([code, "59368"]).run()
        at.sidebar.text_input(key="composer_nom").set_value(f"Essai {k}").run()
        at.sidebar.button(key="composer_afficher").click().run()
    assert at.title[0].value == "Synthèse – Essai 10"
    facons = at.session_state["facons"]
    assert len(facons) == 10 and premier not in facons and at.session_state["territoire"] in facons


def test_carte_des_departements_seulement_dans_une_base_de_plusieurs_departements():
    """Dans le Nord seul, un lien qui demande la carte des départements ou toute la région par commune (copié d'une
    base de toute la France) montre les communes autour du territoire, sans erreur : un contrôle ne garde jamais une
    valeur qu'il n'offre pas ici."""
    at = ouvrir("carte", couche="departements", etendue="region")
    assert at.title[0].value.startswith("Carte – Demandeurs ABC – ")
    assert [str(o) for o in widget(at, "carte.couche").options] == ["Communes", "IRIS"]
    assert not [w for w in at.selectbox if w.key == "w.carte.etendue"] and len(at.dataframe[0].value) == 95


def test_un_fichier_telecharge_porte_le_nom_du_territoire():
    """« portrait_ME-Lys-Tourcoing_2026-09-30.pptx », jamais le code interne « portrait_melt_… »."""
    from observatoire.appli.telechargements import nommer
    assert nommer("portrait_melt_2026-09-30") == "portrait_ME-Lys-Tourcoing_2026-09-30"
    assert nommer("comparaison_evolution_pct_59512_2026-09-30") == "comparaison_evolution_pct_Roubaix_2026-09-30"


def test_evolutions_categories_f_et_g_des_echelons_qui_les_publient():
    """F et G (depuis 2025) ne sont publiées qu'à partir du département : Évolutions les montre pour les échelons qui
    englobent la MEL et en ont (la région), dit pourquoi la MEL n'en a pas et que ces valeurs sont de démonstration ;
    la liste des indicateurs (une commune n'en a jamais) ne les propose pas."""
    at = ouvrir("evolutions", territoire="mel", date="2025-09-30")
    assert "Catégories F et G, depuis le 1er janvier 2025" in [h.value for h in at.subheader]
    legende = " ".join(c.value for c in at.caption)
    assert "La DARES ne les publie qu'à partir du département : MEL n'en a pas de chiffre à son échelle." in legende
    assert "Valeurs de démonstration (fictives), sauf les losanges noirs : chiffres publiés." in legende
    options = at.selectbox(key="indicateur").options
    assert "Catégorie A" in options and not {"Catégorie F", "Catégorie G"} & set(options)


def test_emploi_dit_pourquoi_l_emploi_a_bouge():
    """La page Emploi décompose la variation d'un an de l'emploi salarié privé de la MEL : la phrase (tendance du
    Nord, structure, effet local), la cascade et le tableau par secteur, dont les effets font la variation."""
    at = ouvrir("emploi", territoire="mel", date="2026-09-30")
    assert "Pourquoi l'emploi a bougé" in [h.value for h in at.subheader]
    phrase = next(m.value for m in at.markdown if "emplois salariés privés du 30/09/2025 au 30/09/2026" in m.value)
    assert phrase.startswith("La Métropole Européenne de Lille gagne ") and "(Département du Nord)" in phrase
    assert "tiennent au territoire (effet local)" in phrase
    assert "Les trois font la variation." in " ".join(rendu(c.value) for c in at.caption)
    tableau = next(df.value for df in at.dataframe if "Effet local" in df.value.columns)
    assert list(tableau.columns) == ["Secteur", "Variation", "Tendance", "Structure", "Effet local"] and len(tableau) == 7
    assert tableau.iloc[-1]["Secteur"] == "TOTAL"  # le total, comme dans le tableau des secteurs
    # une autre référence (la région) et une autre période (trois ans)
    widget(at, "emploi.reference").set_value("region").run()
    widget(at, "emploi.annees").set_value("3").run()
    phrase = next(m.value for m in at.markdown if "emplois salariés privés du 30/09/2023 au 30/09/2026" in m.value)
    assert "(Région Hauts-de-France)" in phrase and at.query_params["reference"] in ("region", ["region"])


def test_evolutions_dit_qui_fait_bouger_la_demande():
    """Évolutions : la contribution de chaque groupe à l'évolution sur un an des demandeurs A, B, C, avec la rupture
    de série que l'évolution passe."""
    at = ouvrir("evolutions", territoire="mel", date="2025-09-30")
    assert "Qui fait bouger la demande d'emploi en un an" in [h.value for h in at.subheader]
    phrase = next(m.value for m in at.markdown if "les demandeurs d'emploi A, B, C de" in m.value)
    assert "la catégorie A y contribue pour +" in phrase and "rupture de série" in phrase
    assert "les contributions s'additionnent" in " ".join(c.value for c in at.caption)


def test_comparer_propose_les_territoires_qui_ressemblent():
    """Comparer : les cinq communes qui ressemblent le plus à Tourcoing, par quoi, et un clic les met dans
    « Comparer avec »."""
    at = ouvrir("comparer", territoire="59599", date="2026-09-30")
    phrase = next(m.value for m in at.markdown if m.value.startswith("Les territoires les plus proches"))
    assert "de la commune de Tourcoing" in phrase and "proche par" in phrase
    at.button(key="comparer_semblables").click().run()
    assert len(at.session_state["comparaison"]) == 5 and "59599" not in at.session_state["comparaison"]
    assert all(len(t) == 5 and t.startswith("59") for t in at.session_state["comparaison"])


def test_coquille_de_la_source_corrigee_a_l_affichage_et_dite():
    """« Ouviers » (fichier BMO de France Travail) s'affiche « Ouvriers » dans les métiers qui recrutent, la table
    embarquée garde le texte de la source, et « Sources et méthodes » dit la correction."""
    from observatoire.appli.donnees import requete
    metiers = requete("bmo_metiers", zone="reg-32", seuil_difficulte=10)
    assert metiers.metier.str.startswith("Ouvriers peu qualifiés des industries agro").any()
    assert not metiers.metier.str.contains("Ouviers").any()
    at = ouvrir("sources")
    assert any("« Ouviers » devient « Ouvriers »" in m.value for m in at.markdown)


def test_la_liste_des_communes_d_un_territoire_a_facon_a_un_libelle_court():
    """Le bouton de la barre latérale tient sur sa ligne (« Liste de ses communes (CSV) », le format dans l'aide) :
    jamais « ) » seule sur une ligne."""
    at = ouvrir("synthese", communes="59512,59599,59650", nom="Roubaix Tourcoing Wattrelos")
    libelles = [b.proto.label for b in at.sidebar.get("download_button")]
    assert "Liste de ses communes (CSV)" in libelles and not [x for x in libelles if "code_commune" in x]


def test_un_territoire_a_facon_a_son_lien_a_copier():
    """Sous le territoire à façon affiché, son lien (communes et nom dans l'adresse) dans un bloc qui a son bouton de
    copie : le partager ne demande pas de chercher la barre d'adresse (sur un téléphone, elle est cachée)."""
    at = ouvrir("synthese", communes="59512,59599,59650", nom="Roubaix Tourcoing Wattrelos")
    liens = [c.value for c in at.sidebar.code]
    assert len(liens) == 1 and liens[0].endswith("/?communes=59512%2C59599%2C59650&nom=Roubaix+Tourcoing+Wattrelos")
    assert not ouvrir("synthese", territoire="mel").sidebar.code  # un territoire nommé : son adresse suffit


def test_le_serveur_ne_collecte_pas_toute_la_memoire_apres_chaque_page(monkeypatch):
    """Une collecte complète du ramasse-miettes après chaque exécution prenait près de la moitié du processeur du
    serveur sous charge (benchmarks/charge_protocole.py) : elle est coupée, et ce que le préchauffage charge est gelé
    (le ramasse-miettes ne le parcourt plus)."""
    import gc
    import tomllib
    from pathlib import Path

    from observatoire.appli import serveur
    from observatoire.modele import publication
    monkeypatch.setattr(publication, "nettoyer", lambda: [])  # la base partagée des tests n'est pas à nettoyer
    config = tomllib.loads((Path(__file__).parent.parent / ".streamlit" / "config.toml").read_text())
    assert config["runner"]["postScriptGC"] is False
    try:
        serveur.prechauffer()
        assert gc.get_freeze_count() > 100_000
    finally:
        gc.unfreeze()


def test_rappels_de_widget_voient_le_territoire_a_facon_de_la_session(base_copie):
    """Un rappel (bouton, liste) s'exécute avant le cadre de la page : il résout le territoire à façon affiché par
    la session elle-même (« Enregistrer pour tous », « Partir de »), pas par un registre du processus."""
    at = ouvrir("importer", communes="59512,59599", nom="Roubaix et Tourcoing")
    facon = at.session_state["territoire"]
    at.button(key="territoires_enregistrer").click().run()
    assert not at.exception, at.exception
    assert [s.value for s in at.success if "est enregistré pour tous" in s.value]
    at = ouvrir("synthese", communes="59512,59599", nom="Roubaix et Tourcoing")
    at.selectbox(key="composer_depart").set_value(at.session_state["territoire"]).run()
    assert not at.exception, at.exception
    assert sorted(at.session_state["composer_communes"]) == ["59512", "59599"] and facon.startswith("facon-")
