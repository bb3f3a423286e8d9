"""Every page, district profile and comune card in both languages reads as plain language and never
shows a zero for an amount the data does not have.

Fails on raw values (``None``, ``nan``, a lone ``?``, ``true``/``false``), on machine column names in
any table, on an empty cell (the grid would draw it as "None") and on «0 €» anywhere. The whole module
is the slow tier: every page, every chart's table, the districts of issue 11 (Verbania, Novi Ligure,
Cuneo, Alpignano, Alba-Bra), every district profile and one comune card per district (the fast tier
renders every page in both languages in tests/app/test_pages.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))
RAW = re.compile(r"\b(None|nan|NaN|true|false|True|False)\b|\s\?(\s|$)|/ \?")
MACHINE = re.compile(r"[a-z0-9]+(_[a-z0-9]+)+")
ZERO = re.compile(r"(?<![\d.,])0 €|€0(?![\d.,])")
ONE = re.compile(r"(?<![\d.,])\b1 (distretti|comuni|tornate|bandi|districts|rounds|calls)\b")  # «1 distretti»
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
        clean = text.replace("\\", "")
        if RAW.search(clean):
            found.append(f"{where}: raw value in {clean[:160]!r}")
        if ZERO.search(clean):
            found.append(f"{where}: zero euro in {clean[:160]!r}")
        if ONE.search(clean):
            found.append(f"{where}: plural after 1 in {clean[:160]!r}")
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


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_district_profile_and_a_comune_card_of_each(views, lang):
    out = []
    at = runner("pages/distretti.py", lang)
    for did in views.districts["district_id"]:
        out += visit(at, f"/distretti?d={did}&lang={lang}", d=did)
    members = views.ds["district_members"]
    card = runner("pages/comuni.py", lang)
    for did in views.districts["district_id"]:
        codes = members.loc[(members["district_id"] == did) & (members["role"] != "former_member"), "istat_code"]
        if not codes.empty:
            out += visit(card, f"/comuni?c={codes.iloc[0]}&lang={lang}", c=str(codes.iloc[0]))
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
