"""Repair what an interrupted commit (:mod:`district_stats.ops.journal`) left, and say what the folder holds.

Run under the update lock by the app at start-up, by every command and before every apply. The
decision comes from the files themselves: the sha256 of each target, of its staged copy and of
its backup, compared with the ``old`` and ``new`` fingerprints the journal recorded:

- every target already holds its new content: the update had completed and only the clean-up was
  interrupted -> **already complete** (nothing moved; the new data are in use);
- every swap can be completed (staged copies intact) -> **completed** (rolled forward, checked);
- otherwise, every swap can be undone (backups intact) -> **rolled back** (the data as before, checked);
- a work folder without a journal: the commit point was never reached, nothing live was touched ->
  **rolled back** (staged files discarded), or **nothing** when not even a staged file is there;
- files that match neither, a journal that is unreadable, of the old format (absolute paths), that
  names a root this process does not have or a path that leaves its root: the work folder is
  **set aside** (renamed ``.update.rejected-<time>``) with a message, and no other file is touched.

Roots never come from the journal: they are this process's data folder and, only for the bundled
data, the web mirror (:func:`district_stats.ops.journal.home_roots`). A journal written in another
folder (a copy of the data folder) therefore acts only inside the copy it is found in.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from district_stats.content.text import safe_text
from district_stats.content.text.i18n import t
from district_stats.ops import journal
from district_stats.ops.journal import JOURNAL, Entry, UnsafePathError

REJECTED_PREFIX = ".update.rejected-"
_SHA = re.compile(r"[0-9a-f]{64}")
#: Outcomes, each with its sentence in texts.toml (``upd_recovered_<outcome>``).
OUTCOMES = ("completed", "rolled_back", "already_complete", "nothing", "set_aside", "blocked")


@dataclass(frozen=True)
class Recovery:
    """What :func:`recover` found and did.

    ``outcome``: one of :data:`OUTCOMES`; ``description``: the interrupted update (from its journal);
    ``detail``: why a journal was set aside, or the lock problem; ``other_folder``: the journal was
    written in another folder (this is a copy) and the repair acted only here; ``aside``: the name
    the work folder was set aside as.
    """

    outcome: str
    description: str = ""
    detail: str = ""
    other_folder: bool = False
    aside: str = ""

    @property
    def ok(self) -> bool:
        """True when the folder holds a whole version of the data (nothing set aside, no lock problem)."""
        return self.outcome not in ("set_aside", "blocked")

    def message(self, lang: str = "it") -> str:
        """One plain-text sentence (or two) for the terminal and the /dati page (escape it before Markdown)."""
        what = safe_text.plain(self.description, 120)
        text = t(
            f"upd_recovered_{self.outcome}",
            lang,
            what=f" ({what})" if what else "",
            why=safe_text.plain(self.detail, 300),
            name=self.aside or "-",
        )
        return text + (" " + t("upd_recovered_other_folder", lang) if self.other_folder else "")


class JournalError(ValueError):
    """A journal this process must not act on (the message says why, in Italian)."""


def recover_now(data_dir: Path, static_dir: Path | None = None, timeout_s: float = 0.5) -> Recovery | None:
    """:func:`recover` under the update lock; None if nothing was found or another process is updating
    (it holds the lock: its commit is not interrupted, or the OS would have released the lock)."""
    if not _found(data_dir):
        return None
    try:
        with journal.locked(data_dir, timeout_s):
            return recover(data_dir, static_dir)
    except journal.BusyError:
        return None
    except journal.LockError as exc:
        return Recovery("blocked", detail=str(exc))


def _found(data_dir: Path) -> bool:
    work = journal.work_dir(data_dir)
    return work.exists() or work.is_symlink()


def recover(data_dir: Path, static_dir: Path | None = None) -> Recovery | None:
    """Repair what an interrupted commit left in ``data_dir`` (the caller holds the update lock).

    ``static_dir``: the web mirror this process keeps in step (default: ``static/geo`` for the bundled
    data, none for another folder). None if there was nothing to repair.
    """
    work = journal.work_dir(data_dir)
    if not _found(data_dir):
        return None
    if work.is_symlink() or not work.is_dir():
        return _set_aside(data_dir, "la cartella di lavoro .update non è una cartella")
    if not (work / JOURNAL).exists():  # the commit point was never reached: nothing live was touched
        staged = any(p.is_file() for p in work.rglob("*"))
        shutil.rmtree(work, ignore_errors=True)
        return Recovery("rolled_back" if staged else "nothing")
    roots = journal.home_roots(data_dir, static_dir)
    try:
        doc = read_journal(work / JOURNAL)
        entries, dirs = resolve(doc, work, roots)
    except JournalError as exc:
        return _set_aside(data_dir, str(exc))
    description = str(doc.get("description", ""))
    other = doc.get("folder") != journal.folder_id(data_dir)
    return _decide(data_dir, entries, dirs, description, other)


def _decide(data_dir: Path, entries: list[Entry], dirs: list[Path], description: str, other: bool) -> Recovery:
    work = journal.work_dir(data_dir)
    sha = journal.sha256_of
    now = [(e, sha(e.target), sha(e.staged), sha(e.backup)) for e in entries]
    if all(tgt == e.new for e, tgt, _s, _b in now):
        journal.finish(work)
        return Recovery("already_complete", description, other_folder=other)
    can_forward = all(
        tgt == e.new or ((e.new is None or stg == e.new) and (tgt == e.old or (tgt is None and bak == e.old)))
        for e, tgt, stg, bak in now
    )
    if can_forward:
        try:
            journal.forward(entries)
        except OSError:
            pass  # undone below if it cannot be completed
        if all(sha(e.target) == e.new for e in entries):
            journal.finish(work)
            return Recovery("completed", description, other_folder=other)
    now = [(e, sha(e.target), sha(e.staged), sha(e.backup)) for e in entries]
    # Never over a file that holds neither side (edited by hand since): only the update's own files move.
    can_backward = all(
        tgt == e.old or (tgt in (None, e.new) and (bak == e.old or e.old is None)) for e, tgt, _s, bak in now
    )
    if can_backward and journal.backward(entries, dirs):
        journal.finish(work)
        return Recovery("rolled_back", description, other_folder=other)
    odd = [
        e.target.relative_to(data_dir).as_posix() if e.target.is_relative_to(data_dir) else e.target.name
        for e, tgt, _s, _b in now
        if tgt not in (e.old, e.new)
    ]
    why = (
        "file che non corrispondono né ai dati di prima né a quelli nuovi: " + ", ".join(odd[:8])
        if odd
        else "copie di lavoro mancanti o alterate: l'aggiornamento non si può né completare né annullare"
    )
    return _set_aside(data_dir, why, description)


def read_journal(path: Path) -> dict:
    """The journal as a dict, checked for shape and format.

    Raises:
        JournalError: unreadable, not JSON, the old format (absolute roots) or an unknown one.
    """
    try:
        doc = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        raise JournalError("giornale illeggibile o danneggiato") from None
    if not isinstance(doc, dict):
        raise JournalError("giornale danneggiato")
    if "roots" in doc or doc.get("format") != journal.FORMAT:
        raise JournalError("giornale di un formato vecchio o sconosciuto (percorsi assoluti)")
    if not isinstance(doc.get("entries"), list) or not isinstance(doc.get("created_dirs", []), list):
        raise JournalError("giornale danneggiato")
    return doc


def resolve(doc: dict, work: Path, roots: dict[str, Path]) -> tuple[list[Entry], list[Path]]:
    """Every entry of a journal with its paths resolved for ``roots``.

    Raises:
        JournalError: a root this process does not have, a path that leaves its root, a bad fingerprint.
    """
    entries, dirs = [], []
    try:
        for e in doc["entries"]:
            root = _root(e, roots)
            old, new = e.get("old"), e.get("new")
            if not all(v is None or (isinstance(v, str) and (_SHA.fullmatch(v) or v == "?")) for v in (old, new)):
                raise JournalError("impronta non valida nel giornale")
            target, staged, backup = journal.entry_paths(work, e["root"], root, e.get("rel"))
            entries.append(Entry(target, staged, backup, old, new))
        for d in doc.get("created_dirs", []):
            root = _root(d, roots)
            dirs.append(root if d.get("rel") == "." else journal.inside(root, d.get("rel")))
    except UnsafePathError as exc:
        raise JournalError(str(exc)) from None
    except (TypeError, AttributeError, KeyError):
        raise JournalError("giornale danneggiato") from None
    return entries, dirs


def _root(e: object, roots: dict[str, Path]) -> Path:
    name = e.get("root") if isinstance(e, dict) else None
    if name not in roots:
        raise JournalError(f"il giornale nomina una cartella che qui non esiste ({safe_text.plain(name, 20)})")
    return roots[name]


def _set_aside(data_dir: Path, why: str, description: str = "") -> Recovery:
    """Rename the work folder aside (nothing else is touched) so updates can run again, and say why."""
    work = journal.work_dir(data_dir)
    aside = data_dir / f"{REJECTED_PREFIX}{dt.datetime.now().strftime('%Y%m%dT%H%M%S%f')}"
    with contextlib.suppress(OSError):
        work.rename(aside)
    return Recovery("set_aside", description, detail=why, aside=aside.name if aside.exists() else "")
