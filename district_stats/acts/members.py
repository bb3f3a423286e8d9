"""The candidate ``district_members`` table from an act's member lists.

Only the districts the act covers change. For each of them:

- a comune the act lists and the table has (in that district) is confirmed: ``list_basis`` becomes
  ``act``, ``confidence`` high, the act's address goes first in ``source_urls`` (the other sources
  stay), ``stated_year`` becomes the act's year unless a source already states a later one, a
  former member becomes a member again;
- a comune the act lists and the table lacks is added (role capofila when the act marks it so or
  it is the district's capofila in ``districts.csv``, member otherwise);
- a current member the act does not list is reported as «non nell'atto», and removed only with
  ``remove_missing``; former members and candidacy or founding rows are left as they are.

Rows of every other district are left exactly as they were, in the same order. A comune the act
puts in a district while it is a current member of another is a problem, never moved silently.
"""

from __future__ import annotations

import pandas as pd

from district_stats.acts.model import ActReading, ActRow
from district_stats.acts.report import CandidateReport, Change
from district_stats.data.problems import problem
from district_stats.data.schema.base import CURRENT_BASES as COUNTED


def members_candidate(
    reading: ActReading, current: pd.DataFrame, *, remove_missing: bool = False
) -> tuple[pd.DataFrame, CandidateReport]:
    """(candidate frame, report) for a members act; see the module docstring."""
    report = CandidateReport(
        "district_members", reading.source_url, reading.act.label, reading.districts, n_rows_before=len(current)
    )
    year = int(reading.act.year or 0)
    by_district: dict[str, list[ActRow]] = {}
    for row in reading.rows:
        by_district.setdefault(str(row.district_id), []).append(row)
    records = current.to_dict("records")
    keep = [True] * len(records)
    where = {(r["district_id"], r["istat_code"]): k for k, r in enumerate(records)}
    added: dict[str, list[dict]] = {}
    for did, rows in by_district.items():
        capofila = _capofila(rows, reading.capofila.get(did))
        listed = {r.istat_code for r in rows}
        for row in rows:
            role = "capofila" if row.istat_code == capofila else "member"
            note = f"atto: {reading.act.label or reading.source_url} (p. {row.page})"
            k = where.get((did, row.istat_code))
            if k is None:
                _check_elsewhere(row, did, current, set(by_district), remove_missing, report)
                new = {
                    "district_id": did,
                    "istat_code": row.istat_code,
                    "comune_name": row.comune_name,
                    "role": role,
                    "stated_year": year,
                    "list_basis": "act",
                    "confidence": "high",
                    "source_urls": reading.source_url,
                    "notes": note,
                }
                added.setdefault(did, []).append(new)
                report.changes.append(Change("added", f"{did}/{row.istat_code}", did, row.comune_name))
                continue
            old = records[k]
            if capofila is None and old["role"] != "former_member":
                role = old["role"]  # a union leads the district: keep the roles the table has
            new = dict(
                old,
                role=role,
                list_basis="act",
                confidence="high",
                stated_year=max(int(old["stated_year"]), year) if pd.notna(old["stated_year"]) else year,
                source_urls=_first(reading.source_url, old["source_urls"]),
                notes=_append(old.get("notes"), note),
            )
            fields = tuple(
                (c, _text(old[c]), _text(new[c]))
                for c in ("role", "stated_year", "list_basis", "confidence", "source_urls", "notes")
                if _text(old[c]) != _text(new[c])
            )
            records[k] = new
            if fields:
                report.changes.append(Change("updated", f"{did}/{row.istat_code}", did, row.comune_name, fields))
        for k, old in enumerate(records):
            if old["district_id"] == did and old["istat_code"] not in listed and _counted(old):
                action = "removed" if remove_missing else "not_in_act"
                keep[k] = not remove_missing
                report.changes.append(Change(action, f"{did}/{old['istat_code']}", did, str(old["comune_name"])))
    frame = _assemble(records, keep, added, current)
    report.n_rows_after = len(frame)
    return frame, report


def _capofila(rows: list[ActRow], table_capofila: str | None) -> str | None:
    marked = {r.istat_code for r in rows if r.is_capofila}
    return next(iter(marked)) if len(marked) == 1 else table_capofila


def _counted(row: dict) -> bool:
    return row["role"] != "former_member" and (pd.isna(row["list_basis"]) or row["list_basis"] in COUNTED)


def _check_elsewhere(
    row: ActRow, did: str, current: pd.DataFrame, covered: set[str], remove_missing: bool, report: CandidateReport
) -> None:
    """A comune the act adds to ``did`` must not stay a current member of another district."""
    there = current[(current["istat_code"] == row.istat_code) & (current["district_id"] != did)]
    for other in there.to_dict("records"):
        if not _counted(other):
            continue
        if other["district_id"] in covered and remove_missing:
            continue  # the act's list of the other district leaves it out: it is removed there
        code = "act_comune_moved" if other["district_id"] in covered else "act_comune_elsewhere"
        report.problems.append(
            problem(
                code,
                "district_members.csv",
                name=row.comune_name,
                value=row.istat_code,
                district=did,
                other=other["district_id"],
            )
        )


def _assemble(
    records: list[dict], keep: list[bool], added: dict[str, list[dict]], current: pd.DataFrame
) -> pd.DataFrame:
    """Rows in the table's order; a district's new rows right after its last row (or in id order)."""
    out: list[dict] = []
    pending = dict(added)
    last = {r["district_id"]: k for k, r in enumerate(records)}
    for k, row in enumerate(records):
        for did in sorted(d for d in pending if d not in last and d < row["district_id"]):
            out += pending.pop(did)
        if keep[k]:
            out.append(row)
        if last.get(row["district_id"]) == k and row["district_id"] in pending:
            out += pending.pop(row["district_id"])
    for did in sorted(pending):
        out += pending[did]
    frame = pd.DataFrame(out, columns=current.columns)
    return frame.astype(current.dtypes.to_dict())


def _first(url: str, urls: object) -> str:
    parts = [u for u in str(urls if pd.notna(urls) else "").split(";") if u and u != url]
    return ";".join([url, *parts])


def _append(notes: object, text: str) -> str:
    old = str(notes) if notes is not None and pd.notna(notes) and str(notes) else ""
    return text if not old else (old if text in old else f"{old} | {text}")


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
