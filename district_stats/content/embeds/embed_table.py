"""The data of a static embed in words: the chart's table with human column names and values.

A journalist (or a screen reader) gets the numbers behind the picture: codes become names
(«TO» -> «Torino», «L03» -> «Progetti strategici 2022-24»), amounts, shares and dates are
written the Italian (or English) way, internal ids and source links are left to the CSV.
Returns plain text: the page builder escapes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from district_stats.analysis.views import Views
from district_stats.content.text import display, fmt
from district_stats.content.text.i18n import TEXT, t
from district_stats.data.schema import PROVINCES

#: Column names in words: the catalogue's ``embcol_<column>``; a column without one keeps its name with spaces.
#: Columns left to the CSV download: ids, links and the other language.
DROPPED = {"source_urls", "figure_id", "line_ids", "event_id", "date_precision", "district_id"}
#: Columns whose values are codes with a name (enum values, lines, provinces, flow nodes).
CODED = {
    "group",
    "beneficiary",
    "source",
    "target",
    "district_type",
    "members_status",
    "active_status",
    "amount_basis",
    "line_id",
    "province_code",
}


@dataclass(frozen=True)
class Table:
    """A table ready to print: headers, rows of text, and which columns are numbers (right-aligned)."""

    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool]


def code_names(views: Views, lang: str = "it") -> dict[str, str]:
    """Names of the codes that appear in chart tables: provinces, funding lines, flow nodes, beneficiaries."""
    lines = views.ds["funding_lines"]
    names = dict(PROVINCES)
    names.update(zip(lines["line_id"], lines["label_en" if lang == "en" else "label_it"]))
    names.update(
        {
            "regione": t("lbl_regione", lang),
            "interventi": t("lbl_interventi", lang),
            "imprese": t("lbl_business", lang),
            "comuni_distretti": t("lbl_public", lang),
        }
    )
    return names


def _cell(col: str, value: object, lang: str, names: Mapping[str, str]) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if col == "confidence":
        return t(f"conf_{value}", lang) if f"conf_{value}" in TEXT else str(value)
    if col in CODED and isinstance(value, str):
        return _code_name(col, value, lang, names)
    if isinstance(value, int | float):
        kind = _number_kind(col, value)
        return fmt.cell(value, kind, lang) if kind else fmt.num(value, lang, 0 if float(value).is_integer() else 2)
    return fmt.cell(value, "date" if isinstance(value, pd.Timestamp) else None, lang)


def _code_name(col: str, value: str, lang: str, names: Mapping[str, str]) -> str:
    """A code in words: a name of ``names``, a group's plural («distretti urbani»), or its catalogue text."""
    if value in names:
        return names[value]
    if col == "group" and f"{value}_pl" in TEXT:
        return t(f"{value}_pl", lang)
    return t(value, lang) if value in TEXT else value


def _number_kind(col: str, value: float) -> str | None:
    """How a number of column ``col`` is written (see :func:`~district_stats.content.text.fmt.cell`): an amount
    (with cents below 1.000 €), a share, a year; None for a plain count or measure."""
    if col.endswith("_eur") or (col == "value" and float(value) > 0):
        return "eur2" if abs(float(value)) < 1000 else "eur"
    if col.startswith("share"):
        return "pct"
    return "year" if col.endswith("year") else None


def readable(
    frame: pd.DataFrame, lang: str = "it", names: Mapping[str, str] | None = None, max_rows: int = 200
) -> Table:
    """``frame`` as words and formatted numbers (at most ``max_rows`` rows)."""
    names = names or {}
    other = "label_it" if lang == "en" else "label_en"
    cols = [
        c
        for c in frame.columns
        if c not in DROPPED and c != other and not (c == "line_id" and ("label_it" in frame or "label_en" in frame))
    ]
    # A table of flags (lines × kinds of intervention): the kinds are text keys.
    headers = [
        t(f"embcol_{c}", lang) if f"embcol_{c}" in TEXT else (t(c, lang) if c in TEXT else c.replace("_", " "))
        for c in cols
    ]
    rows = [
        [_cell(c, v, lang, names) for c, v in zip(cols, rec)]
        for rec in frame[cols].head(max_rows).itertuples(index=False, name=None)
    ]
    numeric = [
        pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c]) and not c.endswith("year")
        for c in cols
    ]
    return Table(headers, rows, numeric)


def from_display(shown: display.Display, lang: str = "it", max_rows: int = 200) -> Table:
    """A table already in words (:attr:`ChartOutput.display`, the one the dashboard shows) as printable text:
    numbers in ``lang``'s format, an amount that is missing as «non trovato», links and codes left to the CSV."""
    frame = shown.frame
    codes = {display.header(c, lang) for c in display.ID_COLUMNS}
    cols = [c for c in frame.columns if c not in shown.links and c not in codes]
    rows = [
        [fmt.cell(v, shown.formats.get(c), lang) for c, v in zip(cols, rec)]
        for rec in frame[cols].head(max_rows).itertuples(index=False, name=None)
    ]
    numeric = [shown.formats.get(c) in ("eur", "eur2", "int", "pct") for c in cols]
    return Table(cols, rows, numeric)
