"""Funding aggregates: the 2020-2027 reconstruction, the business reserve, splits and flows.

All amounts are euro (EUR). Totals come from ``funding_lines.csv`` flags
(``in_reconstruction``, ``in_extended_reconstruction``, ``business_reserve_base``), never
from constants here, so an updated table changes every figure consistently.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


def strategic_lines(lines: pd.DataFrame) -> tuple[str, ...]:
    """Ids of the strategic-project calls (``district_amounts == 'strategic_call'``), in table order."""
    return tuple(lines.loc[lines["district_amounts"] == "strategic_call", "line_id"])


def summable_lines(lines: pd.DataFrame) -> tuple[str, ...]:
    """Ids of the regional lines whose per-district allocations may be summed (strategic calls included).

    Announcements, the business share, protocols and adjacent measures are ``not_summed``.
    """
    return tuple(lines.loc[lines["district_amounts"] != "not_summed", "line_id"])


@dataclass(frozen=True)
class Reconstruction:
    """The 2020-2027 total rebuilt from the acts."""

    total_eur: float  # lines flagged in_reconstruction (set-up + first activities + 3 strategic calls)
    extended_eur: float  # plus the new-district lines
    lines: pd.DataFrame  # the lines summed in ``total_eur``
    extended_lines: pd.DataFrame


def reconstruction(lines: pd.DataFrame) -> Reconstruction:
    """Sum the lines flagged for the reconstruction (and the extended one)."""
    base = lines[lines["in_reconstruction"]]
    ext = lines[lines["in_extended_reconstruction"]]
    return Reconstruction(
        float(base["amount_eur"].sum()),
        float(ext["amount_eur"].sum()),
        base.reset_index(drop=True),
        ext.reset_index(drop=True),
    )


@dataclass(frozen=True)
class BusinessReserve:
    """Minimum share of the strategic calls reserved for businesses, and what it comes to."""

    share: float  # e.g. 0.30, from headline_figures 'business_reserve_rule'
    base_eur: float  # sum of the strategic calls (business_reserve_base lines)
    reserve_eur: float  # share × base
    per_line: pd.DataFrame  # line_id, label_it, label_en, amount_eur, reserve_eur


def business_reserve(lines: pd.DataFrame, headlines: pd.DataFrame) -> BusinessReserve:
    """Apply the reserve rule of the calls to the strategic-call totals.

    Raises:
        ValueError: if headline_figures has no primary 'business_reserve_rule' row.
    """
    rule = headlines[(headlines["claim_group"] == "business_reserve_rule") & headlines["is_primary"]]
    if rule.empty:
        raise ValueError("headline_figures lacks the business_reserve_rule row")
    share = float(rule["value"].iloc[0])
    base = lines[lines["business_reserve_base"]][["line_id", "label_it", "label_en", "amount_eur"]].copy()
    base["reserve_eur"] = base["amount_eur"] * share
    return BusinessReserve(
        share, float(base["amount_eur"].sum()), float(base["reserve_eur"].sum()), base.reset_index(drop=True)
    )


def by_line(lines: pd.DataFrame, extended: bool = False) -> pd.DataFrame:
    """The lines of the reconstruction with their share of the total (sorted by start year)."""
    rec = reconstruction(lines)
    frame = (rec.extended_lines if extended else rec.lines).copy()
    total = rec.extended_eur if extended else rec.total_eur
    frame["share"] = frame["amount_eur"] / total
    cols = [
        "line_id",
        "label_it",
        "label_en",
        "start_year",
        "end_year",
        "amount_eur",
        "share",
        "amount_basis",
        "confidence",
        "source_urls",
    ]
    return frame.sort_values(["start_year", "line_id"])[cols].reset_index(drop=True)


def by_year(lines: pd.DataFrame, extended: bool = False) -> pd.DataFrame:
    """Reconstruction amounts by year of allocation (the year of each act), not spread over periods.

    A reconstruction line whose children (``parent_line_id``) carry all the amount in
    several years is replaced by its children, so each euro sits in the year its act
    assigned it. Columns: year, amount_eur, line_ids.
    """
    rec = reconstruction(lines)
    chosen = rec.extended_lines if extended else rec.lines
    rows = []
    for _, line in chosen.iterrows():
        kids = lines[
            (lines["parent_line_id"] == line["line_id"])
            & lines["amount_eur"].notna()
            & (lines["line_kind"] == "graduatoria")
        ]
        if (
            line["start_year"] != line["end_year"]
            and not kids.empty
            and kids["start_year"].nunique() > 1
            and abs(kids["amount_eur"].sum() - line["amount_eur"]) <= 5
        ):
            rows += [(int(k["start_year"]), float(k["amount_eur"]), k["line_id"]) for _, k in kids.iterrows()]
        else:
            rows.append((int(line["start_year"]), float(line["amount_eur"]), line["line_id"]))
    frame = pd.DataFrame(rows, columns=["year", "amount_eur", "line_id"])
    out = frame.groupby("year").agg(amount_eur=("amount_eur", "sum"), line_ids=("line_id", ", ".join))
    return out.reset_index()


def beneficiaries(lines: pd.DataFrame, headlines: pd.DataFrame) -> pd.DataFrame:
    """Reconstructed total split between businesses (minimum reserve) and comuni/districts (the rest).

    The business figure is a floor (at least 30% of the strategic calls): districts may
    have given businesses more, as several district calls show.
    """
    rec = reconstruction(lines)
    res = business_reserve(lines, headlines)
    return pd.DataFrame(
        {
            "beneficiary": ["imprese", "comuni_distretti"],
            "amount_eur": [res.reserve_eur, rec.total_eur - res.reserve_eur],
            "is_minimum": [True, False],
        }
    )


def flow_links(lines: pd.DataFrame, headlines: pd.DataFrame) -> pd.DataFrame:
    """Links of the Regione -> calls -> {businesses, public works} flow, in EUR.

    Columns: source, target, amount_eur. Node names are stable ids ('regione', line ids,
    'imprese', 'interventi'); labels are chosen by the figure.
    """
    res = business_reserve(lines, headlines)
    rows = []
    for _, r in res.per_line.iterrows():
        rows.append(("regione", r["line_id"], r["amount_eur"]))
        rows.append((r["line_id"], "imprese", r["reserve_eur"]))
        rows.append((r["line_id"], "interventi", r["amount_eur"] - r["reserve_eur"]))
    return pd.DataFrame(rows, columns=["source", "target", "amount_eur"])


def traced_calls(grants: pd.DataFrame, districts: pd.DataFrame) -> pd.DataFrame:
    """District business calls found in the sources, one row per call, with district names."""
    grants = countable(grants)
    calls = grants[grants["amount_kind"] == "business_call"]
    return (
        calls.merge(
            districts[["district_id", "short_name", "province_code", "district_type"]], on="district_id", how="left"
        )
        .sort_values("amount_eur", ascending=False)
        .reset_index(drop=True)
    )


def traced_by(grants: pd.DataFrame, districts: pd.DataFrame, key: str, lines: tuple[str, ...]) -> pd.DataFrame:
    """Allocated amounts traced to districts on the lines ``lines``, grouped by a district column ``key``.

    Every group of ``districts`` is a row. Columns: group, amount_eur (NaN when no district of
    the group has an amount: unknown, not zero), n_districts (with at least one amount),
    n_districts_all, n_approximate (rounded press figures in ``amount_eur``: when above 0 the
    total reads «circa», see :func:`approximate`).
    """
    grants = countable(grants)
    alloc = grants[(grants["amount_kind"] == "allocated") & grants["line_id"].isin(lines)]
    merged = alloc.merge(districts[["district_id", key]], on="district_id", how="inner")
    merged = merged.assign(approximate=approximate(merged))
    out = pd.DataFrame({"n_districts_all": districts.groupby(key).size()})
    out["amount_eur"] = merged.groupby(key)["amount_eur"].sum()
    out["n_districts"] = merged.groupby(key)["district_id"].nunique()
    out["n_approximate"] = merged.groupby(key)["approximate"].sum()
    for col in ("n_districts", "n_approximate"):
        out[col] = out[col].fillna(0).astype(int)
    out = out[["amount_eur", "n_districts", "n_districts_all", "n_approximate"]].rename_axis("group").reset_index()
    return out.sort_values("amount_eur", ascending=False, na_position="last").reset_index(drop=True)


def traced_share(grants: pd.DataFrame, lines: pd.DataFrame, line_ids: tuple[str, ...] | None = None) -> pd.DataFrame:
    """For each line, how much of its total the per-district amounts found account for.

    Columns: line_id, label_it, label_en, line_total_eur, traced_eur, share, n_traced,
    n_beneficiaries, n_approximate (rounded press figures in ``traced_eur``: when above 0 the
    traced total and its share read «circa», see :func:`approximate`).
    """
    grants = countable(grants)
    rows = []
    for lid in strategic_lines(lines) if line_ids is None else line_ids:
        line = lines[lines["line_id"] == lid]
        if line.empty:
            continue
        g = grants[(grants["line_id"] == lid) & (grants["amount_kind"] == "allocated")]
        total = float(line["amount_eur"].iloc[0]) if pd.notna(line["amount_eur"].iloc[0]) else float("nan")
        rows.append(
            {
                "line_id": lid,
                "label_it": line["label_it"].iloc[0],
                "label_en": line["label_en"].iloc[0],
                "line_total_eur": total,
                "traced_eur": float(g["amount_eur"].sum()),
                "share": float(g["amount_eur"].sum()) / total if total else float("nan"),
                "n_traced": int(g["district_id"].nunique()),
                "n_beneficiaries": line["n_beneficiaries"].iloc[0],
                "n_approximate": int(approximate(g).sum()),
            }
        )
    return pd.DataFrame(rows)


def allocated_vs_paid(grants: pd.DataFrame) -> pd.DataFrame:
    """Districts where a source gives an amount actually paid, next to what it pays (EUR).

    The reference of a paid row is, in order: the rows named in its ``refers_to_grant_ids``
    (summed: a payment of two allocations is compared with both, e.g. Mondovì's 342.000 € paid
    against 292.000 + 50.596 €); else the business call or allocation of the same district and
    line (the one of the same year when there is one); else NaN (nothing to compare with, never 0).
    Restatements never enter the reference. Columns: grant_id, district_id, line_id, year,
    paid_eur, reference_eur, reference_kind (the ``amount_kind`` of the reference rows, e.g.
    'allocated' or 'business_call'; empty when there is none), reference_grant_ids and
    reference_line_ids (tuples: a payment of two allocations has no single line of its own),
    share_paid (paid / reference).
    """
    grants = countable(grants)
    cols = [
        "grant_id",
        "district_id",
        "line_id",
        "year",
        "paid_eur",
        "reference_eur",
        "reference_kind",
        "reference_grant_ids",
        "reference_line_ids",
        "share_paid",
    ]
    kinds = grants.set_index("grant_id")["amount_kind"]
    line_of = grants.set_index("grant_id")["line_id"]
    paid = grants[grants["amount_kind"] == "paid"]
    ref = grants[grants["amount_kind"].isin(["business_call", "allocated"])]
    by_id = grants.set_index("grant_id")["amount_eur"]
    rows = []
    for _, p in paid.iterrows():
        named = _ids(p.get("refers_to_grant_ids"))
        if named:
            used = [g for g in named if g in by_id.index]
            reference = float(by_id[used].sum()) if used else float("nan")
        else:
            same = ref[(ref["district_id"] == p["district_id"]) & (ref["line_id"] == p["line_id"])]
            if pd.notna(p["year"]) and (same["year"] == p["year"]).any():
                same = same[same["year"] == p["year"]]  # the call of the same year, when there is one
            best = same.loc[same["amount_eur"].idxmax()] if not same.empty else None
            used = [best["grant_id"]] if best is not None else []
            reference = float(best["amount_eur"]) if best is not None else float("nan")
        rows.append(
            {
                "grant_id": p["grant_id"],
                "district_id": p["district_id"],
                "line_id": p["line_id"],
                "year": p["year"],
                "paid_eur": p["amount_eur"],
                "reference_eur": reference,
                "reference_kind": "/".join(dict.fromkeys(str(kinds[g]) for g in used)),
                "reference_grant_ids": tuple(used),
                "reference_line_ids": tuple(dict.fromkeys(str(line_of[g]) for g in used if pd.notna(line_of[g]))),
                "share_paid": p["amount_eur"] / reference if reference else float("nan"),
            }
        )
    return pd.DataFrame(rows, columns=cols)


def _ids(cell: object) -> list[str]:
    """Grant codes of a ';'-separated cell (empty for NaN/None)."""
    if cell is None or (isinstance(cell, float) and pd.isna(cell)) or pd.isna(cell):
        return []
    return [p.strip() for p in str(cell).split(";") if p.strip()]


def interventions_matrix(line_interventions: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """Which line admits which kind of intervention: one row per line, one bool column per kind."""
    m = line_interventions.assign(v=True).pivot_table(
        index="line_id", columns="intervention_kind", values="v", aggfunc="any", fill_value=False
    )
    order = [lid for lid in lines["line_id"] if lid in m.index]
    return m.reindex(order).astype(bool).reset_index()


def countable(grants: pd.DataFrame) -> pd.DataFrame:
    """The grant rows that may enter a sum of money.

    Every total of the dashboard goes through here, so a rule about which rows count is
    written once: a row that only restates another one (the same money reported twice,
    column ``restates_grant_id`` when the data has it) never counts a second time.
    """
    if "restates_grant_id" not in grants.columns:
        return grants
    return grants[grants["restates_grant_id"].isna() | (grants["restates_grant_id"] == "")]


def approximate(grants: pd.DataFrame) -> pd.Series:
    """Per row: True when the source gives a rounded figure (``amount_approximate``).

    A total that includes such a row is itself approximate and reads «circa»: the aggregates
    here expose it as ``n_approximate`` (:func:`traced_share`, :func:`traced_by`) or as an
    ``*_approximate`` flag (district table, rounds). All False when the column is absent.
    """
    if "amount_approximate" not in grants.columns:
        return pd.Series(False, index=grants.index)
    return grants["amount_approximate"].fillna(False).astype(bool)


#: Kinds of amount that are (or claim to be) the regional grant itself, so they cannot exceed the
#: call's per-district cap; project totals, co-financing, local funds and business calls may.
CAPPED_KINDS = ("allocated", "paid", "requested")


def over_cap(grants: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """Countable regional amounts above their line's per-district cap (``funding_lines.cap_eur``).

    Restatements are left out (they never enter a sum). Columns: grant_id, district_id, line_id,
    amount_eur, cap_eur, excess_eur (EUR above the cap), excess_share (excess / cap),
    approximate. A row here is either a rounded press figure (``approximate``: its totals read
    «circa») or needs a recorded contradiction; anything else is a data error.
    """
    cols = ["grant_id", "district_id", "line_id", "amount_eur", "cap_eur", "excess_eur", "excess_share", "approximate"]
    if "cap_eur" not in lines.columns:
        return pd.DataFrame(columns=cols)
    caps = lines.set_index("line_id")["cap_eur"].dropna()
    g = countable(grants)
    g = g[g["amount_kind"].isin(CAPPED_KINDS) & g["line_id"].isin(caps.index)].copy()
    g["cap_eur"] = g["line_id"].map(caps).astype(float)
    g = g[g["amount_eur"] > g["cap_eur"]].copy()
    g["excess_eur"] = g["amount_eur"] - g["cap_eur"]
    g["excess_share"] = g["excess_eur"] / g["cap_eur"]
    g["approximate"] = approximate(g)
    return g[cols].reset_index(drop=True)
