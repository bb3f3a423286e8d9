"""Aggregations about districts and comuni: coverage, district table, profiles, comparisons.

DataFrame in, DataFrame (or small dataclass) out; nothing here formats or draws.
"Current" membership means role capofila/member in a district whose listing was not
reported as not renewed; former members and districts that did not renew are kept in
the data (profiles show them) but do not count as covered today.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from district_stats import settings
from district_stats.analysis import rounds
from district_stats.analysis.money import countable, strategic_lines, summable_lines

SIZE_CLASSES: tuple[tuple[int, int, str], ...] = (
    (0, 1_000, "< 1.000"),
    (1_000, 5_000, "1.000–4.999"),
    (5_000, 15_000, "5.000–14.999"),
    (15_000, 50_000, "15.000–49.999"),
    (50_000, 10**9, "≥ 50.000"),
)


def active_districts(districts: pd.DataFrame) -> pd.DataFrame:
    """Districts not reported as 'not_renewed' (listed today, confirmed or not)."""
    return districts[districts["active_status"] != "not_renewed"]


def current_members(members: pd.DataFrame, districts: pd.DataFrame) -> pd.DataFrame:
    """Members (capofila or member) of active districts; one row per comune."""
    active = set(active_districts(districts)["district_id"])
    cur = members[(members["role"] != "former_member") & members["district_id"].isin(active)]
    return cur.reset_index(drop=True)


@dataclass(frozen=True)
class Coverage:
    """How much of Piemonte the data maps today (counts are comuni, residents are people)."""

    n_comuni: int
    n_covered: int
    population: int
    population_covered: int
    n_districts: int  # active rows in districts.csv
    n_districts_mapped: int  # active districts with at least one mapped comune
    n_complete: int  # active districts whose member list is complete
    n_partial: int
    n_capofila_only: int
    n_confirmed: int  # active districts confirmed by a 2025-26 source

    @property
    def share_comuni(self) -> float:
        return self.n_covered / self.n_comuni if self.n_comuni else 0.0

    @property
    def share_population(self) -> float:
        return self.population_covered / self.population if self.population else 0.0


def coverage(comuni: pd.DataFrame, members: pd.DataFrame, districts: pd.DataFrame) -> Coverage:
    """Coverage of the comuni of Piemonte by active districts, from the data as it is."""
    act = active_districts(districts)
    cur = current_members(members, districts)
    covered = comuni[comuni["istat_code"].isin(set(cur["istat_code"]))]
    status = act["members_status"].value_counts()
    return Coverage(
        n_comuni=len(comuni),
        n_covered=len(covered),
        population=int(comuni["population"].sum()),
        population_covered=int(covered["population"].sum()),
        n_districts=len(act),
        n_districts_mapped=int(cur["district_id"].nunique()),
        n_complete=int(status.get("complete", 0)),
        n_partial=int(status.get("partial", 0)),
        n_capofila_only=int(status.get("capofila_only", 0)),
        n_confirmed=int((act["active_status"] == "confirmed").sum()),
    )


def district_table(districts: pd.DataFrame, members: pd.DataFrame, comuni: pd.DataFrame, grants: pd.DataFrame,
                   district_geo: pd.DataFrame, contradictions: pd.DataFrame, lines: pd.DataFrame,
                   round_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per district with what the list, the map and the comparisons need.

    Amounts (EUR) count only grants of kind 'allocated' on a known regional line
    (``money.summable_lines``); amounts whose line the source does not state are counted in
    ``n_amounts_without_line`` instead, never summed. An amount the sources do not give is
    NaN, never 0: ``allocated_eur``, ``strategic_eur`` and ``business_calls_eur`` are NaN for
    a district with nothing found, and the ``n_rounds_*`` columns of
    :func:`district_stats.analysis.rounds.round_counts` say how many of the rounds open to the
    district have a figure (``n_rounds_open``, ``n_rounds_found``, ``n_rounds_missing``, ...).
    ``round_frame`` is :func:`~district_stats.analysis.rounds.rounds_table` when the caller
    already has it (computed here otherwise).
    """
    cur = members[members["role"] != "former_member"].merge(
        comuni[["istat_code", "population"]], on="istat_code", how="left")
    per = cur.groupby("district_id").agg(n_comuni_mapped=("istat_code", "size"),
                                         population=("population", "sum"))
    grants = countable(grants)
    alloc = grants[(grants["amount_kind"] == "allocated")]
    regional = alloc[alloc["line_id"].isin(summable_lines(lines))]
    strategic = alloc[alloc["line_id"].isin(strategic_lines(lines))]
    calls = grants[grants["amount_kind"] == "business_call"]
    out = districts.set_index("district_id").join(per)
    out["n_comuni_mapped"] = out["n_comuni_mapped"].fillna(0).astype(int)
    out["population"] = out["population"].fillna(0).astype(int)
    # min_count=1: a district without rows gets NaN ("not found"), not a sum of nothing (0).
    out["allocated_eur"] = regional.groupby("district_id")["amount_eur"].sum(min_count=1)
    out["strategic_eur"] = strategic.groupby("district_id")["amount_eur"].sum(min_count=1)
    out["n_strategic_rounds"] = strategic.groupby("district_id")["line_id"].nunique()
    out["business_calls_eur"] = calls.groupby("district_id")["amount_eur"].sum(min_count=1)
    out["n_business_calls"] = calls.groupby("district_id").size()
    out["n_amounts_without_line"] = alloc[alloc["line_id"].isna()].groupby("district_id").size()
    for col in ("n_strategic_rounds", "n_business_calls", "n_amounts_without_line"):
        out[col] = out[col].fillna(0).astype(int)
    frame = rounds.rounds_table(districts, grants, lines) if round_frame is None else round_frame
    counts = rounds.round_counts(frame)
    out = out.join(counts.drop(columns="found_eur"))
    n_cols = [c for c in counts.columns if c.startswith("n_")]
    out[n_cols] = out[n_cols].fillna(0).astype(int)  # a district of a round with no funding line open to it
    out["n_contradictions"] = [
        int(contradictions["related_ids"].fillna("").str.contains(did, regex=False).sum()) for did in out.index]
    out = out.join(district_geo.set_index("district_id")[["label_lon", "label_lat"]])
    return out.reset_index()


def size_class(population: pd.Series) -> pd.Series:
    """Label of the population size class of each comune."""
    labels = pd.Series("", index=population.index, dtype="str")
    for lo, hi, label in SIZE_CLASSES:
        labels[(population >= lo) & (population < hi)] = label
    return labels


def inside_outside(comuni: pd.DataFrame, members: pd.DataFrame, districts: pd.DataFrame, by: str) -> pd.DataFrame:
    """Comuni and residents inside vs outside active districts, grouped by ``by``.

    ``by`` is 'province_code' or 'size_class'. Columns: group, n_inside, n_outside,
    pop_inside, pop_outside, share_inside (of comuni), share_pop_inside.

    Raises:
        ValueError: for another ``by``.
    """
    if by not in ("province_code", "size_class"):
        raise ValueError(f"unknown grouping {by!r}")
    frame = comuni.copy()
    frame["size_class"] = size_class(frame["population"])
    frame["inside"] = frame["istat_code"].isin(set(current_members(members, districts)["istat_code"]))
    g = frame.groupby(by)
    out = pd.DataFrame({
        "n_inside": g["inside"].sum().astype(int),
        "n_outside": (~frame["inside"]).groupby(frame[by]).sum().astype(int),
        "pop_inside": frame["population"].where(frame["inside"], 0).groupby(frame[by]).sum().astype(int),
        "pop_outside": frame["population"].where(~frame["inside"], 0).groupby(frame[by]).sum().astype(int),
    })
    out["share_inside"] = out["n_inside"] / (out["n_inside"] + out["n_outside"])
    out["share_pop_inside"] = out["pop_inside"] / (out["pop_inside"] + out["pop_outside"])
    order = [c[2] for c in SIZE_CLASSES] if by == "size_class" else sorted(out.index)
    return out.reindex([o for o in order if o in out.index]).rename_axis("group").reset_index()


def compare_districts(table: pd.DataFrame, by: str, metric: str,
                      min_districts: int = settings.MIN_COMPARE_DISTRICTS) -> pd.DataFrame:
    """Strategic-project money of districts grouped by province or type, normalised by ``metric``.

    metric: 'total' (EUR), 'per_resident' (EUR per resident of the mapped comuni),
    'per_comune' (EUR per mapped comune), 'per_district' (EUR per district).
    Only districts with at least one strategic amount found enter the numerator and the
    denominator, so the ratio compares like with like. Every active group is a row, with
    its coverage: ``n_districts_traced`` (districts with an amount) of ``n_districts``,
    ``population`` and ``n_comuni_mapped`` behind the value. ``value`` is NaN when no
    district of the group has an amount (unknown, not zero); ``comparable`` is False when
    fewer than ``min_districts`` districts carry the value (one district is not a province).
    Comparable groups come first, by value.

    Raises:
        ValueError: for an unknown ``by`` or ``metric``.
    """
    if by not in ("province_code", "district_type"):
        raise ValueError(f"unknown grouping {by!r}")
    if metric not in ("total", "per_resident", "per_comune", "per_district"):
        raise ValueError(f"unknown metric {metric!r}")
    act = table[table["active_status"] != "not_renewed"]
    traced = act[act["strategic_eur"].notna()]
    g = traced.groupby(by)
    out = pd.DataFrame({"n_districts": act.groupby(by).size()})
    out["n_districts_traced"] = g.size()
    out["strategic_eur"] = g["strategic_eur"].sum()
    out["population"] = g["population"].sum()
    out["n_comuni_mapped"] = g["n_comuni_mapped"].sum()
    out = out.fillna({"n_districts_traced": 0, "population": 0, "n_comuni_mapped": 0})
    out[["n_districts_traced", "population", "n_comuni_mapped"]] = out[
        ["n_districts_traced", "population", "n_comuni_mapped"]].astype(int)
    denom = {"total": 1, "per_resident": out["population"], "per_comune": out["n_comuni_mapped"],
             "per_district": out["n_districts_traced"]}[metric]
    out["value"] = (out["strategic_eur"] / denom).where(out["n_districts_traced"] > 0)
    out["comparable"] = out["n_districts_traced"] >= min_districts
    out = out.rename_axis("group").reset_index()
    return out.sort_values(["comparable", "value"], ascending=[False, False], na_position="last"
                           ).reset_index(drop=True)


def district_members_view(district_id: str, members: pd.DataFrame, comuni: pd.DataFrame) -> pd.DataFrame:
    """Members of one district with population and province, capofila first, then by name."""
    m = members[members["district_id"] == district_id].merge(
        comuni[["istat_code", "population", "province_code"]], on="istat_code", how="left")
    order = {"capofila": 0, "member": 1, "former_member": 2}
    m = m.assign(_o=m["role"].map(order)).sort_values(["_o", "comune_name"]).drop(columns="_o")
    return m.reset_index(drop=True)


def comune_memberships(istat_code: str, members: pd.DataFrame, districts: pd.DataFrame) -> pd.DataFrame:
    """Every district row that names this comune (current and former), with district status."""
    m = members[members["istat_code"] == istat_code].merge(
        districts[["district_id", "district_name", "short_name", "district_type", "active_status",
                   "members_status"]], on="district_id", how="left")
    return m.reset_index(drop=True)
