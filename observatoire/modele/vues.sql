-- Vues dérivées, utilisées par les requêtes de queries/.

-- Un libellé d'une source tel qu'il s'affiche : ses coquilles évidentes corrigées (data/corrections_libelles.csv).
CREATE OR REPLACE MACRO libelle_affiche(texte, source_) AS coalesce((
    SELECT any_value(replace(texte, c.texte_source, c.texte_affiche))
    FROM corrections_libelles c WHERE c.source = source_ AND contains(texte, c.texte_source)), texte);

-- Enquête BMO en vigueur : celle du dernier import actif (« actualiser »), sinon celle embarquée (bmo_base) ; les
-- libellés de métier et de famille tels qu'ils s'affichent (coquilles de la source corrigées).
CREATE OR REPLACE VIEW bmo AS
WITH dernier_import_bmo AS (
    SELECT max(b.import_id) AS import_id FROM bmo_import b JOIN imports i USING (import_id) WHERE NOT i.annule
), en_vigueur AS (
    SELECT annee, code_metier, metier, famille, libelle_famille, region, departement, bassin, nom_bassin, projets,
           difficiles, saisonniers
    FROM bmo_import WHERE import_id = (SELECT import_id FROM dernier_import_bmo)
    UNION ALL
    SELECT * FROM bmo_base WHERE (SELECT import_id FROM dernier_import_bmo) IS NULL
), libelles AS (
    SELECT DISTINCT metier, libelle_famille FROM en_vigueur
), corriges AS (
    SELECT metier, libelle_famille, libelle_affiche(metier, 'france-travail-bmo') AS metier_affiche,
           libelle_affiche(libelle_famille, 'france-travail-bmo') AS famille_affichee
    FROM libelles
)
SELECT e.annee, e.code_metier, c.metier_affiche AS metier, e.famille, c.famille_affichee AS libelle_famille,
       e.region, e.departement, e.bassin, e.nom_bassin, e.projets, e.difficiles, e.saisonniers
FROM en_vigueur e JOIN corriges c ON c.metier IS NOT DISTINCT FROM e.metier
                                 AND c.libelle_famille IS NOT DISTINCT FROM e.libelle_famille;

-- Valeur d'un indicateur par territoire (communes comprises) et date : la seule définition de l'agrégation.
-- « valeur » n'est renseignée que si toutes les communes membres ont une valeur « ok » : un total qui
-- contient un secret statistique ou une valeur manquante dit « secret » / « incomplet » au lieu d'une
-- somme fausse. Paramètres : listes de territoires, d'indicateurs, de dates (NULL = tout).
CREATE OR REPLACE MACRO agreger_territoires(territoires_, indicateurs_, dates_) AS TABLE
SELECT tc.territoire, f.indicateur, f.date,
       CASE WHEN count(*) FILTER (WHERE f.statut = 'ok') = any_value(t.nb_communes)
            THEN sum(f.valeur) FILTER (WHERE f.statut = 'ok') END AS valeur,
       CASE WHEN count(*) FILTER (WHERE f.statut = 'ok') = any_value(t.nb_communes) THEN 'ok'
            WHEN count(*) FILTER (WHERE f.statut = 'secret') > 0 THEN 'secret'
            ELSE 'incomplet' END AS statut,
       sum(f.valeur) FILTER (WHERE f.statut = 'ok') AS valeur_connue,
       count(*) FILTER (WHERE f.statut = 'secret') AS nb_secret,
       any_value(t.nb_communes) - count(*) FILTER (WHERE f.statut = 'ok') AS nb_non_ok,
       bool_or(f.provenance = 'demonstration') AS demonstration,
       array_to_string(list_sort(list_distinct(list(f.provenance))), ',') AS provenances,
       array_to_string(list_sort(list_distinct(list(f.source))), ',') AS sources
FROM territoire_communes tc
JOIN territoires t USING (territoire)
JOIN faits f USING (code_commune)
WHERE (territoires_ IS NULL OR list_contains(territoires_, tc.territoire))
  AND (indicateurs_ IS NULL OR list_contains(indicateurs_, f.indicateur))
  AND (dates_ IS NULL OR list_contains(dates_, f.date))
GROUP BY ALL;

-- Lecture filtrée de faits_territoires (listes de territoires, d'indicateurs, de dates ; NULL = tout).
CREATE OR REPLACE MACRO valeurs_territoires(territoires_, indicateurs_, dates_) AS TABLE
SELECT * FROM faits_territoires
WHERE (territoires_ IS NULL OR list_contains(territoires_, territoire))
  AND (indicateurs_ IS NULL OR list_contains(indicateurs_, indicateur))
  AND (dates_ IS NULL OR list_contains(dates_, date));

-- Écart, évolution en % et part entre deux valeurs, seulement si elles sont de même nature (toutes deux réelles ou
-- toutes deux de démonstration) : jamais un rapport entre un chiffre réel et un chiffre de démonstration (NULL).
-- Paramètres : les deux valeurs, puis leurs indicateurs « demonstration ».
-- La même date un an plus tôt (31/12/2021 -> 31/12/2020 ; 29/02 -> 28/02) : évolutions sur un an.
-- Une valeur réelle au sens des courbes : importée ou officielle, jamais de démonstration. Un chiffre publié retrouvé
-- par le panel (provenance « publication ») reste dans la courbe de démonstration qu'il calibre. La seule définition :
-- séries comparées (Évolutions, portrait), courbes des chiffres clés (Synthèse).
CREATE OR REPLACE MACRO valeur_reelle(demonstration_, provenances_) AS
    NOT coalesce(demonstration_, false) AND regexp_matches(coalesce(provenances_, ''), 'import|officiel');
CREATE OR REPLACE MACRO un_an_avant(d) AS CAST(CAST(d AS DATE) - INTERVAL 1 YEAR AS DATE);
CREATE OR REPLACE MACRO meme_nature(demo_a, demo_b) AS coalesce(demo_a, false) = coalesce(demo_b, false);
CREATE OR REPLACE MACRO ecart_comparable(a, b, demo_a, demo_b) AS
    CASE WHEN meme_nature(demo_a, demo_b) THEN a - b END;
CREATE OR REPLACE MACRO evolution_comparable(a, b, demo_a, demo_b) AS
    CASE WHEN meme_nature(demo_a, demo_b) THEN 100.0 * (a - b) / nullif(b, 0) END;
CREATE OR REPLACE MACRO part_comparable(a, total, demo_a, demo_total) AS
    CASE WHEN meme_nature(demo_a, demo_total) THEN 100.0 * a / nullif(total, 0) END;

-- Millésime de population utilisé à une date : le dernier en vigueur à cette date (recensement de l'année
-- jusqu'en 2021, COG de l'année ensuite), ou le plus ancien (RP 2013) pour les dates antérieures.
CREATE OR REPLACE MACRO millesime_population(d) AS (
    SELECT coalesce(max(date) FILTER (WHERE date <= d), min(date))
    FROM (SELECT DISTINCT date FROM faits WHERE indicateur = 'population')
);

-- La date à laquelle lire un indicateur pour une date demandée : la date elle-même, ou pour la population le
-- millésime en vigueur (une population est datée du 1er janvier de son millésime) : cartes, évolutions sur un an.
CREATE OR REPLACE MACRO date_de_l_indicateur(indicateur_, d) AS
    CASE WHEN indicateur_ = 'population' THEN millesime_population(CAST(d AS DATE)) ELSE CAST(d AS DATE) END;

-- La mesure qu'une carte classe, parmi celles calculées pour chaque forme (commune ou département) :
-- « niveau » (la valeur), « part », « pour_100 », « evolution », « evolution_pct » ou « indice ».
CREATE OR REPLACE MACRO mesure_choisie(mesure_, valeur_, part_, pour_100_, evolution_, evolution_pct_, indice_) AS
    CASE mesure_ WHEN 'niveau' THEN valeur_ WHEN 'part' THEN part_ WHEN 'pour_100' THEN pour_100_
                 WHEN 'evolution' THEN evolution_ WHEN 'evolution_pct' THEN evolution_pct_
                 WHEN 'indice' THEN indice_ END;

-- Les mesures d'une forme de carte (commune ou département) et celle que la carte classe (``mesure``), jamais entre un
-- chiffre réel et un chiffre de démonstration : la même règle pour les deux cartes (carte_communes, carte_departements).
-- Paramètres : la mesure choisie, la valeur à la date, un an avant, le total de référence, la population, la valeur à
-- la date de base, puis les indicateurs « demonstration » des quatre valeurs.
CREATE OR REPLACE MACRO mesures_de_carte(mesure_, valeur_, valeur_1an_, total_, population_, valeur_base_,
                                         demo_, demo_1an_, demo_total_, demo_base_) AS {
    'evolution': ecart_comparable(valeur_, valeur_1an_, demo_, demo_1an_),
    'evolution_pct': evolution_comparable(valeur_, valeur_1an_, demo_, demo_1an_),
    'part': part_comparable(valeur_, total_, demo_, demo_total_),
    'pour_100': 100.0 * valeur_ / nullif(population_, 0),
    'indice': part_comparable(valeur_, valeur_base_, demo_, demo_base_),
    'mesure': mesure_choisie(mesure_, valeur_, part_comparable(valeur_, total_, demo_, demo_total_),
                             100.0 * valeur_ / nullif(population_, 0),
                             ecart_comparable(valeur_, valeur_1an_, demo_, demo_1an_),
                             evolution_comparable(valeur_, valeur_1an_, demo_, demo_1an_),
                             part_comparable(valeur_, valeur_base_, demo_, demo_base_))};

-- Ce qu'une carte montre de chaque forme, communes (niveau_ = 'commune', lieux_ : codes communes, valeurs de faits) ou
-- départements (niveau_ = 'territoire', lieux_ : leurs territoires, valeurs de faits_territoires) : l'indicateur à la
-- date, un an avant et à la date de base (chacune celle de l'indicateur : la population est datée du 1er janvier de son
-- millésime), le total de référence, la population en vigueur et son millésime, puis les mesures (mesures_de_carte).
-- Renvoie : lieu, valeur, statut, provenance (communes), demonstration, valeur_1an, population, millesime, evolution,
-- evolution_pct, part, pour_100, indice, mesure.
CREATE OR REPLACE MACRO valeurs_de_carte(niveau_, lieux_, indicateur_, d, base_, mesure_) AS TABLE
WITH dates AS (
    SELECT date_de_l_indicateur(indicateur_, d) AS a_la_date,
           date_de_l_indicateur(indicateur_, un_an_avant(d)) AS un_an_avant,
           date_de_l_indicateur(indicateur_, base_) AS date_base,
           millesime_population(CAST(d AS DATE)) AS date_population,
           (SELECT total_de_reference FROM indicateurs WHERE indicateur = indicateur_) AS total_de_reference
), lues AS (
    SELECT code_commune AS lieu, indicateur, date, valeur, statut, provenance, provenance = 'demonstration' AS demonstration
    FROM faits
    WHERE niveau_ = 'commune' AND code_commune IN (SELECT unnest(lieux_))
      AND indicateur IN (SELECT unnest([indicateur_, total_de_reference, 'population']) FROM dates)
    UNION ALL
    SELECT territoire, indicateur, date, valeur, statut, NULL, demonstration
    FROM faits_territoires
    WHERE niveau_ = 'territoire' AND territoire IN (SELECT unnest(lieux_))
      AND indicateur IN (SELECT unnest([indicateur_, total_de_reference, 'population']) FROM dates)
), par_lieu AS (
    SELECT l.lieu, a.valeur, coalesce(a.statut, 'missing') AS statut, a.provenance, a.demonstration,
           un_an.valeur AS valeur_1an, un_an.demonstration AS demo_1an, base.valeur AS valeur_base,
           base.demonstration AS demo_base, total.valeur AS total, total.demonstration AS demo_total,
           population.valeur AS population, libelle_millesime_population(CAST(d AS DATE)) AS millesime
    FROM (SELECT unnest(lieux_) AS lieu) l
    CROSS JOIN dates
    LEFT JOIN lues a ON a.lieu = l.lieu AND a.indicateur = indicateur_ AND a.date = dates.a_la_date
    LEFT JOIN lues un_an ON un_an.lieu = l.lieu AND un_an.indicateur = indicateur_ AND un_an.date = dates.un_an_avant
    LEFT JOIN lues base ON base.lieu = l.lieu AND base.indicateur = indicateur_ AND base.date = dates.date_base
    LEFT JOIN lues total ON total.lieu = l.lieu AND total.indicateur = dates.total_de_reference
        AND total.date = CAST(d AS DATE) AND total.statut = 'ok'
    LEFT JOIN lues population ON population.lieu = l.lieu AND population.indicateur = 'population'
        AND population.date = dates.date_population
)
SELECT lieu, valeur, statut, provenance, demonstration, valeur_1an, population, millesime,
       unnest(mesures_de_carte(mesure_, valeur, valeur_1an, total, population, valeur_base,
                               demonstration, demo_1an, demo_total, demo_base))
FROM par_lieu;

-- Son nom, tel que les pages l'affichent : « RP 2021 » (recensement, Insee) ou « COG 2024 » (population en
-- vigueur au 1er janvier selon le code officiel géographique).
CREATE OR REPLACE MACRO libelle_millesime_population(d) AS (
    SELECT CASE WHEN bool_or(source = 'insee-rp') THEN 'RP ' ELSE 'COG ' END || year(millesime_population(d))
    FROM faits WHERE indicateur = 'population' AND date = millesime_population(d)
);

-- Zones de l'enquête BMO : un bassin (« 3216 »), un département (« dep-59 », « dep-69 ») ou une région
-- (« reg-32 »). Une ligne de la table bmo est-elle dans la zone ? Le territoire de la zone (« be-3216 », « nord »,
-- « dep-69 », « hdf » : alias_territoires pour les identifiants d'avant), son nom (court : « BE Lille » ; sinon
-- « Bassin d'emploi de Lille » ; un département ou une région : « Nord », « Hauts-de-France »), le département
-- et la région qui la contiennent (NULL au-dessus d'elle).
CREATE OR REPLACE MACRO dans_zone_bmo(bassin_, departement_, region_, zone_) AS
    bassin_ = zone_ OR 'dep-' || departement_ = zone_ OR 'reg-' || region_ = zone_;
CREATE OR REPLACE MACRO territoire_zone_bmo(zone_) AS
    CASE WHEN zone_ LIKE 'dep-%' OR zone_ LIKE 'reg-%'
         THEN coalesce((SELECT a.territoire FROM alias_territoires a WHERE a.identifiant = zone_), zone_)
         ELSE 'be-' || zone_ END;
CREATE OR REPLACE MACRO nom_zone_bmo(zone_, court) AS (
    SELECT CASE WHEN court OR t.type IN ('departement', 'region') THEN t.nom_court ELSE t.nom END
    FROM territoires t WHERE t.territoire = territoire_zone_bmo(zone_)
);
CREATE OR REPLACE MACRO departement_zone_bmo(zone_) AS
    CASE WHEN zone_ LIKE 'dep-%' THEN zone_ WHEN zone_ LIKE 'reg-%' THEN NULL
         ELSE (SELECT 'dep-' || min(b.departement) FROM bmo b WHERE b.bassin = zone_) END;
CREATE OR REPLACE MACRO region_zone_bmo(zone_) AS
    CASE WHEN zone_ LIKE 'reg-%' THEN zone_
         ELSE (SELECT 'reg-' || min(b.region) FROM bmo b WHERE dans_zone_bmo(b.bassin, b.departement, b.region, zone_))
    END;
