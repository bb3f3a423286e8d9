"""All-or-nothing replacement of a set of files (staged swap + journal); recovery is :mod:`.recovery`.

Used by the data-update flow and the geometry build. A commit runs in four steps:

1. **stage**: every new file is written under ``<data>/.update/staging/`` (nothing live is touched);
2. **journal**: ``<data>/.update/journal.json`` lists every swap with the sha256 of the file it replaces
   (``old``, none for a new file) and of the file that takes its place (``new``, none for a deletion).
   Paths are relative to their root (``data``: the data folder; ``static``: the web mirror of the
   bundled data), never absolute: a copied folder carries a journal that can only act inside the copy.
   It is written to a temporary name, then renamed: it exists whole or not at all. Its existence is
   the commit point;
3. **swap**: for each entry, the live file is moved to ``<data>/.update/backup/`` and the staged one
   renamed into place (``os.replace``: same folder tree, same disk, atomic per file);
4. **clean-up**: the backups, the staging folder, then the journal, then the work folder are removed.

If a step fails in the process, every file is put back (checked by fingerprint). If the process is
killed, :func:`district_stats.ops.recovery.recover` (the app at start-up, every command, every apply)
decides from the fingerprints of the files what the folder holds and completes, undoes or only
cleans up. Every move is idempotent, so recovery itself may be interrupted and run again.

Only standard-library calls that behave the same on Windows and POSIX are used.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from filelock import FileLock, Timeout

from district_stats import paths

FORMAT = 2  # journal format: relative paths and sha256 fingerprints
WORK_DIR = ".update"
JOURNAL = "journal.json"
LOCK_NAME = ".update.lock"

Checkpoint = Callable[[str], None]


class BusyError(RuntimeError):
    """Another process holds the update lock."""


class LockError(RuntimeError):
    """The lock file cannot be used (a folder in its place, no permission): no update can run."""


class UnsafePathError(ValueError):
    """A path that would leave its root (``..``, absolute, a link pointing outside)."""


@contextlib.contextmanager
def locked(data_dir: Path, timeout_s: float = 20.0) -> Iterator[None]:
    """One writer at a time per data folder (two officials saving together must not interleave).

    ``filelock`` (a lock file next to the data, released by the OS if the process dies) works the
    same on Windows and POSIX; what the lock file contains does not matter.

    Raises:
        BusyError: if the lock is still held after ``timeout_s`` seconds.
        LockError: if the lock file cannot be opened (the message names it).
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOCK_NAME
    if path.is_symlink() or (path.exists() and not path.is_file()):  # opening it would write through a link
        raise LockError(lock_problem_text(data_dir, OSError("non è un file normale")))
    lock = FileLock(path, timeout=timeout_s)
    try:
        lock.acquire()
    except Timeout:
        raise BusyError("un altro aggiornamento è in corso") from None
    except OSError as exc:
        raise LockError(lock_problem_text(data_dir, exc)) from None
    try:
        yield
    finally:
        lock.release()


def lock_problem_text(data_dir: Path, exc: OSError) -> str:
    """Why the lock file of ``data_dir`` is unusable, naming it (for the terminal and /dati)."""
    return (
        f"il file di blocco {data_dir.name}/{LOCK_NAME} non si può usare ({exc.strerror or exc}): "
        f"nessun aggiornamento è possibile finché chi gestisce il server non lo cancella (si ricrea da solo)"
    )


def home_roots(data_dir: Path, static_dir: Path | None = None) -> dict[str, Path]:
    """The folders a commit or a recovery in ``data_dir`` may write: the data folder itself and the web
    mirror ``static_dir`` (by default ``static/geo``, only when ``data_dir`` is the bundled data)."""
    roots = {"data": data_dir}
    if static_dir is None and data_dir.resolve() == paths.DEFAULT_DATA_DIR.resolve():
        static_dir = paths.STATIC_GEO_DIR
    if static_dir is not None:
        roots["static"] = static_dir
    return roots


def folder_id(data_dir: Path) -> str:
    """How a journal names the folder it was written in (compared, never used to find files)."""
    return os.path.normcase(str(data_dir.resolve()))


def inside(root: Path, rel: str) -> Path:
    """``root / rel``, refused unless it stays inside ``root`` once resolved (links followed).

    Raises:
        UnsafePathError: for an absolute or empty path, ``..``, a drive, a backslash, or a target that
            resolves outside ``root``.
    """
    pure = PurePosixPath(rel) if isinstance(rel, str) else None
    if (
        pure is None
        or not rel
        or pure.is_absolute()
        or "\\" in rel
        or ":" in rel
        or "\x00" in rel
        or any(p in ("..", "") for p in rel.split("/"))
    ):
        raise UnsafePathError(f"percorso non ammesso: {str(rel)[:80]!r}")
    target = root / Path(*pure.parts)
    try:
        target.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        raise UnsafePathError(f"percorso fuori dalla cartella: {rel[:80]!r}") from None
    return target


def sha256_of(path: Path) -> str | None:
    """sha256 hex of a file's bytes; None when nothing is there; '?' for anything that is not a file."""
    if not path.exists() and not path.is_symlink():
        return None
    if not path.is_file():
        return "?"
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def _no_checkpoint(step: str) -> None:
    """Default checkpoint: nothing (tests replace it to fail or stop at a given step)."""


@dataclass(frozen=True)
class Change:
    """One file to write (``content``) or to delete (``content is None``) under one of the roots."""

    root: str
    rel: str
    content: bytes | None


@dataclass(frozen=True)
class Entry:
    """One swap of a journal, with the paths resolved for this process's roots."""

    target: Path
    staged: Path
    backup: Path
    old: str | None
    new: str | None


def work_dir(data_dir: Path) -> Path:
    """The folder where a commit stages its files (inside the data folder: same disk, atomic renames)."""
    return data_dir / WORK_DIR


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _missing_dirs(target: Path, root: Path) -> list[str]:
    """Folders between ``root`` and ``target`` that do not exist yet, relative to ``root`` (created by the
    swap, removed by a rollback)."""
    out = []
    parent = target.parent
    while not parent.exists() and parent != parent.parent:
        out.append(parent.relative_to(root).as_posix() if parent != root else ".")
        if parent == root:  # a root that does not exist yet (a first web mirror) is new too
            break
        parent = parent.parent
    return out


def entry_paths(work: Path, root_name: str, root: Path, rel: str) -> tuple[Path, Path, Path]:
    """Target, staged copy and backup of one entry: the target inside its root, the copies inside the work
    folder (a link planted in the work folder cannot lead them out)."""
    return inside(root, rel), inside(work, f"staging/{root_name}/{rel}"), inside(work, f"backup/{root_name}/{rel}")


def commit(
    changes: Iterable[Change],
    data_dir: Path,
    roots: dict[str, Path],
    description: str,
    checkpoint: Checkpoint = _no_checkpoint,
) -> None:
    """Apply every change or none. The caller holds the update lock and has run the recovery.

    A change whose file already holds its content (or a deletion of a missing file) is left out.

    Raises:
        RuntimeError: if a previous commit was left unrecovered (its work folder exists), or if putting
            the files back failed too (the work folder is then kept for the next recovery).
        UnsafePathError: if a change would write outside its root (nothing is written).
        OSError: (or whatever ``checkpoint`` raises) after putting every file back as it was.
    """
    work = work_dir(data_dir)
    if work.exists():
        raise RuntimeError(f"cartella di lavoro di un aggiornamento precedente ancora presente: {work}")
    rows, entries, created = [], [], []
    changes = list(changes)
    try:
        for i, ch in enumerate(changes, 1):
            checkpoint(f"stage {i}/{len(changes)}")
            root = roots[ch.root]
            target, staged, backup = entry_paths(work, ch.root, root, ch.rel)
            old = sha256_of(target)
            new = None if ch.content is None else hashlib.sha256(ch.content).hexdigest()
            if old == new:
                continue
            if ch.content is not None:
                _write(staged, ch.content)
                created += [
                    {"root": ch.root, "rel": d}
                    for d in _missing_dirs(target, root)
                    if {"root": ch.root, "rel": d} not in created
                ]
            rows.append({"root": ch.root, "rel": ch.rel, "old": old, "new": new})
            entries.append(Entry(target, staged, backup, old, new))
        checkpoint("journal")
        doc = {
            "format": FORMAT,
            "description": description,
            "folder": folder_id(data_dir),
            "started": dt.datetime.now().isoformat(timespec="seconds"),
            "entries": rows,
            "created_dirs": created,
        }
        tmp = work / (JOURNAL + ".tmp")
        _write(tmp, json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))
        os.replace(tmp, work / JOURNAL)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)  # nothing live was touched
        raise
    dirs = [roots[d["root"]] / d["rel"] for d in created]
    try:
        forward(entries, checkpoint)
        checkpoint("finish")
    except BaseException:
        if not backward(entries, dirs):
            raise RuntimeError(
                f"i file non si sono potuti rimettere com'erano: {work} resta per la riparazione al prossimo avvio"
            ) from None
        finish(work)
        raise
    with contextlib.suppress(Exception):  # the update is complete: a failed clean-up is only leftovers
        finish(work, checkpoint)


def forward(entries: list[Entry], checkpoint: Checkpoint = _no_checkpoint) -> None:
    """Complete every swap (safe to run again after an interruption: each move checks what is there)."""
    for i, e in enumerate(entries, 1):
        checkpoint(f"swap {i}/{len(entries)}")
        if sha256_of(e.target) == e.new:
            continue
        if sha256_of(e.target) is not None and sha256_of(e.backup) is None:
            e.backup.parent.mkdir(parents=True, exist_ok=True)
            os.replace(e.target, e.backup)
        if e.new is not None:
            e.target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(e.staged, e.target)


def backward(entries: list[Entry], created_dirs: list[Path]) -> bool:
    """Undo the swaps (in reverse order) and remove folders the swap created; True if every target then
    holds its old content again (checked by fingerprint)."""
    try:
        for e in reversed(entries):
            if sha256_of(e.target) == e.old:
                continue
            if e.old is not None and sha256_of(e.backup) == e.old:
                os.replace(e.backup, e.target)
            elif e.old is None and e.target.is_file():
                e.target.unlink()
    except OSError:
        return False
    for d in sorted(created_dirs, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):
            d.rmdir()  # only if empty
    return all(sha256_of(e.target) == e.old for e in entries)


def finish(work: Path, checkpoint: Checkpoint = _no_checkpoint) -> None:
    """Remove the work folder; the journal goes after the backups and staged copies, so that until the
    last step a recovery still finds it and can tell from the fingerprints that the update is complete."""
    checkpoint("cleanup 1/4")
    shutil.rmtree(work / "backup", ignore_errors=True)
    checkpoint("cleanup 2/4")
    shutil.rmtree(work / "staging", ignore_errors=True)
    checkpoint("cleanup 3/4")
    (work / JOURNAL).unlink(missing_ok=True)
    checkpoint("cleanup 4/4")
    shutil.rmtree(work, ignore_errors=True)
