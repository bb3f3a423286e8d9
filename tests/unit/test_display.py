"""Tables as a person reads them: human headers, values in words, sources by name, codes last."""

import re

import pandas as pd
import pytest

from district_stats.content.text import display

MACHINE = re.compile(r"[a-z0-9]+(_[a-z0-9]+)+")
RAW = {"None", "nan", "NaN", "True", "False", "true", "false", "?"}

SYNTH_GRANTS = pd.DataFrame({
    "grant_id": ["G1", "G2"], "line_id": ["L03", None], "label_it": ["Strategici 2022-24", None],
    "label_en": ["Strategic 2022-24", None], "year": [2022, None], "amount_eur": [292000.0, 5000.0],
    "amount_kind": ["allocated", "business_call"], "confidence": ["high", "low"],
    "source_urls": ["https://www.targatocn.it/2022/12/16/x-y-z.html;https://b.it/1", None],
    "is_minimum": [True, False],
})


@pytest.mark.parametrize("lang", ["it", "en"])
def test_humanize_gives_human_headers_words_and_codes_last(lang):
    out = display.humanize(SYNTH_GRANTS, lang)
    cols = list(out.frame.columns)
    assert not [c for c in cols if MACHINE.fullmatch(c)], cols
    assert cols[-2:] == (["Codice importo", "Codice linea"] if lang == "it" else ["Amount code", "Line code"])
    kinds = list(out.frame[cols[cols.index("Natura" if lang == "it" else "Kind")]])
    assert kinds == (["assegnato", "bando imprese"] if lang == "it" else ["allocated", "business call"])
    assert list(out.frame["Affidabilità" if lang == "it" else "Confidence"]) == (
        ["alta", "bassa"] if lang == "it" else ["high", "low"])
    assert list(out.frame["È un minimo" if lang == "it" else "Is a minimum"]) == (
        ["sì", "no"] if lang == "it" else ["yes", "no"])
    src = out.frame["Fonte" if lang == "it" else "Source"]
    assert src.iloc[0] == ("TargatoCN, 16 dicembre 2022 (+1)" if lang == "it" else "TargatoCN, 16 December 2022 (+1)")
    assert out.links == (("Link alla fonte",) if lang == "it" else ("Link to the source",))
    assert "label_en" not in cols and "label_it" not in cols


def test_humanize_formats_shares_as_percentages_and_amounts_as_euro():
    out = display.humanize(pd.DataFrame({"share": [0.123456], "amount_eur": [1.0], "year": [2022], "n_x": [3]}))
    assert out.formats == {"Quota del totale": "pct", "Importo (€)": "eur", "Anno": "year", "n_x": "int"}


def test_enum_text_falls_back_to_the_value_and_prefers_column_keys():
    assert display.enum_text("amount_basis", "endowment", "it") == "dotazione del bando"
    assert display.enum_text("amount_kind", "allocated", "en") == "allocated"
    assert display.enum_text("amount_kind", "brand_new_kind", "it") == "brand_new_kind"  # the sweep catches these


def test_humanize_an_empty_table_keeps_its_headers():
    """A missing optional file gives an empty table: it still reads (a date column with no rows included)."""
    empty = pd.DataFrame({"event_date": pd.Series([], dtype="datetime64[ns]"), "n_districts": pd.Series([], dtype=int)})
    out = display.humanize(empty, "it")
    assert list(out.frame.columns) == ["Data", "Distretti"] and out.frame.empty
