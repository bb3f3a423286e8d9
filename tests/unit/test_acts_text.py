"""What an act prints, read as values: amounts, scores, dates, act numbers, column names, headings."""

from __future__ import annotations

import datetime as dt

import pytest

from district_stats.acts.headers import header_role, header_roles
from district_stats.acts.rows import heading_district
from district_stats.acts.text import clean_cell, find_acts, parse_amount, parse_date, parse_rank, parse_score, the_act


@pytest.mark.parametrize(
    "text,value",
    [
        ("€ 292.306,63", 292306.63),
        ("250.000,00 €", 250000.0),
        ("1.234,56", 1234.56),
        ("20000", 20000.0),
        ("1.234", 1234.0),
        ("12,5", 12.5),
        ("euro 5.000,00", 5000.0),
        ("€\u00a01.000", 1000.0),
        ("292,306.63", 292306.63),
        ("0,00", 0.0),
        ("EUR 7.000,00.", 7000.0),
    ],
)
def test_italian_amounts(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["", "abc", "1 2", "12,345", "vedi nota", "1.23,4", "€"])
def test_what_is_not_one_amount_is_never_guessed(text):
    assert parse_amount(text) is None


def test_scores_positions_dates():
    assert parse_score("92,50") == 92.5 and parse_score("72/100") == 72.0 and parse_score("n.d.") is None
    assert parse_rank("1°") == 1 and parse_rank("12.") == 12 and parse_rank("0") is None and parse_rank("a") is None
    assert parse_date("18/12/2025") == dt.date(2025, 12, 18) == parse_date("18 dicembre 2025")
    assert parse_date("1° luglio 2021") == dt.date(2021, 7, 1) and parse_date("31/02/2021") is None


def test_act_numbers_and_dates_as_printed():
    assert [(a.kind, a.number, a.date) for a in find_acts("D.D. n. 340/A2009B/2022 del 13/12/2022")] == [
        ("D.D.", "340/A2009B/2022", dt.date(2022, 12, 13))
    ]
    assert find_acts("D.D. n. 232 e n. 236 del 04/10/2021")[0].numbers == ("232", "236")
    text = "vista la D.G.R. n. 23-2535 del 11/12/2020;\nDETERMINAZIONE DIRIGENZIALE N. 146 DEL 28 giugno 2021"
    act = the_act(text)
    assert act is not None and (act.number, act.date) == ("146", dt.date(2021, 6, 28))  # the act, not what it cites
    assert the_act("D.G.R. n. 38-4133 del 19/11/2021").kind == "D.G.R." and the_act("nessun atto") is None


def test_cells_on_one_line():
    assert clean_cell("Distretto del Commercio\ndella Valle") == "Distretto del Commercio della Valle"
    assert clean_cell("Castel-\nnuovo") == "Castelnuovo" and clean_cell("Moransengo-\nTonengo") == "Moransengo-Tonengo"
    assert clean_cell(None) == "" and clean_cell("  a \u00a0 b ") == "a b"


@pytest.mark.parametrize(
    "header,role",
    [
        ("Comune", "comune"),
        ("Comuni aderenti", "comune"),
        ("Ente", "comune"),
        ("Denominazione ente", "comune"),
        ("Comuni aderenti al distretto", "comune"),
        ("Distretto", "district"),
        ("Denominazione", "district"),
        ("Denominazione distretto", "district"),
        ("Contributo", "amount"),
        ("Importo concesso", "amount"),
        ("Contributo concesso (€)", "amount"),
        ("Punteggio", "score"),
        ("Punteggio ottenuto", "score"),
        ("Posizione", "rank"),
        ("N.", "rank"),
        ("Prov.", "province"),
        ("Comune capofila", "capofila"),
        ("Beneficiario", "capofila"),
        ("Codice ISTAT", "istat"),
        ("Contributo richiesto", "other"),
        ("Spesa ammessa", "other"),
        ("Alba", None),
        ("", None),
        ("Punteggio (max 100)", "score"),
        ("N. progr.", "rank"),
        ("Denominazione DUC/DDC", "district"),
        ("Totale contributo", "amount"),
    ],
)
def test_header_synonyms(header, role):
    assert header_role(header) == role


def test_a_header_row_and_a_data_row():
    assert header_roles(["Denominazione distretto", "Comuni aderenti", "Prov."]) == ["district", "comune", "province"]
    assert header_roles(["Comune"]) == ["comune"]
    assert header_roles(["Distretto Urbano di Bra", "Comune di Bra", "CN"]) is None  # data, not a header
    assert header_roles(["1", "Distretto", "72,5", "Contributo"]) is None  # a number: data
    assert header_roles(["Contributo", "Importo"]) is None  # two amount columns: never guessed
    assert header_roles(["Distretto", "Contributo 2025", "Contributo 2026", "Totale contributo"]) == [
        "district",
        "other",
        "other",
        "amount",
    ]  # unless one is the total


@pytest.mark.parametrize(
    "line,district",
    [
        ("Distretto del Commercio di Alba – comuni aderenti:", "Distretto del Commercio di Alba"),
        ("2. Distretto Diffuso del Commercio Alba-Bra: elenco dei comuni", "Distretto Diffuso del Commercio Alba-Bra"),
        ("DUC di Novara", "DUC di Novara"),
        ("Elenco dei distretti del commercio e dei comuni aderenti", ""),
        ("ESEMPIO – dati inventati, non un atto ufficiale", ""),
        ("Distretto del Commercio – elenco dei comuni", ""),  # a running page header names no district
    ],
)
def test_district_headings(line, district):
    assert heading_district(line) == district
