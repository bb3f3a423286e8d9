"""The sources register against the other tables: which addresses they cite, and the dates it gives.

- :func:`cited_urls`: every address any curated table cites (columns of kind ``urls``), with the tables
  that cite it; the register must hold exactly these (a data test checks both directions).
- :func:`published_date`: a register date (``2021``, ``2021-07``, ``2021-07-24``) read at its precision.
- :func:`register_pages`: the register as :class:`SourcePage` entries by address, what every place that
  shows a source cites it from (publisher, title and date only as read on the page).
- ``source_dates`` (a table check of ``sources``, used by :mod:`district_stats.data.validation`): the
  date matches its precision, a title or a date that was not verified is empty, a date that was read
  is not later than the day it was read, and nothing was read in the future.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from district_stats.data.rules import Collector
from district_stats.data.schema import CURATED

#: The text of a published date at each precision (``none`` has no date).
DATE_PATTERNS = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}


def cited_urls(tables: Mapping[str, pd.DataFrame]) -> dict[str, set[str]]:
    """Every address cited by the curated tables in ``tables`` -> the names of the tables citing it.

    Reads every column of kind ``urls`` (``source_urls``, ``source_url_a``, ``source_url_b``);
    the register's own ``url`` column (kind ``url``) is not a citation.
    """
    out: dict[str, set[str]] = {}
    for spec in CURATED:
        frame = tables.get(spec.name)
        if frame is None:
            continue
        for col in spec.columns:
            if col.kind != "urls" or col.name not in frame:
                continue
            for cell in frame[col.name].dropna():
                for url in (u.strip() for u in str(cell).split(";")):
                    if url:
                        out.setdefault(url, set()).add(spec.name)
    return out


def published_date(text: object, precision: str) -> dt.date | None:
    """The first day a register date can mean (``2021-07`` -> 1 July 2021); None when there is none.

    Raises:
        ValueError: when ``text`` does not match ``precision`` or is not a calendar date.
    """
    if precision == "none" or text is None or (isinstance(text, float) and pd.isna(text)) or str(text) == "":
        if precision != "none":
            raise ValueError(f"a date of precision {precision!r} is missing")
        if text not in (None, "") and not (isinstance(text, float) and pd.isna(text)):
            raise ValueError(f"{text!r} given with precision 'none'")
        return None
    value = str(text)
    if precision not in DATE_PATTERNS or not re.fullmatch(DATE_PATTERNS[precision], value):
        raise ValueError(f"{value!r} is not a date of precision {precision!r}")
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


@dataclass(frozen=True)
class SourcePage:
    """One cited page as the register gives it (plain values, no formatting).

    ``title`` is '' when nobody read it on the page (``title_basis`` 'not_verified'); ``published`` is the
    first day the published date can mean, at ``precision`` ('day', 'month', 'year', or 'none': no date);
    ``published_basis`` says whether the date was read on the page ('page'), taken from the research
    dossier ('dossier') or not verified. ``registered`` is False for an address the register lacks (then
    only the site's name is known: ``publisher`` is the host).
    """

    url: str
    publisher: str
    title: str = ""
    title_basis: str = "not_verified"
    published: dt.date | None = None
    precision: str = "none"
    published_basis: str = "not_verified"
    accessed: dt.date | None = None
    source_type: str = "altro"
    registered: bool = True


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


def register_pages(frame: pd.DataFrame) -> dict[str, SourcePage]:
    """The sources register (``sources.csv`` as loaded) by address. A row whose date does not match its
    precision (the validation refuses such a file; an empty table is possible) gets no date."""
    out: dict[str, SourcePage] = {}
    for r in frame.itertuples(index=False):
        precision = _text(r.published_precision) or "none"
        try:
            day = published_date(r.published_date, precision)
        except ValueError:
            day, precision = None, "none"
        accessed = (
            r.accessed_date.date() if isinstance(r.accessed_date, pd.Timestamp) and pd.notna(r.accessed_date) else None
        )
        out[str(r.url)] = SourcePage(
            url=str(r.url),
            publisher=_text(r.publisher),
            title=_text(r.title),
            title_basis=_text(r.title_basis) or "not_verified",
            published=day,
            precision=precision,
            published_basis=_text(r.published_basis) or "not_verified",
            accessed=accessed,
            source_type=_text(r.source_type) or "altro",
        )
    return out


def source_dates(frame: pd.DataFrame, rownums: list[int], col: Collector, ctx: object) -> None:
    """Dates and bases of the register agree with each other and with the calendar (see module doc)."""
    today = dt.date.today()
    for i, r in enumerate(frame.itertuples(index=False)):
        title = "" if pd.isna(r.title) else str(r.title)
        if (title == "") != (r.title_basis == "not_verified"):
            col.add("title_basis_mismatch", rownums[i], "title_basis", basis=r.title_basis)
        if r.published_basis == "not_verified" and r.published_precision != "none":
            col.add("unverified_date", rownums[i], "published_date", value=r.published_date)
            continue
        if r.published_basis == "dossier" and r.published_precision == "none":
            col.add("dossier_without_date", rownums[i], "published_precision")
            continue
        try:
            day = published_date(r.published_date, r.published_precision)
        except ValueError:
            col.add(
                "bad_partial_date",
                rownums[i],
                "published_date",
                value=r.published_date,
                precision=r.published_precision,
            )
            continue
        accessed = r.accessed_date.date() if pd.notna(r.accessed_date) else None
        if accessed is not None and accessed > today:
            col.add("date_in_future", rownums[i], "accessed_date", value=accessed.isoformat())
        if day is not None and accessed is not None and day > accessed:
            col.add(
                "published_after_access",
                rownums[i],
                "published_date",
                value=r.published_date,
                accessed=accessed.isoformat(),
            )


CHECKS: dict[str, Callable[[pd.DataFrame, list[int], Collector, object], None]] = {"source_dates": source_dates}
