"""Reading candidate files: encodings, separators, XLSX, limits. Every refusal is a Problem, never an exception."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from district_stats.data.reader import MAX_BYTES, read_bytes, sniff_separator

HEADER = "district_id,istat_code,comune_name,role,confidence,source_urls\n"
ROW = "D001,001272,Torino,capofila,high,https://example.org/a\n"


def codes(probs):
    return [p.code for p in probs]


def test_utf8_comma_file_reads():
    raw, probs = read_bytes((HEADER + ROW).encode(), "m.csv")
    assert probs == []
    assert raw.header[0] == "district_id" and raw.rows[0][1] == "001272"
    assert raw.separator == "," and raw.number_style == "intl"
    assert raw.row_numbers == [2]


def test_bom_and_semicolon_are_accepted_with_italian_numbers():
    text = "\ufeff" + HEADER.replace(",", ";") + ROW.replace(",", ";")
    raw, probs = read_bytes(text.encode("utf-8"), "m.csv")
    assert probs == []
    assert raw.header[0] == "district_id"  # BOM stripped
    assert raw.separator == ";" and raw.number_style == "it"


def test_utf16_with_bom_is_decoded():
    raw, probs = read_bytes((HEADER + ROW).encode("utf-16"), "m.csv")
    assert probs == [] and raw.rows[0][2] == "Torino"


def test_latin1_is_refused_with_line_number():
    data = (HEADER + ROW + "D002,001125,Agliè,member,high,https://x.it\n").encode("latin-1")
    raw, probs = read_bytes(data, "m.csv")
    assert raw is None and codes(probs) == ["encoding"]
    assert dict(probs[0].params)["line"] == 3
    assert "UTF-8" in probs[0].message()


def test_empty_and_whitespace_files():
    assert codes(read_bytes(b"", "m.csv")[1]) == ["file_empty"]
    assert codes(read_bytes(b"  \n\n", "m.csv")[1]) == ["file_empty"]


def test_header_only():
    assert codes(read_bytes(HEADER.encode(), "m.csv")[1]) == ["header_only"]


def test_binary_junk_is_refused():
    assert codes(read_bytes(bytes(range(256)) * 10, "m.csv")[1]) == ["binary"]


def test_unknown_extension():
    assert codes(read_bytes(b"a,b\n1,2\n", "m.pdf")[1]) == ["unknown_format"]


def test_no_separator():
    assert codes(read_bytes(b"justonecolumn\nvalue\n", "m.csv")[1]) == ["separator"]


def test_malformed_quotes():
    data = HEADER + 'D001,"001272,Torino,capofila,high,https://x.it\n'
    raw, probs = read_bytes(data.encode(), "m.csv")
    assert raw is None and codes(probs) == ["malformed"]


def test_quoted_newline_is_one_record():
    data = HEADER + 'D001,001272,"Tori\nno",capofila,high,https://x.it\n' + ROW
    raw, probs = read_bytes(data.encode(), "m.csv")
    assert probs == [] and len(raw.rows) == 2 and raw.row_numbers == [2, 3]


def test_size_limit_before_parsing():
    raw, probs = read_bytes(b"a" * (MAX_BYTES + 1), "big.csv")
    assert raw is None and codes(probs) == ["file_too_large"]


def test_row_limit():
    data = HEADER + ROW * 11
    raw, probs = read_bytes(data.encode(), "m.csv", max_rows=10)
    assert raw is None and codes(probs) == ["too_many_rows"]


def _xlsx(rows, formula_cell=None) -> bytes:
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    if formula_cell:
        ws[formula_cell] = "=SUM(1,2)"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_values_read_as_text():
    data = _xlsx([["grant_id", "amount_eur", "year"], ["G001", 292306.5, 2022], ["G002", 20000, None]])
    raw, probs = read_bytes(data, "grants.xlsx")
    assert probs == []
    assert raw.separator == "xlsx"
    assert raw.rows == [["G001", "292306.5", "2022"], ["G002", "20000", ""]]


def test_xlsx_with_formula_is_refused_naming_the_cell():
    data = _xlsx([["grant_id", "amount_eur"], ["G001", 1]], formula_cell="B3")
    raw, probs = read_bytes(data, "grants.xlsx")
    assert raw is None and codes(probs) == ["formula"]
    assert "B3" in probs[0].message()


def test_corrupt_xlsx():
    raw, probs = read_bytes(b"PK\x03\x04" + b"\x00garbage" * 50, "x.xlsx")
    assert raw is None and codes(probs) == ["bad_xlsx"]


@pytest.mark.parametrize(
    "line,sep", [("a;b;c", ";"), ("a,b,c", ","), ("a\tb", "\t"), ('"a,b";c;d', ";"), ("abc", None)]
)
def test_sniff_separator(line, sep):
    assert sniff_separator(line) == sep
