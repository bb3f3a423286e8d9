"""Scratch copies of data/ for tests that write (updates, corrupt files): the bundled files are never touched."""

from __future__ import annotations

import shutil
from pathlib import Path

from district_stats.data.files import file_md5
from district_stats.paths import DEFAULT_DATA_DIR


def copy_tree(src: Path, dst: Path, **options) -> Path:
    """``shutil.copytree`` of the files' bytes only: not their times and modes, which nothing here reads (the
    data version is a fingerprint of the folder's own path too), for a third of the cost (the suite makes
    hundreds of copies). ``options`` go to ``shutil.copytree`` (``symlinks``, ``ignore``)."""
    return Path(shutil.copytree(src, dst, copy_function=shutil.copyfile, **options))


def copy_data(dst: Path) -> Path:
    """Copy the bundled data/ (without saved versions, lock or temporary files) to ``dst``."""
    return copy_tree(
        DEFAULT_DATA_DIR, dst, ignore=shutil.ignore_patterns(".versions", ".update.lock", ".update", "*.tmp")
    )


def snapshot(folder: Path) -> dict[str, str]:
    """md5 of every file under ``folder`` (the update lock file aside): equal snapshots = nothing changed."""
    return {
        str(p.relative_to(folder)): file_md5(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".update.lock"
    }
