"""Which side files of a data folder are damaged, and how each is repaired.

The tables are checked by the loaders; this module checks the files around them that pages,
updates and restores read: every ``*.meta.yml`` sidecar, the index of saved versions, the build's
``derived/build.lock.json``, the update lock ``.update.lock`` and the published artefacts'
``manifest.json``. None of them may stop a page: each is reported by name with the command that
repairs it (``/dati``, ``python -m district_stats validate``, ``meta --rebuild``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from district_stats.content.text.i18n import t
from district_stats.data import provenance, schema
from district_stats.data.files import json_problem, meta_path
from district_stats.ops import artefacts, journal, versions

#: How each kind of file is repaired (text keys in texts.toml).
FIX_META = "fix_meta"
FIX_INDEX = "fix_index"
FIX_BUILD_LOCK = "fix_build_lock"
FIX_UPDATE_LOCK = "fix_update_lock"
FIX_MANIFEST = "fix_manifest"
FIX_REJECTED = "fix_rejected"
REJECTED_GLOB = ".update.rejected-*"  # work folders the recovery set aside (district_stats.ops.recovery)


@dataclass(frozen=True)
class Damage:
    """One damaged file: its name inside the data folder (or ``static/embed/…``), why, and the fix."""

    file: str
    why: str  # missing, unreadable, not_utf8, not_yaml, not_json, wrong_shape, unusable, set_aside
    fix: str

    def message(self, lang: str = "it") -> str:
        """'file: why. How to repair it.' (plain text: escape before Markdown)."""
        return t("file_damaged", lang, file=self.file, why=t(f"file_why_{self.why}", lang), fix=t(self.fix, lang))


def lock_problem(data_dir: Path) -> str:
    """'' when ``.update.lock`` is absent or a plain writable file (its content never matters); else 'unusable'."""
    path = data_dir / journal.LOCK_NAME
    if not path.exists() and not path.is_symlink():
        return ""
    return "" if path.is_file() and not path.is_symlink() and os.access(path, os.W_OK) else "unusable"


def sidecar_damages(data_dir: Path) -> list[Damage]:
    """Every sidecar that is missing or cannot be read as a mapping."""
    out = []
    for spec in schema.CURATED + schema.DERIVED:
        why = provenance.meta_problem(spec, data_dir)
        if why:
            out.append(Damage(meta_path(spec, Path("")).as_posix(), why, FIX_META))
    return out


def _signature(data_dir: Path, embed_dir: Path | None) -> tuple:
    """Name, size and time of every side file: equal signatures, same answer (a few stat calls)."""
    files = [meta_path(s, data_dir) for s in schema.CURATED + schema.DERIVED]
    files += [
        data_dir / versions.FOLDER / versions.INDEX,
        data_dir / "derived" / "build.lock.json",
        data_dir / journal.LOCK_NAME,
    ]
    files += [embed_dir / artefacts.MANIFEST] if embed_dir is not None else []
    files += sorted(data_dir.glob(REJECTED_GLOB))
    out = []
    for p in files:
        try:
            st = p.stat()
            out.append((str(p), st.st_size, st.st_mtime_ns, st.st_mode))
        except OSError:
            out.append((str(p), -1, -1, -1))
    return tuple(out)


_MEMO: dict[str, tuple[tuple, list[Damage]]] = {}


def damaged_files(data_dir: Path, embed_dir: Path | None = None) -> list[Damage]:
    """Every damaged side file of ``data_dir``; ``embed_dir``: the published artefacts to check too
    (default: ``static/embed`` for the bundled data, none for another copy).

    Remembered per folder until one of the files changes (``/dati`` asks on every run).
    """
    if embed_dir is None and artefacts.default_root(data_dir) is not None:
        embed_dir = artefacts.EMBED_DIR
    sig = _signature(data_dir, embed_dir)
    memo = _MEMO.get(str(data_dir))
    if memo is not None and memo[0] == sig:
        return list(memo[1])
    out = _check(data_dir, embed_dir)
    _MEMO[str(data_dir)] = (sig, out)
    return list(out)


def _check(data_dir: Path, embed_dir: Path | None) -> list[Damage]:
    out = sidecar_damages(data_dir)
    why = versions.index_problem(data_dir)
    if why:
        out.append(Damage(f"{versions.FOLDER}/{versions.INDEX}", why, FIX_INDEX))
    why = json_problem(data_dir / "derived" / "build.lock.json")
    if why:
        out.append(Damage("derived/build.lock.json", why, FIX_BUILD_LOCK))
    why = lock_problem(data_dir)
    if why:
        out.append(Damage(journal.LOCK_NAME, why, FIX_UPDATE_LOCK))
    if embed_dir is not None:
        why = json_problem(embed_dir / artefacts.MANIFEST)
        if why:
            out.append(Damage(f"static/{embed_dir.name}/{artefacts.MANIFEST}", why, FIX_MANIFEST))
    # An interrupted update the recovery could not trust stays visible until someone has looked at it.
    out += [Damage(p.name, "set_aside", FIX_REJECTED) for p in sorted(data_dir.glob(REJECTED_GLOB))]
    return out
