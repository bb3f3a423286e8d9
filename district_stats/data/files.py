"""Files of the data folder: where a table lives, its canonical CSV text, atomic writes, checksums.

Shared by the loaders, the build, the update flow and the tests, so there is one way to
name, write and fingerprint a data file.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from district_stats.data import schema
from district_stats.paths import DATA_DIR


def table_path(spec: schema.TableSpec, data_dir: Path = DATA_DIR) -> Path:
    """Where the CSV of table ``spec`` lives in the data folder ``data_dir``."""
    return data_dir / spec.filename


def meta_path(spec: schema.TableSpec, data_dir: Path = DATA_DIR) -> Path:
    """The provenance sidecar of table ``spec``: ``<name>.meta.yml`` next to its CSV."""
    p = table_path(spec, data_dir)
    return p.with_name(p.stem + ".meta.yml")


def frame_to_csv(frame: pd.DataFrame, spec: schema.TableSpec) -> str:
    r"""Canonical CSV text of a table (',' separator, '.' decimals, UTF-8, '\n' line ends)."""
    out = frame[spec.column_names].copy()
    for c in spec.columns:
        if c.kind == "bool":  # an optional flag is written only when set (empty = false)
            out[c.name] = out[c.name].map({True: "true", False: "" if c.nullable else "false"})
        elif c.kind == "date":
            out[c.name] = out[c.name].dt.strftime("%Y-%m-%d")
        elif c.kind == "float":
            out[c.name] = out[c.name].map(_float_text)
    return out.to_csv(index=False, lineterminator="\n")


def _float_text(v: float) -> str:
    if pd.isna(v):
        return ""
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def write_text_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="")
    tmp.replace(path)


def json_problem(path: Path, shape: Callable[[dict], bool] = lambda doc: True) -> str:
    """Why the JSON file ``path`` cannot be used, as a ``file_why_*`` text's suffix.

    Args:
        path: the file; a missing one is no problem (nothing has written it yet).
        shape: what the JSON object must also satisfy.

    Returns:
        '' for no file or a JSON object that ``shape`` accepts; else 'unreadable', 'not_utf8', 'not_json' or
        'wrong_shape'.
    """
    if not path.exists() and not path.is_symlink():
        return ""
    try:
        doc = json.loads(path.read_bytes().decode("utf-8"))
    except OSError:
        return "unreadable"
    except UnicodeDecodeError:
        return "not_utf8"
    except ValueError:
        return "not_json"
    return "" if isinstance(doc, dict) and shape(doc) else "wrong_shape"


def file_md5(path: Path) -> str:
    """md5 hex digest of a file's bytes."""
    h = hashlib.md5()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def replace_folder(tmp: Path, dest: Path) -> None:
    """Put the finished folder ``tmp`` in the place of ``dest`` with two renames, so readers see the old
    folder or the new one, never a mix; the old one is removed last, and put back if the second rename fails."""
    old = dest.with_name(f".{dest.name}.old-{os.getpid()}")
    if dest.exists():
        dest.rename(old)
    try:
        tmp.rename(dest)
    except OSError:
        if old.exists():
            old.rename(dest)
        raise
    shutil.rmtree(old, ignore_errors=True)
