-- Schéma de la base de l'observatoire (documenté colonne par colonne dans modele.yml).
CREATE TABLE communes (
    code_commune VARCHAR PRIMARY KEY, nom VARCHAR NOT NULL, arrondissement VARCHAR, nom_arrondissement VARCHAR,
    epci VARCHAR, nom_epci VARCHAR, departement VARCHAR NOT NULL, region VARCHAR NOT NULL, type_epci VARCHAR
);
CREATE TABLE territoires (
    territoire VARCHAR PRIMARY KEY, nom VARCHAR NOT NULL, nom_court VARCHAR NOT NULL, type VARCHAR NOT NULL,
    source VARCHAR, nb_communes INTEGER NOT NULL, communes_hors_couverture INTEGER NOT NULL
);
CREATE TABLE territoire_communes (
    territoire VARCHAR NOT NULL REFERENCES territoires, code_commune VARCHAR NOT NULL REFERENCES communes,
    PRIMARY KEY (territoire, code_commune)
);
-- Territoires à façon enregistrés pour tous (observatoire/imports/enregistres.py) : aussi dans territoires et
-- territoire_communes (type « à façon »), archivés dans data/imports/territoires/enregistres.json et rejoués par build.
CREATE TABLE territoires_enregistres (
    territoire VARCHAR PRIMARY KEY, nom VARCHAR NOT NULL, auteur VARCHAR NOT NULL, date_creation TIMESTAMP NOT NULL,
    modifie_par VARCHAR, date_modification TIMESTAMP
);
CREATE TABLE sources (
    source VARCHAR PRIMARY KEY, libelle VARCHAR, producteur VARCHAR, licence VARCHAR, note VARCHAR, definition VARCHAR,
    series_a_charger VARCHAR
);
CREATE TABLE indicateurs (
    indicateur VARCHAR PRIMARY KEY, libelle VARCHAR NOT NULL, libelle_court VARCHAR NOT NULL,
    libelle_bulletin VARCHAR NOT NULL, unite VARCHAR,
    frequence VARCHAR, famille VARCHAR, total_de_reference VARCHAR, agregation VARCHAR,
    rubrique_bulletin VARCHAR, ordre_bulletin INTEGER, source VARCHAR REFERENCES sources, definition VARCHAR,
    titre_synthese VARCHAR, chiffre_cle INTEGER, profil_synthese INTEGER, comparaison INTEGER, profil_evolutions INTEGER,
    hausse_defavorable VARCHAR NOT NULL, graphique VARCHAR, echelle VARCHAR NOT NULL
);
-- Jeux téléchargés par « actualiser » (data/sources_officielles.csv), dans l'ordre du fichier.
CREATE TABLE sources_officielles (
    jeu VARCHAR PRIMARY KEY, service VARCHAR NOT NULL, identifiant VARCHAR NOT NULL, libelle VARCHAR NOT NULL,
    source VARCHAR NOT NULL, parametres VARCHAR, frequence VARCHAR NOT NULL, ordre INTEGER NOT NULL
);
-- Documents des Maisons de l'emploi et de la MEL d'où viennent les chiffres publiés (data/documents.csv)
CREATE TABLE documents (document VARCHAR PRIMARY KEY, titre VARCHAR NOT NULL);
-- Coquilles évidentes d'une source corrigées à l'affichage (data/corrections_libelles.csv) ; les tables gardent le texte
-- de la source.
CREATE TABLE corrections_libelles (
    texte_source VARCHAR PRIMARY KEY, texte_affiche VARCHAR NOT NULL, source VARCHAR NOT NULL REFERENCES sources,
    note VARCHAR NOT NULL
);
-- Critères des territoires comparables (data/criteres_comparables.csv), dans l'ordre du fichier.
CREATE TABLE criteres_comparables (
    critere VARCHAR PRIMARY KEY, libelle VARCHAR NOT NULL, numerateur VARCHAR NOT NULL REFERENCES indicateurs,
    denominateur VARCHAR REFERENCES indicateurs, transformation VARCHAR NOT NULL
);
CREATE TABLE publications (
    publication VARCHAR PRIMARY KEY, territoire VARCHAR, indicateur VARCHAR, date DATE, mesure VARCHAR,
    valeur DOUBLE, precision DOUBLE, date_reference DATE, document VARCHAR, page VARCHAR, citation VARCHAR,
    verification VARCHAR
);
-- Le statut et la provenance permis d'une valeur de base, écrits une fois pour les deux tables qui suivent
CREATE MACRO statut_connu(s) AS s IN ('ok', 'secret', 'missing');
CREATE MACRO provenance_connue(p) AS p IN ('officiel', 'publication', 'demonstration');
-- faits construits depuis le dépôt (référentiels réels + panel de démonstration)
CREATE TABLE faits_base (
    indicateur VARCHAR NOT NULL, code_commune VARCHAR NOT NULL, date DATE NOT NULL, valeur DOUBLE,
    statut VARCHAR NOT NULL CHECK (statut_connu(statut)), source VARCHAR NOT NULL,
    provenance VARCHAR NOT NULL CHECK (provenance_connue(provenance)), reference VARCHAR,
    PRIMARY KEY (indicateur, code_commune, date)
);
-- faits publiés à l'échelle d'un territoire (région, France… ; démonstration calibrée sur les rapports), jamais
-- remplacés par une somme de communes
CREATE TABLE faits_base_niveau (
    indicateur VARCHAR NOT NULL, territoire VARCHAR NOT NULL, date DATE NOT NULL, valeur DOUBLE,
    statut VARCHAR NOT NULL CHECK (statut_connu(statut)), source VARCHAR NOT NULL,
    provenance VARCHAR NOT NULL CHECK (provenance_connue(provenance)), reference VARCHAR,
    PRIMARY KEY (indicateur, territoire, date)
);
CREATE SEQUENCE import_id START 1;
CREATE TABLE imports (
    import_id INTEGER PRIMARY KEY, fichier VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, lignes INTEGER NOT NULL,
    date_import TIMESTAMP NOT NULL, mapping VARCHAR, annule BOOLEAN NOT NULL DEFAULT false, date_annulation TIMESTAMP,
    par VARCHAR NOT NULL, annule_par VARCHAR,
    -- imports d'« actualiser » : jeu de data/sources_officielles.csv, adresse appelée, date de mise à jour du jeu
    -- annoncée par le service (métadonnée « modified » d'Opendatasoft), pour ne rien retélécharger s'il n'a pas changé
    jeu VARCHAR, url VARCHAR, modifie VARCHAR
);
CREATE TABLE faits_import (
    import_id INTEGER NOT NULL, indicateur VARCHAR NOT NULL, code_commune VARCHAR NOT NULL, date DATE NOT NULL,
    valeur DOUBLE, statut VARCHAR NOT NULL, source VARCHAR NOT NULL,
    PRIMARY KEY (import_id, indicateur, code_commune, date)
);
CREATE TABLE faits_import_niveau (
    import_id INTEGER NOT NULL, indicateur VARCHAR NOT NULL, territoire VARCHAR NOT NULL, date DATE NOT NULL,
    valeur DOUBLE, statut VARCHAR NOT NULL, source VARCHAR NOT NULL,
    PRIMARY KEY (import_id, indicateur, territoire, date)
);
-- Identifiants d'avant qui désignent un territoire généré : « dep-59 » est « nord », « reg-32 » « hdf »
-- (referentiel.ALIAS) ; l'enquête BMO nomme ainsi ses zones.
CREATE TABLE alias_territoires (identifiant VARCHAR PRIMARY KEY, territoire VARCHAR NOT NULL);
-- Tables calculées (faits.sql, base.rafraichir_faits) : valeurs en vigueur par commune, publiées à l'échelle d'un
-- territoire, et agrégats par territoire ; recalculées pour les clés (indicateur, date) qu'une écriture touche.
CREATE TABLE faits (
    indicateur VARCHAR, code_commune VARCHAR, date DATE, valeur DOUBLE, statut VARCHAR, source VARCHAR,
    provenance VARCHAR, reference VARCHAR
);
CREATE TABLE faits_niveau (
    indicateur VARCHAR, territoire VARCHAR, date DATE, valeur DOUBLE, statut VARCHAR, source VARCHAR,
    provenance VARCHAR, reference VARCHAR
);
CREATE TABLE faits_territoires (
    territoire VARCHAR, indicateur VARCHAR, date DATE, valeur DOUBLE, statut VARCHAR, valeur_connue DOUBLE,
    nb_secret BIGINT, nb_non_ok BIGINT, demonstration BOOLEAN, provenances VARCHAR, sources VARCHAR,
    a_l_echelle BOOLEAN, somme_communes DOUBLE
);
-- Enquête Besoins en main-d'œuvre (France Travail), par métier et bassin d'emploi des Hauts-de-France ;
-- NULL = secret statistique (« * » dans le fichier), jamais 0. bmo_base : l'enquête embarquée (2024) ;
-- bmo_import : les enquêtes plus récentes téléchargées par « actualiser » ; la vue bmo (vues.sql) donne la plus récente.
CREATE TABLE bmo_base (
    annee INTEGER NOT NULL, code_metier VARCHAR NOT NULL, metier VARCHAR NOT NULL, famille VARCHAR NOT NULL,
    libelle_famille VARCHAR NOT NULL, region VARCHAR NOT NULL, departement VARCHAR NOT NULL, bassin VARCHAR NOT NULL,
    nom_bassin VARCHAR NOT NULL, projets DOUBLE, difficiles DOUBLE, saisonniers DOUBLE,
    PRIMARY KEY (annee, bassin, departement, code_metier)  -- un bassin à cheval : une ligne par département
);
CREATE TABLE bmo_import (
    import_id INTEGER NOT NULL, annee INTEGER NOT NULL, code_metier VARCHAR NOT NULL, metier VARCHAR NOT NULL,
    famille VARCHAR NOT NULL, libelle_famille VARCHAR NOT NULL, region VARCHAR NOT NULL, departement VARCHAR NOT NULL,
    bassin VARCHAR NOT NULL, nom_bassin VARCHAR NOT NULL, projets DOUBLE, difficiles DOUBLE, saisonniers DOUBLE,
    PRIMARY KEY (import_id, bassin, departement, code_metier)
);
-- IRIS de la MEL et leurs comptages du recensement 2019 (Insee, P19_* et C19_* seulement ; data/ref/iris_2019.csv,
-- scripts/refresh_iris.py) ; mesures de la couche IRIS (data/iris_mesures.csv) : rapport de deux comptages.
CREATE TABLE iris (
    code_iris VARCHAR PRIMARY KEY, code_commune VARCHAR NOT NULL REFERENCES communes, nom_iris VARCHAR NOT NULL,
    type_iris VARCHAR NOT NULL
);
CREATE TABLE iris_comptages (
    code_iris VARCHAR NOT NULL REFERENCES iris, variable VARCHAR NOT NULL, valeur DOUBLE NOT NULL,
    PRIMARY KEY (code_iris, variable)
);
CREATE TABLE iris_mesures (
    mesure VARCHAR PRIMARY KEY, libelle VARCHAR NOT NULL, libelle_court VARCHAR NOT NULL, numerateur VARCHAR NOT NULL,
    denominateur VARCHAR, unite VARCHAR NOT NULL, ordre INTEGER NOT NULL
);
