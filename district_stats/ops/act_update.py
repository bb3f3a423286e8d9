"""An official act's PDF as an update: read it, let the official resolve names, then the same plan as a CSV.

:func:`plan_act` reads the tables once (:func:`district_stats.ops.planning.snapshot`), reads the act against
those same tables (:func:`district_stats.acts.read_act`), builds the candidate full table
(:func:`district_stats.acts.candidate_table`: only the districts or the call the act names change) and
hands its bytes to :func:`district_stats.ops.planning.plan_in`, exactly as a CSV goes: same validation,
same preview, same fingerprints, same all-or-nothing apply. The plan records the act
(:class:`~district_stats.ops.plan.ActSource`): its address is the source of the new rows, goes in the
changelog and the saved version's index, and gets its row in the sources register in the same commit.

A reading that is not ready (a refusal, names to resolve) gives a plan with the problems and the reading
(each unresolved name with its suggestions, for the form's choices); nothing is ever written here.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from district_stats.acts import ActReading, CandidateReport, candidate_table, read_act
from district_stats.acts.calls import open_lines
from district_stats.acts.reference import Reference
from district_stats.analysis.stats import listed_now
from district_stats.data import schema
from district_stats.data.files import frame_to_csv
from district_stats.data.problems import problem
from district_stats.ops import changes
from district_stats.ops.plan import ActSource, Plan
from district_stats.ops.planning import Snapshot, district_names, plan_in, snapshot

#: Tables an act can update (the kinds of act :mod:`district_stats.acts` reads).
ACT_TABLES = ("district_members", "grants")
MAX_URL = 500
_URL = re.compile(r"https?://[^\s;<>\"']+")


def is_pdf(filename: str, data: bytes) -> bool:
    """True for a file to read as an act: named ``.pdf`` or starting like a PDF."""
    return filename.lower().endswith(".pdf") or data[:5] == b"%PDF-"


def url_ok(url: str) -> bool:
    """True for an act's address the tables can cite: http or https, no spaces, quotes or ';', at most
    :data:`MAX_URL` characters."""
    return len(url.strip()) <= MAX_URL and bool(_URL.fullmatch(url.strip()))


def call_choices(lines: pd.DataFrame, lang: str = "it") -> list[tuple[str, str]]:
    """(line_id, label) of the funding lines a graduatoria can belong to, in table order (the form's select);
    ``lines`` is ``funding_lines`` as loaded."""
    labels = dict(zip(lines["line_id"], lines["label_en" if lang == "en" else "label_it"], strict=True))
    return [(lid, str(labels[lid])) for lid in open_lines(lines)]


def plan_act(
    table: str,
    pdf: bytes,
    filename: str,
    source_url: str,
    data_dir: Path,
    *,
    call: str | None = None,
    act_date: dt.date | None = None,
    mapping: dict[str, str] | bytes | str | Path | None = None,
    remove_missing: bool = False,
) -> Plan:
    """The plan of an act's PDF for ``table`` ('district_members' or 'grants'); see the module docstring.

    ``call``: the funding line of a graduatoria (found from the act's number when None); ``act_date``: the
    act's date when it is not printed on it; ``mapping``: the official's answers for unresolved names
    (``nome;codice``: an ISTAT code, a district id or '-' to leave the name out); ``remove_missing``:
    remove the members of the covered districts that the act does not list. Never raises on bad input.
    """
    if table not in ACT_TABLES:
        return Plan(table, filename, [problem("act_bad_table", filename, tables=", ".join(ACT_TABLES))])
    with snapshot(data_dir) as snap:
        reading = read_act(
            pdf,
            table,
            source_url,
            call=call,
            mapping=mapping,
            filename=filename,
            act_date=act_date,
            reference=lambda: Reference.from_tables(snap.current.tables),
        )
        act = ActSource(
            reading.source_url, reading.act.label, reading.act.act_date, act_date is None, reading.call, filename
        )
        if not reading.ok:
            return Plan(
                table, filename, reading.all_problems() or [problem("act_no_rows", filename)], act=act, reading=reading
            )
        frame, report = candidate_table(reading, snap.current[table], remove_missing=remove_missing)
        if frame is None:
            return Plan(table, filename, report.problems, act=act, reading=reading, report=report)
        spec = schema.TABLES[table]
        plan = plan_in(snap, table, frame_to_csv(frame, spec).encode("utf-8"), filename, act=act, read_as=spec.filename)
        plan.reading, plan.report = reading, report
        if plan.ok:
            _act_preview(plan, snap, reading, report)
    return plan


def _act_preview(plan: Plan, snap: Snapshot, reading: ActReading, report: CandidateReport) -> None:
    """What only the act knows: the rows it does not list, every covered district drawn, the list statuses."""
    districts = snap.current["districts"]
    report.district_names = district_names(districts)  # the act's summary names districts and its call, not codes
    name = report.district_name
    lines = snap.current.tables.get("funding_lines")
    if report.call and lines is not None:
        row = lines[lines["line_id"].astype("str") == report.call]
        report.call_names = {lang: str(row[f"label_{lang}"].iloc[0]) for lang in ("it", "en") if len(row)}
    missing: dict[str, list[str]] = {}
    for c in report.by_action("not_in_act"):
        # what the act leaves out: a member comune (kept), or a district's amount on the call (kept as it is)
        detail: tuple[str, ...]
        if plan.table == "district_members":
            missing.setdefault(c.district_id, []).append(c.key.split("/")[-1])
            detail = (c.name, "comune")
        else:
            amount = c.fields[0][1] if c.fields else ""
            detail = (str(report.call or ""), "line", "amount_eur", amount, amount)
        plan.rows.append(
            changes.RowChange("not_in_act", plan.table, c.key, c.district_id, name(c.district_id), *detail)
        )
    if plan.table != "district_members" or plan.frame is None:
        return
    plan.districts = changes.district_changes(
        snap.current[plan.table],
        plan.frame,
        report.district_names,
        reading.districts,
        {d: tuple(v) for d, v in missing.items()},
    )
    listed = listed_now(plan.frame).groupby("district_id").size()
    for did in reading.districts:
        row = districts[districts["district_id"] == did]
        if row.empty:
            continue
        reported = row["n_comuni_reported"].iloc[0]
        plan.notes.append(
            (
                "pv_note_list_status",
                {
                    "name": name(did),
                    "status_key": str(row["members_status"].iloc[0]),
                    **({"reported_key": "pv_not_stated"} if pd.isna(reported) else {"reported": str(int(reported))}),
                    "n": str(int(listed.get(did, 0))),
                },
            )
        )
