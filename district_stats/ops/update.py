"""Replace a table of ``data/`` with an official file, safely (`python -m district_stats update TABLE FILE`).

1. **Validate** the candidate with the same schema as the loaders, and the whole dataset with
   the candidate in place (a copy in a temporary folder), so a new ``districts.csv`` cannot
   orphan members or amounts.
2. **Preview** what changes: rows added / removed / changed (by key) and totals before -> after.
3. **Apply** atomically: write a temporary file and rename it over the table; keep the previous
   version in ``data/.versions/`` with a timestamp (``--restore`` puts it back); log the change in
   ``changelog.csv``; rebuild the derived geometry when districts or members changed.

On any problem nothing in ``data/`` changes and every problem is printed in Italian with row and
column. Exit status: 0 applied (or valid with --dry-run), 1 invalid or failed, 2 usage error,
3 not applied (not confirmed).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from district_stats import paths
from district_stats.content import fmt
from district_stats.data import schema
from district_stats.data.candidate import check_candidate
from district_stats.data.files import file_md5, frame_to_csv, table_path, write_text_atomic
from district_stats.data.loading import load_dataset
from district_stats.data.problems import Problem, problem
from district_stats.data.provenance import write_generated_meta

REBUILD_TABLES = ("districts", "district_members")  # the derived geometry depends on these


@dataclass
class Plan:
    """A validated candidate and what applying it would change."""

    table: str
    filename: str
    problems: list[Problem] = field(default_factory=list)
    frame: pd.DataFrame | None = None
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    totals: list[tuple[str, float, float]] = field(default_factory=list)  # (what, before, after)
    base_md5: str = ""  # md5 of the table the preview was computed against

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    @property
    def ok(self) -> bool:
        return not self.problems and self.frame is not None

    @property
    def n_unchanged(self) -> int:
        return 0 if self.frame is None else len(self.frame) - len(self.added) - len(self.changed)


def _keys(frame: pd.DataFrame, spec: schema.TableSpec) -> pd.Series:
    return frame[list(spec.key)].astype("str").agg("/".join, axis=1)


def _totals(spec: schema.TableSpec, before: pd.DataFrame, after: pd.DataFrame) -> list[tuple[str, float, float]]:
    out = [("righe", float(len(before)), float(len(after)))]
    if "amount_eur" in after:
        out.append(("amount_eur", float(before["amount_eur"].sum()), float(after["amount_eur"].sum())))
    if spec.name == "district_members":
        cur = lambda f: float(f[f["role"] != "former_member"]["istat_code"].nunique())  # noqa: E731
        out.append(("comuni nei distretti", cur(before), cur(after)))
    if spec.name == "districts":
        out.append(("distretti attivi", float((before["active_status"] != "not_renewed").sum()),
                    float((after["active_status"] != "not_renewed").sum())))
    return out


def plan_update(table: str, data: bytes, filename: str, data_dir: Path | None = None) -> Plan:
    """Validate ``data`` as a replacement for ``table`` and compute the preview. Never raises on bad input."""
    data_dir = data_dir or paths.DATA_DIR
    spec = schema.TABLES.get(table)
    if spec is None or spec.derived:
        return Plan(table, filename, [problem("unknown_table", filename,
                                              tables=", ".join(s.name for s in schema.CURATED))])
    current = load_dataset(data_dir)
    chk = check_candidate(data, filename, table, current)
    plan = Plan(table, filename, list(chk.problems))
    if not chk.ok or chk.result is None or chk.result.frame is None:
        return plan
    frame = chk.result.frame
    # The whole dataset must still load with the candidate in place (references from other tables).
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        # Only the tables are needed to load the dataset: leave out saved versions and the geometry (1.4 MB).
        shutil.copytree(data_dir, tmp_dir, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".versions", ".update.lock", "geo", "static_geo"))
        (tmp_dir / spec.filename).write_text(frame_to_csv(frame, spec), encoding="utf-8")
        trial = load_dataset(tmp_dir)
        for name, probs in trial.problems.items():
            plan.problems += probs if name != table else []
    if plan.problems:
        return plan
    before = current[table]
    old, new = _keys(before, spec), _keys(frame, spec)
    plan.added = sorted(set(new) - set(old))
    plan.removed = sorted(set(old) - set(new))
    common = sorted(set(old) & set(new))
    cmp_cols = spec.column_names
    old_rows = before.assign(_k=old).set_index("_k")[cmp_cols].astype("str")
    new_rows = frame.assign(_k=new).set_index("_k")[cmp_cols].astype("str")
    plan.changed = [k for k in common if not old_rows.loc[k].equals(new_rows.loc[k])]
    plan.totals = _totals(spec, before, frame)
    plan.frame = frame
    plan.base_md5 = file_md5(table_path(spec, data_dir))
    return plan


class BusyError(RuntimeError):
    """Another update holds the lock."""


class StaleError(RuntimeError):
    """The table changed after the preview was computed (someone else applied an update)."""


@contextlib.contextmanager
def _lock(data_dir: Path, timeout_s: float = 20.0) -> Iterator[None]:
    """One update at a time (two officials saving together must not interleave).

    Raises:
        BusyError: if the lock is still held after ``timeout_s`` seconds.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / ".update.lock", "w") as fh:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise BusyError("un altro aggiornamento è in corso") from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def apply_update(plan: Plan, data_dir: Path | None = None, rebuild: bool = True, note: str = "") -> Path:
    """Apply a valid plan atomically; return the path of the saved previous version.

    Raises:
        ValueError: if the plan is not valid.
        BusyError: if another update is running.
        StaleError: if the table changed since the preview (nothing is written).
        RuntimeError: if the derived rebuild fails (the previous version is then restored).
    """
    data_dir = data_dir or paths.DATA_DIR
    if not plan.ok:
        raise ValueError("invalid plan")
    spec = schema.TABLES[plan.table]
    target = table_path(spec, data_dir)
    with _lock(data_dir):
        if plan.base_md5 and file_md5(target) != plan.base_md5:
            raise StaleError("la tabella è cambiata dopo l'anteprima: ricarica il file")
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
        versions = data_dir / ".versions"
        versions.mkdir(exist_ok=True)
        backup = versions / f"{target.stem}.{stamp}{target.suffix}"
        shutil.copy2(target, backup)
        write_text_atomic(target, frame_to_csv(plan.frame, spec))  # type: ignore[arg-type]
        try:
            _log_change(data_dir, plan, note)
            write_generated_meta(spec, data_dir)
            if rebuild and plan.table in REBUILD_TABLES:
                from district_stats.ops.build import build
                from district_stats.paths import DEFAULT_DATA_DIR, STATIC_GEO_DIR

                # Only the bundled data feeds the web mirror in static/; a scratch copy keeps its own.
                build(data_dir, STATIC_GEO_DIR if data_dir.resolve() == DEFAULT_DATA_DIR else data_dir / "static_geo")
        except Exception as exc:
            shutil.copy2(backup, target)
            write_generated_meta(spec, data_dir)
            raise RuntimeError(f"aggiornamento annullato: {exc}") from exc
    return backup


def restore(table: str, version: Path, data_dir: Path | None = None) -> Plan:
    """Put a saved version back (validated like any update)."""
    data_dir = data_dir or paths.DATA_DIR
    plan = plan_update(table, version.read_bytes(), version.name, data_dir)
    if plan.ok:
        apply_update(plan, data_dir, note=f"ripristino di {version.name}")
    return plan


def versions_of(table: str, data_dir: Path | None = None) -> list[Path]:
    """Saved previous versions of a table, newest first."""
    data_dir = data_dir or paths.DATA_DIR
    stem = Path(schema.TABLES[table].filename).stem
    return sorted((data_dir / ".versions").glob(f"{stem}.*.csv"), reverse=True)


def _log_change(data_dir: Path, plan: Plan, note: str) -> None:
    """Append a row to changelog.csv describing the update (itself validated)."""
    spec = schema.CHANGELOG
    path = table_path(spec, data_dir)
    log = pd.read_csv(path, dtype="str", keep_default_na=False)
    nums = [int(x[1:]) for x in log["change_id"] if x[1:].isdigit()]
    desc_it = (f"Aggiornata la tabella {plan.table} dal file {plan.filename}: righe aggiunte {len(plan.added)}, "
               f"tolte {len(plan.removed)}, modificate {len(plan.changed)}" + (f" ({note})" if note else "") + ".")
    desc_en = (f"Table {plan.table} updated from file {plan.filename}: rows added {len(plan.added)}, "
               f"removed {len(plan.removed)}, changed {len(plan.changed)}" + (f" ({note})" if note else "") + ".")
    row = {"change_id": f"M{max(nums, default=0) + 1:03d}", "change_date": dt.date.today().isoformat(),
           "tables": plan.table, "description_it": desc_it.replace("\n", " "), "description_en": desc_en.replace("\n", " ")}
    log = pd.concat([log, pd.DataFrame([row])], ignore_index=True)
    write_text_atomic(path, log.to_csv(index=False, lineterminator="\n"))
    write_generated_meta(spec, data_dir)


TOTAL_LABELS = {"righe": ("righe", "rows"), "amount_eur": ("importo totale", "total amount"),
                "comuni nei distretti": ("comuni nei distretti", "comuni in districts"),
                "distretti attivi": ("distretti attivi", "active districts")}


def total_text(what: str, before: float, after: float, lang: str = "it") -> str:
    """One 'before -> after' line, Italian-formatted (euro with cents for amounts)."""
    label = TOTAL_LABELS.get(what, (what, what))[lang == "en"]
    show = (lambda v: fmt.eur(v, lang, 2)) if what == "amount_eur" else (lambda v: fmt.num(v, lang))
    return f"{label}: {show(before)} → {show(after)}"


def preview_text(plan: Plan, lang: str = "it") -> str:
    """The preview (or the problems) as plain text, for the CLI and logs."""
    en = lang == "en"
    if not plan.ok:
        head = f"{plan.filename}: {len(plan.problems)} " + ("problems" if en else "problemi")
        return "\n".join([head] + ["  - " + p.message(lang) for p in plan.problems])
    counts = (f"+{len(plan.added)} added, -{len(plan.removed)} removed, {len(plan.changed)} changed, "
              f"{plan.n_unchanged} unchanged") if en else (
              f"+{len(plan.added)} righe aggiunte, -{len(plan.removed)} tolte, {len(plan.changed)} modificate, "
              f"{plan.n_unchanged} invariate")
    lines = [f"{plan.filename} → {plan.table}: {counts}"]
    lines += ["  " + total_text(what, b, a, lang) for what, b, a in plan.totals]
    labels = ("added", "removed", "changed") if en else ("aggiunte", "tolte", "modificate")
    for label, keys in zip(labels, (plan.added, plan.removed, plan.changed), strict=True):
        if keys:
            lines.append(f"  {label}: {', '.join(keys[:12])}" + (" …" if len(keys) > 12 else ""))
    return "\n".join(lines)
