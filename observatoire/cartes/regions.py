"""Les régions de la base, pour les cartes : un niveau de comparaison, sans communes dans le modèle (leurs chiffres
sont publiés ou importés à leur échelle). Leurs communes et leurs départements se lisent dans le référentiel des
communes (colonne ``region``) : la carte d'une région par commune, la carte des départements d'une région."""
from __future__ import annotations

from functools import lru_cache

from observatoire import formats, referentiel

TOUTES = ""  # aucune région : toute la base (un territoire à cheval sur deux régions)


def territoire(code: str) -> str:
    """L'identifiant de territoire d'une région (« reg-84 » ; les Hauts-de-France : « hdf »)."""
    return referentiel.ALIAS.get(f"reg-{code}", f"reg-{code}")


@lru_cache
def regions() -> dict[str, str]:
    """Régions de la base (code -> nom court), par nom ; les valeurs du contrôle « Région » de la carte."""
    codes = referentiel.communes().region.dropna().unique()
    noms = {c: referentiel.territoire(territoire(c)).nom_court for c in codes if referentiel.existe(territoire(c))}
    return dict(sorted(noms.items(), key=lambda x: formats.sans_accents(x[1])))


def code(ident: str) -> str | None:
    """Le code d'une région à partir de son identifiant de territoire ; None pour tout autre territoire."""
    return next((c for c in regions() if territoire(c) == ident), None)


def region_de(ident: referentiel.Designe) -> str:
    """La région des communes du territoire, ou TOUTES s'il s'étend sur plusieurs (ou n'a pas de commune)."""
    membres = referentiel.territoire(ident).membres
    com = referentiel.communes().set_index("code_commune").region
    regs = set(com.reindex(list(membres)).dropna())
    return regs.pop() if len(regs) == 1 else TOUTES


@lru_cache
def communes(code_region: str) -> tuple[str, ...]:
    """Communes couvertes de la région (carte d'une région par commune)."""
    com = referentiel.communes()
    return tuple(com.code_commune[com.region == code_region])


def departements(code_region: str) -> list[str]:
    """Territoires des départements couverts de la région (« dep-69 », « nord »)."""
    com = referentiel.communes()
    return [referentiel.ALIAS.get(f"dep-{d}", f"dep-{d}")
            for d in sorted(com.departement[com.region == code_region].dropna().unique())]
