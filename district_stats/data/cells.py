"""Reading one cell of a candidate table by its column's kind: whole and decimal numbers (Italian
``1.234,56`` or international ``1234.56``), dates, booleans, enum values, ids, ISTAT codes and URL lists.

:func:`read_cell` returns the typed value, or None after reporting what is wrong in words an official
can act on (:mod:`district_stats.data.problems`); :mod:`~district_stats.data.validation` reads every cell
of a table with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import pandas as pd

from district_stats.data.schema import Column

MAX_TEXT = 2000
_INT = re.compile(r"-?\d+")
_INT_IT = re.compile(r"-?\d{1,3}(\.\d{3})+")
_NUM_INTL = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")
_NUM_IT = re.compile(r"-?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?")
_DATE_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DATE_IT = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_URL = re.compile(r"https?://[^\s;]+")
_TRUE = {"true", "1", "sì", "si", "vero", "yes", "y"}
_FALSE = {"false", "0", "no", "falso", "n"}


def parse_number(text: str, style: str) -> tuple[float | None, str | None, dict]:
    """Parse a decimal number written in ``style`` ('it': 1.234,56 or 'intl': 1234.56).

    Returns (value, None, {}) or (None, problem_code, params). A leading/trailing
    '€' and spaces are ignored.
    """
    t = text.replace("€", "").strip()
    if style == "it":
        if _NUM_IT.fullmatch(t):
            return float(t.replace(".", "").replace(",", ".")), None, {}
        if _NUM_INTL.fullmatch(t):
            return None, "ambiguous_number", {"value": text}
        return None, "not_number", {"value": text}
    if _NUM_INTL.fullmatch(t):
        return float(t), None, {}
    if _NUM_IT.fullmatch(t) and ("," in t):
        return None, "italian_number", {"value": text, "suggestion": t.replace(".", "").replace(",", ".")}
    return None, "not_number", {"value": text}


def column_style(texts: list[str], file_style: str) -> str:
    """Number style of one column: the file's, except a ';' file whose column is written 1234.56.

    Spreadsheets set to English write ';'-separated files with decimal points. A value such as
    '51495.16' cannot be Italian (groups of thousands have three digits), so when a column has
    such values and no decimal comma it is read as 'intl'. A column that mixes both styles stays
    'it', and its decimal-point values are then reported as ambiguous rather than guessed.
    """
    if file_style != "it":
        return file_style
    has_comma = has_point = False
    for raw in texts:
        t = raw.replace("€", "").strip()
        if "," in t:
            has_comma = True
        elif "." in t and _NUM_INTL.fullmatch(t) and not _INT_IT.fullmatch(t):
            has_point = True
    return "intl" if has_point and not has_comma else "it"


def parse_int(text: str, style: str) -> int | None:
    """Parse a whole number ('1234', or '1.234' in Italian style); None if it is not one."""
    t = text.strip()
    if _INT.fullmatch(t):
        return int(t)
    if style == "it" and _INT_IT.fullmatch(t):
        return int(t.replace(".", ""))
    return None


def normalise_istat(text: str) -> str | None:
    """'1272', '01272', '001272' -> '001272'; None if not 1-6 digits."""
    t = text.strip()
    if t.endswith(".0"):
        t = t[:-2]
    if re.fullmatch(r"[0-9]{1,6}", t):  # ASCII digits only
        return t.zfill(6)
    return None


def _parse_date(text: str) -> str | None:
    m = _DATE_ISO.fullmatch(text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = _DATE_IT.fullmatch(text)
        if not m:
            return None
        d, mo, y = (int(g) for g in m.groups())
    try:
        return pd.Timestamp(year=y, month=mo, day=d).date().isoformat()
    except ValueError:
        return None


def read_cell(col: Column, text: str, style: str, comuni: Mapping[str, str], add: Callable[..., None]) -> object:
    """One cell of column ``col`` as its typed value, or None after reporting through ``add`` what is wrong
    (``style``: the column's number style, 'it' or 'intl'; ``comuni``: the ISTAT codes known, empty for any).

    Raises:
        ValueError: for a column kind the schema should not have (a bug, not bad input).
    """
    if "\n" in text or "\r" in text:
        add("newline")
        return None
    if len(text) > MAX_TEXT:
        add("too_long", n=len(text), limit=MAX_TEXT)
        return None
    parse = _PARSERS.get(col.kind)
    if parse is None:
        raise ValueError(f"unknown column kind {col.kind!r}")  # a schema bug, not bad input
    return parse(col, text, style, comuni, add)


def _int_cell(col: Column, text: str, style: str, comuni: Mapping[str, str], add: Callable[..., None]) -> object:
    v = parse_int(text, style)
    if v is None:
        add("not_int", value=text)
        return None
    return _check_min(col, v, add)


def _float_cell(col: Column, text: str, style: str, comuni: Mapping[str, str], add: Callable[..., None]) -> object:
    val, code, params = parse_number(text, style)
    if code:
        add(code, **params)
        return None
    return None if val is None else _check_min(col, val, add)


def _date_cell(col: Column, text: str, style: str, comuni: Mapping[str, str], add: Callable[..., None]) -> object:
    d = _parse_date(text)
    if d is None:
        add("bad_date", value=text)
    return d


def _bool_cell(col: Column, text: str, style: str, comuni: Mapping[str, str], add: Callable[..., None]) -> object:
    low = text.lower()
    if low in _TRUE or low in _FALSE:
        return low in _TRUE
    add("bad_bool", value=text)
    return None


def _enum_cell(col: Column, text: str, style: str, comuni: Mapping[str, str], add: Callable[..., None]) -> object:
    low = text.lower() if text.lower() in col.enum else text
    if low not in col.enum:
        add("bad_enum", value=text, allowed=", ".join(col.enum))
        return None
    return low


def _id_cell(col: Column, text: str, style: str, comuni: Mapping[str, str], add: Callable[..., None]) -> object:
    if not re.fullmatch(col.pattern, text):
        add("bad_id", value=text, pattern=col.pattern)
        return None
    return text


def _istat_cell(col: Column, text: str, style: str, comuni: Mapping[str, str], add: Callable[..., None]) -> object:
    code = normalise_istat(text)
    if code is None:
        add("bad_istat", value=text)
        return None
    if comuni and code not in comuni:
        add("unknown_istat", value=code)
        return None
    return code


def _urls_cell(col: Column, text: str, style: str, comuni: Mapping[str, str], add: Callable[..., None]) -> object:
    # One address ('url'), or several separated by ';' ('urls').
    parts = [p.strip() for p in text.split(";") if p.strip()] if col.kind == "urls" else [text]
    bad = [p for p in parts if not _URL.fullmatch(p)]
    if bad or not parts:
        add("bad_url", value=bad[0] if bad else text)
        return None
    return ";".join(parts)


#: How a cell of each column kind is read: (column, text, number style, comuni, report) -> value or None.
_PARSERS: dict[str, Callable[[Column, str, str, Mapping[str, str], Callable[..., None]], object]] = {
    "str": lambda col, text, style, comuni, add: text,
    "int": _int_cell,
    "float": _float_cell,
    "date": _date_cell,
    "bool": _bool_cell,
    "enum": _enum_cell,
    "id": _id_cell,
    "istat": _istat_cell,
    "urls": _urls_cell,
    "url": _urls_cell,
}


def _check_min(col: Column, value: float, add: Callable[..., None]) -> float | None:
    if col.min_value is not None and value < col.min_value:
        if value < 0 and col.unit == "EUR":
            add("negative", value=_plain(value))
        else:
            add("below_min", value=_plain(value), min=_plain(col.min_value))
        return None
    return value


def _plain(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)
