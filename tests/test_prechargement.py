"""Les modules de Streamlit qu'une page demandera sont demandés dès l'index.html, et une mise à jour de Streamlit qui
renomme un composant est vue au démarrage plutôt que de ralentir les pages sans bruit."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit import file_util

from observatoire.appli import cadre, page_servie, prechargement

JS = Path(file_util.get_static_dir()) / "static" / "js"


def test_un_composant_et_tout_ce_qu_il_importe():
    metric = prechargement.modules(JS, ["Metric"])
    assert any(f.startswith("Metric.") for f in metric)
    assert any(f.startswith("numbro.") for f in metric)  # importé par le module des chiffres clés
    assert all((JS / f).is_file() for f in metric)
    assert not any(f.startswith(("PlotlyChart.", "embed.")) for f in metric)  # chargés à la demande : pas préchargés


def test_deja_precharge_par_streamlit_pas_deux_fois():
    tout = prechargement.modules(JS, ["Metric"])
    deja = {f for f in tout if f.startswith("StreamlitMarkdown.")}
    assert deja and not deja & set(prechargement.modules(JS, ["Metric"], deja))


def test_composant_renomme_par_streamlit_refuse():
    with pytest.raises(prechargement.ComposantInconnu, match="Jauge"):
        prechargement.modules(JS, ["Jauge"])


def test_chaque_page_a_ses_modules_et_seulement_les_siens():
    """Une page absente de la liste recevrait ceux de la Synthèse (adresse sans page ou sous un préfixe)."""
    assert set(prechargement.PAGES) == {url for _, _, _, url in cadre.PAGES}


def test_index_precharge_les_modules_de_la_page(tmp_path):
    html = (page_servie.preparer(Path(file_util.get_static_dir()), tmp_path) / "index.html").read_text(encoding="utf-8")
    assert "modulepreload" in html and prechargement.module(JS, "Metric") in html
    assert html.index("modulepreload") < html.index("</head>")
