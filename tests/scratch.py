"""Scratch copies of data/ for tests that write (updates, corrupt files): the bundled files are never touched."""

from __future__ import annotations

import shutil
from pathlib import Path

from district_stats.data.files import file_md5
from district_stats.paths import DEFAULT_DATA_DIR


def copy_data(dst: Path) -> Path:
    """Copy the bundled data/ (without saved versions, lock or temporary files) to ``dst``."""
    shutil.copytree(
        DEFAULT_DATA_DIR, dst, ignore=shutil.ignore_patterns(".versions", ".update.lock", ".update", "*.tmp")
    )
    return dst


def snapshot(folder: Path) -> dict[str, str]:
    """md5 of every file under ``folder`` (the update lock file aside): equal snapshots = nothing changed."""
    return {
        str(p.relative_to(folder)): file_md5(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".update.lock"
    }
