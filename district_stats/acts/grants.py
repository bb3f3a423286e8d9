"""The candidate ``grants`` table from a graduatoria (or riparto) of one call.

For each district the act lists on the call's line:

- the table's ``allocated`` (or ``not_financed``) row of that district on that line is *replaced*:
  it keeps its ``grant_id`` (so rows that refer to it stay valid) and takes the act's amount, kind,
  rank, year and address; the report gives the old and new values, and the row's notes keep what
  it said before (amount and sources). When the table has more than one such row, the first is
  replaced and the others removed (all named in the report);
- a district without such a row gets a new one, its ``grant_id`` continuing the sequence.

New and replaced rows: ``amount_kind`` allocated (or not_financed when the act lists the district
without an amount), ``year`` the act's year, ``rank`` the printed position (or the order of a
ranking by score), ``confidence`` high, the score in ``notes``. Other kinds of row (requested,
co-financing, project totals, business calls) and every other district or line are untouched;
allocated rows on the line of districts the act does not list are reported «non nell'atto» and kept.
"""

from __future__ import annotations

import re

import pandas as pd

from district_stats.acts.model import ActReading, ActRow
from district_stats.acts.report import CandidateReport, Change
from district_stats.data.problems import problem

REPLACEABLE = ("allocated", "not_financed")
_FIELDS = ("amount_eur", "amount_kind", "rank", "year", "confidence", "source_urls")


def grants_candidate(reading: ActReading, current: pd.DataFrame) -> tuple[pd.DataFrame, CandidateReport]:
    """(candidate frame, report) for a grants act; see the module docstring."""
    line = str(reading.call)
    report = CandidateReport(
        "grants", reading.source_url, reading.act.label, reading.districts, call=line, n_rows_before=len(current)
    )
    records = current.to_dict("records")
    keep = [True] * len(records)
    referenced = _referenced(current)
    next_id = _next_number(current["grant_id"])
    width = max(3, *(len(g) - 1 for g in current["grant_id"])) if len(current) else 3
    new_rows: list[dict] = []
    listed = set()
    for row in reading.rows:
        did = str(row.district_id)
        listed.add(did)
        values = _values(row, reading, line)
        same = [
            k
            for k, r in enumerate(records)
            if r["district_id"] == did and r["line_id"] == line and r["amount_kind"] in REPLACEABLE
        ]
        if not same:
            gid = f"G{next_id:0{width}d}"
            next_id += 1
            new_rows.append(
                {
                    **{c: None for c in current.columns},
                    "grant_id": gid,
                    "district_id": did,
                    "line_id": line,
                    **values,
                    "notes": _note(row, reading),
                }
            )
            report.changes.append(Change("added", gid, did, _label(row)))
            continue
        first, *rest = same
        old = records[first]
        new = dict(old, **values, notes=_note(row, reading, old))
        fields = tuple((c, _text(old[c]), _text(new[c])) for c in _FIELDS if _text(old[c]) != _text(new[c]))
        records[first] = new
        report.changes.append(Change("replaced", str(old["grant_id"]), did, _label(row), fields))
        for k in rest:
            gid = str(records[k]["grant_id"])
            if gid in referenced:
                report.problems.append(problem("act_grant_referenced", "grants.csv", value=gid, other=referenced[gid]))
            keep[k] = False
            report.changes.append(
                Change("removed", gid, did, _label(row), (("amount_eur", _text(records[k]["amount_eur"]), ""),))
            )
    for r in records:
        if r["line_id"] == line and r["amount_kind"] == "allocated" and r["district_id"] not in listed:
            report.changes.append(
                Change(
                    "not_in_act",
                    str(r["grant_id"]),
                    str(r["district_id"]),
                    str(r["grant_id"]),
                    (("amount_eur", _text(r["amount_eur"]), _text(r["amount_eur"])),),
                )
            )
    kept = [r for r, k in zip(records, keep, strict=True) if k]
    frame = pd.DataFrame(kept + new_rows, columns=current.columns).astype(current.dtypes.to_dict())
    report.n_rows_after = len(frame)
    return frame, report


def _values(row: ActRow, reading: ActReading, line: str) -> dict:
    return {
        "amount_eur": row.amount_eur,
        "amount_kind": "not_financed" if row.not_financed else "allocated",
        "rank": row.rank,
        "year": reading.act.year,
        "confidence": "high",
        "source_urls": reading.source_url,
    }


def _note(row: ActRow, reading: ActReading, old: dict | None = None) -> str:
    parts = [f"atto: {reading.act.label or reading.source_url} (p. {row.page})"]
    if row.score_text:
        parts.append(f"punteggio {row.score_text[:20]}")  # as printed, never a page of text
    if old is not None:
        parts.append(
            f"prima: {_text(old['amount_eur']) or old['amount_kind']} secondo {old['source_urls']}"
            + (f" ({old['notes']})" if _text(old.get("notes")) else "")
        )
    return "; ".join(parts)


def _label(row: ActRow) -> str:
    return row.district_text[:80]


def _referenced(frame: pd.DataFrame) -> dict[str, str]:
    """grant_id -> the row that points at it (restates or refers to it)."""
    out: dict[str, str] = {}
    for col in ("restates_grant_id", "refers_to_grant_ids"):
        if col in frame:
            for gid, cell in zip(frame["grant_id"], frame[col], strict=True):
                for ref in re.findall(r"G\d+", _text(cell)):
                    out[ref] = str(gid)
    return out


def _next_number(ids: pd.Series) -> int:
    numbers = [int(m.group(1)) for m in (re.fullmatch(r"G(\d+)", str(g)) for g in ids) if m]
    return max(numbers, default=0) + 1


def _text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
