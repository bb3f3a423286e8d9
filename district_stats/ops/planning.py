"""Compute a plan: the candidate checked against the tables as read once, the diff, and the preview's content.

Shared by every kind of update (a CSV or XLSX, a restore, an act's PDF: :mod:`district_stats.ops.act_update`)
so that each goes the same way:

1. :func:`snapshot` reads every table's bytes once into a private folder and loads them: the "before"
   side of the diff, the checks against the rest of the data and the fingerprints the apply compares
   (:attr:`~district_stats.ops.plan.Plan.inputs`) all come from those bytes.
2. :func:`plan_in` validates the candidate like the loaders do, then the whole dataset with the candidate
   in place (a new ``districts.csv`` cannot orphan members or amounts), keeps the sources register in step
   (:mod:`district_stats.ops.register_sync`), and fills the preview: rows by name
   (:mod:`~district_stats.ops.changes`), the dashboard's figures before -> after
   (:mod:`~district_stats.ops.effects`), the districts whose comuni change.
"""

from __future__ import annotations

import contextlib
import hashlib
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from district_stats.data import provenance, schema
from district_stats.data.candidate import check_candidate
from district_stats.data.files import frame_to_csv, meta_path, table_path
from district_stats.data.loading import LOAD_ORDER, Dataset, load_dataset
from district_stats.data.problems import problem
from district_stats.ops import changes, effects, register_sync, versions
from district_stats.ops.plan import ActSource, Plan

#: Tables whose fingerprints a preview records: every curated table except the changelog (each apply
#: appends to it under the lock; it checks nothing else).
FINGERPRINTED = tuple(s.filename for s in schema.CURATED if s.name != "changelog")


def _sha(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


@dataclass
class Snapshot:
    """Every table's bytes as read once (None: missing or unreadable), the private folder holding them,
    and the dataset loaded from it (:attr:`current`, loaded when first asked for: a refused act never needs it)."""

    data_dir: Path
    folder: Path
    files: dict[str, bytes | None]
    loaded: Dataset | None = None

    @property
    def current(self) -> Dataset:
        """The tables as read, loaded and validated (once)."""
        if self.loaded is None:
            self.loaded = load_dataset(self.folder)
        return self.loaded

    @property
    def inputs(self) -> dict[str, str | None]:
        return {name: _sha(self.files[name]) for name in FINGERPRINTED}


def read_tables(data_dir: Path) -> dict[str, bytes | None]:
    """Every table's bytes, read once (None for a missing or unreadable file)."""
    out: dict[str, bytes | None] = {}
    for name in LOAD_ORDER:
        path = table_path(schema.TABLES[name], data_dir)
        try:
            out[path.relative_to(data_dir).as_posix()] = path.read_bytes()
        except OSError:
            out[path.relative_to(data_dir).as_posix()] = None
    return out


@contextlib.contextmanager
def snapshot(data_dir: Path) -> Iterator[Snapshot]:
    """The tables of ``data_dir`` read once into a private folder (removed on exit) and loaded from there."""
    files = read_tables(data_dir)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, content in files.items():
            if content is not None:
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).write_bytes(content)
        yield Snapshot(data_dir, folder, files)


def _put_back(snap: Snapshot, name: str) -> None:
    content = snap.files.get(name)
    if content is None:
        (snap.folder / name).unlink(missing_ok=True)
    else:
        (snap.folder / name).write_bytes(content)


def _keys(frame: pd.DataFrame, spec: schema.TableSpec) -> pd.Series:
    return changes.keys_of(frame, spec)


def plan_in(
    snap: Snapshot,
    table: str,
    data: bytes,
    filename: str,
    *,
    restore_of: str = "",
    act: ActSource | None = None,
    read_as: str = "",
) -> Plan:
    """Validate ``data`` as a replacement for ``table`` against ``snap`` and compute the preview.

    ``read_as``: the name the bytes are read and checked under when it is not ``filename`` (the CSV built
    from an act's PDF). Never raises on bad input: every problem is in ``plan.problems``.
    """
    spec = schema.TABLES.get(table)
    if spec is None or spec.derived:
        return Plan(
            table, filename, [problem("unknown_table", filename, tables=", ".join(s.name for s in schema.CURATED))]
        )
    plan = Plan(table, filename, restore_of=restore_of, act=act)
    plan.inputs = snap.inputs
    plan.base_sha256 = plan.inputs[spec.filename]
    chk = check_candidate(data, read_as or filename, table, snap.current)
    plan.problems = list(chk.problems)
    if not chk.ok or chk.result is None or chk.result.frame is None:
        return plan
    frame = chk.result.frame
    # The whole dataset must still load with the candidate in place (references from other tables).
    (snap.folder / spec.filename).write_text(frame_to_csv(frame, spec), encoding="utf-8")
    try:
        trial = load_dataset(snap.folder)
    finally:  # the private folder goes back to the bytes as read (a caller may plan again on it)
        _put_back(snap, spec.filename)
    for name, probs in trial.problems.items():
        plan.problems += probs if name != table else []
    if not plan.problems:
        _register(plan, snap, trial, act)
    if plan.problems:
        return plan
    before = snap.current[table]
    old, new = _keys(before, spec), _keys(frame, spec)
    plan.added = sorted(set(new) - set(old))
    plan.removed = sorted(set(old) - set(new))
    common = sorted(set(old) & set(new))
    cmp_cols = spec.column_names
    old_rows = before.assign(_k=old).set_index("_k").loc[common, cmp_cols].astype("str")
    new_rows = frame.assign(_k=new).set_index("_k").loc[common, cmp_cols].astype("str")
    differs = ((old_rows != new_rows) & ~(old_rows.isna() & new_rows.isna())).any(axis=1)  # missing = missing
    plan.changed = [k for k, d in zip(common, differs, strict=True) if d]
    plan.frame = frame
    _preview(plan, spec, snap, {**trial.tables, table: frame})
    plan.notes = _notes(spec, snap.data_dir, plan)
    return plan


def _register(plan: Plan, snap: Snapshot, trial: Dataset, act: ActSource | None) -> None:
    """The sources register after the update, checked like any table (``plan.also``), or a problem."""
    if plan.table == "sources":  # a new register is the official's own: taken as it is
        return
    reg = register_sync.register_after(
        snap.current["sources"], trial.tables, act, saved=lambda: _saved_registers(snap.data_dir)
    )
    if reg.frame is None:
        return
    data = frame_to_csv(reg.frame, schema.SOURCES).encode("utf-8")
    chk = check_candidate(data, schema.SOURCES.filename, "sources", trial)
    plan.problems += chk.problems
    plan.also[schema.SOURCES.filename] = data
    plan.rows += [changes.RowChange("added", "sources", u, item=u, item_kind="url") for u in reg.added]
    plan.rows += [changes.RowChange("removed", "sources", u, item=u, item_kind="url") for u in reg.removed]


def _saved_registers(data_dir: Path) -> Iterator[pd.DataFrame]:
    """The saved versions of the sources register, newest first, every cell as text (unreadable ones skipped)."""
    try:
        found = versions.versions_of("sources", data_dir)
    except versions.VersionsError:
        return
    for path in found:
        try:
            yield pd.read_csv(path, dtype="str", keep_default_na=False, encoding="utf-8")
        except (OSError, ValueError):
            continue


def district_names(*frames: pd.DataFrame) -> dict[str, str]:
    """District id -> name from ``districts`` tables (a later frame's name wins)."""
    out: dict[str, str] = {}
    for f in frames:
        out |= dict(zip(f["district_id"].astype("str"), f["district_name"].astype("str"), strict=True))
    return out


def _lines_touched(plan: Plan, before: pd.DataFrame, after: pd.DataFrame) -> tuple[str, ...]:
    """The funding lines whose rows a grants or funding-lines update touches (their figures are shown)."""
    keys = set(plan.added) | set(plan.removed) | set(plan.changed)
    if plan.table == "funding_lines":
        return tuple(sorted(keys))
    if plan.table != "grants":
        return ()
    ids = [before.loc[before["grant_id"].isin(keys), "line_id"], after.loc[after["grant_id"].isin(keys), "line_id"]]
    return tuple(sorted({str(x) for s in ids for x in s}))


def _preview(plan: Plan, spec: schema.TableSpec, snap: Snapshot, after: dict[str, pd.DataFrame]) -> None:
    """Rows by name, figures before -> after, districts whose comuni change (the plan is valid)."""
    before_tables = snap.current.tables
    names = district_names(before_tables["districts"], after["districts"])
    plan.rows = (
        changes.row_changes(
            spec, before_tables[spec.name], after[spec.name], plan.added, plan.removed, plan.changed, names
        )
        + plan.rows
    )
    lines = _lines_touched(plan, before_tables[spec.name], after[spec.name])
    version = tuple(sorted(plan.inputs.items()))
    plan.figures = effects.deltas(
        effects.before_figures(version, before_tables, lines),
        effects.figures(after, lines),
        (before_tables["funding_lines"], after["funding_lines"]),
    )
    if spec.name == "district_members":
        plan.districts = changes.district_changes(before_tables[spec.name], after[spec.name], names)


def _notes(spec: schema.TableSpec, data_dir: Path, plan: Plan) -> list[tuple[str, dict[str, str]]]:
    """What the apply will repair on the way: damaged sidecars it rewrites, a damaged versions index."""
    specs = [spec, schema.CHANGELOG] + ([schema.SOURCES] if plan.also else [])
    notes = [
        ("upd_note_meta_rebuilt", {"file": meta_path(s, Path("")).as_posix()})
        for s in specs
        if provenance.damaged(s, data_dir)
    ]
    if versions.index_problem(data_dir):
        notes.append(("upd_note_index_restarted", {"file": f"{versions.FOLDER}/{versions.INDEX}"}))
    return plan.notes + notes


def plan_update(table: str, data: bytes, filename: str, data_dir: Path, restore_of: str = "") -> Plan:
    """A CSV or XLSX (or a saved version's bytes) as a replacement for ``table``: see :func:`plan_in`."""
    spec = schema.TABLES.get(table)
    if spec is None or spec.derived:
        return Plan(
            table, filename, [problem("unknown_table", filename, tables=", ".join(s.name for s in schema.CURATED))]
        )
    with snapshot(data_dir) as snap:
        return plan_in(snap, table, data, filename, restore_of=restore_of)
