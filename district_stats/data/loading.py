"""Load the tables of ``data/``, validated, into DataFrames.

Every table is read with :mod:`district_stats.reader` and checked with
:func:`district_stats.validation.validate` (the same path as an uploaded file).
A required table that is missing or invalid makes ``Dataset.ok`` false; an optional
one becomes an empty, correctly typed table plus a notice. Loading never raises on
bad data, so the app can always show a page that explains what is wrong.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from district_stats.data import schema
from district_stats.data.files import table_path
from district_stats.data.harmonize import Harmonizer
from district_stats.data.memo import Memo
from district_stats.data.problems import Problem, problem
from district_stats.data.reader import MAX_BYTES, RawTable, read_bytes, read_path
from district_stats.data.validation import Context, typed_frame, validate
from district_stats.paths import DATA_DIR

REQUIRED = ("comuni", "districts", "district_members", "funding_lines", "grants", "headline_figures")


@dataclass(frozen=True)
class Dataset:
    """All tables, typed. ``problems`` maps table name -> problems found while loading; ``content`` a fingerprint
    of what every table was loaded from (equal for two folders holding the same tables, unlike ``version``)."""

    tables: dict[str, pd.DataFrame]
    problems: dict[str, list[Problem]] = field(default_factory=dict)
    version: str = ""
    content: str = ""

    @property
    def ok(self) -> bool:
        """True when every required table loaded without problems."""
        return not any(self.problems.get(t) for t in REQUIRED)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    @property
    def notices(self) -> list[Problem]:
        """Problems of optional tables (shown as notices, the app keeps working)."""
        return [p for t, ps in self.problems.items() if t not in REQUIRED for p in ps]

    @property
    def notice_files(self) -> list[str]:
        """The files of the optional tables with problems, by name (what the notice names)."""
        return [schema.TABLES[t].filename for t, ps in self.problems.items() if ps and t not in REQUIRED]


def data_version(data_dir: Path = DATA_DIR) -> str:
    """Cheap fingerprint of every data file (name, size, mtime): changes when any file changes.

    Used as a cache key so the app picks up updated data without a restart.
    """
    h = hashlib.md5(str(Path(data_dir).resolve()).encode())  # two copies of the data are two versions
    for spec in schema.CURATED + schema.DERIVED:
        p = table_path(spec, data_dir)
        try:
            st = p.stat()
            h.update(f"{p.name}:{st.st_size}:{st.st_mtime_ns};".encode())
        except OSError:
            h.update(f"{p.name}:missing;".encode())
    return h.hexdigest()[:12]


def empty_table(spec: schema.TableSpec) -> pd.DataFrame:
    """A table with the spec's columns and dtypes and no rows."""
    return typed_frame(spec, {c.name: [] for c in spec.columns})


def context_for(tables: dict[str, pd.DataFrame]) -> Context:
    """Validation context from already-loaded tables (comuni, ids of districts and lines, aliases)."""
    comuni = tables.get("comuni")
    official = dict(zip(comuni["istat_code"], comuni["comune_name"], strict=True)) if comuni is not None else {}
    refs: dict[str, set[str]] = {}
    if "districts" in tables:
        refs["districts.district_id"] = set(tables["districts"]["district_id"])
    if "funding_lines" in tables:
        refs["funding_lines.line_id"] = set(tables["funding_lines"]["line_id"])
    aliases = {}
    if "comune_name_map" in tables:
        nm = tables["comune_name_map"]
        aliases = dict(zip(nm["alias"], nm["istat_code"], strict=True))
    return Context(comuni=official, refs=refs, harmonizer=Harmonizer(official, aliases) if official else None)


def load_table(
    spec: schema.TableSpec, ctx: Context | None = None, data_dir: Path = DATA_DIR
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read and validate one table; (frame, []) or (None, problems)."""
    path = table_path(spec, data_dir)
    if not path.exists():
        return None, [problem("file_empty", spec.filename)]
    return _validated(read_path(path, max_rows=spec.max_rows), spec, ctx)


def _validated(
    read: tuple[RawTable | None, list[Problem]], spec: schema.TableSpec, ctx: Context | None
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """A table as read (or the problems of reading it), validated: (frame, []) or (None, problems)."""
    raw, probs = read
    if raw is None:
        return None, probs
    res = validate(raw, spec, ctx)
    return res.frame, res.problems


LOAD_ORDER = (
    "comuni",
    "comune_name_map",
    "districts",
    "funding_lines",
    "district_members",
    "grants",
    "headline_figures",
    "timeline",
    "contradictions",
    "line_interventions",
    "known_gaps",
    "sources",
    "changelog",
    "district_geo",
)


#: Tables whose rows the next tables are checked against (:func:`context_for`).
CONTEXT_TABLES = frozenset({"comuni", "comune_name_map", "districts", "funding_lines"})
#: Checked tables by the fingerprint of their bytes and of what they were checked against (:func:`_checked`).
_CHECKED: Memo[tuple[pd.DataFrame | None, list[Problem]]] = Memo(64)


def _checked(
    spec: schema.TableSpec, ctx: Context, basis: tuple, data_dir: Path
) -> tuple[tuple, pd.DataFrame | None, list[Problem]]:
    """:func:`load_table`, kept by content: the table's fingerprint (its bytes' sha256 and ``basis``, the
    fingerprints of the tables ``ctx`` was built from), and a copy of the frame and problems. A file that cannot
    be read, or too large to read, is not kept (fingerprint None)."""
    path = table_path(spec, data_dir)
    try:
        data = path.read_bytes() if path.stat().st_size <= MAX_BYTES else None
    except OSError:
        data = None
    if data is None:
        return (spec.name, None), *load_table(spec, ctx, data_dir)
    key = (spec.name, hashlib.sha256(data).hexdigest(), basis)

    frame, probs = _CHECKED.get(key, lambda: _validated(read_bytes(data, path.name, max_rows=spec.max_rows), spec, ctx))
    return key, None if frame is None else frame.copy(), list(probs)


def load_dataset(data_dir: Path = DATA_DIR) -> Dataset:
    """Load every table in dependency order (comuni first, so ISTAT codes can be checked).

    Tables whose bytes (and those they are checked against) were loaded before in this process are not read
    and checked again (:func:`_checked`); today's date is part of every fingerprint (a source's access date
    may not be in the future)."""
    tables: dict[str, pd.DataFrame] = {}
    problems: dict[str, list[Problem]] = {}
    ctx = context_for(tables)
    basis: tuple = (dt.date.today().isoformat(),)
    keys = []
    for name in LOAD_ORDER:
        spec = schema.TABLES[name]
        key, frame, probs = _checked(spec, ctx, basis, data_dir)
        keys.append(key)
        if probs:
            problems[name] = probs
        tables[name] = frame if frame is not None else empty_table(spec)
        if name in CONTEXT_TABLES:  # the context changes only with these: built again after each of them
            basis = (*basis, key)
            ctx = context_for(tables)
    content = hashlib.sha256(repr((basis[0], keys)).encode()).hexdigest()[:16]
    return Dataset(tables=tables, problems=problems, version=data_version(data_dir), content=content)
