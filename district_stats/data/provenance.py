"""Provenance sidecars: each table's ``*.meta.yml`` (title, sources, licence, date accessed).

The hand-written part says where the data comes from; the ``generated`` block (md5,
bytes, rows) is recomputed here, and a data test checks it matches the file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import yaml

from district_stats.data import schema
from district_stats.data.files import meta_path, table_path, write_text_atomic
from district_stats.paths import DATA_DIR


def load_meta(spec: schema.TableSpec, data_dir: Path = DATA_DIR) -> dict:
    """The provenance sidecar of a table (empty dict if missing or unreadable)."""
    try:
        with open(meta_path(spec, data_dir), encoding="utf-8") as fh:
            meta = yaml.safe_load(fh)
        return meta if isinstance(meta, dict) else {}
    except (OSError, yaml.YAMLError):
        return {}


def generated_meta(spec: schema.TableSpec, data_dir: Path, content: bytes, n_rows: int | None = None) -> bytes:
    """The .meta.yml of a table whose file will hold ``content``: the hand-written part kept, the
    ``generated`` block (md5, bytes, rows) recomputed. Pure (reads only the current sidecar)."""
    meta = load_meta(spec, data_dir) or {"title": spec.title_it}
    if n_rows is None:
        n_rows = max(0, content.decode("utf-8").count("\n") - 1) if content.endswith(b"\n") else max(
            0, content.decode("utf-8").count("\n"))
    meta["generated"] = {"md5": hashlib.md5(content).hexdigest(), "bytes": len(content), "n_rows": n_rows,
                         "generated_by": "district_stats"}
    return yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100).encode("utf-8")


def write_generated_meta(spec: schema.TableSpec, data_dir: Path, frame: pd.DataFrame | None = None) -> None:
    """Refresh the ``generated`` block (md5, bytes, rows) of a table's .meta.yml, keeping the rest."""
    content = table_path(spec, data_dir).read_bytes()
    text = generated_meta(spec, data_dir, content, len(frame) if frame is not None else None)
    write_text_atomic(meta_path(spec, data_dir), text.decode("utf-8"))
