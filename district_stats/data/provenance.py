"""Provenance sidecars: each table's ``*.meta.yml`` (title, sources, licence, date accessed).

The hand-written part says where the data comes from; the ``generated`` block (md5,
bytes, rows) is recomputed here, and a data test checks it matches the file.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from district_stats.data import schema
from district_stats.data.files import file_md5, meta_path, table_path, write_text_atomic
from district_stats.paths import DATA_DIR


def load_meta(spec: schema.TableSpec, data_dir: Path = DATA_DIR) -> dict:
    """The provenance sidecar of a table (empty dict if missing or unreadable)."""
    try:
        with open(meta_path(spec, data_dir), encoding="utf-8") as fh:
            meta = yaml.safe_load(fh)
        return meta if isinstance(meta, dict) else {}
    except (OSError, yaml.YAMLError):
        return {}


def write_generated_meta(spec: schema.TableSpec, data_dir: Path, frame: pd.DataFrame | None = None) -> None:
    """Refresh the ``generated`` block (md5, bytes, rows) of a table's .meta.yml, keeping the rest."""
    path = table_path(spec, data_dir)
    meta = load_meta(spec, data_dir) or {"title": spec.title_it}
    n_rows = len(frame) if frame is not None else max(0, sum(1 for _ in open(path, encoding="utf-8")) - 1)
    meta["generated"] = {"md5": file_md5(path), "bytes": path.stat().st_size, "n_rows": n_rows,
                         "generated_by": "district_stats"}
    write_text_atomic(meta_path(spec, data_dir), yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100))
