"""Words, not codes: no internal id (L01, G124, M008, C05, D041) and no column name (restates_grant_id) in what a
reader sees on any page, in either language, with every table of the page open. The ids stay in the downloads
and in the officials' part of /dati (each file's provenance, the update section).

One AppTest run per page and language, shared by the checks of that page.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import run_app
from tests.words import codes_in, plain

#: Every page with every table it can open, and a district and a comune opened.
VIEWS = {
    "panoramica": ("pages/panoramica.py", {"tabelle": "cronologia"}),
    "mappa": ("pages/mappa.py", {"tabelle": "mappa", "d": "D041"}),
    "investimenti": (
        "pages/investimenti.py",
        {"tabelle": "ufficiali,linee,anni,beneficiari,flusso,bandi_imprese,province,tipo,interventi"},
    ),
    "distretti": ("pages/distretti.py", {"d": "D041"}),
    "comuni": ("pages/comuni.py", {"c": "004135"}),
    "confronti": ("pages/confronti.py", {"tabelle": "confronto,dentro_province,dentro_classi"}),
    "dati": ("pages/dati.py", {}),
}
_RUNS: dict[tuple[str, str], AppTest] = {}


def page(view: str, lang: str) -> AppTest:
    """The page run once per test module (the checks below read the same run)."""
    if (view, lang) not in _RUNS:
        path, params = VIEWS[view]
        at = run_app(path, lang=lang, **params)
        assert not at.exception, [e.message for e in at.exception]
        _RUNS[(view, lang)] = at
    return _RUNS[(view, lang)]


def reading_texts(at: AppTest) -> list[str]:
    """Every text of a run a reader reads: headings, paragraphs, notices, metrics, table headers and cells,
    widget labels, tab names; not code boxes (addresses and citation files) nor the officials' parts of /dati
    (each file's provenance expander)."""
    official = {
        id(e)
        for exp in at.expander
        if str(exp.label).endswith(".csv")
        for kind in ("markdown", "caption", "warning")
        for e in getattr(exp, kind)
    }
    out: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error"):
        out += [e.value for e in getattr(at, kind) if id(e) not in official]
    out += [f"{m.label} {m.value} {m.proto.help}" for m in at.metric]
    out += [e.label for e in at.expander if not str(e.label).endswith(".csv")]
    out += [w.label for kind in ("toggle", "selectbox", "text_input", "button") for w in getattr(at, kind)]
    out += [tab.label for tab in at.tabs]
    for df in at.dataframe:
        frame = df.value
        out.append(" | ".join(map(str, frame.columns)))
        out += [" | ".join(map(str, row)) for row in frame.astype(str).itertuples(index=False)]
    return [plain(x) for x in out]


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_no_internal_code_in_a_reading_view(view, lang):
    found = codes_in(reading_texts(page(view, lang)))
    assert not found, found[:8]


@pytest.mark.parametrize("lang", ["it", "en"])
def test_one_name_per_funding_line(lang):
    """The set-up money of a district has one name, in its rounds and among its amounts («Contributi di
    istituzione 2021-22»), never also «Bando istituzione 2020»; the first activities say what «× 77» meant."""
    text = "\n".join(reading_texts(page("distretti", lang)))
    round_name = "Contributi di istituzione 2021-22" if lang == "it" else "Set-up grants 2021-22"
    assert text.count(round_name) >= 2 and ("Bando istituzione 2020" not in text and "2020 set-up call" not in text)
    assert "× 77" not in text and ("50.596 € a distretto" in text or "€50,596 per district" in text)


def test_the_scan_sees_codes_where_there_are_some():
    """The scanner itself: a code, a column name and a code inside a link label are found; an address is not."""
    texts = [
        plain(x)
        for x in (
            "Codice tornata L01-TOT",
            "riga G124 (restates_grant_id)",
            "[(M008)](https://x.it/M008)",
            "https://x.it/D041?c=C05",
            "grants.csv",
        )
    ]
    assert [c for c, _ in codes_in(texts)] == ["L01-TOT", "G124", "restates_grant_id", "M008"]
