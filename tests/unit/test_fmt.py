"""Italian and English formats, whatever the machine's locale."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from district_stats.content.text import fmt


@pytest.mark.parametrize(
    "value,lang,decimals,expected",
    [
        (1234567.891, "it", 2, "1.234.567,89"),
        (1234567.891, "en", 2, "1,234,567.89"),
        (0, "it", 0, "0"),
        (None, "it", 0, "–"),
        (float("nan"), "en", 0, "–"),
        (pd.NA, "it", 0, "–"),
        (-1500, "it", 0, "-1.500"),
    ],
)
def test_num(value, lang, decimals, expected):
    assert fmt.num(value, lang, decimals) == expected


def test_money():
    assert fmt.eur(8832989.95, "it") == "8.832.990 €"
    assert fmt.eur(8832989.95, "en", 2) == "€8,832,989.95"
    assert fmt.eur_short(30201125.07, "it") == "30,2 mln €"
    assert fmt.eur_short(30201125.07, "en") == "€30.2M"
    assert fmt.eur_short(292306, "it") == "292 mila €"
    assert fmt.eur_short(5000, "it") == "5.000 €"


def test_percent_and_dates():
    assert fmt.pct(0.3142, "it") == "31,4%" and fmt.pct(0.3142, "en", 0) == "31%"
    assert fmt.date_long("2025-10-14", "it") == "14 ottobre 2025"
    assert fmt.date_long(dt.date(2025, 10, 14), "en") == "14 October 2025"
    assert fmt.date_long(pd.Timestamp("2024-10-01"), "it", "month") == "ottobre 2024"
    assert fmt.date_long(None) == "–"
    assert fmt.count_of(80, 98) == "80 di 98" and fmt.count_of(80, 98, "en") == "80 of 98"


def test_plotly_separators():
    assert fmt.plotly_separators("it") == ",." and fmt.plotly_separators("en") == ".,"


def test_a_table_cell_reads_the_same_everywhere():
    """fmt.cell: the one cell format of the pages' tables and the static embeds' tables."""
    assert fmt.cell(1234567.0, "eur", "it") == "1.234.567 €" and fmt.cell(0.5, "eur2", "en") == "€0.50"
    assert fmt.cell(None, "eur", "it") == "non trovato" and fmt.cell(float("nan"), "eur2", "en") == "not found"
    assert fmt.cell(None, "int", "it") == fmt.cell(pd.NaT, "date", "it") == fmt.cell(pd.NA, None, "it") == "–"
    assert fmt.cell(np.int64(12345), "int", "it") == "12.345" and fmt.cell(0.291, "pct", "it") == "29,1%"
    assert fmt.cell(pd.Timestamp("2020-12-11"), "date", "en") == "11 December 2020"
    assert fmt.cell(np.float64(2021.0), "year", "it") == "2021" and fmt.cell(True, "int", "it") == "True"
    assert fmt.cell("testo", "eur", "it") == "testo" and fmt.cell(7, None, "it") == "7"
