"""What reading an act gives back: the rows as read, the names left to resolve, the problems.

Plain dataclasses with no behaviour beyond a few derived properties, so the update flow (command
line, form, preview) can show them and keep them in a session without knowing how a PDF is read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from district_stats.data.problems import Problem, problem

KINDS = {"members": "district_members", "district_members": "district_members", "grants": "grants"}


@dataclass(frozen=True)
class Suggestion:
    """A close match for an unresolved name: the code to use, a label to show and a 0-100 score."""

    code: str
    label: str
    score: int


@dataclass(frozen=True)
class Unresolved:
    """A printed name that matched nothing (or more than one thing): it blocks the candidate.

    ``kind`` is 'comune' or 'district'; ``pages`` where it is printed; ``suggestions`` best first.
    """

    name: str
    kind: str
    pages: tuple[int, ...]
    suggestions: tuple[Suggestion, ...] = ()
    province: str = ""

    def problem(self, filename: str) -> Problem:
        """The name as a problem, with its suggestions («Sommariva Bosco → Sommariva del Bosco (CN) 94%?»)."""
        pages = ", ".join(str(p) for p in self.pages)
        if not self.suggestions:
            return problem(f"act_unresolved_{self.kind}_none", filename, name=self.name, pages=pages)
        hints = ""
        for s in self.suggestions:  # as many as fit in a message's 80 characters
            more = f"{hints}; {s.label} {s.score}%" if hints else f"{s.label} {s.score}%"
            if len(more) > 80 and hints:
                break
            hints = more
        return problem(f"act_unresolved_{self.kind}", filename, name=self.name, pages=pages, suggestions=hints)


@dataclass(frozen=True)
class ActRow:
    """One row of the act as read (one comune of a district, or one district's grant) and what it matched.

    Texts are as printed (cells on one line); ``district_id`` / ``istat_code`` are None until
    resolved. Grants: ``amount_eur`` None with ``not_financed`` True when the act lists the
    district without an amount (ammesso, non finanziato).
    """

    page: int
    district_text: str
    district_id: str | None = None
    district_how: str = ""
    comune_text: str = ""
    istat_code: str | None = None
    comune_name: str = ""
    province: str = ""
    is_capofila: bool = False
    amount_text: str = ""
    amount_eur: float | None = None
    not_financed: bool = False
    score_text: str = ""
    rank: int | None = None


@dataclass(frozen=True)
class ActInfo:
    """The act itself, as printed on it (or given by the caller): «D.D. n. 706 del 18/12/2025»."""

    label: str = ""
    number: str = ""
    act_date: dt.date | None = None

    @property
    def year(self) -> int | None:
        return self.act_date.year if self.act_date else None


@dataclass
class ActReading:
    """Everything read from one act's PDF (see :func:`district_stats.acts.read_act`).

    ``table`` is 'district_members' or 'grants'; ``call`` the funding line of a graduatoria (given
    by the caller, ``call_how`` 'given', or found from the act's number, 'act'); ``rows`` as read,
    in the act's order; ``unresolved`` names left for the official; ``problems`` everything else
    that stops the act from being used (a refused file has only problems); ``capofila`` the
    capofila of each covered district as ``districts.csv`` has it (members acts).
    """

    table: str
    filename: str
    source_url: str
    act: ActInfo = field(default_factory=ActInfo)
    call: str | None = None
    call_how: str = ""
    rows: list[ActRow] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    n_pages: int = 0
    n_lines: int = 0
    pages_without_text: list[int] = field(default_factory=list)
    capofila: dict[str, str] = field(default_factory=dict)  # district_id -> capofila ISTAT code (districts.csv)
    skipped: list[str] = field(default_factory=list)  # names the official chose to leave out, with their page

    @property
    def ok(self) -> bool:
        """True when the act can become a candidate: rows read, every name resolved, no problem."""
        return bool(self.rows) and not self.unresolved and not self.problems

    @property
    def districts(self) -> list[str]:
        """The districts the act covers (resolved ids, sorted)."""
        return sorted({r.district_id for r in self.rows if r.district_id})

    def all_problems(self) -> list[Problem]:
        """Problems, then one problem per unresolved name (with its suggestions): what blocks the apply."""
        return [*self.problems, *(u.problem(self.filename) for u in self.unresolved)]
