"""Comune names -> ISTAT codes: exact, alias, normalised, ambiguous, unmatched."""

from district_stats.data.harmonize import Harmonizer, normalise_name

OFFICIAL = {
    "001255": "Sant'Ambrogio di Torino",
    "004003": "Alba",
    "002150": "Tronzano Vercellese",
    "009999": "San Giorgio",
    "008888": "San-Giorgio",
}


def test_exact_alias_normalised():
    h = Harmonizer(OFFICIAL, {"Tronzano": "002150"})
    assert h.match("Alba").status == "exact"
    m = h.match("Tronzano")
    assert (m.istat_code, m.status) == ("002150", "alias")
    m2 = h.match("sant’ambrogio  di TORINO")
    assert (m2.istat_code, m2.status) == ("001255", "normalised")


def test_ambiguous_and_unmatched_are_never_guessed():
    h = Harmonizer(OFFICIAL)
    amb = h.match("san giorgio ")
    assert amb.istat_code is None and amb.status == "ambiguous" and len(amb.candidates) == 2
    assert h.match("Atlantide").status == "unmatched"
    assert set(h.ambiguous_names()) == {"san giorgio"}


def test_unused_aliases_are_reported():
    h = Harmonizer(OFFICIAL, {"Tronzano": "002150", "Albaa": "004003"})
    h.match("Tronzano")
    assert h.unused_aliases() == ["Albaa"]


def test_normalise_name():
    assert normalise_name("Agliè") == normalise_name("AGLIE")
    assert normalise_name("Premosello-Chiovenda") == "premosello chiovenda"
