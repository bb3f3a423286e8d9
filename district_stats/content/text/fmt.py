"""Number, money and date formatting, Italian by default, whatever the browser locale.

Italian: ``1.234.567,89``, ``30,2 mln €``, ``14 ottobre 2025``.
English: ``1,234,567.89``, ``€30.2M``, ``14 October 2025``.
Every function takes ``lang`` ('it' or 'en'); any other value falls back to Italian.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers

import pandas as pd
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from district_stats.content.text.i18n import t

LOCALES = {"it": "it_IT", "en": "en_GB"}


def _loc(lang: str) -> str:
    return LOCALES.get(lang, "it_IT")


def _missing(value: object) -> bool:
    """None, NaN, pd.NA and NaT (e.g. the max of an empty date column)."""
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT


def num(value: float | int | None, lang: str = "it", decimals: int = 0) -> str:
    """A number with thousands separators and a fixed number of decimals; '–' if missing."""
    if value is None or _missing(value):
        return "–"
    fmt = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(round(float(value), decimals), format=fmt, locale=_loc(lang))


def eur(value: float | int | None, lang: str = "it", decimals: int = 0) -> str:
    """Full euro amount: '8.832.990 €' (it) / '€8,832,990' (en)."""
    if _missing(value):
        return "–"
    text = num(value, lang, decimals)
    return f"€{text}" if lang == "en" else f"{text} €"


def eur_short(value: float | int | None, lang: str = "it", decimals: int = 1) -> str:
    """Compact euro amount: '30,2 mln €' / '€30.2M'; thousands as '292 mila €' / '€292k'."""
    if value is None or _missing(value):
        return "–"
    v = float(value)
    if abs(v) >= 1_000_000:
        text = num(v / 1_000_000, lang, decimals)
        return f"€{text}M" if lang == "en" else f"{text} mln €"
    if abs(v) >= 10_000:
        text = num(v / 1_000, lang, 0)
        return f"€{text}k" if lang == "en" else f"{text} mila €"
    return eur(v, lang)


def pct(share: float | None, lang: str = "it", decimals: int = 1) -> str:
    """A share (0.503) as a percentage: '50,3%' / '50.3%'."""
    if share is None or _missing(share):
        return "–"
    fmt = "#,##0" + ("." + "0" * decimals if decimals > 0 else "") + "%"
    return format_percent(share, format=fmt, locale=_loc(lang)).replace("\xa0", "")


def date_long(value: dt.date | pd.Timestamp | str | None, lang: str = "it", precision: str = "day") -> str:
    """A date in words: '14 ottobre 2025' / '14 October 2025'; precision 'month' -> 'ottobre 2024'."""
    if value is None or _missing(value) or (isinstance(value, str) and not value):
        return "–"
    if isinstance(value, pd.Timestamp):
        if pd.isna(value):
            return "–"
        day = value.date()
    else:
        day = dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value
    if precision == "year":
        return str(day.year)
    fmt = "MMMM y" if precision == "month" else "d MMMM y"
    return format_date(day, format=fmt, locale=_loc(lang))


def count_of(part: int, whole: int, lang: str = "it") -> str:
    """'80 di 98' / '80 of 98'."""
    return t("count_of", lang, part=num(part, lang), whole=num(whole, lang))


def plotly_separators(lang: str = "it") -> str:
    """Plotly ``layout.separators``: decimal then thousands character."""
    return ".," if lang == "en" else ",."


#: Kinds of table cells that hold an amount: a missing one reads «non trovato» (unknown, never zero).
AMOUNT_KINDS = ("eur", "eur2")
#: How a number is written in a table cell, by the kind :mod:`~district_stats.content.text.display` gives
#: its column ('date' cells are dates, see :func:`cell`).
_CELL_NUMBERS = {
    "eur": lambda v, lang: eur(v, lang),
    "eur2": lambda v, lang: eur(v, lang, 2),
    "int": lambda v, lang: num(v, lang),
    "pct": lambda v, lang: pct(v, lang),
    "year": lambda v, lang: str(int(v)),
}


def cell(value: object, kind: str | None = None, lang: str = "it") -> str:
    """One table cell as a person reads it, the same on the pages and in the static embeds.

    ``kind`` is the column's format: 'eur', 'eur2' (with cents), 'int', 'pct' (a share), 'date', 'year',
    or None (the value as text). A missing value reads «non trovato» in an amount column (the sources
    give no amount: unknown, never zero) and '–' elsewhere.
    """
    if _missing(value):
        return t("value_not_found", lang) if kind in AMOUNT_KINDS else "–"
    if kind == "date" and isinstance(value, dt.date | str):  # a Timestamp is a datetime, hence a date
        return date_long(value, lang)
    if kind in _CELL_NUMBERS and isinstance(value, numbers.Real) and not isinstance(value, bool):
        return _CELL_NUMBERS[kind](value, lang)
    return str(value)
