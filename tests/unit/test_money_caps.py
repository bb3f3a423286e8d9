"""Caps and rounded figures on tiny synthetic frames (named SYNTH_*: never real data).

A regional amount above its call's per-district cap is found wherever it sits, and a total that
includes a rounded press figure says so in every aggregate a page reads.
"""

import pandas as pd

from district_stats.analysis import money, rounds, stats

SYNTH_LINES = pd.DataFrame(
    {
        "line_id": ["S1", "S2", "N"],
        "parent_line_id": [None, None, None],
        "label_it": ["s1", "s2", "n"],
        "label_en": ["s1", "s2", "n"],
        "start_year": [2022, 2023, 2024],
        "end_year": [2024, 2025, 2025],
        "amount_eur": [1000.0, 1000.0, 100.0],
        "n_beneficiaries": [3, 3, 2],
        "district_amounts": ["strategic_call", "strategic_call", "regional"],
        "eligible_rounds": ["old", "old", "old"],
        "cap_eur": [100.0, 90.0, float("nan")],
    }
)
SYNTH_GRANTS = pd.DataFrame(
    {
        "grant_id": ["G1", "G2", "G3", "G4", "G5", "G6", "G7"],
        "district_id": ["A", "A", "B", "B", "C", "C", "C"],
        "line_id": ["S1", "S2", "S1", "S2", "S1", "S1", "N"],
        "year": [2022, 2023, 2022, 2023, 2022, 2022, 2024],
        "amount_eur": [100.0, 95.0, 103.0, 500.0, 120.0, 110.0, 999.0],
        "amount_kind": ["allocated", "allocated", "allocated", "project_total", "allocated", "allocated", "allocated"],
        "amount_approximate": [False, False, True, False, False, False, False],
        "restates_grant_id": [None, None, None, None, None, "G5", None],
        "source_urls": ["u1", "u2", "u3", "u4", "u5", "u6", "u7"],
    }
)
SYNTH_DISTRICTS = pd.DataFrame(
    {"district_id": ["A", "B", "C"], "province_code": ["TO", "TO", "CN"], "established_round": ["old", "old", "old"]}
)


def test_over_cap_lists_every_regional_amount_above_its_cap_and_nothing_else():
    over = money.over_cap(SYNTH_GRANTS, SYNTH_LINES).set_index("grant_id")
    # G1 equals its cap (not above); G4 is a project total; G6 restates G5 (never summed); N has no cap.
    assert set(over.index) == {"G2", "G3", "G5"}
    assert over.loc["G2", "excess_eur"] == 5 and over.loc["G2", "cap_eur"] == 90 and not over.loc["G2", "approximate"]
    assert over.loc["G3", "approximate"] and round(over.loc["G3", "excess_share"], 2) == 0.03


def test_over_cap_without_caps_in_the_lines_is_empty():
    assert money.over_cap(SYNTH_GRANTS, SYNTH_LINES.drop(columns="cap_eur")).empty


def test_approximate_is_false_when_the_column_is_missing_or_empty():
    assert not money.approximate(SYNTH_GRANTS.drop(columns="amount_approximate")).any()
    blank = SYNTH_GRANTS.assign(amount_approximate=[None] * 7)
    assert not money.approximate(blank).any()
    assert money.approximate(SYNTH_GRANTS).tolist() == [False, False, True, False, False, False, False]


def test_totals_that_include_a_rounded_figure_say_so():
    share = money.traced_share(SYNTH_GRANTS, SYNTH_LINES).set_index("line_id")
    assert share.loc["S1", "n_approximate"] == 1 and share.loc["S2", "n_approximate"] == 0
    assert share.loc["S1", "traced_eur"] == 100 + 103 + 120  # G6 restates G5: counted once
    by = money.traced_by(SYNTH_GRANTS, SYNTH_DISTRICTS, "province_code", ("S1", "S2")).set_index("group")
    assert by.loc["TO", "n_approximate"] == 1 and by.loc["CN", "n_approximate"] == 0
    r = rounds.rounds_table(SYNTH_DISTRICTS, SYNTH_GRANTS, SYNTH_LINES).set_index(["district_id", "round_id"])
    assert r.loc[("B", "S1"), "approximate"] and not r.loc[("A", "S1"), "approximate"]
    assert not r.loc[("B", "S2"), "approximate"]  # a project total is never found money


def test_the_district_table_flags_each_sum_that_includes_a_rounded_figure():
    districts = SYNTH_DISTRICTS.assign(district_type="urbano")
    members = pd.DataFrame(
        {
            "district_id": ["A"],
            "istat_code": ["001001"],
            "role": ["capofila"],
            "list_basis": ["current"],
            "stated_year": [2024],
        }
    )
    comuni = pd.DataFrame({"istat_code": ["001001"], "population": [100]})
    geo = pd.DataFrame({"district_id": ["A"], "label_lon": [7.6], "label_lat": [45.0]})
    contra = pd.DataFrame({"related_ids": ["A"], "resolution": ["unresolved"]})
    table = stats.district_table(districts, members, comuni, SYNTH_GRANTS, geo, contra, SYNTH_LINES).set_index(
        "district_id"
    )
    assert table["strategic_approximate"].to_dict() == {"A": False, "B": True, "C": False}
    assert table["allocated_approximate"].dtype == bool and not table["business_calls_approximate"].any()
