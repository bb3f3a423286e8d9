"""How to cite: the text, the CSL-JSON a reference manager imports and the BibTeX entry, in both languages."""

import datetime as dt
import json
import re

import jsonschema
import pandas as pd
import pytest

from district_stats.content.text import citation
from district_stats.content.text.citation import CREDIT, PUBLISHER, licence_line

URL = "https://example.org/confronti?metrica=per_comune&tabelle=confronto#confronto"
DATE = pd.Timestamp("2026-12-07")
READ = dt.date(2026, 12, 8)

#: The CSL-JSON input model (CSL 1.0.2, ``csl-data.json``) for the variables a citation here uses: a list of
#: items with ``type`` and ``id``, no variable outside the model, dates as ``date-parts``.
_DATE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["date-parts"],
    "properties": {
        "date-parts": {
            "type": "array",
            "minItems": 1,
            "maxItems": 2,
            "items": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": ["string", "number"]}},
        }
    },
}
CSL_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["type", "id"],
        "additionalProperties": False,
        "properties": {
            "type": {"enum": ["dataset", "webpage", "document", "software"]},
            "id": {"type": ["string", "number"]},
            "title": {"type": "string"},
            "publisher": {"type": "string"},
            "URL": {"type": "string"},
            "version": {"type": "string"},
            "language": {"type": "string"},
            "note": {"type": "string"},
            "issued": _DATE,
            "accessed": _DATE,
        },
    },
}


def _ref(lang="it", what="Confronti — Confronto tra distretti: per comune", url=URL, date=DATE, accessed=READ):
    return citation.reference(what, date, url, lang, accessed)


def test_italian_text_names_publisher_title_version_access_licence_and_the_exact_view():
    assert citation.text(_ref()) == (
        "Distretti del Commercio, «Distretti del Commercio – dati da fonti pubbliche: Confronti — Confronto tra "
        "distretti: per comune». Versione dei dati: 7 dicembre 2026; consultato: 8 dicembre 2026. "
        f"Licenza CC BY 4.0. {URL}"
    )


def test_english_text():
    assert citation.text(_ref("en", "Compare")) == (
        "Distretti del Commercio, “Distretti del Commercio – data from public sources: Compare”. Data version: "
        f"7 December 2026; accessed: 8 December 2026. Licence CC BY 4.0. {URL}"
    )


def test_no_url_no_access_date_no_trailing_space_and_no_double_full_stop():
    text = citation.citation("Titolo.", "2025-10-14")
    assert text == (
        "Distretti del Commercio, «Distretti del Commercio – dati da fonti pubbliche: Titolo». "
        "Versione dei dati: 14 ottobre 2025. Licenza CC BY 4.0."
    )


def test_unknown_data_date_is_a_dash_not_an_invented_date():
    assert "Versione dei dati: –." in citation.citation("Titolo", None)
    assert "Data version: –." in citation.citation("Title", pd.NaT, lang="en")


@pytest.mark.parametrize("lang", ["it", "en"])
def test_csl_json_is_valid_for_the_csl_input_model(lang):
    doc = json.loads(citation.csl_json(_ref(lang)))
    jsonschema.validate(doc, CSL_SCHEMA)
    item = doc[0]
    assert item["type"] == "dataset" and item["publisher"] == PUBLISHER == "Distretti del Commercio"
    assert item["title"].startswith(CREDIT[lang] + ": ")
    assert item["issued"] == {"date-parts": [[2026, 12, 7]]} and item["accessed"] == {"date-parts": [[2026, 12, 8]]}
    assert item["URL"] == URL and item["version"] == "2026-12-07" and item["id"] == "distretti_commercio_2026_12_07"
    assert "CC BY 4.0" in item["note"]


def test_csl_json_leaves_out_what_is_unknown():
    item = json.loads(citation.csl_json(_ref(url="", date=None, accessed=None)))[0]
    jsonschema.validate([item], CSL_SCHEMA)
    assert not {"issued", "accessed", "URL", "version"} & set(item)


def _fields(entry: str) -> dict[str, str]:
    return dict(re.findall(r"^  (\w+) = \{(.*)\},?$", entry, flags=re.M))


def _balanced(value: str) -> bool:
    depth = 0
    for i, ch in enumerate(value):
        escaped = i > 0 and value[i - 1] == "\\"
        if ch == "{" and not escaped:
            depth += 1
        elif ch == "}" and not escaped:
            depth -= 1
        if depth < 0:
            return False
    return depth == 0


def test_bibtex_entry_has_the_fields_a_reference_manager_reads():
    entry = citation.bibtex(_ref())
    assert entry.startswith("@misc{distretti_commercio_2026_12_07,\n") and entry.endswith("\n}")
    f = _fields(entry)
    assert f["publisher"] == "Distretti del Commercio" and f["year"] == "2026" and f["version"] == "2026-12-07"
    assert f["urldate"] == "2026-12-08" and f["url"] == URL and "CC BY 4.0" in f["note"]
    assert f["title"].startswith("Distretti del Commercio – dati da fonti pubbliche: Confronti")


def test_bibtex_escapes_braces_and_latex_specials_in_titles():
    entry = citation.bibtex(_ref(what="Rischio {x} 100% & #1_a $ \\ fine", url="https://x.org/?a={b}"))
    f = _fields(entry)
    assert r"Rischio \{x\} 100\% \& \#1\_a \$ \textbackslash{} fine" in f["title"]
    assert f["url"] == "https://x.org/?a=%7Bb%7D"
    assert all(_balanced(v) for v in f.values()) and _balanced(entry[entry.index("{") + 1 : -1])


def test_licence_line_names_the_credit():
    assert CREDIT["it"] in licence_line("it") and "CC BY 4.0" in licence_line("it")
    assert CREDIT["en"] in licence_line("en") and licence_line("en").startswith("Licence")
