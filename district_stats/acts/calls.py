"""Which funding line (call) a graduatoria belongs to: given by the official, or found from the act itself.

An act is found by its number and date among the acts ``funding_lines.act`` cites («graduatoria
D.D. n. 706 del 18/12/2025» -> L08). Aggregate lines (``line_kind`` totale) are never chosen;
two lines citing the same act, or none, leave the choice to the official.
"""

from __future__ import annotations

import pandas as pd

from district_stats.acts.model import ActInfo, ActReading
from district_stats.acts.text import find_acts
from district_stats.data.problems import problem

#: Kinds of line whose per-district amounts an act can state.
GRANT_LINE_KINDS = ("bando", "graduatoria")


def open_lines(lines: pd.DataFrame) -> list[str]:
    """Lines a graduatoria can belong to (calls and rankings with per-district amounts), in table order."""
    keep = lines["line_kind"].isin(GRANT_LINE_KINDS) & (lines["district_amounts"] != "not_summed")
    return [str(v) for v in lines.loc[keep, "line_id"]]


def lines_citing(act: ActInfo, lines: pd.DataFrame) -> list[str]:
    """Lines whose ``act`` text cites the act (same number, same date), aggregates left out."""
    if not act.number or act.act_date is None:
        return []
    number = act.number.split("/")[0]
    out = []
    for line_id, text, kind in zip(lines["line_id"], lines["act"].fillna(""), lines["line_kind"], strict=True):
        if kind == "totale":
            continue
        if any(ref.date == act.act_date and number in ref.numbers for ref in find_acts(str(text))):
            out.append(str(line_id))
    return out


def resolve(call: str | None, act: ActInfo, lines: pd.DataFrame, reading: ActReading) -> tuple[str | None, str]:
    """(line_id, how) for a grants act: the line given (checked), else the one the act's number names.

    Adds a problem to ``reading`` when the given line does not exist, or when the act names no line
    or several (the official then gives it).
    """
    allowed = ", ".join(open_lines(lines))
    if call:
        if call.strip() in set(lines["line_id"]):
            return call.strip(), "given"
        reading.problems.append(problem("act_unknown_call", reading.filename, value=call, lines=allowed))
        return None, ""
    found = lines_citing(act, lines)
    if len(found) == 1:
        return found[0], "act"
    code = "act_two_calls" if found else "act_no_call"
    reading.problems.append(
        problem(code, reading.filename, act=act.label or "?", found=", ".join(found), lines=allowed)
    )
    return None, ""
