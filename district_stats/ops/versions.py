"""Saved previous versions of the tables (``data/.versions/``) and their index.

Every apply saves the table it replaces as ``<table>.<YYYYmmddTHHMMSSffffff>.csv`` and records, in
``.versions/index.json`` (written in the same all-or-nothing commit as the table), which change
saved it: the changelog id, the rows added / removed / changed, the file it came from, and whether
it was itself a restore. A missing or damaged index never hides a version: its date still comes
from the file name, and the next apply writes a fresh index.

``.versions`` must be a real folder and every version a real file: a symbolic link would send
reads and writes elsewhere, so it is refused (:class:`VersionsError`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from district_stats.content.text import fmt, safe_text
from district_stats.content.text.i18n import t
from district_stats.data import schema
from district_stats.data.files import json_problem

FOLDER = ".versions"
INDEX = "index.json"
_STAMP = re.compile(r"(\d{8}T\d{12})")


class VersionsError(RuntimeError):
    """``.versions`` (or a saved version) is a symbolic link, not a plain folder/file, or not listed."""


@dataclass(frozen=True)
class VersionInfo:
    """One saved version of a table and the change that saved it (empty fields: not recorded)."""

    path: Path
    table: str
    saved: dt.datetime | None
    change_id: str = ""
    added: int | None = None
    removed: int | None = None
    changed: int | None = None
    source: str = ""
    restored: str = ""  # the change that saved it was the restore of this version

    @property
    def name(self) -> str:
        return self.path.name


def versions_dir(data_dir: Path) -> Path:
    """``data_dir/.versions``, refused if it is a symbolic link (or anything but a folder).

    Raises:
        VersionsError: if ``.versions`` is a link or not a folder.
    """
    path = data_dir / FOLDER
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        raise VersionsError(f"{path} è un collegamento simbolico o non è una cartella: versioni rifiutate")
    return path


def version_name(table: str, now: dt.datetime) -> str:
    """The file name of the version of ``table`` saved at ``now``."""
    return f"{Path(schema.TABLES[table].filename).stem}.{now.strftime('%Y%m%dT%H%M%S%f')}.csv"


def versions_of(table: str, data_dir: Path) -> list[Path]:
    """Saved versions of a table, newest first (symbolic links are never listed).

    Raises:
        VersionsError: if ``.versions`` is a symbolic link.
    """
    stem = Path(schema.TABLES[table].filename).stem
    folder = versions_dir(data_dir)
    found = (
        p
        for p in folder.glob(f"{stem}.*.csv")
        if not p.is_symlink() and p.is_file() and _STAMP.fullmatch(p.name[len(stem) + 1 : -4])
    )
    return sorted(found, reverse=True)


def find(table: str, name: str, data_dir: Path) -> Path:
    """The saved version called ``name`` (a bare file name, one of :func:`versions_of`).

    Raises:
        VersionsError: if there is no such version (or it is a link, or ``name`` is a path).
    """
    for p in versions_of(table, data_dir):
        if p.name == name:
            return p
    raise VersionsError(f"{safe_text.filename(name)}: versione non trovata tra quelle salvate di {table}")


def read_index(data_dir: Path) -> dict[str, dict]:
    """The recorded changes per version name ({} when the index is missing or damaged)."""
    try:
        doc = json.loads((data_dir / FOLDER / INDEX).read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        return {}
    versions = doc.get("versions") if isinstance(doc, dict) else None
    return {k: v for k, v in versions.items() if isinstance(v, dict)} if isinstance(versions, dict) else {}


def index_problem(data_dir: Path) -> str:
    """'' when the index is missing (no version saved yet) or readable; else why it is damaged."""
    return json_problem(data_dir / FOLDER / INDEX, lambda doc: isinstance(doc.get("versions"), dict))


def index_with(data_dir: Path, name: str, record: dict) -> bytes:
    """The index with one more record (a damaged index is started afresh: its versions stay listed)."""
    return index_with_records(data_dir, {name: record})


def index_with_records(data_dir: Path, records: dict[str, dict]) -> bytes:
    """The index with more records, by version name (the versions one change saved)."""
    versions = read_index(data_dir)
    versions |= records
    return (
        json.dumps({"format": 1, "versions": dict(sorted(versions.items()))}, ensure_ascii=False, indent=1) + "\n"
    ).encode("utf-8")


def infos(table: str, data_dir: Path) -> list[VersionInfo]:
    """Every saved version of ``table``, newest first, with what the index recorded about it.

    Raises:
        VersionsError: if ``.versions`` is a symbolic link.
    """
    index = read_index(data_dir)
    out = []
    for p in versions_of(table, data_dir):
        rec = index.get(p.name, {})
        out.append(
            VersionInfo(
                p,
                table,
                _saved(p.name),
                str(rec.get("change_id", ""))[:12],
                _count(rec.get("added")),
                _count(rec.get("removed")),
                _count(rec.get("changed")),
                safe_text.filename(rec["source"]) if rec.get("source") else "",
                safe_text.filename(rec["restored"]) if rec.get("restored") else "",
            )
        )
    return out


def _saved(name: str) -> dt.datetime | None:
    m = _STAMP.search(name)
    try:
        return dt.datetime.strptime(m.group(1), "%Y%m%dT%H%M%S%f") if m else None
    except ValueError:
        return None


def _count(v: object) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) and v >= 0 else None


def label(info: VersionInfo, lang: str = "it") -> str:
    """One line about a version: when it was saved and by which change (plain text)."""
    when = (fmt.date_long(info.saved.date(), lang) + " " + info.saved.strftime("%H:%M:%S")) if info.saved else "?"
    if not info.change_id:
        return t("ver_label_unknown", lang, when=when)
    by = t("ver_by_restore", lang, name=info.restored) if info.restored else (info.source or "?")
    return t(
        "ver_label",
        lang,
        when=when,
        change=info.change_id,
        by=by,
        added=_n(info.added),
        removed=_n(info.removed),
        changed=_n(info.changed),
    )


def _n(v: int | None) -> str:
    return "?" if v is None else str(v)
