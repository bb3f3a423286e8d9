"""Profiles of one district or one comune: plain data for the profile pages and the presenter.

Nothing here is formatted; every frame keeps its source URLs and confidence.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from district_stats.analysis import counts, money, stats
from district_stats.analysis.views import Views


@dataclass(frozen=True)
class DistrictProfile:
    """All rows that mention one district."""

    row: pd.Series  # district_table row
    members: pd.DataFrame  # stats.district_members_view
    grants: pd.DataFrame  # grants of the district with line labels
    contradictions: pd.DataFrame
    rounds: list[str]  # line ids of strategic calls with an allocation
    sources: list[str]


def district_profile(v: Views, district_id: str) -> DistrictProfile | None:
    """Profile of ``district_id``, or None if there is no such district."""
    row = v.district(district_id)
    if row is None:
        return None
    ds = v.ds
    members = stats.district_members_view(district_id, ds["district_members"], ds["comuni"])
    grants = ds["grants"][ds["grants"]["district_id"] == district_id].merge(v.line_names, on="line_id", how="left")
    grants = grants.sort_values(["year", "line_id"], na_position="last").reset_index(drop=True)
    con = ds["contradictions"]
    related = con[con["related_ids"].fillna("").str.contains(district_id, regex=False)].reset_index(drop=True)
    counted = money.countable(grants)
    rounds = sorted(
        set(
            counted[
                (counted["amount_kind"] == "allocated")
                & counted["line_id"].isin(money.strategic_lines(ds["funding_lines"]))
            ]["line_id"]
        )
    )
    sources: list[str] = []
    for cell in [row["source_urls"], *members["source_urls"], *grants["source_urls"]]:
        for u in str(cell).split(";"):
            if u and u not in sources:
                sources.append(u)
    return DistrictProfile(row, members, grants, related, rounds, sources)


@dataclass(frozen=True)
class ComuneProfile:
    """One comune: its ISTAT row, its current district (if any) and every membership row."""

    comune: pd.Series
    memberships: pd.DataFrame  # stats.comune_memberships (every row: former, candidacy/founding lists too)
    current: pd.Series | None  # district_table row of the active district whose current list names it
    role: str | None
    partial_in_province: int  # active districts of its province with a partial list


def comune_profile(v: Views, istat_code: str) -> ComuneProfile | None:
    """Profile of the comune ``istat_code`` (6 digits), or None if it is not a comune of Piemonte."""
    comune = v.comune(istat_code)
    if comune is None:
        return None
    ds = v.ds
    mem = stats.comune_memberships(istat_code, ds["district_members"], ds["districts"])
    cur = stats.listed_now(mem)
    cur = cur[cur["active_status"] != "not_renewed"]
    current = v.district(cur.iloc[0]["district_id"]) if not cur.empty else None
    role = str(cur.iloc[0]["role"]) if not cur.empty else None
    d = v.districts
    partial = d[(d["province_code"] == comune["province_code"]) & counts.is_incomplete(d) & counts.is_active(d)]
    return ComuneProfile(comune, mem, current, role, len(partial))
