"""Table rules about money that a single cell cannot check (used by :mod:`district_stats.data.validation`).

- ``amount_matches_kind``: an outcome (``not_financed``) has no amount; every other kind has one.
- ``restatements``: ``restates_grant_id`` names another row of the same district that is not itself a
  restatement, so the money it restates is counted exactly once (``analysis.money.countable``).
- ``grant_references``: every code in ``refers_to_grant_ids`` is a row of the same district that is not a
  restatement.

Each rule receives the typed frame, the spreadsheet row numbers and a collector whose
``add(code, row, column, **params)`` records a problem.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

import pandas as pd

from district_stats.data.schema.base import OUTCOME_KINDS

_GRANT_ID = re.compile(r"G\d{3,5}")


class Collector(Protocol):
    """What a rule needs from the validation collector."""

    def add(self, code: str, row: int | None = None, column: str | None = None, **params: object) -> None:
        """Record problem ``code`` at ``row`` and ``column`` with the parameters of its message."""


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() in ("", "nan", "None")


def amount_matches_kind(frame: pd.DataFrame, rownums: list[int], col: Collector, ctx: object) -> None:
    """An outcome row has no amount; any other row has one."""
    for i, (amount, kind) in enumerate(zip(frame["amount_eur"], frame["amount_kind"], strict=True)):
        if kind in OUTCOME_KINDS and pd.notna(amount):
            col.add("amount_not_allowed", rownums[i], "amount_eur", kind=kind)
        elif kind not in OUTCOME_KINDS and pd.isna(amount):
            col.add("empty_value", rownums[i], "amount_eur")


def restatements(frame: pd.DataFrame, rownums: list[int], col: Collector, ctx: object) -> None:
    """``restates_grant_id`` points to an existing row of the same district that is not a restatement."""
    if "restates_grant_id" not in frame:
        return
    district = dict(zip(frame["grant_id"], frame["district_id"], strict=True))
    restating = {g: r for g, r in zip(frame["grant_id"], frame["restates_grant_id"], strict=True) if not _blank(r)}
    for i, (gid, target) in enumerate(zip(frame["grant_id"], frame["restates_grant_id"], strict=True)):
        if _blank(target):
            continue
        if target == gid:
            col.add("restates_itself", rownums[i], "restates_grant_id", value=target)
        elif target not in district:
            col.add("unknown_reference", rownums[i], "restates_grant_id", value=target, target="grants")
        elif target in restating:
            col.add("restates_a_restatement", rownums[i], "restates_grant_id", value=target, other=restating[target])
        elif district[target] != district[gid]:
            col.add("restates_other_district", rownums[i], "restates_grant_id", value=target, district=district[target])


def grant_references(frame: pd.DataFrame, rownums: list[int], col: Collector, ctx: object) -> None:
    """Every code of ``refers_to_grant_ids`` is a countable row of the same district."""
    if "refers_to_grant_ids" not in frame:
        return
    district = dict(zip(frame["grant_id"], frame["district_id"], strict=True))
    restating = (
        set(frame["grant_id"][frame["restates_grant_id"].map(lambda v: not _blank(v))])
        if "restates_grant_id" in frame
        else set()
    )
    for i, (gid, cell) in enumerate(zip(frame["grant_id"], frame["refers_to_grant_ids"], strict=True)):
        if _blank(cell):
            continue
        for ref in (p.strip() for p in str(cell).split(";") if p.strip()):
            if not _GRANT_ID.fullmatch(ref):
                col.add("bad_id", rownums[i], "refers_to_grant_ids", value=ref, pattern=_GRANT_ID.pattern)
            elif ref not in district or ref == gid:
                col.add("unknown_reference", rownums[i], "refers_to_grant_ids", value=ref, target="grants")
            elif district[ref] != district[gid]:
                col.add("restates_other_district", rownums[i], "refers_to_grant_ids", value=ref, district=district[ref])
            elif ref in restating:
                col.add("refers_to_restatement", rownums[i], "refers_to_grant_ids", value=ref)


CHECKS: dict[str, Callable[[pd.DataFrame, list[int], Collector, object], None]] = {
    "amount_matches_kind": amount_matches_kind,
    "restatements": restatements,
    "grant_references": grant_references,
}
