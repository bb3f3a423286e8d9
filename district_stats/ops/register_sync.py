"""The sources register (``data/sources.csv``) kept in step with an update, in the same commit.

Every address a table cites has exactly one row in the register, and every row is cited. After an update:

- an address no longer cited by any table loses its row (an act that supersedes an amount replaces the
  row's source; the old address stays in the row's notes, and the register's previous version is saved
  by the same change, so nothing is lost);
- an address cited again (the restore of a version from before such an act) gets back its row as the
  register's most recent saved version has it;
- the act's own address, new to the register, gets a row with what the act itself says (publisher
  Regione Piemonte, kind ``atto``, the act's label as title and its date as published date, both read on
  the act; accessed today).

An address cited for the first time by a CSV is not invented a row: the register says what was read on a
page, and nobody has read it (the data test of the register names it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from district_stats.content.text import safe_text
from district_stats.data.source_rules import cited_urls
from district_stats.ops.plan import ActSource

#: The notes of a row made from an act (how a reader tells it from a row written by hand).
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
    why = (
        "title and date read on the act itself"
        if title and dated
        else ("title read on the act itself; date given by the official" if title else "no title read on the act")
    )
    return {
        "url": act.url,
        "publisher": PUBLISHER,
        "title": title or None,
        "title_basis": "page" if title else "not_verified",
        "published_date": act.act_date.isoformat() if dated and act.act_date else None,
        "published_precision": "day" if dated else "none",
        "published_basis": "page" if dated else "not_verified",
        "accessed_date": pd.Timestamp(today),
        "source_type": "atto",
        "language": "it",
        "notes": f"{MARK} ({safe_text.filename(act.filename)}): {why}.",
    }


def register_after(
    register: pd.DataFrame,
    tables: Mapping[str, pd.DataFrame],
    act: ActSource | None,
    today: dt.date | None = None,
    saved: Callable[[], Iterable[pd.DataFrame]] | None = None,
) -> RegisterChange:
    """The register for the tables after an update (``tables``: every curated table, the new one in place).

    ``saved``: the register's saved versions, newest first (frames as read, every cell text), asked for only
    when a cited address lacks its row. The result keeps the register's columns and types (see the module
    docstring for what changes).
    """
    cited = set(cited_urls(tables))
    drop = ~register["url"].isin(cited)
    removed = tuple(register.loc[drop, "url"])
    missing = cited - set(register["url"])
    rows = _from_history(missing - {act.url if act else ""}, register.columns, saved) if missing else []
    if act is not None and act.url in missing:
        rows.append(act_row(act, today or dt.date.today()))
    if not rows and not removed:
        return RegisterChange(None)
    frame = register[~drop]
    if rows:
        new = pd.DataFrame(rows, columns=register.columns)
        frame = pd.concat([frame, new], ignore_index=True) if len(frame) else new
    frame = frame.sort_values("url", kind="stable").reset_index(drop=True).astype(register.dtypes.to_dict())
    return RegisterChange(frame, tuple(sorted(str(r["url"]) for r in rows)), removed)


def _from_history(urls: set[str], columns: pd.Index, saved: Callable[[], Iterable[pd.DataFrame]] | None) -> list[dict]:
    """The rows of ``urls`` as the most recent saved register that has them holds them."""
    out: list[dict] = []
    if not urls or saved is None:
        return out
    for frame in saved():
        if "url" not in frame or not set(columns) <= set(frame.columns):
            continue
        for rec in frame[frame["url"].isin(urls)].to_dict("records"):
            row = {c: (None if rec[c] == "" else rec[c]) for c in columns}
            row["accessed_date"] = pd.Timestamp(row["accessed_date"]) if row["accessed_date"] else pd.NaT
            out.append(row)
            urls = urls - {rec["url"]}
        if not urls:
            break
    return out
