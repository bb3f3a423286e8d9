"""What an update does to the dashboard's own figures, computed by the dashboard's own rules, before -> after.

The same domain functions the pages use (:func:`district_stats.analysis.stats.coverage` for comuni,
residents and complete lists; :func:`district_stats.analysis.money.traced_share` for the money traced
to districts per funding line and how much of the line it covers; :func:`~district_stats.analysis.money.traced_calls`
for the district calls for businesses; :func:`~district_stats.analysis.money.reconstruction` for the
2020-2027 total) run on the tables before and after. Never a sum across kinds of amount: each figure is
one the dashboard shows, labelled as it is there (:mod:`district_stats.ops.preview` words them).

The "before" side depends only on the tables the preview read: it is computed once per data version
(the fingerprints of those tables) and kept for the next preview.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from district_stats.analysis import money, stats
from district_stats.data.memo import Memo

#: The figures every preview shows, in order (the text keys are ``pvf_<key>``).
FIXED = ("districts", "comuni", "residents", "complete", "calls", "total")
_BEFORE: Memo[dict[str, Value]] = Memo(8)


@dataclass(frozen=True)
class Value:
    """One figure: ``value`` (a count, people or euro); ``n`` a count beside it (calls, districts);
    ``total`` and ``share`` what the value is a part of (a funding line's total), NaN when unknown."""

    value: float
    n: int | None = None
    total: float = math.nan
    share: float = math.nan


@dataclass(frozen=True)
class FigureDelta:
    """A figure before and after (None: the figure does not exist on that side, e.g. a new funding line)."""

    key: str  # one of FIXED, or 'line:<line_id>'
    before: Value | None
    after: Value | None
    line_id: str = ""
    label_it: str = ""  # a funding line's label (fixed figures are labelled by their text key)
    label_en: str = ""

    @property
    def changed(self) -> bool:
        """True when the value or what is beside it differs (two unknowns are equal)."""
        if (self.before is None) != (self.after is None):
            return True
        if self.before is None or self.after is None:
            return False
        pairs = [
            (self.before.value, self.after.value),
            (self.before.n, self.after.n),
            (self.before.total, self.after.total),
        ]
        return any(not _same(a, b) for a, b in pairs)


def _same(a: float | int | None, b: float | int | None) -> bool:
    if a is None or b is None:
        return a is b
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return abs(float(a) - float(b)) < 0.005


def figures(tables: Mapping[str, pd.DataFrame], lines: tuple[str, ...] = ()) -> dict[str, Value]:
    """The dashboard's figures for one state of the tables (frames as loaded); ``lines``: funding lines shown
    besides the strategic calls (those an update touches).

    Raises nothing on partial tables: a figure whose tables are missing is left out.
    """
    out: dict[str, Value] = {}
    comuni, members, districts = tables.get("comuni"), tables.get("district_members"), tables.get("districts")
    if comuni is not None and members is not None and districts is not None:
        cov = stats.coverage(comuni, members, districts)
        out["districts"] = Value(float(cov.n_districts))
        out["comuni"] = Value(float(cov.n_covered), total=float(cov.n_comuni), share=cov.share_comuni)
        out["residents"] = Value(float(cov.population_covered), total=float(cov.population), share=cov.share_population)
        out["complete"] = Value(float(cov.n_complete), n=cov.n_districts)
    grants, lines_frame = tables.get("grants"), tables.get("funding_lines")
    if grants is not None and districts is not None:
        calls = money.traced_calls(grants, districts)
        out["calls"] = Value(float(calls["amount_eur"].sum()), n=len(calls))
    if lines_frame is not None:
        out["total"] = Value(money.reconstruction(lines_frame).total_eur)
        if grants is not None:
            wanted = tuple(dict.fromkeys((*money.strategic_lines(lines_frame), *lines)))
            for r in money.traced_share(grants, lines_frame, wanted).to_dict("records"):
                out[f"line:{r['line_id']}"] = Value(
                    r["traced_eur"], n=int(r["n_traced"]), total=r["line_total_eur"], share=r["share"]
                )
    return out


def before_figures(version: tuple, tables: Mapping[str, pd.DataFrame], lines: tuple[str, ...] = ()) -> dict[str, Value]:
    """:func:`figures` of the tables as the preview read them, kept per data version (``version``: their
    fingerprints) and funding lines asked for."""
    return _BEFORE.get((version, lines), lambda: figures(tables, lines))


def deltas(
    before: Mapping[str, Value], after: Mapping[str, Value], lines_frames: tuple[pd.DataFrame, ...]
) -> list[FigureDelta]:
    """Every figure of either side, before -> after, in the dashboard's order (fixed figures, then lines)."""
    labels: dict[str, tuple[str, str]] = {}
    for frame in lines_frames:  # the labels as the newest table has them
        labels |= {
            str(k): (str(a), str(b))
            for k, a, b in zip(frame["line_id"], frame["label_it"], frame["label_en"], strict=True)
        }
    keys = [k for k in FIXED if k in before or k in after]
    keys += [k for k in dict.fromkeys([*before, *after]) if k.startswith("line:")]
    out = []
    for k in keys:
        line = k.removeprefix("line:") if k.startswith("line:") else ""
        it, en = labels.get(line, (line, line)) if line else ("", "")
        out.append(FigureDelta(k, before.get(k), after.get(k), line, it, en))
    return out
