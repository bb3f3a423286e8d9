"""Official acts as input: read a PDF of the Regione (member lists, graduatorie) into a candidate table.

Two calls, no command line and no user interface (the update flow calls them)::

    from district_stats.acts import read_act, candidate_table

    reading = read_act(pdf_bytes, "members", "https://…/atto.pdf")          # or "grants", call="L08"
    if reading.ok:
        frame, report = candidate_table(reading, dataset["district_members"])
    else:
        for p in reading.all_problems(): print(p.message("it"))            # refusals, names to resolve
        for u in reading.unresolved: print(u.name, [s.label for s in u.suggestions])

- :func:`read_act` (:mod:`.reading`) opens the PDF safely (:mod:`.pdf`: size, damage, password,
  scans, page limit), finds its tables, ruled or not, across pages (:mod:`.layout`, :mod:`.rows`,
  :mod:`.headers`), reads the act's number and date (:mod:`.text`), the call of a graduatoria
  (:mod:`.calls`), and matches every name (:mod:`.matching`): an :class:`ActReading` with the
  rows as read (page by page), the names it could not resolve with their closest suggestions, and
  the problems. The official answers with a mapping (dict or CSV ``nome;codice``) and reads again.
- :func:`candidate_table` turns a ready reading into the full candidate table (``district_members``
  by :mod:`.members`, ``grants`` by :mod:`.grants`): only the districts (or the call) the act covers
  change, everything else is left as it was; a :class:`CandidateReport` says what changes and why.
  The candidate then goes through the update flow like any CSV (validation, preview, apply).

Nothing here writes a file.
"""

from __future__ import annotations

import pandas as pd

from district_stats.acts.grants import grants_candidate
from district_stats.acts.members import members_candidate
from district_stats.acts.model import ActInfo, ActReading, ActRow, Suggestion, Unresolved
from district_stats.acts.reading import read_act
from district_stats.acts.reference import Reference, read_mapping
from district_stats.acts.report import CandidateReport, Change
from district_stats.data.problems import problem

__all__ = [
    "ActInfo",
    "ActReading",
    "ActRow",
    "CandidateReport",
    "Change",
    "Reference",
    "Suggestion",
    "Unresolved",
    "candidate_table",
    "read_act",
    "read_mapping",
]


def candidate_table(
    reading: ActReading, current: pd.DataFrame, *, remove_missing: bool = False
) -> tuple[pd.DataFrame | None, CandidateReport]:
    """The candidate full table (``reading.table``) with the act applied to ``current``, and the report.

    ``current`` is the table as loaded (:func:`district_stats.data.loading.load_dataset`); it is not
    modified. ``remove_missing`` (members only) removes the current members of the covered districts
    that the act does not list; without it they stay and are reported as «non nell'atto».

    Returns (None, report with problems) when the reading is not ready (``reading.ok`` false) or the
    act conflicts with the table (a comune it adds is a member of another district); otherwise the
    frame, with the same columns and dtypes as ``current``, ready for the update flow's validation.
    """
    if not reading.ok:
        report = CandidateReport(
            reading.table,
            reading.source_url,
            reading.act.label,
            reading.districts,
            call=reading.call,
            n_rows_before=len(current),
        )
        report.problems = reading.all_problems() or [problem("act_no_rows", reading.filename)]
        return None, report
    if reading.table == "grants":
        frame, report = grants_candidate(reading, current)
    else:
        frame, report = members_candidate(reading, current, remove_missing=remove_missing)
    return (None if report.problems else frame), report
