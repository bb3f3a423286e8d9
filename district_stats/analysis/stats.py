"""Aggregations about districts and comuni: coverage, district table, profiles, comparisons.

DataFrame in, DataFrame (or small dataclass) out; nothing here formats or draws.
"Current" membership means a row with role capofila/member whose ``list_basis`` is
'current' or 'act' (an official act's list; not a candidacy list or a founding composition) in a
district whose listing was not reported as not renewed. Former members, candidacy/founding lists and districts that did
not renew are kept in the data (profiles show them, with the year the source stated them)
but do not count as covered today.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from district_stats import settings
from district_stats.analysis import rounds
from district_stats.analysis.money import approximate, countable, strategic_lines, summable_lines
from district_stats.data.schema.base import CURRENT_BASES

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


def listed_now(members: pd.DataFrame) -> pd.DataFrame:
    """Rows that state a membership as it stands: not former members, and resting on a current list.

    Tables without ``list_basis`` (older files) are read as current lists.
    """
    keep = members["role"] != "former_member"
    if "list_basis" in members:
        keep &= members["list_basis"].fillna("current").isin(CURRENT_BASES)
    return members[keep]


def historic_rows(members: pd.DataFrame) -> pd.DataFrame:
    """Rows of a candidacy list or a founding composition (not former members): named, not counted."""
    if "list_basis" not in members:
        return members.iloc[0:0]
    return members[(members["role"] != "former_member") & ~members["list_basis"].fillna("current").isin(CURRENT_BASES)]


def current_members(members: pd.DataFrame, districts: pd.DataFrame) -> pd.DataFrame:
    """Members (capofila or member) of active districts on a current list; one row per comune.

    The one definition of "current" behind every coverage count (KPIs, map, inside/outside,
    comparisons): candidacy lists and founding compositions are excluded (see :func:`listed_now`).
    """
    active = set(active_districts(districts)["district_id"])
    cur = listed_now(members)
    return cur[cur["district_id"].isin(active)].reset_index(drop=True)


@dataclass(frozen=True)
class Coverage:
    """How much of Piemonte the data maps today (counts are comuni, residents are people)."""

    n_comuni: int
    n_covered: int
    population: int
    population_covered: int
    n_districts: int  # active rows in districts.csv
    n_districts_mapped: int  # active districts with at least one mapped comune
    n_complete: int  # active districts whose member list is complete and rests only on current lists
    n_partial: int  # partial lists, and complete lists that rest in part on a candidacy/founding list
    n_capofila_only: int
    n_confirmed: int  # active districts confirmed by a 2025-26 source
    # Which rows the counts use: only current lists (list_basis 'current' or 'act') of active districts. Comuni
    # named only in a candidacy list or a founding composition are counted here, never in n_covered.
    n_comuni_historic_lists: int = 0  # comuni named only in candidacy/founding lists of active districts
    n_districts_historic_lists: int = 0  # active districts with part or all of their list from such lists
    stated_year_min: int | None = None  # oldest and newest year the counted rows were stated by a source
    stated_year_max: int | None = None

    @property
    def share_comuni(self) -> float:
        return self.n_covered / self.n_comuni if self.n_comuni else 0.0

    @property
    def share_population(self) -> float:
        return self.population_covered / self.population if self.population else 0.0

    @property
    def n_incomplete(self) -> int:
        """Active districts whose list is incomplete: partial (or complete only as an old list) or capofila only
        (:func:`district_stats.analysis.counts.is_incomplete`)."""
        return self.n_partial + self.n_capofila_only


def coverage(comuni: pd.DataFrame, members: pd.DataFrame, districts: pd.DataFrame) -> Coverage:
    """Coverage of the comuni of Piemonte by active districts, from the data as it is."""
    act = active_districts(districts)
    cur = current_members(members, districts)
    covered = comuni[comuni["istat_code"].isin(set(cur["istat_code"]))]
    status = act["members_status"].value_counts()
    hist = historic_rows(members)
    hist = hist[hist["district_id"].isin(set(act["district_id"])) & ~hist["istat_code"].isin(set(cur["istat_code"]))]
    years = cur["stated_year"].dropna() if "stated_year" in cur else pd.Series(dtype="float")
    # A list complete only as a 2021 candidacy or founding composition is not a complete list of today's members.
    old_complete = int(
        ((act["members_status"] == "complete") & act["district_id"].isin(set(hist["district_id"]))).sum()
    )
    return Coverage(
        n_comuni=len(comuni),
        n_covered=len(covered),
        population=int(comuni["population"].sum()),
        population_covered=int(covered["population"].sum()),
        n_districts=len(act),
        n_districts_mapped=int(cur["district_id"].nunique()),
        n_complete=int(status.get("complete", 0)) - old_complete,
        n_partial=int(status.get("partial", 0)) + old_complete,
        n_capofila_only=int(status.get("capofila_only", 0)),
        n_confirmed=int((act["active_status"] == "confirmed").sum()),
        n_comuni_historic_lists=int(hist["istat_code"].nunique()),
        n_districts_historic_lists=int(hist["district_id"].nunique()),
        stated_year_min=int(years.min()) if not years.empty else None,
        stated_year_max=int(years.max()) if not years.empty else None,
    )


def district_table(
    districts: pd.DataFrame,
    members: pd.DataFrame,
    comuni: pd.DataFrame,
    grants: pd.DataFrame,
    district_geo: pd.DataFrame,
    contradictions: pd.DataFrame,
    lines: pd.DataFrame,
    round_frame: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per district with what the list, the map and the comparisons need.

    Amounts (EUR) count only grants of kind 'allocated' on a known regional line
    (``money.summable_lines``); amounts whose line the source does not state are counted in
    ``n_amounts_without_line`` instead, never summed. An amount the sources do not give is
    NaN, never 0: ``allocated_eur``, ``strategic_eur`` and ``business_calls_eur`` are NaN for
    a district with nothing found (``allocated_approximate``, ``strategic_approximate`` and
    ``business_calls_approximate`` say that the sum includes a rounded press figure and reads
    «circa»), and the ``n_rounds_*`` columns of
    :func:`district_stats.analysis.rounds.round_counts` say how many of the rounds open to the
    district have a figure (``n_rounds_open``, ``n_rounds_found``, ``n_rounds_missing``, ...).
    ``round_frame`` is :func:`~district_stats.analysis.rounds.rounds_table` when the caller
    already has it (computed here otherwise).

    Members: ``n_comuni_mapped`` and ``population`` count current-list rows only
    (:func:`listed_now`); ``n_comuni_historic`` counts comuni named only in a candidacy list or a
    founding composition. ``list_basis`` says what the list rests on ('current', or 'candidacy' /
    'founding' when some of its rows come from such a list) and ``list_year`` the oldest year a
    source stated those rows (NaN without rows), so a page can write «secondo la candidatura
    del 2021».
    """
    cur = listed_now(members).merge(comuni[["istat_code", "population"]], on="istat_code", how="left")
    per = cur.groupby("district_id").agg(n_comuni_mapped=("istat_code", "size"), population=("population", "sum"))
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
    # A sum that includes a rounded press figure reads «circa» (money.approximate).
    for col, part in (("allocated", regional), ("strategic", strategic), ("business_calls", calls)):
        out[f"{col}_approximate"] = approximate(part).groupby(part["district_id"]).any()
        out[f"{col}_approximate"] = out[f"{col}_approximate"].fillna(False).astype(bool)
    out["n_business_calls"] = calls.groupby("district_id").size()
    out["n_amounts_without_line"] = alloc[alloc["line_id"].isna()].groupby("district_id").size()
    for col in ("n_strategic_rounds", "n_business_calls", "n_amounts_without_line"):
        out[col] = out[col].fillna(0).astype(int)
    frame = rounds.rounds_table(districts, grants, lines) if round_frame is None else round_frame
    counts = rounds.round_counts(frame)
    out = out.join(counts.drop(columns="found_eur"))
    n_cols = [c for c in counts.columns if c.startswith("n_")]
    out[n_cols] = out[n_cols].fillna(0).astype(int)  # a district of a round with no funding line open to it
    out = out.join(_list_basis(members))
    out["n_comuni_historic"] = out["n_comuni_historic"].fillna(0).astype(int)
    out["list_basis"] = out["list_basis"].fillna("current")
    open_ = contradictions
    if "resolution" in contradictions:  # an explained difference is not a contradiction
        open_ = contradictions[contradictions["resolution"].fillna("unresolved") != "explained"]
    out["n_contradictions"] = [
        int(open_["related_ids"].fillna("").str.contains(did, regex=False).sum()) for did in out.index
    ]
    out = out.join(district_geo.set_index("district_id")[["label_lon", "label_lat"]])
    return out.reset_index()


def _list_basis(members: pd.DataFrame) -> pd.DataFrame:
    """Per district: n_comuni_historic, list_basis and list_year (see :func:`district_table`)."""
    cols = ["n_comuni_historic", "list_basis", "list_year"]
    if "list_basis" not in members or members.empty:
        return pd.DataFrame(columns=cols).rename_axis("district_id")
    hist, cur = historic_rows(members), listed_now(members)
    by_hist, by_cur = dict(list(hist.groupby("district_id"))), dict(list(cur.groupby("district_id")))
    rows = {}
    for did in set(hist["district_id"]) | set(cur["district_id"]):
        h = by_hist.get(did)
        basis = str(h["list_basis"].mode().iloc[0]) if h is not None else "current"
        years = (h if h is not None else by_cur[did])["stated_year"].dropna()
        rows[did] = (0 if h is None else len(h), basis, int(years.min()) if not years.empty else pd.NA)
    out = pd.DataFrame.from_dict(rows, orient="index", columns=cols).rename_axis("district_id")
    out["list_year"] = out["list_year"].astype("Int64")
    return out


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
    out = pd.DataFrame(
        {
            "n_inside": g["inside"].sum().astype(int),
            "n_outside": (~frame["inside"]).groupby(frame[by]).sum().astype(int),
            "pop_inside": frame["population"].where(frame["inside"], 0).groupby(frame[by]).sum().astype(int),
            "pop_outside": frame["population"].where(~frame["inside"], 0).groupby(frame[by]).sum().astype(int),
        }
    )
    out["share_inside"] = out["n_inside"] / (out["n_inside"] + out["n_outside"])
    out["share_pop_inside"] = out["pop_inside"] / (out["pop_inside"] + out["pop_outside"])
    order = [c[2] for c in SIZE_CLASSES] if by == "size_class" else sorted(out.index)
    return out.reindex([o for o in order if o in out.index]).rename_axis("group").reset_index()


def compare_districts(
    table: pd.DataFrame, by: str, metric: str, min_districts: int = settings.MIN_COMPARE_DISTRICTS
) -> pd.DataFrame:
    """Strategic-project money of districts grouped by province or type, normalised by ``metric``.

    metric: 'total' (EUR), 'per_resident' (EUR per resident of the mapped comuni),
    'per_comune' (EUR per mapped comune), 'per_district' (EUR per district).
    Only districts with at least one strategic amount found enter the numerator and the
    denominator, so the ratio compares like with like. Every active group is a row, with
    its coverage: ``n_districts_traced`` (districts with an amount) of ``n_districts``,
    ``population`` and ``n_comuni_mapped`` behind the value. ``value`` is NaN when no
    district of the group has an amount (unknown, not zero); ``comparable`` is False when
    fewer than ``min_districts`` districts carry the value (one district is not a province);
    ``approximate`` is True when the group's total includes a rounded press figure («circa»).
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
    if "strategic_approximate" in traced:  # a total with a rounded press figure reads «circa»
        out["approximate"] = g["strategic_approximate"].any()
    out = out.fillna({"n_districts_traced": 0, "population": 0, "n_comuni_mapped": 0, "approximate": False})
    out[["n_districts_traced", "population", "n_comuni_mapped"]] = out[
        ["n_districts_traced", "population", "n_comuni_mapped"]
    ].astype(int)
    denom = {
        "total": 1,
        "per_resident": out["population"],
        "per_comune": out["n_comuni_mapped"],
        "per_district": out["n_districts_traced"],
    }[metric]
    out["value"] = (out["strategic_eur"] / denom).where(out["n_districts_traced"] > 0)
    out["comparable"] = out["n_districts_traced"] >= min_districts
    out = out.rename_axis("group").reset_index()
    return out.sort_values(["comparable", "value"], ascending=[False, False], na_position="last").reset_index(drop=True)


#: What a comparison withholds for a group that is not comparable: its value and everything it rests on.
WITHHELD = ("value", "strategic_eur", "population", "n_comuni_mapped")


def withhold(frame: pd.DataFrame) -> pd.DataFrame:
    """:func:`compare_districts` as its table and download show it: the columns of :data:`WITHHELD` empty for
    the groups the chart does not compare (``comparable`` False), exactly as the chart leaves them out, and
    the ``comparable`` flag dropped (the caller says why in words)."""
    out = frame.copy()
    for col in WITHHELD:  # counts stay whole numbers (nullable), amounts floats
        kind = "Int64" if col in ("population", "n_comuni_mapped") else "float"
        out[col] = out[col].astype(kind).where(out["comparable"])
    if "approximate" in out:  # about a value that is not shown there is nothing to say
        out["approximate"] = out["approximate"].astype("boolean").where(out["comparable"])
    return out.drop(columns="comparable")


def district_members_view(district_id: str, members: pd.DataFrame, comuni: pd.DataFrame) -> pd.DataFrame:
    """Members of one district with population and province, capofila first, then by name."""
    m = members[members["district_id"] == district_id].merge(
        comuni[["istat_code", "population", "province_code"]], on="istat_code", how="left"
    )
    order = {"capofila": 0, "member": 1, "former_member": 2}
    m = m.assign(_o=m["role"].map(order)).sort_values(["_o", "comune_name"]).drop(columns="_o")
    return m.reset_index(drop=True)


def comune_memberships(istat_code: str, members: pd.DataFrame, districts: pd.DataFrame) -> pd.DataFrame:
    """Every district row that names this comune (current and former), with district status."""
    m = members[members["istat_code"] == istat_code].merge(
        districts[["district_id", "district_name", "short_name", "district_type", "active_status", "members_status"]],
        on="district_id",
        how="left",
    )
    return m.reset_index(drop=True)
