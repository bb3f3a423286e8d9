"""What an update would change: the plan a preview shows and an apply writes (:mod:`district_stats.ops.update`).

Its own module so that the preview's wording (:mod:`district_stats.ops.preview`) and the update flow share it
without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from district_stats.data.problems import Problem


@dataclass
class Plan:
    """A validated candidate and what applying it would change.

    ``inputs``: sha256 (None: missing) of every table the preview read, by file name; ``base_sha256``
    the one of the table itself; ``notes``: things the apply will do besides the table (a damaged
    sidecar rebuilt...), as (text key, parameters); ``restore_of``: the saved version this plan puts
    back; ``change_id``: the changelog id, set once applied.
    """

    table: str
    filename: str
    problems: list[Problem] = field(default_factory=list)
    frame: pd.DataFrame | None = None
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    totals: list[tuple[str, float, float]] = field(default_factory=list)  # (what, before, after)
    inputs: dict[str, str | None] = field(default_factory=dict)
    base_sha256: str | None = None
    notes: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    restore_of: str = ""
    change_id: str = ""

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    @property
    def ok(self) -> bool:
        return not self.problems and self.frame is not None

    @property
    def n_unchanged(self) -> int:
        return 0 if self.frame is None else len(self.frame) - len(self.added) - len(self.changed)
