"""Replace a table of ``data/`` with an official file, safely (`python -m district_stats update TABLE FILE`).

The file is a CSV or XLSX, or an official act's PDF (:func:`plan_act`, :mod:`district_stats.ops.act_update`:
read, names resolved by the official, then the full candidate table); from there every kind goes the same way.

1. **Validate** the candidate with the same schema as the loaders, and the whole dataset with
   the candidate in place, so a new ``districts.csv`` cannot orphan members or amounts
   (:mod:`district_stats.ops.planning`).
2. **Preview** what changes: every change by name (district, comune or call, field, old -> new), the
   dashboard's own figures before -> after, the districts whose comuni change (:mod:`district_stats.ops.preview`).
   The preview reads every table's bytes once, computes the diff and the checks from exactly those
   bytes, and keeps their sha256 (:attr:`Plan.inputs`).
3. **Apply** all or nothing (:mod:`district_stats.ops.journal`), under the update lock, after the
   recovery and only if every table the preview read still has the same fingerprint: a table that
   moved since (someone else applied an update) is refused with :class:`StaleError`, never
   overwritten. Written together: the new table, the previous version in ``data/.versions/`` and its
   index entry (:mod:`district_stats.ops.versions`), the changelog row, the ``.meta.yml`` files, the
   sources register when a cited address comes or goes (with its own saved version:
   :mod:`district_stats.ops.register_sync`) and, when districts or members changed, the rebuilt derived
   geometry and its web mirror.
4. **Restore** is the same path: a plan from a saved version's bytes (:func:`plan_restore`), its
   preview, then :func:`apply_update`.

After a successful apply, the published images are rebuilt outside this module
(:mod:`district_stats.ops.artefacts`): until that finishes the app draws every chart live.

On any problem nothing in ``data/`` changes and every problem is described in Italian with row
and column.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd

from district_stats import paths
from district_stats.content.text import safe_text
from district_stats.data import provenance, schema
from district_stats.data.files import frame_to_csv, meta_path, table_path
from district_stats.ops import act_update, journal, planning, recovery, versions
from district_stats.ops.plan import Plan
from district_stats.ops.preview import note_lines, preview_text
from district_stats.ops.versions import VersionsError, versions_dir, versions_of

# The flow's entry points (the command line, the tests and the update desk, :mod:`district_stats.ops.desk`, which
# is what the app's form asks).
__all__ = [
    "Plan",
    "plan_update",
    "plan_act",
    "plan_restore",
    "apply_update",
    "restore",
    "recover",
    "StaleError",
    "BusyError",
    "VersionsError",
    "versions_dir",
    "versions_of",
    "preview_text",
    "note_lines",
]

REBUILD_TABLES = ("districts", "district_members")  # the derived geometry depends on these
FINGERPRINTED = planning.FINGERPRINTED
STALE_TABLE = "La tabella è cambiata dopo la tua anteprima: rifai l'anteprima"
STALE_OTHER = "I dati su cui è stata controllata la tua anteprima sono cambiati ({files}): rifai l'anteprima"

BusyError = journal.BusyError  # another update holds the lock


class StaleError(RuntimeError):
    """A table the preview read changed before the apply (someone else applied an update): nothing written.

    ``files``: the other tables that moved (empty when the table itself did: :data:`STALE_TABLE`).
    """

    def __init__(self, message: str, files: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.files = files


def plan_update(table: str, data: bytes, filename: str, data_dir: Path | None = None, restore_of: str = "") -> Plan:
    """Validate ``data`` as a replacement for ``table`` and compute the preview. Never raises on bad input.

    The current tables are read once; the "before" side of the diff, the checks against the rest of
    the data and the fingerprints the apply will compare all come from those same bytes
    (:mod:`district_stats.ops.planning`).
    """
    return planning.plan_update(table, data, filename, data_dir or paths.DATA_DIR, restore_of)


def plan_act(
    table: str, pdf: bytes, filename: str, source_url: str, data_dir: Path | None = None, **options: Any
) -> Plan:
    """An official act's PDF as an update of ``table``: see :func:`district_stats.ops.act_update.plan_act`
    (options: ``call``, ``act_date``, ``mapping``, ``remove_missing``). Never raises on bad input."""
    return act_update.plan_act(table, pdf, filename, source_url, data_dir or paths.DATA_DIR, **options)


def plan_restore(table: str, name: str, data_dir: Path | None = None) -> Plan:
    """The plan that puts the saved version ``name`` of ``table`` back (previewed like any update).

    Raises:
        VersionsError: if ``name`` is not one of the table's saved versions (or ``.versions`` is a link).
    """
    data_dir = data_dir or paths.DATA_DIR
    version = versions.find(table, Path(name).name, data_dir)
    return plan_update(table, version.read_bytes(), version.name, data_dir, restore_of=version.name)


def restore(table: str, version: Path | str, data_dir: Path | None = None) -> Plan:
    """Plan and apply the restore of a saved version (nothing is applied when it equals the table).

    Raises:
        VersionsError: if the version is not a saved version of the table (a link, a path, missing).
        (and what :func:`apply_update` raises)
    """
    plan = plan_restore(table, Path(version).name, data_dir)
    if plan.ok and plan.has_changes:
        apply_update(plan, data_dir)
    return plan


_DEFAULT = object()


def _checkpoint(step: str) -> None:
    """Called before each step of an apply (tests replace it to fail or stop the process there)."""


def recover(data_dir: Path | None = None, static_dir: Path | None = None) -> recovery.Recovery | None:
    """Repair an update interrupted in this data folder (see :mod:`district_stats.ops.recovery`).

    Run by the app at start-up and by every command; None if there was nothing to repair.
    """
    return recovery.recover_now(data_dir or paths.DATA_DIR, static_dir)


def default_static_dir(data_dir: Path) -> Path | None:
    """The web mirror an apply keeps in step: ``static/geo`` for the bundled data, none for another copy
    (the map then draws that copy's own geometry, see ``app/geo.py``)."""
    return journal.home_roots(data_dir).get("static")


def check_fresh(plan: Plan, data_dir: Path) -> None:
    """Refuse a plan whose tables moved since its preview (the caller holds the update lock).

    Raises:
        StaleError: the table itself (:data:`STALE_TABLE`) or another table it was checked against changed.
    """
    spec = schema.TABLES[plan.table]
    if journal.sha256_of(table_path(spec, data_dir)) != plan.base_sha256:
        raise StaleError(STALE_TABLE)
    moved = [name for name, sha in plan.inputs.items() if journal.sha256_of(data_dir / name) != sha]
    if moved:
        raise StaleError(STALE_OTHER.format(files=", ".join(moved)), tuple(moved))


def apply_update(
    plan: Plan,
    data_dir: Path | None = None,
    rebuild: bool = True,
    note: str = "",
    static_dir: Path | None | object = _DEFAULT,
    now: dt.datetime | None = None,
) -> Path:
    """Apply a valid plan, all or nothing; return the path of the saved previous version.

    Under the update lock: the recovery of an interrupted update, the freshness check
    (:func:`check_fresh`), then one :func:`district_stats.ops.journal.commit` of the table, its saved
    previous version and index entry, the changelog row, both ``.meta.yml`` and, for districts or
    members, the derived geometry and its web mirror (``static_dir``, default
    :func:`default_static_dir`). On any failure every file is as before. Sets ``plan.change_id``.

    Raises:
        ValueError: if the plan is not valid.
        BusyError: if another update is running.
        StaleError: if a table changed since the preview (nothing is written).
        VersionsError: if ``.versions`` is a symbolic link (nothing is written).
        journal.LockError: if the lock file cannot be used.
        RuntimeError: if a step failed (nothing is written; the message says which).
    """
    data_dir = data_dir or paths.DATA_DIR
    if not plan.ok:
        raise ValueError("invalid plan")
    spec = schema.TABLES[plan.table]
    static = default_static_dir(data_dir) if static_dir is _DEFAULT else static_dir
    roots = {"data": data_dir, **({"static": static} if static is not None else {})}
    with journal.locked(data_dir):
        recovery.recover(data_dir, static)  # type: ignore[arg-type]
        check_fresh(plan, data_dir)
        folder = versions_dir(data_dir)
        now = now or dt.datetime.now()
        backup = folder / versions.version_name(plan.table, now)
        try:
            changes, change_id = _changes(plan, spec, data_dir, static, rebuild, note, now, backup)  # type: ignore[arg-type]
            journal.commit(
                changes, data_dir, roots, f"{plan.table} da {safe_text.filename(plan.filename)}", checkpoint=_checkpoint
            )
        except Exception as exc:  # whatever failed, nothing was written: say so
            raise RuntimeError(f"aggiornamento annullato, dati invariati: {exc}") from exc
    plan.change_id = change_id
    return backup


def _changes(
    plan: Plan,
    spec: schema.TableSpec,
    data_dir: Path,
    static_dir: Path | None,
    rebuild: bool,
    note: str,
    now: dt.datetime,
    backup: Path,
) -> tuple[list[journal.Change], str]:
    """Every file the apply writes, computed in memory (nothing on disk changes here), and the change id."""
    _checkpoint("backup")
    target = table_path(spec, data_dir)
    changes = [journal.Change("data", backup.relative_to(data_dir).as_posix(), target.read_bytes())]
    _checkpoint("table")
    table = frame_to_csv(plan.frame, spec).encode("utf-8")  # type: ignore[arg-type]
    changes.append(journal.Change("data", spec.filename, table))
    _checkpoint("changelog")
    log_spec = schema.CHANGELOG
    if plan.restore_of:
        note = f"ripristino di {safe_text.filename(plan.restore_of)}" + (f"; {note}" if note else "")
    log_text, change_id = _changelog_text(data_dir, plan, note, now.date())
    changes.append(journal.Change("data", log_spec.filename, log_text))
    _checkpoint("meta")
    changes.append(
        journal.Change(
            "data", meta_path(log_spec, Path("")).as_posix(), provenance.generated_meta(log_spec, data_dir, log_text)
        )
    )
    changes.append(
        journal.Change(
            "data",
            meta_path(spec, Path("")).as_posix(),
            provenance.generated_meta(spec, data_dir, table, len(plan.frame)),
        )
    )  # type: ignore[arg-type]
    _checkpoint("index")
    record = {
        "table": plan.table,
        "saved": now.isoformat(timespec="seconds"),
        "change_id": change_id,
        "added": len(plan.added),
        "removed": len(plan.removed),
        "changed": len(plan.changed),
        "source": safe_text.filename(plan.filename),
        "restored": plan.restore_of,
        **({"act_url": plan.act.url} if plan.act else {}),
    }
    records = {backup.name: record}
    for name in plan.also:  # the sources register's previous version, saved by the same change
        other = schema.TABLES[Path(name).stem]
        counts = {a: sum(1 for r in plan.rows if r.table == other.name and r.action == a) for a in ("added", "removed")}
        records[versions.version_name(other.name, now)] = {**record, "table": other.name, **counts, "changed": 0}
    changes.append(
        journal.Change("data", f"{versions.FOLDER}/{versions.INDEX}", versions.index_with_records(data_dir, records))
    )
    if plan.also:
        _checkpoint("register")
        changes += _also(plan, data_dir, now)
    if rebuild and plan.table in REBUILD_TABLES:
        _checkpoint("rebuild")
        from district_stats.ops.build import build_changes  # geopandas and shapely: only when needed

        geo, _report = build_changes(data_dir, static_dir, inputs={spec.filename: table})
        changes += geo
    return changes, change_id


def _also(plan: Plan, data_dir: Path, now: dt.datetime) -> list[journal.Change]:
    """The other tables the plan writes (the sources register): each with its saved version and sidecar."""
    out = []
    for name, content in plan.also.items():
        other = schema.TABLES[Path(name).stem]
        version = f"{versions.FOLDER}/{versions.version_name(other.name, now)}"
        out += [
            journal.Change("data", version, table_path(other, data_dir).read_bytes()),
            journal.Change("data", other.filename, content),
            journal.Change(
                "data", meta_path(other, Path("")).as_posix(), provenance.generated_meta(other, data_dir, content)
            ),
        ]
    return out


def _changelog_text(data_dir: Path, plan: Plan, note: str, day: dt.date) -> tuple[bytes, str]:
    """changelog.csv with one more row describing the update (the file name made safe to store and show),
    and the new row's id."""
    path = table_path(schema.CHANGELOG, data_dir)
    try:
        log = pd.read_csv(path, dtype="str", keep_default_na=False)
        nums = [int(x[1:]) for x in log["change_id"] if x[1:].isdigit()]
    except (OSError, ValueError, KeyError, TypeError) as exc:  # a changelog damaged by hand: named, nothing written
        raise RuntimeError(
            f"il registro delle modifiche {path.name} è danneggiato o illeggibile "
            f"({type(exc).__name__}): rimetterlo a posto prima di aggiornare"
        ) from None
    name, note = safe_text.filename(plan.filename), safe_text.plain(note, 120)
    src_it, src_en = f"dal file {name}", f"from file {name}"
    if plan.act is not None:  # the act's address: where the new rows come from
        label = safe_text.plain(plan.act.label, 120)
        src_it = f"dall'atto «{label}» ({plan.act.url}; file {name})" if label else f"dall'atto {plan.act.url} ({name})"
        src_en = (
            f"from the act '{label}' ({plan.act.url}; file {name})"
            if label
            else f"from the act {plan.act.url} ({name})"
        )
    extra_it = f"; registro delle fonti aggiornato ({', '.join(plan.also)})" if plan.also else ""
    extra_en = f"; sources register updated ({', '.join(plan.also)})" if plan.also else ""
    desc_it = (
        f"Aggiornata la tabella {plan.table} {src_it}: righe aggiunte {len(plan.added)}, "
        f"tolte {len(plan.removed)}, modificate {len(plan.changed)}{extra_it}" + (f" ({note})" if note else "") + "."
    )
    desc_en = (
        f"Table {plan.table} updated {src_en}: rows added {len(plan.added)}, "
        f"removed {len(plan.removed)}, changed {len(plan.changed)}{extra_en}" + (f" ({note})" if note else "") + "."
    )
    change_id = f"M{max(nums, default=0) + 1:03d}"
    tables = "; ".join([plan.table, *(Path(n).stem for n in plan.also)])
    row = {
        "change_id": change_id,
        "change_date": day.isoformat(),
        "tables": tables,
        "description_it": desc_it,
        "description_en": desc_en,
    }
    log = pd.concat([log, pd.DataFrame([row])], ignore_index=True)
    return log.to_csv(index=False, lineterminator="\n").encode("utf-8"), change_id
