"""Replace a table of ``data/`` with an official file, safely (`python -m district_stats update TABLE FILE`).

1. **Validate** the candidate with the same schema as the loaders, and the whole dataset with
   the candidate in place (a copy in a temporary folder), so a new ``districts.csv`` cannot
   orphan members or amounts.
2. **Preview** what changes: rows added / removed / changed (by key) and totals before -> after.
3. **Apply** all or nothing (:mod:`district_stats.ops.journal`): the new table, the previous
   version kept in ``data/.versions/`` with a timestamp (``--restore`` puts it back), the row in
   ``changelog.csv``, the ``.meta.yml`` files and, when districts or members changed, the rebuilt
   derived geometry and its web mirror are staged first and swapped in together; a failure at any
   step puts every file back, and an apply killed half-way is completed or undone by :func:`recover`
   (the app at start-up, every command).

4. **Artefacts**: after a successful apply, the published images, static embeds and presenter
   images are rebuilt for the new data (:func:`district_stats.ops.publish.refresh` in the command's own process,
   :func:`~district_stats.ops.artefacts.start_refresh` in a child process that exits when done for the app: no browser
   ever runs in the serving process). This step is *not* part of the journal: it takes minutes
   and needs Chromium, and an official's update must not fail because drawing is not possible on
   this machine. It is all or nothing on its own (the previous files stay until the new ones are
   complete); until it finishes, the manifest's data fingerprint differs from the data's, so the
   app draws every chart live, pauses the image downloads and says the images are out of date
   (:func:`district_stats.ops.artefacts.stale_reasons`): never a picture of old numbers.

On any problem nothing in ``data/`` changes and every problem is printed in Italian with row and
column. Exit status: 0 applied (or valid with --dry-run), 1 invalid or failed, 2 usage error,
3 not applied (not confirmed).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from district_stats import paths
from district_stats.content.text import fmt, safe_text
from district_stats.data import schema
from district_stats.data.candidate import check_candidate
from district_stats.data.files import file_md5, frame_to_csv, meta_path, table_path
from district_stats.data.loading import load_dataset
from district_stats.data.problems import Problem, problem
from district_stats.data.provenance import generated_meta
from district_stats.ops import journal

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
                        ignore=shutil.ignore_patterns(".versions", ".update.lock", ".update", "geo", "static_geo"))
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


BusyError = journal.BusyError  # another update holds the lock


class StaleError(RuntimeError):
    """The table changed after the preview was computed (someone else applied an update)."""


class VersionsError(RuntimeError):
    """``.versions`` (or a saved version) is a symbolic link or not a plain folder/file: refused."""


_DEFAULT = object()


def _checkpoint(step: str) -> None:
    """Called before each step of an apply (tests replace it to fail or stop the process there)."""


def recover(data_dir: Path | None = None) -> journal.Recovery | None:
    """Repair an update interrupted in this data folder (see :mod:`district_stats.ops.journal`).

    Run by the app at start-up and by every command; None if there was nothing to repair.
    """
    return journal.recover_now(data_dir or paths.DATA_DIR)


def versions_dir(data_dir: Path) -> Path:
    """``data_dir/.versions``, refused if it is a symbolic link (or anything but a folder): saved versions
    are written and read there, and a link would send them elsewhere.

    Raises:
        VersionsError: if ``.versions`` is a link or not a folder.
    """
    path = data_dir / ".versions"
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        raise VersionsError(f"{path} è un collegamento simbolico o non è una cartella: versioni rifiutate")
    return path


def default_static_dir(data_dir: Path) -> Path | None:
    """The web mirror an apply keeps in step: ``static/geo`` for the bundled data, none for another copy
    (the map then draws that copy's own geometry, see ``app/geo.py``)."""
    return paths.STATIC_GEO_DIR if data_dir.resolve() == paths.DEFAULT_DATA_DIR.resolve() else None


def apply_update(plan: Plan, data_dir: Path | None = None, rebuild: bool = True, note: str = "",
                 static_dir: Path | None | object = _DEFAULT, now: dt.datetime | None = None) -> Path:
    """Apply a valid plan, all or nothing; return the path of the saved previous version.

    Written together (:func:`district_stats.ops.journal.commit`): the table, its saved previous
    version, the changelog row, both ``.meta.yml`` and, for districts or members, the derived
    geometry and its web mirror (``static_dir``, default :func:`default_static_dir`). On any
    failure every file is as before and no temporary file is left.

    Raises:
        ValueError: if the plan is not valid.
        BusyError: if another update is running.
        StaleError: if the table changed since the preview (nothing is written).
        VersionsError: if ``.versions`` is a symbolic link (nothing is written).
        RuntimeError: if a step failed (nothing is written; the message says which).
    """
    data_dir = data_dir or paths.DATA_DIR
    if not plan.ok:
        raise ValueError("invalid plan")
    spec = schema.TABLES[plan.table]
    target = table_path(spec, data_dir)
    static = default_static_dir(data_dir) if static_dir is _DEFAULT else static_dir
    with journal.locked(data_dir):
        journal.recover(data_dir)
        if plan.base_md5 and file_md5(target) != plan.base_md5:
            raise StaleError("la tabella è cambiata dopo l'anteprima: ricarica il file")
        versions = versions_dir(data_dir)
        now = now or dt.datetime.now()
        backup = versions / f"{target.stem}.{now.strftime('%Y%m%dT%H%M%S%f')}{target.suffix}"
        try:
            changes = _changes(plan, spec, data_dir, static, rebuild, note, now, backup)  # type: ignore[arg-type]
            roots = {"data": data_dir, **({"static": static} if static is not None else {})}
            journal.commit(changes, data_dir, roots, f"{plan.table} da {safe_text.filename(plan.filename)}",
                           checkpoint=_checkpoint)
        except Exception as exc:  # whatever failed, nothing was written: say so
            raise RuntimeError(f"aggiornamento annullato, dati invariati: {exc}") from exc
    return backup


def _changes(plan: Plan, spec: schema.TableSpec, data_dir: Path, static_dir: Path | None, rebuild: bool,
             note: str, now: dt.datetime, backup: Path) -> list[journal.Change]:
    """Every file the apply writes, computed in memory (nothing on disk changes here)."""
    _checkpoint("backup")
    target = table_path(spec, data_dir)
    changes = [journal.Change("data", backup.relative_to(data_dir).as_posix(), target.read_bytes())]
    _checkpoint("table")
    table = frame_to_csv(plan.frame, spec).encode("utf-8")  # type: ignore[arg-type]
    changes.append(journal.Change("data", spec.filename, table))
    _checkpoint("changelog")
    log_spec = schema.CHANGELOG
    log_text = _changelog_text(data_dir, plan, note, now.date())
    changes.append(journal.Change("data", log_spec.filename, log_text))
    _checkpoint("meta")
    changes.append(journal.Change("data", meta_path(log_spec, Path("")).as_posix(),
                                  generated_meta(log_spec, data_dir, log_text)))
    changes.append(journal.Change("data", meta_path(spec, Path("")).as_posix(),
                                  generated_meta(spec, data_dir, table, len(plan.frame))))  # type: ignore[arg-type]
    if rebuild and plan.table in REBUILD_TABLES:
        _checkpoint("rebuild")
        from district_stats.ops.build import build_changes

        geo, _report = build_changes(data_dir, static_dir, inputs={spec.filename: table})
        changes += geo
    return changes


def restore(table: str, version: Path, data_dir: Path | None = None) -> Plan:
    """Put a saved version back (validated like any update).

    Raises:
        VersionsError: if the version (or ``.versions``) is a symbolic link or not a file.
        (and what :func:`apply_update` raises)
    """
    data_dir = data_dir or paths.DATA_DIR
    versions_dir(data_dir)
    if version.is_symlink() or not version.is_file():
        raise VersionsError(f"{version.name}: non è un file di versione (collegamento simbolico o mancante)")
    plan = plan_update(table, version.read_bytes(), version.name, data_dir)
    if plan.ok:
        apply_update(plan, data_dir, note=f"ripristino di {safe_text.filename(version.name)}")
    return plan


def versions_of(table: str, data_dir: Path | None = None) -> list[Path]:
    """Saved previous versions of a table, newest first (symbolic links are never listed).

    Raises:
        VersionsError: if ``.versions`` is a symbolic link.
    """
    data_dir = data_dir or paths.DATA_DIR
    stem = Path(schema.TABLES[table].filename).stem
    folder = versions_dir(data_dir)
    return sorted((p for p in folder.glob(f"{stem}.*.csv") if not p.is_symlink() and p.is_file()), reverse=True)


def _changelog_text(data_dir: Path, plan: Plan, note: str, day: dt.date) -> bytes:
    """changelog.csv with one more row describing the update (the file name made safe to store and show)."""
    path = table_path(schema.CHANGELOG, data_dir)
    log = pd.read_csv(path, dtype="str", keep_default_na=False)
    nums = [int(x[1:]) for x in log["change_id"] if x[1:].isdigit()]
    name, note = safe_text.filename(plan.filename), safe_text.plain(note, 120)
    desc_it = (f"Aggiornata la tabella {plan.table} dal file {name}: righe aggiunte {len(plan.added)}, "
               f"tolte {len(plan.removed)}, modificate {len(plan.changed)}" + (f" ({note})" if note else "") + ".")
    desc_en = (f"Table {plan.table} updated from file {name}: rows added {len(plan.added)}, "
               f"removed {len(plan.removed)}, changed {len(plan.changed)}" + (f" ({note})" if note else "") + ".")
    row = {"change_id": f"M{max(nums, default=0) + 1:03d}", "change_date": day.isoformat(),
           "tables": plan.table, "description_it": desc_it, "description_en": desc_en}
    log = pd.concat([log, pd.DataFrame([row])], ignore_index=True)
    return log.to_csv(index=False, lineterminator="\n").encode("utf-8")


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
