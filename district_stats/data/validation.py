"""Validate raw cells against a :class:`~district_stats.data.schema.TableSpec` and type them.

One function, :func:`validate`, is used by the loaders (committed data), the
``validate`` and ``update`` command-line tools and the upload form in the app, so a
table is accepted or refused by the same rules everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from district_stats import settings
from district_stats.data.cells import column_style, read_cell
from district_stats.data.harmonize import Harmonizer
from district_stats.data.problems import Problem, problem
from district_stats.data.reader import RawTable
from district_stats.data.rules import CHECKS as MONEY_CHECKS
from district_stats.data.schema import Column, TableSpec
from district_stats.data.schema.base import CURRENT_BASES
from district_stats.data.source_rules import CHECKS as SOURCE_CHECKS

MAX_PROBLEMS = settings.MAX_PROBLEMS_COLLECTED


@dataclass
class Context:
    """What a table is checked against: the comuni of Piemonte and the ids of other tables.

    ``refs`` maps "table.column" to the set of existing values; a reference whose
    target is missing from ``refs`` is not checked.
    """

    comuni: dict[str, str] = field(default_factory=dict)  # istat_code -> official name
    refs: dict[str, set[str]] = field(default_factory=dict)
    harmonizer: Harmonizer | None = None


@dataclass
class Result:
    """Outcome of :func:`validate`: a typed frame (None if any problem) and the problems."""

    frame: pd.DataFrame | None
    problems: list[Problem]
    n_rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


class _Collector:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.items: list[Problem] = []
        self.dropped = 0

    def add(self, code: str, row: int | None = None, column: str | None = None, **params: object) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(problem(code, self.filename, row, column, **params))
        else:
            self.dropped += 1


def validate(raw: RawTable, spec: TableSpec, ctx: Context | None = None) -> Result:
    """Check ``raw`` against ``spec`` (and ``ctx``) and return a typed DataFrame.

    Checks: header (missing, unknown, repeated columns), row length, every cell
    (type, enum, pattern, minimum, ISTAT code, URL), keys, references and the
    table-level rules named in ``spec.checks``. The frame is returned only when
    there is no problem at all, so nothing partial is ever loaded.
    """
    ctx = ctx or Context()
    col = _Collector(raw.filename)
    _check_header(raw.header, spec, col)
    if col.items:
        return Result(None, col.items, len(raw.rows))
    values = _read_rows(raw, spec, ctx, col)
    if col.items:
        return _finish(col, None, len(raw.rows))
    frame = typed_frame(spec, values)
    _check_table(spec, frame, list(raw.row_numbers), col, ctx)
    return _finish(col, frame, len(raw.rows))


def _check_header(header: list[str], spec: TableSpec, col: _Collector) -> None:
    """Repeated, unknown and missing columns (reported on row 1)."""
    seen: set[str] = set()
    for name in header:
        if name in seen:
            col.add("duplicate_column", 1, name)
        seen.add(name)
    known = set(spec.column_names)
    for name in header:
        if name and name not in known:
            col.add("extra_column", 1, name, table=spec.name)
    for c in spec.columns:
        if c.required and c.name not in seen:
            col.add("missing_column", 1, c.name)


def _read_rows(raw: RawTable, spec: TableSpec, ctx: Context, col: _Collector) -> dict[str, list[object]]:
    """Every cell read by its column's kind (None when empty or wrong), rows of the wrong length reported."""
    header = raw.header
    index = {name: i for i, name in enumerate(header)}
    values: dict[str, list[object]] = {c.name: [] for c in spec.columns}
    styles = {
        c.name: column_style([f[index[c.name]] for f in raw.rows if len(f) == len(header)], raw.number_style)
        if c.kind == "float" and c.name in index
        else raw.number_style
        for c in spec.columns
    }
    for fields, rownum in zip(raw.rows, raw.row_numbers, strict=True):
        if len(fields) != len(header):
            col.add("ragged_row", rownum, None, n=len(fields), expected=len(header))
            continue
        for c in spec.columns:
            text = fields[index[c.name]].strip() if c.name in index else ""
            values[c.name].append(_read_cell(c, text, styles[c.name], ctx, col, rownum))
    return values


def _read_cell(c: Column, text: str, style: str, ctx: Context, col: _Collector, rownum: int) -> object:
    """One cell: empty (an error when the column is required), or its typed value with its reference checked."""
    if text == "":
        if not c.nullable:
            col.add("empty_value", rownum, c.name)
        return None
    ref_add = _bind(col, rownum, c.name)
    v = read_cell(c, text, style, ctx.comuni, ref_add)
    if v is not None and c.references:
        target = ctx.refs.get(c.references)
        if target is not None and str(v) not in target:
            ref_add("unknown_reference", value=v, target=c.references.split(".")[0])
    return v


def _check_table(spec: TableSpec, frame: pd.DataFrame, rownums: list[int], col: _Collector, ctx: Context) -> None:
    """Keys, the table's own rules (``spec.checks``) and year order."""
    _check_keys(spec, frame, rownums, col)
    for check in spec.checks:
        TABLE_CHECKS[check](frame, rownums, col, ctx)
    if "start_year" in frame and "end_year" in frame:
        for i, (s, e) in enumerate(zip(frame["start_year"], frame["end_year"], strict=True)):
            if pd.notna(s) and pd.notna(e) and e < s:
                col.add("year_order", rownums[i], "end_year", value=int(e), start=int(s))


def _bind(col: _Collector, row: int, column: str) -> Callable[..., None]:
    def add(code: str, **params: object) -> None:
        col.add(code, row, column, **params)

    return add


def _finish(col: _Collector, frame: pd.DataFrame | None, n: int) -> Result:
    if col.dropped:
        col.items.append(problem("more_problems", col.filename, None, None, n=col.dropped, limit=MAX_PROBLEMS))
    return Result(frame if not col.items else None, col.items, n)


def typed_frame(spec: TableSpec, values: dict[str, list[object]]) -> pd.DataFrame:
    """The table ``spec`` from parsed cell values by column: Int64, float64 (NaN for a missing number), bool,
    dates (YYYY-MM-DD) or text, as the column's kind says."""
    data: dict[str, pd.Series] = {}
    for c in spec.columns:
        vals = values[c.name]
        if c.kind == "int":
            data[c.name] = pd.Series(vals, dtype="Int64")
        elif c.kind == "float":
            data[c.name] = pd.Series([float("nan") if v is None else v for v in vals], dtype="float64")
        elif c.kind == "bool":
            data[c.name] = pd.Series([bool(v) for v in vals], dtype="bool")
        elif c.kind == "date":
            data[c.name] = pd.to_datetime(pd.Series(vals, dtype="object"), format="%Y-%m-%d")
        else:
            data[c.name] = pd.Series(vals, dtype="str")
    return pd.DataFrame(data)


def _check_keys(spec: TableSpec, frame: pd.DataFrame, rownums: list[int], col: _Collector) -> None:
    first: dict[tuple, int] = {}
    for i, key in enumerate(zip(*(frame[k] for k in spec.key), strict=True)):
        if key in first:
            col.add("duplicate_key", rownums[i], spec.key[0], key="/".join(str(k) for k in key), first_row=first[key])
        else:
            first[key] = rownums[i]


def _one_district_per_comune(frame: pd.DataFrame, rownums: list[int], col: _Collector, ctx: Context) -> None:
    seen: dict[str, tuple[str, int]] = {}
    basis = frame["list_basis"] if "list_basis" in frame else pd.Series("current", index=frame.index)
    for i, (d, code, role, name, base) in enumerate(
        zip(frame["district_id"], frame["istat_code"], frame["role"], frame["comune_name"], basis, strict=True)
    ):
        if role == "former_member" or base not in CURRENT_BASES:  # a past or candidacy list may overlap today's
            continue
        if code in seen and seen[code][0] != d:
            col.add(
                "comune_in_two_districts",
                rownums[i],
                "istat_code",
                value=code,
                name=name,
                other_district=seen[code][0],
                other_row=seen[code][1],
            )
        else:
            seen.setdefault(code, (d, rownums[i]))


def _one_capofila(frame: pd.DataFrame, rownums: list[int], col: _Collector, ctx: Context) -> None:
    seen: dict[str, int] = {}
    for i, (d, role) in enumerate(zip(frame["district_id"], frame["role"], strict=True)):
        if role != "capofila":
            continue
        if d in seen:
            col.add("two_capofila", rownums[i], "role", value=d, other_row=seen[d])
        else:
            seen[d] = rownums[i]


def _name_matches(frame: pd.DataFrame, rownums: list[int], col: _Collector, ctx: Context) -> None:
    if not ctx.comuni:
        return
    for i, (code, name) in enumerate(zip(frame["istat_code"], frame["comune_name"], strict=True)):
        official = ctx.comuni.get(code)
        if official is None or name == official:
            continue
        matched = ctx.harmonizer.match(name).istat_code if ctx.harmonizer else None
        if matched != code:
            col.add("name_mismatch", rownums[i], "comune_name", value=name, istat=code, official=official)


def _parent_exists(frame: pd.DataFrame, rownums: list[int], col: _Collector, ctx: Context) -> None:
    ids = set(frame["line_id"])
    for i, parent in enumerate(frame["parent_line_id"]):
        if pd.notna(parent) and parent not in ids:
            col.add("unknown_reference", rownums[i], "parent_line_id", value=parent, target="funding_lines")


def _no_duplicate_fact(frame: pd.DataFrame, rownums: list[int], col: _Collector, ctx: Context) -> None:
    cols = ["district_id", "line_id", "year", "amount_eur", "amount_kind"]
    first: dict[tuple, int] = {}
    for i, key in enumerate(zip(*(frame[c].astype("str") for c in cols), strict=True)):
        if key in first:
            col.add("duplicate_fact", rownums[i], "amount_eur", first_row=first[key])
        else:
            first[key] = rownums[i]


TABLE_CHECKS: dict[str, Callable[[pd.DataFrame, list[int], _Collector, Context], None]] = {
    "one_district_per_comune": _one_district_per_comune,
    "one_capofila_per_district": _one_capofila,
    "name_matches_code": _name_matches,
    "parent_exists": _parent_exists,
    "no_duplicate_fact": _no_duplicate_fact,
    **MONEY_CHECKS,
    **SOURCE_CHECKS,
}
