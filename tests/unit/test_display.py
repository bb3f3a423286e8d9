"""Tables as a person reads them: human headers, values in words, sources by name, codes last."""

import datetime as dt
import re

import pandas as pd
import pytest

from district_stats.content.text import display
from district_stats.content.text.safe_text import visible
from district_stats.data.source_rules import SourcePage

MACHINE = re.compile(r"[a-z0-9]+(_[a-z0-9]+)+")
RAW = {"None", "nan", "NaN", "True", "False", "true", "false", "?"}

SYNTH_GRANTS = pd.DataFrame(
    {
        "grant_id": ["G1", "G2"],
        "line_id": ["L03", None],
        "label_it": ["Strategici 2022-24", None],
        "label_en": ["Strategic 2022-24", None],
        "year": [2022, None],
        "amount_eur": [292000.0, 5000.0],
        "amount_kind": ["allocated", "business_call"],
        "confidence": ["high", "low"],
        "source_urls": ["https://www.targatocn.it/2022/12/16/x-y-z.html;https://b.it/1", None],
        "is_minimum": [True, False],
    }
)


#: A sources register of two pages: one read (title and date), one not.
REGISTER = {
    "https://www.targatocn.it/2022/12/16/x-y-z.html": SourcePage(
        "https://www.targatocn.it/2022/12/16/x-y-z.html",
        "TargatoCN",
        "Distretti finanziati in Granda",
        "page",
        dt.date(2022, 12, 16),
        "day",
        "page",
        dt.date(2026, 12, 7),
        "stampa_locale",
    ),
    "https://b.it/1": SourcePage("https://b.it/1", "B", source_type="stampa_locale"),
}


@pytest.mark.parametrize("lang", ["it", "en"])
def test_humanize_gives_human_headers_words_and_no_internal_codes(lang):
    out = display.humanize(SYNTH_GRANTS.assign(istat_code=["004078", "001272"]), lang, register=REGISTER)
    cols = list(out.frame.columns)
    assert not [c for c in cols if MACHINE.fullmatch(c)], cols
    assert cols[-1] == ("Codice ISTAT" if lang == "it" else "ISTAT code")  # a public code, last
    assert not {"Codice importo", "Codice linea", "Amount code", "Line code"} & set(cols)
    kinds = list(out.frame[cols[cols.index("Natura" if lang == "it" else "Kind")]])
    assert kinds == (["assegnato", "bando imprese"] if lang == "it" else ["allocated", "business call"])
    assert list(out.frame["Affidabilità" if lang == "it" else "Confidence"]) == (
        ["alta", "bassa"] if lang == "it" else ["high", "low"]
    )
    assert list(out.frame["È un minimo" if lang == "it" else "Is a minimum"]) == (
        ["sì", "no"] if lang == "it" else ["yes", "no"]
    )
    src = out.frame["Fonte" if lang == "it" else "Source"]
    assert src.iloc[0] == (
        "TargatoCN, «Distretti finanziati in Granda», 16 dicembre 2022 (+1)"
        if lang == "it"
        else "TargatoCN, “Distretti finanziati in Granda”, 16 December 2022 (+1)"
    )
    assert out.links == (("Link alla fonte",) if lang == "it" else ("Link to the source",))
    assert "label_en" not in cols and "label_it" not in cols
    kept = display.humanize(SYNTH_GRANTS, lang, keep_ids=True).frame.columns  # the officials' view keeps them
    assert list(kept[-2:]) == (["Codice importo", "Codice linea"] if lang == "it" else ["Amount code", "Line code"])


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


def test_a_short_table_as_markdown_escapes_values_formats_numbers_and_links_only_http():
    frame = SYNTH_GRANTS.assign(
        label_it=["<img src=x onerror=alert(1)> | **forte**", None],
        amount_eur=[292000.0, None],
        source_urls=["https://www.targatocn.it/2022/12/16/x.html", "javascript:alert(1)"],
    )
    md = display.markdown_table(display.humanize(frame, "it"), "it")
    head, rule, *rows = md.split("\n")
    assert len(rows) == 2 and "Codice importo" not in head  # codes are left to the download
    assert rule.count("---:") == 1  # the amount is right-aligned
    shown = [visible(r) for r in rows]  # what a reader sees
    assert "292.000 €" in shown[0] and "non trovato" in shown[1]  # a missing amount is never zero
    assert not re.search(r"(?<!\\)[<|*]", rows[0].split(" | ")[0].lstrip("| "))  # no markup, no cell break
    assert "<img src=x onerror=alert(1)> | **forte**" in shown[0]  # shown as typed
    assert "](https://www.targatocn.it/2022/12/16/x.html)" in rows[0] and "javascript" not in rows[1]


def test_a_published_picture_escapes_its_sentence_and_addresses():
    from district_stats.content.embeds.embed_page import Picture

    pic = Picture(
        (("(max-width: 640px)", '/n.svg?v=1"><script>x</script>'),),
        "/w.svg?v=2&a=<b>",
        'Il «grafico» dice: <img src=x onerror=alert(1)> & "altro"',
        "dc-chart dc-linee",
    )
    out = pic.picture_html
    assert "<script>" not in out and "<img src=x" not in out and "<b>" not in out
    assert out.startswith('<picture><source media="(max-width: 640px)" srcset="/n.svg?v=1&quot;&gt;&lt;script')
    assert 'alt="Il «grafico» dice: &lt;img src=x onerror=alert(1)&gt; &amp; &quot;altro&quot;"' in out
    assert out.endswith('class="dc-chart dc-linee"></picture>') and out.count("<img") == 1
