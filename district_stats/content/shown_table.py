"""A table as a person reads it, ready for the data grid or as plain Markdown, and its CSV/XLSX downloads.

A raw frame (schema column names) goes through :func:`district_stats.content.text.display.humanize` (human
headers, values in words, sources by publisher with a link, codes last); a :class:`Display` a builder made
is shown as it is. Numbers keep their numeric type, so the grid sorts them as numbers while each cell reads
as :func:`district_stats.content.text.fmt.cell` writes it (the same as in the static embeds).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeAlias

import pandas as pd
from pandas.io.formats.style import Styler

from district_stats.content.spreadsheets import CSV, XLSX, Download, to_csv_bytes, to_xlsx_bytes
from district_stats.content.text import display, fmt, sources
from district_stats.content.text.i18n import t

#: What a table view accepts: a raw frame, or a table a builder already made readable.
Table: TypeAlias = pd.DataFrame | display.Display


@dataclass(frozen=True)
class GridTable:
    """A table for the data grid: the styled frame, the columns holding links, and each header's help text."""

    styler: Styler
    links: tuple[str, ...]
    help: dict[str, str]


def readable(
    table: Table, lang: str = "it", register: sources.Register | None = None, **humanize: Any
) -> display.Display:
    """``table`` as a person reads it (``humanize`` keyword arguments go to :func:`display.humanize`, with the
    sources ``register`` citing source columns); a :class:`display.Display` is returned as it is."""
    if isinstance(table, display.Display):
        return table
    humanize.setdefault("register", register or {})
    return display.humanize(table, lang, **humanize)


def grid(table: Table, lang: str = "it", register: sources.Register | None = None, **humanize: Any) -> GridTable:
    """``table`` ready for the data grid, in ``lang``'s number formats.

    The grid draws an empty cell as "None" whatever the styler says: a column with gaps is written out as text
    ("–", or «non trovato» for an amount), a full column stays numeric (and sorts as numbers); an empty link
    cell is blank.
    """
    shown = readable(table, lang, register, **humanize)
    frame = shown.frame.copy()
    for h in frame.columns:
        if not frame[h].isna().any():
            continue
        if h in shown.links:  # an empty link cell is blank; a null one would read "None"
            frame[h] = frame[h].fillna("")
            continue
        kind = shown.formats.get(h)
        frame[h] = [fmt.cell(v, kind, lang) if kind or pd.isna(v) else v for v in frame[h]]
    styler = frame.style.format(na_rep="–")
    for h, kind in shown.formats.items():
        if pd.api.types.is_numeric_dtype(frame[h]) or pd.api.types.is_datetime64_any_dtype(frame[h]):
            styler = styler.format(lambda v, k=kind: fmt.cell(v, k, lang), subset=[h])
    return GridTable(styler, tuple(shown.links), dict(shown.help))


def markdown(frame: pd.DataFrame, lang: str = "it", **humanize: Any) -> str:
    """A short table as plain Markdown (what the grid shows, without sorting)."""
    return display.markdown_table(display.humanize(frame, lang, **humanize), lang)


def downloads(frame: pd.DataFrame, name: str, lang: str = "it") -> tuple[Download, Download]:
    """CSV (';' and BOM for Italian) and XLSX of a raw table (the data's column names), named ``name``."""
    return (
        Download(t("download_csv", lang), lambda: to_csv_bytes(frame, lang), f"{name}.csv", CSV),
        Download(t("download_xlsx", lang), lambda: to_xlsx_bytes({name: frame}), f"{name}.xlsx", XLSX),
    )
