"""AppTest over every page (found by glob, so a new page is tested automatically) and interactions by widget key."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from district_stats.content.text.safe_text import visible
from tests.apptest import new_app
from tests.apptest import run_app as app

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))


def texts(at: AppTest) -> str:
    parts = (
        [m.value for m in at.markdown]
        + [m.value for m in at.caption]
        + [e.value for e in at.info]
        + [e.value for e in at.warning]
        + [e.value for e in at.success]
        + [e.value for e in at.error]
        + [h.value for h in at.title]
        + [h.value for h in at.header]
        + [h.value for h in at.subheader]
    )
    return "\n".join(visible(str(p)) for p in parts)  # as the reader sees it (Markdown escapes removed)


def test_pages_are_found():
    assert len(PAGES) == 7


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_page_runs_without_exceptions(page, lang):
    at = app(page, lang=lang)
    assert not at.exception, [e.message for e in at.exception]
    assert at.title or at.header, page
    assert "Traceback" not in texts(at)


#: The views the browser opens from their link (tests/e2e/test_a11y.py), as page and address parameters.
LINKED_VIEWS = [
    (None, {"lang": "en"}),
    ("pages/mappa.py", {"metrica": "fondi", "prov": "CN"}),
    ("pages/mappa.py", {"d": "D041"}),
    ("pages/investimenti.py", {"prov": "TO", "anno": "2023"}),
    ("pages/distretti.py", {"tipo": "diffuso", "q": "Monferrato"}),
    ("pages/distretti.py", {"d": "D039", "lang": "en"}),
    ("pages/comuni.py", {"c": "004003"}),
    ("pages/confronti.py", {"metrica": "per_comune", "gruppo": "district_type"}),
    ("pages/dati.py", {"prov": "AL"}),
]


def _shown(at: AppTest) -> str:
    return texts(at) + "\n".join([f"{m.label}={m.value}" for m in at.metric] + [d.value.to_csv() for d in at.dataframe])


@pytest.mark.parametrize(("page", "params"), LINKED_VIEWS, ids=lambda v: str(v))
def test_a_link_opened_twice_gives_the_same_page(page, params):
    """A second visit of the same link is a new session: it shows the same page (the browser test checks the
    link itself: nothing dropped from the address, nothing added)."""
    first = app(page, **params)
    assert not first.exception
    assert _shown(app(page, **params)) == _shown(first)


def test_overview_kpis_show_official_and_rebuilt_figures():
    at = app()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Distretti attivi"] == "94"
    assert metrics["Investimenti 2020–2027"] == "30,2 mln €"
    assert metrics["Direttamente alle imprese"] == "7,4 mln €"
    body = texts(at)
    assert "«quasi 30 milioni»" in body and "«oltre 7 milioni»" in body and "30.201.125 €" in body


def test_english_switch_changes_text_and_number_format():
    at = app()
    at.segmented_control(key="u_lang").set_value("en").run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Investment 2020–2027"] == "€30.2M"
    assert at.query_params.get("lang") in (["en"], "en")


def test_district_query_param_opens_the_profile():
    at = app("pages/distretti.py", d="D041")
    assert not at.exception
    assert at.title[0].value == "Mondovì"
    assert any(m.label == "Capofila" and m.value == "Mondovì" for m in at.metric)


def test_unknown_district_id_shows_a_notice_and_the_list():
    at = app("pages/distretti.py", d="D999")
    assert not at.exception
    assert any("D999" in w.value for w in at.warning)
    assert any(m.value.startswith("| ") and "Mondovì" in m.value for m in at.markdown)  # the list is shown


def test_the_district_list_opens_a_profile_from_its_picker_or_its_sortable_table():
    at = app("pages/distretti.py")
    assert not at.dataframe  # a plain table: the data grid only when asked for
    at.selectbox(key="dist_open").set_value("D041").run()
    assert at.title[0].value == "Mondovì" and at.query_params.get("d") in (["D041"], "D041")
    at = app("pages/distretti.py", tabelle="elenco")
    assert at.dataframe and at.dataframe[0].value.shape[0] > 90


def test_picking_a_district_in_the_map_changes_the_card():
    at = app("pages/mappa.py")
    at.selectbox(key="u_d").set_value("D047").run()
    assert not at.exception
    body = texts(at)
    assert "Asti" in body and "Capofila:" in body
    at.selectbox(key="u_d").set_value("D041").run()
    assert "Mondovì" in texts(at)
    # The drill-down explains its own colours (neighbours, star), not the region map's outlines and greys.
    captions = " ".join(c.value for c in at.caption)
    assert "comuni vicini" in captions and "stella" in captions and "non rinnovata nel 2025" not in captions
    assert "La mappa mostra" not in texts(at)


def test_map_filters_and_metric():
    at = app("pages/mappa.py", prov="CN", metrica="fondi")
    assert not at.exception
    assert at.selectbox(key="u_prov").value == "CN"
    assert at.segmented_control(key="u_metrica").value == "fondi"


def test_bad_query_params_fall_back_with_a_notice():
    at = app("pages/mappa.py", prov="<script>alert(1)</script>", metrica="x" * 500)
    assert not at.exception
    assert at.selectbox(key="u_prov").value == ""
    assert len(at.info) >= 2


def test_comune_in_a_district_and_comune_outside():
    at = app("pages/comuni.py", c="004003")
    assert not at.exception
    assert any("Alba-Bra" in visible(s.value) for s in at.success)
    at2 = app("pages/comuni.py", c="001001")  # Agliè is in Terre Canavesane
    assert any("Terre Canavesane" in visible(x.value) for x in [*at2.success, *at2.info])  # success or info by status
    at3 = app("pages/comuni.py", c="001002")  # Airasca: no source names it
    assert any("Nessuna fonte" in w.value for w in at3.warning)


def test_unknown_comune_code_shows_a_notice():
    at = app("pages/comuni.py", c="999999")
    assert not at.exception
    assert any("999999" in w.value for w in at.warning)


def test_compare_metric_changes_the_values():
    at = app("pages/confronti.py")
    before = [m.value for m in at.markdown]
    at.segmented_control(key="u_metrica").set_value("per_district").run()
    assert not at.exception
    assert "per distretto" in texts(at).lower()
    after = [m.value for m in at.markdown]
    assert after != before  # the chart's summary sentence is rebuilt for the new metric


def test_investments_year_filter_filters_the_table():
    at = app("pages/investimenti.py")
    assert not at.dataframe  # the grid (the largest scripts of the page) only when asked for
    at = app("pages/investimenti.py", tabelle="importi")  # its switch is in the URL: a shared link opens it
    df_all = at.dataframe[-1].value
    at.selectbox(key="u_anno").set_value("2023").run()
    df_2023 = at.dataframe[-1].value
    assert not at.exception
    assert 0 < len(df_2023) < len(df_all)


def test_presenter_steps_with_buttons_and_url():
    at = app(modo="presenta")
    assert not at.exception
    assert at.title[0].value == "La rete oggi"
    at.button(key="pr_next").click().run()
    assert at.title[0].value == "La mappa dei distretti"
    assert at.query_params.get("passo") in (["2"], "2")
    at.button(key="pr_reset").click().run()
    assert at.title[0].value == "La rete oggi"


def test_presenter_restores_step_and_drill_down_from_url():
    at = app(modo="presenta", passo="3")
    assert "30,2 mln €" in at.title[0].value
    at2 = app(modo="presenta", passo="5", d="D041")
    assert any(t.value == "Mondovì" for t in at2.title)
    at2.button(key="pr_back").click().run()
    assert at2.title[0].value.startswith("I bandi")  # back to step 5


def test_presenter_invalid_step_falls_back():
    at = app(modo="presenta", passo="99")
    assert not at.exception and at.title[0].value == "La rete oggi"


HOSTILE = {
    "d": "<script>alert(1)</script>",
    "c": "'; DROP TABLE comuni;--",
    "prov": "x" * 10_000,
    "tipo": '"><img src=x onerror=alert(1)>',
    "lang": "xx",
    "metrica": "../../etc/passwd",
    "anno": "-1e309",
    "a": "D001" * 500,
    "b": "%00",
    "modo": "presentaX",
    "passo": "99999999999999999999",
}


@pytest.mark.parametrize("page", PAGES)
def test_hostile_query_strings_never_break_a_page(page):
    at = app(page, **HOSTILE)
    assert not at.exception, [e.message for e in at.exception]
    shown = texts(at)
    assert "<script>" not in shown and "onerror" not in shown and "x" * 100 not in shown
    assert at.title or at.header


def test_repeated_keys_use_the_first_value_with_a_notice():
    at = new_app()
    at.switch_page("pages/mappa.py")
    at.query_params["prov"] = ["CN", "TO"]
    at.run()
    assert not at.exception
    assert at.selectbox(key="u_prov").value == "CN"
    assert any("prov" in i.value for i in at.info)
