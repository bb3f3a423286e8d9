"""The committed amounts: no total counts the same money twice, project totals are never allocations,
outcomes are statuses (not zeros), the one regional payment is compared with what it pays."""

from __future__ import annotations

import pandas as pd
import pytest

from district_stats.analysis import money, stats
from district_stats.analysis.rounds import district_rounds

# Per-district caps of the calls as the sources quote them (funding_lines.cap_eur, with the source in each
# line's notes): 2022-24 250.000 + 42.306,63, 2023-25 250.000 + 36.300 (contradiction C36, C42), 2025-27 250.000 +
# 40.300, set-up 20.000, first activities 50.596, new districts 52.000.
CAPS = {
    "L01": 20_000.0,
    "L02": 50_596.0,
    "L03": 292_306.63,
    "L04": 286_300.0,
    "L06": 52_000.0,
    "L07": 52_000.0,
    "L08": 290_300.0,
}
# Rounding in the press ("quasi 300 mila", "circa 300 mila") explains a few percent above a cap; more than this is
# a project total with co-financing (+17% and more), never a rounded allocation.
ROUNDING = 0.05


def _restating(g: pd.DataFrame) -> set[str]:
    return set(g.loc[g["restates_grant_id"].notna(), "grant_id"])


def test_restatements_are_linked_and_never_counted(ds, views):
    g = ds["grants"]
    restating = _restating(g)
    # Valsesia's and Terre del Monviso's 50.596 € spent as a business call; the Chierese's 312.000 € (C41) and
    # Caluso's project of about 300.000 € beside the grants they restate.
    assert restating == {"G151", "G085", "G181", "G173"}
    assert restating.isdisjoint(views.calls["grant_id"])
    assert restating.isdisjoint(money.countable(g)["grant_id"])
    for did in g["district_id"].unique():  # the rounds the pages show (rounds_table: district_rounds of each)
        rounds = views.district_rounds(did)
        assert restating.isdisjoint({i for ids in rounds["grant_ids"] for i in ids}), did
    assert restating.isdisjoint({i for ids in views.paid["reference_grant_ids"] for i in ids})


def test_no_total_counts_the_same_money_twice(ds, views):
    g, lines = ds["grants"], ds["funding_lines"]
    counted = money.countable(g)
    alloc = counted[counted["amount_kind"] == "allocated"]
    calls = counted[counted["amount_kind"] == "business_call"]
    table = views.districts.set_index("district_id")
    # Each aggregate equals the plain sum of the countable rows it covers, row by row.
    summed = alloc[alloc["line_id"].isin(money.summable_lines(lines))].groupby("district_id")["amount_eur"].sum()
    assert table["allocated_eur"][summed.index].tolist() == pytest.approx(summed.tolist())
    assert table["business_calls_eur"].sum() == pytest.approx(calls["amount_eur"].sum())
    assert views.calls["amount_eur"].sum() == pytest.approx(calls["amount_eur"].sum())
    assert views.calls["grant_id"].is_unique
    for _, r in views.traced_share.iterrows():
        line = alloc[alloc["line_id"] == r["line_id"]]
        assert r["traced_eur"] == pytest.approx(line["amount_eur"].sum()), r["line_id"]
    assert views.traced_province["amount_eur"].sum() == pytest.approx(
        alloc[
            alloc["line_id"].isin(money.strategic_lines(lines))
            & alloc["district_id"].isin(stats.active_districts(ds["districts"])["district_id"])
        ]["amount_eur"].sum()
    )
    # Valsesia: its found money is 20.000 (L01) + 50.596 (L02) + 290.300 (L08), the 50.596 once, and its
    # business calls are the two 300.000 calls, without the 50.596 that restates the L02 grant.
    rounds = district_rounds("D075", "costituzione_2021", g, lines)
    assert rounds["amount_eur"].sum() == pytest.approx(20_000 + 50_596 + 290_300)
    assert [i for ids in rounds["grant_ids"] for i in ids].count("G150") == 1
    assert table.loc["D075", "business_calls_eur"] == pytest.approx(600_000)
    # The same money recorded as a grant and as the call it funded must be linked, or it would be counted twice.
    for did, rows in counted.groupby("district_id"):
        a = set(rows.loc[rows["amount_kind"] == "allocated", "amount_eur"])
        b = set(rows.loc[rows["amount_kind"] == "business_call", "amount_eur"])
        assert not a & b, (did, a & b)


def test_every_district_round_total_is_the_sum_of_distinct_rows(ds, views):
    g = ds["grants"]
    for did in ds["districts"]["district_id"]:
        rounds = views.district_rounds(did)
        ids = [i for ids in rounds["grant_ids"] for i in ids]
        assert len(ids) == len(set(ids)), did
        found = rounds[rounds["status"] == "found"]
        rows = g[g["grant_id"].isin([i for ids in found["grant_ids"] for i in ids])]
        assert found["amount_eur"].sum() == pytest.approx(rows["amount_eur"].sum())
        assert rounds.loc[rounds["status"] != "found", "amount_eur"].isna().all()  # unknown is never zero


def test_project_totals_are_never_allocations(ds, views):
    g = ds["grants"].set_index("grant_id")
    kinds = {"G140": "project_total", "G183": "project_total", "G186": "project_total", "G190": "project_total"}
    assert {k: g.loc[k, "amount_kind"] for k in kinds} == kinds  # Al Point, Collegno, Ceva, Dalla Dora
    totals = set(g.index[g["amount_kind"] == "project_total"])
    for did in g.loc[list(totals), "district_id"].unique():
        rounds = views.district_rounds(did)
        assert totals.isdisjoint({i for ids in rounds["grant_ids"] for i in ids}), did
    table = views.districts.set_index("district_id")
    # 360k and 370k are project totals, not allocations: no allocation is known, so not found (NaN), never 0
    assert pd.isna(table.loc["D071", "allocated_eur"]) and pd.isna(table.loc["D017", "strategic_eur"])


def test_every_call_has_the_cap_its_sources_quote(ds):
    caps = ds["funding_lines"].set_index("line_id")["cap_eur"]
    assert {lid: caps[lid] for lid in CAPS} == CAPS
    assert caps.dropna().index.isin(money.summable_lines(ds["funding_lines"])).all()


def test_every_regional_amount_above_its_calls_cap_is_flagged(ds):
    """No summed figure sits above its call's cap silently: it is a rounded press figure, flagged
    approximate and within rounding (its totals read «circa»), or an exact figure named in a
    contradiction with the cap. Anything else is a project total and must be recorded as one."""
    con = ds["contradictions"]
    open_ = con[con["resolution"].fillna("unresolved") != "explained"]
    contested = {i for cell in open_["related_ids"].dropna() for i in str(cell).split(";")}
    over = money.over_cap(ds["grants"], ds["funding_lines"])
    unflagged = {
        r.grant_id: (r.amount_eur, r.cap_eur)
        for r in over.itertuples()
        if not (r.approximate and r.excess_share <= ROUNDING) and r.grant_id not in contested
    }
    assert not unflagged, unflagged
    # The four rounded press figures of the December 2026 re-check, and the six exact 2023-25 ranking figures (C42).
    assert set(over.loc[over["approximate"], "grant_id"]) == {"G016", "G114", "G133", "G179"}
    assert set(over.loc[~over["approximate"], "grant_id"]) == {"G010", "G019", "G040", "G060", "G081", "G144"}


def test_totals_that_include_rounded_figures_say_so(ds, views):
    g = money.countable(ds["grants"])
    approx = g[money.approximate(g) & (g["amount_kind"] == "allocated")]
    share = views.traced_share.set_index("line_id")
    for lid, row in share.iterrows():
        assert row["n_approximate"] == (approx["line_id"] == lid).sum(), lid
    assert share.loc["L03", "n_approximate"] >= 2  # Vercelli's and San Benigno's «300 mila» among them
    active = stats.active_districts(ds["districts"])["district_id"]
    strategic = approx[
        approx["line_id"].isin(money.strategic_lines(ds["funding_lines"])) & approx["district_id"].isin(active)
    ]
    assert views.traced_province["n_approximate"].sum() == len(strategic) == views.traced_type["n_approximate"].sum()
    table = views.districts.set_index("district_id")
    for did in ("D007", "D068", "D006", "D058"):  # Carmagnola, Vercelli, San Benigno, Ovada
        assert table.loc[did, "strategic_approximate"] and table.loc[did, "allocated_approximate"], did
    found = views.rounds[views.rounds["status"] == "found"]
    for ids, flag in zip(found["grant_ids"], found["approximate"], strict=True):
        assert flag == bool(set(ids) & set(approx["grant_id"])), ids
    assert found["approximate"].any()


def test_the_december_2026_corrections(ds, views):
    g = ds["grants"].set_index("grant_id")
    assert g.loc["G181", "restates_grant_id"] == "G192" and g.loc["G192", "amount_eur"] == 292_306
    assert g.loc["G173", "amount_kind"] == "project_total" and g.loc["G173", "restates_grant_id"] == "G193"
    assert g.loc["G193", "amount_eur"] == 52_000 and g.loc["G194", "amount_kind"] == "cofinancing"
    assert pd.isna(g.loc["G152", "rank"]) and "seconda tranche" in g.loc["G152", "notes"]
    assert "laguida.it" in g.loc["G187", "source_urls"] and g.loc["G005", "source_urls"] in g.loc["G008", "source_urls"]
    share = views.traced_share.set_index("line_id").loc["L03", "share"]
    assert round(share, 3) == 0.570  # 53,7% before G192 (the Chierese's 292.306) was traced
    c = ds["contradictions"].set_index("contradiction_id")
    assert "G181" in c.loc["C41", "related_ids"] and "G192" in c.loc["C41", "related_ids"]


def test_the_two_outcomes_are_statuses_not_zeros(ds):
    g, lines = ds["grants"], ds["funding_lines"]
    for did in ("D008", "D051"):  # Chieri's 2022-24 project rejected; DOC Valley not financed in 2022-24
        rounds = district_rounds(did, "costituzione_2021", g, lines).set_index("round_id")
        assert rounds.loc["L03", "status"] == "not_financed" and pd.isna(rounds.loc["L03", "amount_eur"])
        assert rounds.loc["L03", "source_urls"]


def test_mondovi_paid_is_compared_with_the_two_allocations_it_pays(views):
    paid = views.paid.set_index("grant_id")
    row = paid.loc["G185"]
    assert row["paid_eur"] == 342_000 and row["reference_eur"] == pytest.approx(292_000 + 50_596)
    assert set(row["reference_grant_ids"]) == {"G074", "G075"} and row["reference_kind"] == "allocated"
    assert 0.99 < row["share_paid"] <= 1


def test_the_2022_24_ranking_has_its_act(ds):
    l03 = ds["funding_lines"].set_index("line_id").loc["L03"]
    assert "n. 340" in l03["act"] and "13/12/2022" in l03["act"] and "100torri.it" in l03["source_urls"]


def test_known_gaps_reflect_the_payments_and_the_act(ds):
    gaps = ds["known_gaps"].set_index("gap_id")
    assert "342.000" in gaps.loc["K06", "description_it"] and "340" in gaps.loc["K08", "description_it"]
    assert "graduatoria dicembre 2022" not in gaps.loc["K08", "description_it"]


def test_no_amount_is_found_in_a_round_closed_to_the_district(views):
    """The 2023-25 call was open only to districts not financed in 2022-24 (ANSA, 20/07/2023):
    the data never gives a district money in a round it could not enter, and those rounds read
    'not_eligible', not 'importo non trovato'."""
    r = views.rounds
    lines = views.ds["funding_lines"].set_index("line_id")
    for rid, closed in lines["closed_to_funded_in"].dropna().items():
        earlier = set(closed.split(";"))
        funded_before = set(r[r["round_id"].isin(earlier) & (r["status"] == "found")]["district_id"])
        in_round = r[r["round_id"] == rid]
        assert not set(in_round[in_round["status"] == "found"]["district_id"]) & funded_before, rid
        assert set(in_round[in_round["status"] == "not_eligible"]["district_id"]) == funded_before & set(
            in_round["district_id"]
        ), rid
