"""Provenance sidecars: each table's ``*.meta.yml`` (title, sources, licence, date accessed).

The hand-written part says where the data comes from; the ``generated`` block (md5,
bytes, rows) is recomputed here, and a data test checks it matches the file.

A sidecar can be damaged (random bytes, not UTF-8, not YAML, not a mapping): reading it then
gives ``{}`` and :func:`meta_problem` says why, so pages degrade with a notice instead of
failing. Writing the sidecar of a table whose sidecar is damaged (an update of that table,
``python -m district_stats meta --rebuild``) rebuilds it from the table and the schema:
titles, the table's own source addresses and a ``rebuilt`` note that says the hand-written
licence and date were lost; nothing is invented.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

import pandas as pd
import yaml

from district_stats.data import schema
from district_stats.data.files import meta_path, table_path, write_text_atomic
from district_stats.paths import DATA_DIR

MAX_SOURCES = 20  # addresses copied into a rebuilt sidecar (the table keeps every one per row)
#: The safe YAML loader, in C when libyaml is there (10x faster: /dati checks every sidecar).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Why a sidecar cannot be used (``meta_problem``), each with its words in texts.toml (``meta_why_<code>``).
PROBLEMS = ("missing", "unreadable", "not_utf8", "not_yaml", "wrong_shape")


def _read(spec: schema.TableSpec, data_dir: Path) -> tuple[dict, str]:
    path = meta_path(spec, data_dir)
    if not path.exists():
        return {}, "missing"
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError:
        return {}, "unreadable"
    except UnicodeDecodeError:
        return {}, "not_utf8"
    try:
        meta = yaml.load(text, Loader=_LOADER)  # a safe loader (C or pure Python)
    except yaml.YAMLError:
        return {}, "not_yaml"
    except (ValueError, RecursionError):  # odd bytes the YAML reader refuses outright
        return {}, "not_yaml"
    return (meta, "") if isinstance(meta, dict) else ({}, "wrong_shape")


def load_meta(spec: schema.TableSpec, data_dir: Path = DATA_DIR) -> dict:
    """The provenance sidecar of a table (empty dict if missing, unreadable or damaged)."""
    return _read(spec, data_dir)[0]


def meta_problem(spec: schema.TableSpec, data_dir: Path = DATA_DIR) -> str:
    """'' when the sidecar reads as a mapping; else one of :data:`PROBLEMS`."""
    return _read(spec, data_dir)[1]


def damaged(spec: schema.TableSpec, data_dir: Path = DATA_DIR) -> bool:
    """True when the sidecar exists but cannot be used (missing is not damaged: it is only absent)."""
    return meta_problem(spec, data_dir) not in ("", "missing")


def rebuilt_meta(spec: schema.TableSpec, content: bytes, today: dt.date | None = None) -> dict:
    """The hand-written part of a sidecar, rebuilt from the schema and the table's own bytes."""
    today = today or dt.date.today()
    sources: list[str] = []
    url_cols = [c.name for c in spec.columns if c.kind == "urls"]
    if url_cols:
        try:
            frame = pd.read_csv(
                io.BytesIO(content), dtype="str", keep_default_na=False, usecols=lambda c: c in url_cols
            )
            for col in url_cols:
                for cell in frame.get(col, []):
                    for url in str(cell).split(";"):
                        if url.strip() and url.strip() not in sources:
                            sources.append(url.strip())
        except (ValueError, pd.errors.ParserError):
            sources = []
    sources = sources[:MAX_SOURCES] + [f"Fonti per riga: colonna {', '.join(url_cols)}"] if url_cols else []
    return {
        "title": spec.title_it,
        "title_en": spec.title_en,
        "sources": sources,
        "rebuilt": f"{today.isoformat()}: file di provenienza danneggiato, ricostruito dalla tabella; licenza, "
        f"descrizione e data di consultazione scritte a mano da reinserire",
    }


def generated_meta(spec: schema.TableSpec, data_dir: Path, content: bytes, n_rows: int | None = None) -> bytes:
    """The .meta.yml of a table whose file will hold ``content``: the hand-written part kept (or rebuilt
    from the table when the current sidecar is damaged), the ``generated`` block (md5, bytes, rows)
    recomputed. Pure (reads only the current sidecar)."""
    meta, why = _read(spec, data_dir)
    if why not in ("", "missing"):
        meta = rebuilt_meta(spec, content)
    elif not meta:
        meta = {"title": spec.title_it}
    if n_rows is None:
        text = content.decode("utf-8", "replace")
        n_rows = max(0, text.count("\n") - 1) if content.endswith(b"\n") else max(0, text.count("\n"))
    meta["generated"] = {
        "md5": hashlib.md5(content).hexdigest(),
        "bytes": len(content),
        "n_rows": n_rows,
        "generated_by": "district_stats",
    }
    return yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100).encode("utf-8")


def write_generated_meta(spec: schema.TableSpec, data_dir: Path, frame: pd.DataFrame | None = None) -> None:
    """Refresh the ``generated`` block (md5, bytes, rows) of a table's .meta.yml, keeping the rest
    (a damaged sidecar is rebuilt from the table: see :func:`generated_meta`)."""
    content = table_path(spec, data_dir).read_bytes()
    text = generated_meta(spec, data_dir, content, len(frame) if frame is not None else None)
    write_text_atomic(meta_path(spec, data_dir), text.decode("utf-8"))
