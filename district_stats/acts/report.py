"""What a candidate built from an act changes, row by row, in words an official can check.

The update flow's preview compares whole tables; this report adds what only the act knows: which
districts (or which call) it covers, the members it does not list («non nell'atto»), the amounts it
replaces, and why a row changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from district_stats.content.text import fmt
from district_stats.content.text.i18n import t
from district_stats.data.problems import Problem


@dataclass(frozen=True)
class Change:
    """One row the act touches.

    ``action``: 'added', 'updated', 'removed', 'not_in_act' (kept, the act does not list it) or
    'replaced' (a grant row whose values the act supersedes). ``key`` is the table key
    (``D039/004003`` or ``G021``); ``fields`` holds (column, old, new) as text for changed cells.
    """

    action: str
    key: str
    district_id: str
    name: str
    fields: tuple[tuple[str, str, str], ...] = ()


@dataclass
class CandidateReport:
    """Outcome of :func:`district_stats.acts.candidate_table`."""

    table: str
    source_url: str
    act_label: str = ""
    districts: list[str] = field(default_factory=list)
    call: str | None = None
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    n_rows_before: int = 0
    n_rows_after: int = 0
    #: How the summary names districts and the call (id -> name; set by the preview, ids where a name is missing).
    district_names: dict[str, str] = field(default_factory=dict)
    call_names: dict[str, str] = field(default_factory=dict)  # lang -> the call's name

    @property
    def ok(self) -> bool:
        return not self.problems

    def district_name(self, district_id: str) -> str:
        """The district's name (its id when no name is known)."""
        return self.district_names.get(district_id, district_id)

    def named(self, c: Change) -> str:
        """«Comune (District name)»: a change as a reader names it."""
        return f"{c.name} ({self.district_name(c.district_id)})"

    def by_action(self, action: str) -> list[Change]:
        """The changes of one kind, in table order."""
        return [c for c in self.changes if c.action == action]

    @property
    def n_untouched(self) -> int:
        """Rows of the current table left exactly as they were."""
        touched = {"updated", "removed", "replaced"}
        return self.n_rows_before - sum(1 for c in self.changes if c.action in touched)

    def summary(self, lang: str = "it") -> list[str]:
        """Plain sentences: what the act covers, then one line per kind of change (none when empty)."""
        out = [
            t(
                "act_covers_call" if self.call else "act_covers",
                lang,
                act=self.act_label or self.source_url,
                n=len(self.districts),
                ids=", ".join(self.district_name(d) for d in self.districts),
                call=self.call_names.get(lang) or self.call or "",
            )
        ]
        for action in ("added", "updated", "replaced", "removed", "not_in_act"):
            items = self.by_action(action)
            if items:
                names = ", ".join(self.named(c) for c in items[:30])
                more = t("act_and_more", lang, n=fmt.num(len(items) - 30, lang)) if len(items) > 30 else ""
                out.append(t(f"act_change_{action}", lang, n=len(items), names=names + more))
        out.append(t("act_untouched", lang, n=self.n_untouched))
        return out
