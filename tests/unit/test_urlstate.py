"""Hostile and odd query strings: unknown ids, long values, HTML/JS, repeated keys."""

import unicodedata

import pytest

from district_stats.urlstate import (
    MAX_VALUE_LEN,
    Param,
    clean_params,
    clean_value,
    encode,
    int_range,
    istat_code,
    one_of,
    parse,
    pattern,
)

PARAMS = [
    Param("lang", "it", one_of(("it", "en"))),
    Param("d", "", one_of({"D001", "D002"})),
    Param("passo", "1", int_range(1, 8)),
    Param("c", "", istat_code({"001272"})),
    Param("q", "", pattern(r"[\w' .-]{1,40}")),
]


def test_defaults_and_valid_values():
    values, notices = parse({}, PARAMS)
    assert values == {"lang": "it", "d": "", "passo": "1", "c": "", "q": ""} and notices == []
    values, notices = parse({"lang": "en", "d": "D002", "passo": "3", "c": "1272", "q": "Alba"}, PARAMS)
    assert values == {"lang": "en", "d": "D002", "passo": "3", "c": "001272", "q": "Alba"} and notices == []


def test_unknown_ids_fall_back_with_a_notice():
    values, notices = parse({"d": "D999", "c": "999999", "passo": "9"}, PARAMS)
    assert values["d"] == "" and values["c"] == "" and values["passo"] == "1"
    assert [(n.key, n.reason) for n in notices] == [("d", "invalid"), ("passo", "invalid"), ("c", "invalid")]


def test_html_and_script_are_refused():
    for evil in ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)", "D001;drop"):
        values, notices = parse({"d": evil, "q": evil}, PARAMS)
        assert values["d"] == "" and values["q"] == "" and len(notices) == 2


def test_very_long_values_are_cut_from_the_notice():
    values, notices = parse({"q": "a" * 10_000}, PARAMS)
    assert values["q"] == "" and notices[0].reason == "too_long" and len(notices[0].value) <= 21
    assert MAX_VALUE_LEN < 256  # the longest legitimate value is a list of open tables


def test_repeated_keys_use_the_first_value():
    values, notices = parse({"lang": ["en", "it"]}, PARAMS)
    assert values["lang"] == "en" and [n.reason for n in notices] == ["repeated"]


def test_odd_integers():
    for bad in ("01", "-1", "1.0", "", "2 2", "２"):
        values, _ = parse({"passo": bad}, PARAMS)
        assert values["passo"] == "1"


def test_encode_writes_only_non_defaults():
    assert encode({"lang": "it", "d": "D001", "passo": "1", "c": "", "q": ""}, PARAMS) == {"d": "D001"}
    assert encode({"lang": "en", "passo": "4"}, PARAMS) == {"lang": "en", "passo": "4"}


#: Invisible and format characters a link picks up when it is copied from a document, a chat or a PDF.
INVISIBLE = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2060",
    "\u2061",
    "\u2062",
    "\u2063",
    "\u2064",
    "\u2066",
    "\u2069",
    "\ufeff",
    "\u00ad",
    "\u180e",
    "\U000e0001",
]


def test_every_format_character_is_a_format_character():
    assert all(unicodedata.category(c) == "Cf" for c in INVISIBLE)


@pytest.mark.parametrize("mark", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_invisible_characters_around_and_inside_a_value_are_removed_before_the_lookup(mark):
    for value in (f"{mark}004003{mark}", f"00{mark}4003", f" {mark}004003\t", f"{mark * 5}004003"):
        values, notices = parse({"c": value}, [Param("c", "", istat_code({"004003"}))])
        assert values == {"c": "004003"} and notices == [], value
    assert clean_value(f"{mark}D001 ") == "D001"


def test_the_issue_example_and_keys_and_whitespace():
    assert clean_value("\u202e004003\u200b") == "004003"
    assert clean_value("\xa0 it\n") == "it"  # no-break space and a line break around the value
    assert clean_params({"\u200bc": "004003", "c": ["\u200e1272"]}) == {"c": ["004003", "1272"]}
    values, notices = parse({"\ufeffd": "D001\u200b"}, PARAMS)
    assert values["d"] == "D001" and notices == []


def test_visible_text_is_not_changed_by_the_cleaning():
    for value in ("Alba", "L'Aquila", "Mondovì", "São", "a b", "<script>"):
        assert clean_value(value) == value
