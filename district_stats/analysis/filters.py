"""The one filter behind every province / type / search / year picker of the dashboard.

The list, the map, the investments table and the filtered downloads all narrow the same
district table the same way, so a filter written in the URL means the same rows on every page.
"""

from __future__ import annotations

import pandas as pd


def districts_in(table: pd.DataFrame, province: str = "", district_type: str = "", query: str = "") -> pd.DataFrame:
    """Rows of a district table in ``province`` and of ``district_type`` (empty = any) whose short
    name, full name or capofila contains ``query`` (case-insensitive, plain text, not a pattern)."""
    out = table
    if province:
        out = out[out["province_code"] == province]
    if district_type:
        out = out[out["district_type"] == district_type]
    q = query.strip().lower()
    if q:
        hay = (out["short_name"] + " " + out["district_name"] + " " + out["capofila_ente"]).str.lower()
        out = out[hay.str.contains(q, regex=False)]
    return out


def grants_in(
    grants: pd.DataFrame, districts: pd.DataFrame, province: str = "", district_type: str = "", year: str = ""
) -> pd.DataFrame:
    """Grants of the districts selected by :func:`districts_in`, in ``year`` (empty = any), with the
    district's short name, province and type alongside."""
    chosen = districts_in(districts, province, district_type)[
        ["district_id", "short_name", "province_code", "district_type"]
    ]
    out = grants.merge(chosen, on="district_id", how="inner")
    if year:
        out = out[out["year"] == int(year)]
    return out.reset_index(drop=True)


def tables_of(tables: dict[str, pd.DataFrame], district_ids: set[str]) -> dict[str, pd.DataFrame]:
    """The curated tables keyed by district (districts, members, grants) cut to ``district_ids``."""
    return {
        name: tables[name][tables[name]["district_id"].isin(district_ids)]
        for name in ("districts", "district_members", "grants")
    }
