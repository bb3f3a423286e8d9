"""Table downloads: CSV (';', UTF-8 with BOM, Italian decimals) and XLSX.

Cells that a spreadsheet would execute (starting with '=', '+', '-', '@', tab or CR)
are neutralised with a leading apostrophe, so an exported file cannot run a formula.
Numbers stay numbers (a negative number is not text and is not neutralised).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Download:
    """A file a page offers: its button's words, the bytes (built only when clicked), the file's name and type,
    and why it cannot be offered (``missing``, empty when it can) or what it holds (``help``)."""

    label: str
    data: Callable[[], bytes]
    file_name: str
    mime: str
    missing: str = ""
    help: str | None = None


def neutralise(value: object) -> object:
    """Prefix text that a spreadsheet would treat as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``frame`` with every text cell neutralised, dates as ISO text and euro amounts
    (columns ending in ``_eur``) rounded to the cent (computed shares such as 30% of a line
    would otherwise print float noise like 6119244,117000001)."""
    out = frame.copy()
    for col in out.columns:
        if str(col).endswith("_eur") and pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].round(2)
        elif pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
        elif not pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    out.columns = [str(neutralise(c)) for c in out.columns]
    return out


def to_csv_bytes(frame: pd.DataFrame, lang: str = "it") -> bytes:
    """CSV for spreadsheets: Italian uses ';' and decimal comma, English ',' and point; UTF-8 with BOM."""
    sep, dec = (";", ",") if lang != "en" else (",", ".")
    text = safe_frame(frame).to_csv(index=False, sep=sep, decimal=dec, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")


def to_xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """One workbook, a sheet per table (names cut to Excel's 31 characters), values only."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            safe_frame(frame).to_excel(writer, sheet_name=name[:31], index=False)
    return buf.getvalue()
