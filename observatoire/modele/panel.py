"""Panel de démonstration : séries trimestrielles fictives, cohérentes et calibrées, pour toutes les
communes du Nord, du 31/12/2011 au 30/09/2026.

Modèle (documenté dans le README, section « Panel de démonstration ») :
1. Niveaux bruts tirés des populations réelles (COG 2026) : taux de demandeurs ABC par habitant
   propre à chaque commune (plus élevé dans les grandes villes et hors de la métropole), tendance
   commune du marché du travail (hausse 2012-2015, repli 2016-2019, choc 2020, reprise 2021...),
   saisonnalité et bruit autorégressif ; parts de structure (femmes, âge, durée, RSA, diplôme,
   catégorie A) propres à chaque commune et lentement variables ; emploi salarié privé par secteur,
   établissements et créations proportionnels à la population avec leurs propres tendances.
2. Calibrage : à chaque date où un chiffre est publié, les communes concernées sont ajustées du plus
   petit territoire au plus grand (les communes déjà fixées ne bougent plus ; les autres sont mises à
   l'échelle) ; le facteur d'ajustement de chaque commune est ensuite interpolé dans le temps
   (log-linéaire, constant au-delà) pour que les séries restent lisses.
3. Identités exactes par construction : hommes = ABC − femmes, 25-49 ans = ABC − moins de 25 −
   50 ans et plus, courte durée = ABC − longue durée, très longue ⊂ longue, A + B + C = ABC,
   emploi total = somme des secteurs.
Graine fixe : même sortie à chaque exécution, sur toute machine.
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from observatoire import couverture, identites, referentiel
from observatoire.modele import calibrage

GRAINE = 20211231
DEBUT, FIN = date(2011, 12, 31), date(2026, 9, 30)

# parts de structure calibrables (rapportées à ABC, sauf la très longue durée rapportée à la longue)
PARTS = {
    "demandeurs_a": "demandeurs_abc", "demandeurs_abc_femmes": "demandeurs_abc",
    "demandeurs_abc_moins_25": "demandeurs_abc", "demandeurs_abc_50_plus": "demandeurs_abc",
    "demandeurs_abc_12_mois_plus": "demandeurs_abc", "demandeurs_abc_rsa": "demandeurs_abc",
    "demandeurs_abc_bac_plus": "demandeurs_abc", "demandeurs_abc_sans_diplome": "demandeurs_abc",
    "demandeurs_abc_24_mois_plus": "demandeurs_abc_12_mois_plus",
}
SECTEURS = calibrage.COMPOSANTES["emploi_prive"]
PARTS_SECTEURS = np.array([0.162, 0.068, 0.167, 0.049, 0.509, 0.045])
# évolution annuelle de la demande ABC (tendance commune), de 2012 à 2026
TENDANCE_ABC = {2012: .085, 2013: .07, 2014: .055, 2015: .035, 2016: -.005, 2017: .01, 2018: -.007,
                2019: -.035, 2020: .04, 2021: -.08, 2022: -.045, 2023: .03, 2024: .02, 2025: .012, 2026: .01}
# Loi pour le plein emploi (data/ruptures.csv) : au 1er trimestre 2025, les allocataires du RSA et les jeunes suivis
# sont inscrits d'office et restent en catégorie A. Le panel reproduit la forme publiée par la DARES (catégorie A
# +8,7 % en France au 1er trimestre 2025, dont +0,8 % hors de ces inscriptions) : un afflux d'inscrits égal à
# AFFLUX fois la demande ABC à partir du 31/03/2025, tous en catégorie A, surtout allocataires du RSA et jeunes.
BASCULE = date(2025, 3, 31)
AFFLUX = 0.05
PART_DE_L_AFFLUX = {"demandeurs_a": 1.0, "demandeurs_abc_rsa": 0.6, "demandeurs_abc_moins_25": 0.35}
TENDANCE_EMPLOI = {2012: -.004, 2013: -.006, 2014: .002, 2015: .006, 2016: .01, 2017: .015, 2018: .014,
                   2019: .012, 2020: -.006, 2021: .034, 2022: .012, 2023: .004, 2024: -.002, 2025: .002, 2026: .0}
SAISON = {3: .004, 6: -.012, 9: .016, 12: 0.0}


def trimestres() -> list[date]:
    return [d.date() for d in pd.date_range(DEBUT, FIN, freq="QE-DEC")]


class Panel:
    """Génère le panel : ``Panel().faits()`` renvoie le tableau long (indicateur, commune, date, valeur...)."""

    def __init__(self) -> None:
        self.rng = np.random.default_rng(GRAINE)
        com = referentiel.communes()
        com = com[com.departement == couverture.NORD]  # le panel est celui du Nord, quelle que soit la couverture
        self.codes = list(com.code_commune)
        self.idx = {c: i for i, c in enumerate(self.codes)}
        self.dates = trimestres()
        self.t = {d: i for i, d in enumerate(self.dates)}
        pop = referentiel.populations()
        pop = pop[pop.millesime_cog == 2026].set_index("code_commune").population
        self.pop = pop.reindex(self.codes).to_numpy(dtype=float)
        self.hors_mel = (com.epci != "200093201").to_numpy()
        self.cibles = calibrage.niveaux()
        self.v: dict[str, np.ndarray] = {}

    # --- briques -------------------------------------------------------------------------------------
    def _annees(self) -> np.ndarray:
        return np.array([d.year + (d.month - 12) / 12 for d in self.dates])

    def _tendance(self, taux: dict[int, float]) -> np.ndarray:
        """Indice trimestriel (1 au 31/12/2011) interpolant des évolutions annuelles."""
        fins = [2011] + sorted(taux)
        niv = np.cumprod([1.0] + [1 + taux[a] for a in sorted(taux)])
        return np.interp(self._annees(), fins, niv)

    def _bruit(self, ecart: float, persistance: float = 0.8) -> np.ndarray:
        """Bruit multiplicatif autorégressif, une série par commune."""
        e = self.rng.normal(0, ecart, (len(self.codes), len(self.dates)))
        for j in range(1, e.shape[1]):
            e[:, j] += persistance * e[:, j - 1]
        return np.exp(e)

    def _part(self, moyenne: float, dispersion: float, derive: float, lien: np.ndarray | None = None) -> np.ndarray:
        """Part propre à chaque commune, lentement variable : logit(moyenne) + effet commune + dérive."""
        n = len(self.codes)
        effet = self.rng.normal(0, dispersion, n) + (0 if lien is None else lien)
        pente = derive + self.rng.normal(0, abs(derive) / 2 + 0.005, n)
        x = np.log(moyenne / (1 - moyenne)) + effet[:, None] + np.outer(pente, self._annees() - 2011)
        x += np.cumsum(self.rng.normal(0, 0.01, (n, len(self.dates))), axis=1)
        return 1 / (1 + np.exp(-x))

    def _membres(self, territoire: str) -> np.ndarray:
        return np.array([self.idx[c] for c in referentiel.territoire(territoire).membres])

    # --- calibrage -----------------------------------------------------------------------------------
    def _cibles(self, indicateur: str) -> dict[int, list[tuple[np.ndarray, int, str, str]]]:
        out: dict[int, list] = {}
        for (terr, ind, d), c in self.cibles.items():
            if ind == indicateur and d in self.t and referentiel.territoire(terr).membres:  # région, France :
                out.setdefault(self.t[d], []).append((self._membres(terr), int(c.valeur), terr, c.reference))
        return out

    def _niveau(self, brut: np.ndarray, cibles: dict) -> np.ndarray:
        """Pré-calage du niveau : un facteur constant par commune, du plus petit territoire publié au
        plus grand (à la dernière date publiée de chacun), pour que le calibrage par date ne corrige
        ensuite que de petits écarts et ne crée pas de rupture dans les séries."""
        derniere: dict[str, tuple] = {}
        for j, contraintes in sorted(cibles.items()):
            for membres, total, terr, _ in contraintes:
                derniere[terr] = (membres, total, j)
        facteur, fixes = np.ones(len(self.codes)), set()
        for membres, total, j in sorted(derniere.values(), key=lambda c: len(c[0])):
            libres = np.array([m for m in membres if m not in fixes], dtype=int)
            if len(libres) == 0:
                continue
            reste = total - sum(brut[m, j] * facteur[m] for m in membres if m in fixes)
            somme = brut[libres, j].sum()
            if reste > 0 and somme > 0:
                facteur[libres] = reste / somme
            fixes.update(int(m) for m in libres)
        return brut * facteur[:, None]

    def calibrer(self, indicateur: str, brut: np.ndarray, epingles: tuple[int, ...] = ()) -> np.ndarray:
        """Ajuste ``brut`` (communes × dates) aux niveaux publiés de l'indicateur ; renvoie des réels,
        entiers exacts aux dates calibrées. ``epingles`` : dates où le facteur reste 1 (dates calibrées
        par une autre étape, que celle-ci ne doit pas déplacer)."""
        cibles = self._cibles(indicateur)
        brut = self._niveau(brut, cibles)
        ancres: dict[int, dict[int, float]] = {}
        exacts: list[tuple[int, int, int]] = []
        for j, contraintes in cibles.items():
            fixes: dict[int, int] = {}
            for membres, total, terr, ref in sorted(contraintes, key=lambda c: len(c[0])):
                libres = np.array([m for m in membres if m not in fixes], dtype=int)
                reste = total - sum(fixes[m] for m in membres if m in fixes)
                if len(libres) == 0:
                    if reste != 0:
                        raise ValueError(f"{indicateur} {self.dates[j]} : {terr} publié ({total}) ≠ somme des "
                                         f"communes ({total - reste})")
                    continue
                if reste <= 0 or brut[libres, j].sum() <= 0:
                    raise ValueError(f"{indicateur} {self.dates[j]} : cible {terr} inatteignable")
                for m, v in zip(libres, calibrage.repartir(brut[libres, j], reste)):
                    fixes[int(m)] = int(v)
            for m, v in fixes.items():
                ancres.setdefault(m, {})[j] = np.log(max(v, 1e-9) / brut[m, j])
                exacts.append((m, j, v))
        for j in epingles:
            for m in range(len(self.codes)):
                ancres.setdefault(m, {}).setdefault(j, 0.0)
        facteur = np.ones_like(brut)
        temps = np.arange(len(self.dates))
        for m, a in ancres.items():
            ts = sorted(a)
            facteur[m] = np.exp(np.interp(temps, ts, [a[t] for t in ts]))
        out = brut * facteur
        for m, j, v in exacts:
            out[m, j] = v
        return out

    def _evolutions_sans_niveau(self) -> None:
        """Évolutions publiées sans niveau : le départ est lu sur le panel, l'arrivée en découle."""
        for r in calibrage.evolutions_sans_niveau(dict(self.cibles)):
            if not referentiel.territoire(r.territoire).membres:
                continue  # région, France : panel à leur échelle (panel_niveau)
            part, base = r.indicateur, PARTS[r.indicateur]
            m = self._membres(r.territoire)
            j0 = self.t[r.date_reference]
            depart = round((self.v[base][m, j0] * self.brut_parts[part][m, j0]).sum())
            for d, v in ((r.date_reference, depart), (r.date, round(depart * (1 + r.valeur / 100)))):
                self.cibles[(r.territoire, part, d)] = calibrage.Cible(v, 0, r.publication)

    # --- génération ----------------------------------------------------------------------------------
    def generer(self) -> "Panel":
        rng, n = self.rng, len(self.codes)
        taille = np.log10(np.maximum(self.pop, 50))
        # écart de précarité propre à chaque commune (borné : de ~3 % à ~16 % d'inscrits par habitant)
        precarite = np.clip(rng.normal(0, 0.25, n) + 0.2 * (taille - 3.5) + 0.12 * self.hors_mel, -0.9, 0.8)
        taux = 0.07 * np.exp(precarite)
        abc = (self.pop * taux)[:, None] * self._tendance(TENDANCE_ABC)[None, :] * self._bruit(0.012)
        abc *= np.array([1 + SAISON[d.month] for d in self.dates])[None, :]
        apres = np.array([d >= BASCULE for d in self.dates])
        abc *= 1 + AFFLUX * apres[None, :]
        self.v["demandeurs_abc"] = np.rint(self.calibrer("demandeurs_abc", abc))

        self.brut_parts = {
            "demandeurs_a": self._part(0.64, 0.15, -0.004, 0.2 * precarite),
            "demandeurs_abc_femmes": self._part(0.49, 0.08, 0.002),
            "demandeurs_abc_moins_25": self._part(0.145, 0.12, -0.01),
            "demandeurs_abc_50_plus": self._part(0.19, 0.12, 0.025),
            "demandeurs_abc_12_mois_plus": self._part(0.41, 0.12, 0.012),
            "demandeurs_abc_rsa": self._part(0.24, 0.25, 0.01, 0.9 * precarite),
            "demandeurs_abc_bac_plus": self._part(0.36, 0.15, 0.025, -0.5 * precarite),
            "demandeurs_abc_sans_diplome": self._part(0.22, 0.15, -0.012, 0.4 * precarite),
            "demandeurs_abc_24_mois_plus": self._part(0.55, 0.1, 0.01),
        }
        for part, k in PART_DE_L_AFFLUX.items():  # les inscrits d'office : catégorie A, RSA, jeunes
            p = self.brut_parts[part]
            p[:, apres] = (p[:, apres] + k * AFFLUX) / (1 + AFFLUX)
        self._evolutions_sans_niveau()
        for part, base in PARTS.items():
            ref = self.v[base]
            x = np.rint(self.calibrer(part, ref * self.brut_parts[part]))
            self.v[part] = np.clip(x, 0, ref)
        abc, v = self.v["demandeurs_abc"], self.v
        v["demandeurs_b"] = np.rint((abc - v["demandeurs_a"]) * self._part(0.42, 0.1, 0.004))
        for i in identites.egalites():  # identités exactes : le reste = total − les autres composantes
            if i.reste:
                v[i.reste] = v[i.total] - sum(v[c] for c in i.composantes if c != i.reste)
        self._emploi(taille)
        self._entreprises(taille)
        return self

    def _emploi(self, taille: np.ndarray) -> None:
        """Emploi privé : 1) total calibré sur les territoires (arrondissement, MDE) ; 2) secteurs calibrés
        sur le tableau du Nord, le facteur restant 1 aux dates du 1) ; 3) entiers, total = somme."""
        rng, n = self.rng, len(self.codes)
        ratio = 0.16 * np.exp(rng.normal(0, 0.5, n) + 0.35 * (taille - 3.5))
        total = (self.pop * ratio)[:, None] * self._tendance(TENDANCE_EMPLOI)[None, :] * self._bruit(0.006)
        total *= np.array([0.965 if d == date(2020, 6, 30) else 1.0 for d in self.dates])[None, :]
        parts = rng.dirichlet(PARTS_SECTEURS * 40, n)
        dates_total = tuple(sorted({self.t[d] for (_, ind, d) in self.cibles if ind == "emploi_prive"}))
        dates_secteurs = {self.t[d] for (_, ind, d) in self.cibles if ind in SECTEURS}
        dates_territoires = tuple(j for j in dates_total if j not in dates_secteurs)
        total = self.calibrer("emploi_prive", total)
        secteurs = {}
        for k, s in enumerate(SECTEURS):
            brut = total * parts[:, [k]] * self._bruit(0.01)
            secteurs[s] = self.calibrer(s, brut, epingles=dates_territoires)
        for s in SECTEURS:
            self.v[s] = np.rint(secteurs[s])
        # aux dates où un total de territoire est publié, répartir le total exact entre les secteurs
        for j in dates_territoires:
            for m in range(n):
                poids = [secteurs[s][m, j] for s in SECTEURS]
                for s, x in zip(SECTEURS, calibrage.repartir(poids, int(round(total[m, j])))):
                    self.v[s][m, j] = x
        self.v["emploi_prive"] = sum(self.v[s] for s in SECTEURS)

    def _entreprises(self, taille: np.ndarray) -> None:
        rng, n = self.rng, len(self.codes)
        etab = (self.pop * 0.062 * np.exp(rng.normal(0, 0.25, n) + 0.05 * (taille - 3.5)))[:, None]
        etab = etab * np.exp(0.012 * (self._annees() - 2011))[None, :] * self._bruit(0.004)
        self.v["etablissements"] = np.rint(self.calibrer("etablissements", etab))
        creation = {2012: .02, 2013: -.03, 2014: .0, 2015: -.05, 2016: .05, 2017: .07, 2018: .17, 2019: .18,
                    2020: .04, 2021: .17, 2022: -.02, 2023: .045, 2024: .03, 2025: .01, 2026: .0}
        crea = etab * 0.13 * self._tendance(creation)[None, :] * self._bruit(0.04, 0.3)
        self.v["creations_entreprises"] = np.rint(self.calibrer("creations_entreprises", crea))

    # --- sortie --------------------------------------------------------------------------------------
    def faits(self) -> pd.DataFrame:
        if not self.v:
            self.generer()
        annuels = {"etablissements", "creations_entreprises"}
        morceaux = []
        for ind, x in self.v.items():
            cols = [j for j, d in enumerate(self.dates) if ind not in annuels or d.month == 12]
            df = pd.DataFrame(x[:, cols].astype(np.int64), index=self.codes,
                              columns=[self.dates[j] for j in cols]).stack().rename("valeur").reset_index()
            df.columns = ["code_commune", "date", "valeur"]
            df.insert(0, "indicateur", ind)
            morceaux.append(df)
        f = pd.concat(morceaux, ignore_index=True)
        f["statut"] = "ok"
        f["source"] = "panel-demo"
        f["provenance"] = "demonstration"
        f["reference"] = None
        # valeurs communales publiées telles quelles (annexe du bulletin) : provenance « publication »
        publie = pd.DataFrame([(ind, terr, d, c.reference) for (terr, ind, d), c in self.cibles.items()
                               if terr in self.idx], columns=["indicateur", "code_commune", "date", "reference"])
        ref = f[["indicateur", "code_commune", "date"]].merge(publie, how="left", on=["indicateur", "code_commune",
                                                                                      "date"]).reference
        ref.index = f.index
        pub = ref.notna()
        f.loc[pub, "provenance"] = "publication"
        f.loc[pub, "reference"] = ref[pub]
        f.loc[pub, "source"] = "publication"
        return f
