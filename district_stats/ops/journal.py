"""All-or-nothing replacement of a set of files, with recovery after a crash (staged swap + journal).

Used by the data-update flow and the geometry build. A commit runs in four steps:

1. **stage**: every new file is written under ``<data>/.update/staging/`` (nothing live is touched);
2. **journal**: ``<data>/.update/journal.json`` lists every swap (written to a temporary name, then
   renamed: it exists whole or not at all). Its existence is the commit point;
3. **swap**: for each entry, the live file is moved to ``<data>/.update/backup/`` and the staged one
   renamed into place (``os.replace``: same folder tree, same disk, atomic per file);
4. **finish**: the journal is removed, then the work folder.

If a step fails in the process, everything is put back (byte-identical, no temporary file). If the
process is killed, :func:`recover` (run under the update lock by the app at start-up and by every
command) finds the work folder: with a journal the swap is completed (roll forward: the staged files
are complete), without one the staged files are discarded (nothing live was touched yet). Every move
is idempotent, so recovery itself may be interrupted and run again.

Only standard-library calls that behave the same on Windows and POSIX are used.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from district_stats.content.text.i18n import t

WORK_DIR = ".update"
JOURNAL = "journal.json"
LOCK_NAME = ".update.lock"


class BusyError(RuntimeError):
    """Another process holds the update lock."""


@contextlib.contextmanager
def locked(data_dir: Path, timeout_s: float = 20.0) -> Iterator[None]:
    """One writer at a time per data folder (two officials saving together must not interleave).

    ``filelock`` (a lock file next to the data, released by the OS if the process dies) works the
    same on Windows and POSIX.

    Raises:
        BusyError: if the lock is still held after ``timeout_s`` seconds.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(data_dir / LOCK_NAME, timeout=timeout_s)
    try:
        lock.acquire()
    except Timeout:
        raise BusyError("un altro aggiornamento è in corso") from None
    try:
        yield
    finally:
        lock.release()

Checkpoint = Callable[[str], None]


def _no_checkpoint(step: str) -> None:
    """Default checkpoint: nothing (tests replace it to fail or die at a given step)."""


@dataclass(frozen=True)
class Change:
    """One file to write (``content``) or to delete (``content is None``) under one of the roots."""

    root: str
    rel: str
    content: bytes | None


@dataclass(frozen=True)
class Recovery:
    """What :func:`recover` found and did. ``outcome``: 'completed' (rolled forward) or 'discarded'."""

    outcome: str
    description: str

    def message(self, lang: str = "it") -> str:
        """One sentence for the terminal and the /dati page."""
        return t(f"upd_recovered_{self.outcome}", lang, what=f" ({self.description})" if self.description else "")


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
    """Folders between ``root`` and ``target`` that do not exist yet (created by the swap, removed by a rollback)."""
    out = []
    parent = target.parent
    while not parent.exists() and parent != parent.parent:
        out.append(str(parent))
        if parent == root:  # a root that does not exist yet (a first web mirror) is new too
            break
        parent = parent.parent
    return out


def commit(changes: Iterable[Change], data_dir: Path, roots: dict[str, Path], description: str,
           checkpoint: Checkpoint = _no_checkpoint) -> None:
    """Apply every change or none. The caller holds the update lock and has run :func:`recover`.

    Raises:
        RuntimeError: if a previous commit was left unrecovered (its work folder exists).
        OSError: (or whatever ``checkpoint`` raises) after putting every file back as it was.
    """
    work = work_dir(data_dir)
    if work.exists():
        raise RuntimeError(f"cartella di lavoro di un aggiornamento precedente ancora presente: {work}")
    entries, created = [], []
    changes = list(changes)
    try:
        for i, ch in enumerate(changes, 1):
            checkpoint(f"stage {i}/{len(changes)}")
            root = roots[ch.root]
            target = root / ch.rel
            if ch.content is not None:
                _write(work / "staging" / ch.root / ch.rel, ch.content)
                created += [d for d in _missing_dirs(target, root) if d not in created]
            elif not target.exists():
                continue  # nothing to delete
            entries.append({"root": ch.root, "rel": ch.rel, "put": ch.content is not None,
                            "existed": target.exists() or target.is_symlink()})
        checkpoint("journal")
        journal = {"description": description, "started": dt.datetime.now().isoformat(timespec="seconds"),
                   "roots": {k: str(v) for k, v in roots.items()}, "entries": entries, "created_dirs": created}
        tmp = work / (JOURNAL + ".tmp")
        _write(tmp, json.dumps(journal, ensure_ascii=False, indent=1).encode("utf-8"))
        os.replace(tmp, work / JOURNAL)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)  # nothing live was touched
        raise
    try:
        _forward(work, journal, checkpoint)
        checkpoint("finish")
    except BaseException:
        _backward(work, journal)
        raise
    _finish(work)


def _paths(work: Path, journal: dict, e: dict) -> tuple[Path, Path, Path]:
    root = Path(journal["roots"][e["root"]])
    return root / e["rel"], work / "staging" / e["root"] / e["rel"], work / "backup" / e["root"] / e["rel"]


def _forward(work: Path, journal: dict, checkpoint: Checkpoint = _no_checkpoint) -> None:
    """Complete every swap of the journal (safe to run again after an interruption)."""
    n = len(journal["entries"])
    for i, e in enumerate(journal["entries"], 1):
        checkpoint(f"swap {i}/{n}")
        target, staged, backup = _paths(work, journal, e)
        if e["existed"] and not (backup.exists() or backup.is_symlink()) and (target.exists() or target.is_symlink()):
            backup.parent.mkdir(parents=True, exist_ok=True)
            os.replace(target, backup)
        if e["put"] and staged.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, target)


def _backward(work: Path, journal: dict) -> None:
    """Undo the swaps done so far (in reverse order), then drop the work folder and new empty folders."""
    for e in reversed(journal["entries"]):
        target, staged, backup = _paths(work, journal, e)
        if backup.exists() or backup.is_symlink():
            os.replace(backup, target)
        elif e["put"] and not e["existed"] and not staged.exists() and target.exists():
            target.unlink()
    for d in journal.get("created_dirs", []):
        try:
            Path(d).rmdir()  # only if empty
        except OSError:
            pass
    _finish(work)


def _finish(work: Path) -> None:
    (work / JOURNAL).unlink(missing_ok=True)  # first: without a journal, leftovers are only scratch
    shutil.rmtree(work, ignore_errors=True)


def recover_now(data_dir: Path, timeout_s: float = 0.5) -> Recovery | None:
    """:func:`recover` under the update lock; None if nothing was found or another process is updating
    (it holds the lock: its commit is not interrupted, or the OS would have released the lock)."""
    if not work_dir(data_dir).exists():
        return None
    try:
        with locked(data_dir, timeout_s):
            return recover(data_dir)
    except BusyError:
        return None


def recover(data_dir: Path) -> Recovery | None:
    """Repair what an interrupted commit left (the caller holds the update lock). None if nothing was found.

    With a journal, the swap is completed (all staged files were written before it); if that fails,
    it is undone instead. Without a journal, the staged files are discarded.
    """
    work = work_dir(data_dir)
    if not work.exists():
        return None
    try:
        journal = json.loads((work / JOURNAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        journal = None
    if journal is None:
        shutil.rmtree(work, ignore_errors=True)
        return Recovery("discarded", "")
    description = str(journal.get("description", ""))
    try:
        _forward(work, journal)
        _finish(work)
        return Recovery("completed", description)
    except OSError:
        _backward(work, journal)
        return Recovery("discarded", description)
