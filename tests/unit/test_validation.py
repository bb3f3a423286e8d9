"""Validation against the schema, on tiny hand-made tables (no committed data involved)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from district_stats.data import schema
from district_stats.data.cells import column_style, normalise_istat, parse_int, parse_number
from district_stats.data.harmonize import Harmonizer
from district_stats.data.reader import RawTable, read_bytes
from district_stats.data.validation import Context, validate

COMUNI = {"001272": "Torino", "001125": "Ivrea", "004003": "Alba", "005022": "Castagnole delle Lanze"}
CTX = Context(
    comuni=COMUNI,
    refs={"districts.district_id": {"D001", "D002"}, "funding_lines.line_id": {"L03", "L09"}},
    harmonizer=Harmonizer(COMUNI, {"Castagnole Lanze": "005022"}),
)
MEMBERS_HEADER = [
    "district_id",
    "istat_code",
    "comune_name",
    "role",
    "stated_year",
    "list_basis",
    "confidence",
    "source_urls",
]


def members(*rows: list[str], header: list[str] | None = None) -> RawTable:
    return RawTable(
        "district_members.csv", header or MEMBERS_HEADER, [list(r) for r in rows], list(range(2, 2 + len(rows))), ","
    )


def run(raw: RawTable, spec=schema.DISTRICT_MEMBERS):
    res = validate(raw, spec, CTX)
    return res, [p.code for p in res.problems]


def test_valid_table_is_typed():
    res, codes = run(members(["D001", "1272", "Torino", "capofila", "2025", "current", "high", "https://a.it/x"]))
    assert codes == []
    assert res.frame is not None and res.frame.loc[0, "istat_code"] == "001272"  # zero-padded


def test_missing_extra_and_repeated_columns():
    raw = members(["D001", "Torino", "x"], header=["district_id", "comune_name", "comune_name"])
    _, codes = run(raw)
    assert "duplicate_column" in codes and "missing_column" in codes
    raw2 = members(
        ["D001", "001272", "Torino", "member", "2025", "current", "high", "https://a.it", "?"],
        header=MEMBERS_HEADER + ["colore"],
    )
    assert run(raw2)[1] == ["extra_column"]


def test_ragged_row_names_the_row():
    res, codes = run(members(["D001", "001272"]))
    assert codes == ["ragged_row"] and res.problems[0].row == 2 and res.frame is None


def test_unknown_istat_and_bad_istat():
    _, codes = run(
        members(
            ["D001", "999999", "Foo", "member", "2025", "current", "high", "https://a.it"],
            ["D001", "12ab", "Foo", "member", "2025", "current", "high", "https://a.it"],
        )
    )
    assert codes == ["unknown_istat", "bad_istat"]


def test_comune_in_two_districts_is_refused_but_former_members_are_fine():
    res, codes = run(
        members(
            ["D001", "001272", "Torino", "member", "2025", "current", "high", "https://a.it"],
            ["D002", "001272", "Torino", "member", "2025", "current", "high", "https://a.it"],
        )
    )
    assert codes == ["comune_in_two_districts"]
    assert "D001" in res.problems[0].message() and "riga 2" in res.problems[0].message()
    _, ok = run(
        members(
            ["D001", "001272", "Torino", "member", "2025", "current", "high", "https://a.it"],
            ["D002", "001272", "Torino", "former_member", "2025", "current", "high", "https://a.it"],
        )
    )
    assert ok == []


def test_duplicate_key_and_two_capofila():
    _, codes = run(
        members(
            ["D001", "001272", "Torino", "capofila", "2025", "current", "high", "https://a.it"],
            ["D001", "001272", "Torino", "capofila", "2025", "current", "high", "https://a.it"],
        )
    )
    assert "duplicate_key" in codes
    _, codes2 = run(
        members(
            ["D001", "001272", "Torino", "capofila", "2025", "current", "high", "https://a.it"],
            ["D001", "001125", "Ivrea", "capofila", "2025", "current", "high", "https://a.it"],
        )
    )
    assert codes2 == ["two_capofila"]


def test_name_must_match_code_but_aliases_are_accepted():
    _, codes = run(members(["D001", "001272", "Ivrea", "member", "2025", "current", "high", "https://a.it"]))
    assert codes == ["name_mismatch"]
    _, ok = run(members(["D001", "005022", "Castagnole Lanze", "member", "2025", "current", "high", "https://a.it"]))
    assert ok == []


def test_unknown_enum_reference_and_url():
    _, codes = run(members(["D009", "001272", "Torino", "boss", "2025", "current", "sure", "ftp://a"]))
    assert codes == ["unknown_reference", "bad_enum", "bad_enum", "bad_url"]


def test_empty_required_value():
    _, codes = run(members(["D001", "001272", "", "member", "2025", "current", "high", "https://a.it"]))
    assert codes == ["empty_value"]


def test_newline_in_value_is_refused():
    _, codes = run(members(["D001", "001272", "Tor\nino", "member", "2025", "current", "high", "https://a.it"]))
    assert codes == ["newline"]


# The columns of a grants file written before restatements and rounded-figure flags existed: the new columns are
# optional.
GRANTS_HEADER = [
    c.name
    for c in schema.GRANTS.columns
    if c.name not in ("restates_grant_id", "refers_to_grant_ids", "amount_approximate")
]


def grants(rows: list[list[str]], sep: str = ",") -> RawTable:
    return RawTable("grants.csv", GRANTS_HEADER, rows, list(range(2, 2 + len(rows))), sep)


def grant(amount: str, gid: str = "G001", year: str = "2022") -> list[str]:
    return [gid, "D001", "L03", year, amount, "allocated", "", "high", "https://a.it", ""]


@pytest.mark.parametrize(
    "amount,code",
    [("-5", "negative"), ("dieci", "not_number"), ("1.234,56", "italian_number"), ("1,234.56", "not_number")],
)
def test_bad_amounts_in_comma_files(amount, code):
    res, codes = run(grants([grant(amount)]), schema.GRANTS)
    assert codes == [code]
    assert res.problems[0].column == "amount_eur"


def test_italian_amounts_in_semicolon_files():
    res, codes = run(grants([grant("1.234,56")], sep=";"), schema.GRANTS)
    assert codes == [] and res.frame.loc[0, "amount_eur"] == pytest.approx(1234.56)
    # A ';' file whose amounts are all written with a decimal point (spreadsheet in English).
    res2, codes2 = run(grants([grant("1234.56"), grant("7", "G002", "2023")], sep=";"), schema.GRANTS)
    assert codes2 == [] and res2.frame.loc[0, "amount_eur"] == pytest.approx(1234.56)
    # Both styles in one column: the decimal-point value is not guessed.
    _, codes3 = run(grants([grant("1.234,56"), grant("1234.56", "G002", "2023")], sep=";"), schema.GRANTS)
    assert codes3 == ["ambiguous_number"]
    # '1.234' alone fits Italian grouping: one thousand two hundred thirty-four.
    res4, _ = run(grants([grant("1.234")], sep=";"), schema.GRANTS)
    assert res4.frame.loc[0, "amount_eur"] == 1234


@pytest.mark.parametrize(
    "texts,style",
    [
        (["1.234,56", "7"], "it"),
        (["51495.16", "7"], "intl"),
        (["1.234"], "it"),
        (["1.234", "5.5"], "intl"),
        (["1,5", "5.5"], "it"),
        ([], "it"),
    ],
)
def test_column_style(texts, style):
    assert column_style(texts, "it") == style
    assert column_style(texts, "intl") == "intl"


def test_duplicate_fact_and_bad_year():
    _, codes = run(grants([grant("10", "G001"), grant("10", "G002")]), schema.GRANTS)
    assert codes == ["duplicate_fact"]
    _, codes2 = run(grants([grant("10", year="1999")]), schema.GRANTS)
    assert codes2 == ["below_min"]


def test_problem_messages_have_file_row_column_in_italian_and_english():
    res, _ = run(grants([grant("-5")]), schema.GRANTS)
    p = res.problems[0]
    assert (
        p.message("it")
        == "grants.csv, riga 2, colonna amount_eur: importo negativo (-5): gli importi devono essere ≥ 0"
    )
    assert p.message("en").startswith("grants.csv, row 2, column amount_eur: negative amount")


def test_too_many_problems_are_summarised():
    rows = [grant("x", f"G{i:03d}") for i in range(1, 400)]
    res, codes = run(grants(rows), schema.GRANTS)
    assert len(res.problems) == 201 and codes[-1] == "more_problems"
    assert res.problems[-1].message("en") == "grants.csv: problems not shown: 199 (at most 200 are shown)"


def test_end_to_end_from_bytes():
    text = ";".join(GRANTS_HEADER) + "\n" + "G001;D001;L03;2022;292.306,50;allocated;;high;https://a.it;nota\n"
    raw, probs = read_bytes(text.encode("utf-8-sig"), "grants.csv")
    assert probs == []
    res = validate(raw, schema.GRANTS, CTX)
    assert res.ok and res.frame.loc[0, "amount_eur"] == pytest.approx(292306.5)


@given(st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False))
def test_parse_number_round_trips_intl(x):
    text = f"{x:.2f}"
    value, code, _ = parse_number(text, "intl")
    assert code is None and value == pytest.approx(float(text))


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_parse_number_round_trips_italian_grouping(units, cents):
    grouped = f"{units:,}".replace(",", ".") + f",{cents:02d}"
    value, code, _ = parse_number(grouped, "it")
    assert code is None and value == pytest.approx(units + cents / 100)


@given(st.text(max_size=30))
def test_parsers_never_raise(text):
    parse_number(text, "it")
    parse_number(text, "intl")
    parse_int(text, "it")
    normalise_istat(text)


@given(st.binary(max_size=2000))
def test_reader_never_raises_on_any_bytes(data):
    raw, probs = read_bytes(data, "x.csv")
    assert (raw is None) == bool(probs)
