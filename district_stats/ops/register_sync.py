"""The sources register (``data/sources.csv``) kept in step with an update, in the same commit.

Every address a table cites has one row in the register. An act read from its PDF brings a new
address: its row is added with what the act itself says (publisher Regione Piemonte, kind ``atto``,
the act's label as title and its date as published date, both read on the act; accessed today). A
row added that way and no longer cited by any table after an update (the restore of the version
before the act) is removed again. Rows written by hand are never touched here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from district_stats.content.text import safe_text
from district_stats.data.source_rules import cited_urls
from district_stats.ops.plan import ActSource

#: The notes of a row this module added (how it is told apart from rows written by hand).
MARK = "Added by an update from the act's PDF"
PUBLISHER = "Regione Piemonte"


@dataclass(frozen=True)
class RegisterChange:
    """What the update does to the register: the new table (None: unchanged), addresses added and removed."""

    frame: pd.DataFrame | None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


def act_row(act: ActSource, today: dt.date) -> dict:
    """The register row of an act's address: only what was read on the act (or nothing, said so)."""
    title = safe_text.plain(act.label, 300)
    dated = act.act_date is not None and act.date_read
    why = "title and date read on the act itself" if title and dated else (
        "title read on the act itself; date given by the official" if title else "no title read on the act")
    return {"url": act.url, "publisher": PUBLISHER, "title": title or None,
            "title_basis": "page" if title else "not_verified",
            "published_date": act.act_date.isoformat() if dated and act.act_date else None,
            "published_precision": "day" if dated else "none",
            "published_basis": "page" if dated else "not_verified",
            "accessed_date": pd.Timestamp(today), "source_type": "atto", "language": "it",
            "notes": f"{MARK} ({safe_text.filename(act.filename)}): {why}."}


def register_after(register: pd.DataFrame, tables: Mapping[str, pd.DataFrame], act: ActSource | None,
                   today: dt.date | None = None) -> RegisterChange:
    """The register for the tables after an update (``tables``: every curated table, the new one in place).

    Adds the act's address when a table cites it and the register lacks it; removes the rows this module
    added that no table cites any more. The result keeps the register's columns and types.
    """
    cited = set(cited_urls(tables))
    notes = register["notes"].fillna("").astype("str")
    drop = notes.str.startswith(MARK) & ~register["url"].isin(cited)
    removed = tuple(register.loc[drop, "url"])
    frame = register[~drop]
    added: tuple[str, ...] = ()
    if act is not None and act.url in cited and act.url not in set(register["url"]):
        row = pd.DataFrame([act_row(act, today or dt.date.today())], columns=register.columns)
        frame = pd.concat([frame, row], ignore_index=True) if len(frame) else row
        added = (act.url,)
    if not added and not removed:
        return RegisterChange(None)
    frame = frame.sort_values("url", kind="stable").reset_index(drop=True).astype(register.dtypes.to_dict())
    return RegisterChange(frame, added, removed)
