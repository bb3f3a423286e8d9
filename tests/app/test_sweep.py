"""Every page, district profile and comune card in both languages reads as plain language and never
shows a zero for an amount the data does not have.

Fails on raw values (``None``, ``nan``, a lone ``?``, ``true``/``false``), on machine column names in
any table, on an empty cell (the grid would draw it as "None") and on «0 €» anywhere. The whole module
is the slow tier: every page, every chart's table, the districts of issue 11 (Verbania, Novi Ligure,
Cuneo, Alpignano, Alba-Bra), the profile of one district of each kind and a comune card of each (the fast
tier renders every page in both languages in tests/app/test_pages.py; every district's profile and a comune
card of each are checked as the builders hand them, in tests/data/test_every_profile_reads.py).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import a_comune_of_each
from tests.words import MACHINE, RAW, ZERO, reading_problems

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))
NAMED = {"D065": "103072", "D057": "006114", "D036": "004078", "D005": "001008", "D039": "004003"}  # district: a comune
#: Comuni whose card has a status to tell: named only by the 2021 DOC Valley candidacy (Bruno), in no district (Airasca).
MORE_COMUNI = ("005010", "001002")


def _texts(at: AppTest) -> list[str]:
    parts = [
        *at.markdown,
        *at.caption,
        *at.info,
        *at.warning,
        *at.success,
        *at.error,
        *at.title,
        *at.header,
        *at.subheader,
    ]
    out = [str(p.value) for p in parts]
    for m in at.metric:
        out += [str(m.label), str(m.value), str(m.proto.help or "")]
    out += [str(e.label) for e in at.expander]
    return out


def problems(at: AppTest, where: str) -> list[str]:
    """Everything on the rendered page that a reader should never see."""
    found = [f"{where}: exception {e.message}" for e in at.exception]
    for text in _texts(at):
        found += reading_problems(text, where)
    for i, df in enumerate(at.dataframe):
        frame = df.value
        machine = [c for c in frame.columns if MACHINE.fullmatch(str(c))]
        if machine:
            found.append(f"{where}: table {i} has machine headers {machine}")
        if frame.isna().any().any():
            found.append(f"{where}: table {i} has empty cells in {list(frame.columns[frame.isna().any()])}")
        for col in frame.columns:
            if not pd.api.types.is_numeric_dtype(frame[col]):
                bad = {str(v) for v in frame[col].dropna() if RAW.fullmatch(str(v).strip()) or ZERO.search(str(v))}
                if bad:
                    found.append(f"{where}: table {i} column {col!r} shows {sorted(bad)[:3]}")
    return found


def runner(page: str, lang: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.switch_page(page)
    at.query_params["lang"] = lang
    return at


def visit(at: AppTest, where: str, **params: str) -> list[str]:
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    return problems(at, where)


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize("page", PAGES)
@pytest.mark.slow  # a second AppTest pass over every page in both languages (the fast tier has test_pages')
def test_every_page_reads_as_plain_language(page, lang):
    at = runner(page, lang)
    assert not visit(at, f"{page}?lang={lang}")


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.slow  # AppTest sweep over many districts and charts (~5 s each)
def test_every_chart_table_reads_as_plain_language(lang):
    """The pages with charts, with every chart's table open (the switches are in the URL: ``tabelle``)."""
    from district_stats.content.catalog import CHARTS

    out = []
    for page in ("pages/panoramica.py", "pages/investimenti.py", "pages/confronti.py", "pages/mappa.py"):
        at = runner(page, lang)
        out += visit(at, f"{page} tables", tabelle=",".join([*CHARTS, "mappa"]))
        assert len(at.dataframe) >= 1, page
    assert not out


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.slow  # AppTest sweep over many districts and charts (~5 s each)
def test_the_districts_of_issue_11_and_their_comuni(lang):
    out = []
    at = runner("pages/distretti.py", lang)
    for did in NAMED:
        out += visit(at, f"/distretti?d={did}&lang={lang}", d=did)
    card = runner("pages/comuni.py", lang)
    for code in (*NAMED.values(), *MORE_COMUNI):
        out += visit(card, f"/comuni?c={code}&lang={lang}", c=code)
    pres = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    pres.query_params["modo"] = "presenta"
    pres.query_params["lang"] = lang
    for did in NAMED:
        out += visit(pres, f"presenter d={did}", d=did)
    for step in range(1, 9):
        out += visit(pres, f"presenter passo={step}", d="", passo=str(step))
    assert not out


#: What makes one district's profile read differently from another's: every combination found in the data is
#: rendered once (tests/data/test_every_profile_reads.py checks every district's texts and tables as the
#: builders hand them to the page).
KINDS = {
    "district_type": lambda d: d["district_type"],
    "members_status": lambda d: d["members_status"],
    "active_status": lambda d: d["active_status"],
    "money known": lambda d: d["allocated_eur"].notna(),
    "contradictions": lambda d: d["n_contradictions"] > 0,
    "comuni mapped": lambda d: d["n_comuni_mapped"] > 0,
    "list basis": lambda d: d["list_basis"],
}


def one_of_each_kind(districts: pd.DataFrame) -> list[str]:
    """The first district of every combination of :data:`KINDS` in the data."""
    kinds = pd.DataFrame({name: kind(districts) for name, kind in KINDS.items()}, index=districts.index)
    return list(districts.loc[~kinds.astype(str).duplicated(), "district_id"])


def test_one_of_each_kind_covers_every_value_of_every_kind(views):
    chosen = views.districts[views.districts["district_id"].isin(one_of_each_kind(views.districts))]
    for name, kind in KINDS.items():
        assert set(kind(chosen).astype(str)) == set(kind(views.districts).astype(str)), name
    assert len(chosen) < len(views.districts)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["it", "en"])
def test_a_district_profile_of_each_kind_and_a_comune_card_of_each(views, lang):
    out = []
    chosen = one_of_each_kind(views.districts)
    at = runner("pages/distretti.py", lang)
    for did in chosen:
        out += visit(at, f"/distretti?d={did}&lang={lang}", d=did)
    comuni = a_comune_of_each(views)
    card = runner("pages/comuni.py", lang)
    for did in chosen:
        if did in comuni:
            out += visit(card, f"/comuni?c={comuni[did]}&lang={lang}", c=comuni[did])
    assert not out, "\n".join(out[:40])


def test_the_sweep_catches_what_issue_11_saw():
    """The checks fail on the readings of the issue (so a regression cannot pass silently)."""
    at = AppTest.from_string("""
import pandas as pd
import streamlit as st
st.metric("Bandi strategici (€)", "0 €")
st.markdown("le fonti dichiarano ? comuni")
st.caption("Comuni mappati 1 / ?")
st.info("1 distretti della sua provincia")
st.markdown("Posizione: None")
st.dataframe(pd.DataFrame({"grant_id": ["G1"], "rank": [None], "ok": ["true"]}))
""")
    at.run()
    found = " ".join(problems(at, "synthetic"))
    for needle in (
        "zero euro",
        "raw value in 'le fonti",
        "raw value in 'Comuni",
        "raw value in 'Posizione",
        "machine headers ['grant_id']",
        "plural after 1",
        "empty cells in ['rank']",
        "column 'ok' shows ['true']",
    ):
        assert needle in found, needle
