"""The citation line (OWID-style) in both languages, and the licence line drawn into images."""

import datetime as dt

import pandas as pd

from district_stats.content.text.citation import CREDIT, citation, licence_line


def test_italian_citation_has_title_date_licence_and_url():
    text = citation("Da dove vengono i 30,2 milioni", pd.Timestamp("2026-11-25"), "https://example.org/investimenti")
    assert text == ("Distretti del Commercio in Piemonte — Da dove vengono i 30,2 milioni. Dati al 25 novembre 2026. "
                    "Licenza CC BY 4.0. https://example.org/investimenti")


def test_english_citation():
    text = citation("Where the money comes from", dt.date(2026, 11, 25), "https://example.org/?lang=en", "en")
    assert text == ("Distretti del Commercio in Piemonte — Where the money comes from. Data as of 25 November 2026. "
                    "Licence CC BY 4.0. https://example.org/?lang=en")


def test_no_url_no_trailing_space_and_no_double_full_stop():
    text = citation("Titolo.", "2025-10-14", "")
    assert text == "Distretti del Commercio in Piemonte — Titolo. Dati al 14 ottobre 2025. Licenza CC BY 4.0."


def test_unknown_date_is_a_dash_not_an_invented_date():
    assert "Dati al –." in citation("Titolo", None)
    assert "Data as of –." in citation("Title", pd.NaT, lang="en")


def test_licence_line_names_the_credit():
    assert CREDIT["it"] in licence_line("it") and "CC BY 4.0" in licence_line("it")
    assert CREDIT["en"] in licence_line("en") and licence_line("en").startswith("Licence")
