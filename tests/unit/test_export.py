"""Downloads: CSV with ';' and BOM and Italian decimals, XLSX, and formula neutralisation."""

import io

import pandas as pd
from openpyxl import load_workbook

from district_stats.content.spreadsheets import neutralise, safe_frame, to_csv_bytes, to_xlsx_bytes

FRAME = pd.DataFrame(
    {
        "name": ['=HYPERLINK("x")', "+39 011", "-cmd", "@SUM(A1)", "Alba"],
        "amount_eur": [1234.5, -2.0, 0.0, 3.0, 292306.0],
    }
)


def test_csv_is_italian_with_bom_and_semicolons():
    data = to_csv_bytes(FRAME, "it")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "name;amount_eur"
    assert "1234,5" in text and "'=HYPERLINK" in text
    back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    assert back["amount_eur"].sum() == FRAME["amount_eur"].sum()


def test_csv_english():
    text = to_csv_bytes(FRAME, "en").decode("utf-8-sig")
    assert text.splitlines()[0] == "name,amount_eur" and "1234.5" in text


def test_neutralise_formulas_but_not_numbers():
    assert [neutralise(v) for v in FRAME["name"]] == ['\'=HYPERLINK("x")', "'+39 011", "'-cmd", "'@SUM(A1)", "Alba"]
    assert neutralise(-2.0) == -2.0
    assert safe_frame(FRAME)["amount_eur"].tolist() == FRAME["amount_eur"].tolist()


def test_xlsx_round_trip_keeps_values_and_neutralises_text():
    data = to_xlsx_bytes({"grants": FRAME, "a_very_long_sheet_name_beyond_31_chars": FRAME})
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames[1] == "a_very_long_sheet_name_beyond_3"
    ws = wb["grants"]
    assert ws["A2"].value == '\'=HYPERLINK("x")' and ws["A2"].data_type == "s"
    assert ws["B2"].value == 1234.5


def test_euro_amounts_are_rounded_to_the_cent():
    frame = pd.DataFrame({"amount_eur": [6119244.117000001, 0.005], "share": [0.123456, 1.0]})
    text = to_csv_bytes(frame, "it").decode("utf-8-sig")
    assert "6119244,12" in text and "0,12345" in text  # only euro columns are rounded
