"""What an update would change: the plan a preview shows and an apply writes (:mod:`district_stats.ops.update`).

Its own module so that the preview's wording (:mod:`district_stats.ops.preview`) and the update flow share it
without importing each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from district_stats.acts import ActReading, CandidateReport
from district_stats.data.problems import Problem
from district_stats.ops.changes import DistrictChange, RowChange
from district_stats.ops.effects import FigureDelta


@dataclass(frozen=True)
class ActSource:
    """The official act a plan was read from: its public address (the new rows' source), its label and
    date as printed (``date_read`` False when the official gave the date), the call of a graduatoria, the
    PDF's file name."""

    url: str
    label: str = ""
    act_date: dt.date | None = None
    date_read: bool = True
    call: str | None = None
    filename: str = ""


@dataclass
class Plan:
    """A validated candidate and what applying it would change.

    ``inputs``: sha256 (None: missing) of every table the preview read, by file name; ``base_sha256``
    the one of the table itself; ``notes``: things the apply will do besides the table (a damaged
    sidecar rebuilt...), as (text key, parameters); ``restore_of``: the saved version this plan puts
    back; ``change_id``: the changelog id, set once applied.

    The preview's content: ``rows`` (every change by name, :mod:`district_stats.ops.changes`),
    ``figures`` (the dashboard's figures before -> after, :mod:`district_stats.ops.effects`),
    ``districts`` (districts whose comuni change, drawn before and after). ``also``: other tables written
    in the same commit (file name -> bytes: the sources register when a cited address comes or goes).
    A plan read from an act's PDF has ``act`` and, for the form, ``reading`` (the names to resolve) and
    ``report`` (what the act confirms, adds, leaves out).
    """

    table: str
    filename: str
    problems: list[Problem] = field(default_factory=list)
    frame: pd.DataFrame | None = None
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    inputs: dict[str, str | None] = field(default_factory=dict)
    base_sha256: str | None = None
    notes: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    restore_of: str = ""
    change_id: str = ""
    rows: list[RowChange] = field(default_factory=list)
    figures: list[FigureDelta] = field(default_factory=list)
    districts: list[DistrictChange] = field(default_factory=list)
    also: dict[str, bytes] = field(default_factory=dict)
    act: ActSource | None = None
    reading: ActReading | None = None
    report: CandidateReport | None = None

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.also)

    @property
    def ok(self) -> bool:
        return not self.problems and self.frame is not None

    @property
    def n_unchanged(self) -> int:
        return 0 if self.frame is None else len(self.frame) - len(self.added) - len(self.changed)
