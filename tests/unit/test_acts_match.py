"""Names in an act -> ISTAT codes and districts: tolerant of spelling, never a guess, suggestions when unsure."""

from __future__ import annotations

import pandas as pd
import pytest

from district_stats.acts.matching import ComuneMatcher, DistrictMatcher, core, split_province
from district_stats.acts.reference import read_mapping

COMUNI = pd.DataFrame(
    {
        "istat_code": ["004003", "004211", "004222", "004223", "005122", "001999", "004999", "002159"],
        "comune_name": [
            "Alba",
            "Sant'Albano Stura",
            "Sommariva del Bosco",
            "Sommariva Perno",
            "Moransengo-Tonengo",
            "Castello",
            "Castello",
            "San Giacomo Vercellese",
        ],
        "province_code": ["CN", "CN", "CN", "CN", "AT", "TO", "CN", "VC"],
    }
)
DISTRICTS = pd.DataFrame(
    {
        "district_id": ["D039", "D092", "D013", "D078", "D050"],
        "district_name": [
            "Distretto Diffuso del Commercio Alba-Bra",
            'Distretto diffuso del Commercio "Porta della Langa"',
            "Distretto Diffuso del Ciriacese (Distretto Diffuso del Commercio del Ciriacese e del Basso Canavese)",
            "Distretto Diffuso del Commercio del Canavese Orientale e della Dora Baltea",
            "Cuore del Monferrato",
        ],
        "short_name": [
            "Alba-Bra",
            "Porta della Langa",
            "Ciriacese",
            "Canavese Orientale e Dora Baltea",
            "Cuore del Monferrato",
        ],
        "capofila_ente": [
            "Alba",
            "Carrù",
            "Unione dei Comuni del Ciriacese e del Basso Canavese",
            "non indicato dalle fonti",
            "Moncalvo",
        ],
    }
)


@pytest.fixture
def comuni() -> ComuneMatcher:
    return ComuneMatcher(COMUNI, {"Sommariva Bosco": "004222"})


@pytest.mark.parametrize(
    "printed,code",
    [
        ("ALBA", "004003"),
        ("Sant’Albano Stura", "004211"),
        ("Sant Albano Stura", "004211"),
        ("S. Albano Stura", "004211"),
        ("sommariva bosco", "004222"),
        ("Moransengo Tonengo", "005122"),
        ("S. Giacomo Vercellese", "002159"),
    ],
)
def test_spellings_acts_use(comuni, printed, code):
    assert comuni.match(printed).istat_code == code


def test_a_province_settles_a_homonym_and_a_wrong_province_is_asked(comuni):
    assert comuni.match("Castello").istat_code is None and comuni.match("Castello").how == "ambiguous"
    assert {s.code for s in comuni.match("Castello").suggestions} >= {"001999", "004999"}
    assert comuni.match("Castello", "TO").istat_code == "001999"
    wrong = comuni.match("Alba", "TO")
    assert wrong.istat_code is None and wrong.suggestions[0].code == "004003"  # the act's province disagrees


def test_close_names_come_with_scored_suggestions(comuni):
    m = comuni.match("Somariva del Bosco")
    assert m.istat_code is None and m.how == "unmatched"
    assert [s.code for s in m.suggestions][:2] == ["004222", "004223"]
    assert m.suggestions[0].score > m.suggestions[1].score and m.suggestions[0].label == "Sommariva del Bosco (CN)"
    assert comuni.match("Xyzzy").suggestions == ()


def test_the_officials_mapping_wins(comuni):
    mapped = ComuneMatcher(COMUNI, {}, {"somariva del bosco": "004222"})
    assert mapped.match("Somariva del Bosco").istat_code == "004222" and mapped.match("Alba").istat_code == "004003"


def test_split_province():
    assert split_province("Alba (CN)") == ("Alba", "CN") and split_province("Alba (XX)") == ("Alba (XX)", "")


@pytest.mark.parametrize(
    "printed,did,how",
    [
        ("Distretto Diffuso del Commercio Alba-Bra", "D039", "name"),
        ("Alba-Bra", "D039", "name"),
        ("Distretto del Commercio «Porta della Langa»", "D092", "name"),
        ("DDC del Ciriacese e del Basso Canavese", "D013", "name"),
        ("Distretto del Commercio di Alba", "D039", "capofila"),
        ("Cuore del Monferrato", "D050", "name"),
    ],
)
def test_districts_by_name_short_name_or_capofila(printed, did, how):
    m = DistrictMatcher(DISTRICTS)
    assert m.match(printed)[:2] == (did, how)


def test_a_capofila_column_alone_and_an_unknown_district():
    m = DistrictMatcher(DISTRICTS)
    assert m.match("", "Comune di Carrù")[:2] == ("D092", "capofila")
    did, how, suggestions = m.match("Distretto Urbano del Commercio di Bra")
    assert did is None and how == "unmatched" and suggestions[0].code == "D039"  # a hint, never a match
    assert m.match("Distretto Urbano di Bra", "Alba")[0] is None  # a name that fails is asked for, not replaced
    assert m.match("non indicato dalle fonti")[0] is None
    assert DistrictMatcher(DISTRICTS, {"distretto urbano di bra": "D039"}).match("Distretto Urbano di Bra")[0] == "D039"


def test_core_leaves_out_the_words_every_district_has():
    assert core("Distretto Urbano del Commercio di Bra") == "bra"
    assert core('Distretto diffuso del Commercio "Porta della Langa"') == "porta langa"


def test_mapping_files():
    mapping, problems = read_mapping(b"\xef\xbb\xbfnome;codice\nSomariva del Bosco;4222\nDUC di Bra;d039\n\n")
    assert mapping == {"somariva del bosco": "004222", "duc di bra": "D039"} and problems == []
    _, problems = read_mapping("Alba;quattro\nsolo un campo\n")
    assert [(p.code, dict(p.params)["line"]) for p in problems] == [("act_mapping_bad", 1), ("act_mapping_bad", 2)]
    assert read_mapping(None) == ({}, [])
    assert read_mapping("Mondovì;4130".encode("cp1252"))[0] == {"mondovi": "004130"}  # Excel's «CSV» on Windows
