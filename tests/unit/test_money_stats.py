"""Aggregations on tiny synthetic frames (named SYNTH_*: never real data)."""

import pandas as pd
import pytest

from district_stats.analysis import money, stats
from district_stats.analysis.rounds import district_rounds, round_lines, rounds_table

SYNTH_LINES = pd.DataFrame(
    {
        "line_id": ["A-TOT", "Aa", "Ab", "S1", "S2", "N1"],
        "parent_line_id": [None, "A-TOT", "A-TOT", None, None, None],
        "label_it": ["A", "Aa", "Ab", "S1", "S2", "N1"],
        "label_en": ["A", "Aa", "Ab", "S1", "S2", "N1"],
        "line_kind": ["totale", "graduatoria", "graduatoria", "bando", "bando", "bando"],
        "start_year": [2021, 2021, 2022, 2022, 2023, 2024],
        "end_year": [2022, 2021, 2022, 2024, 2025, 2024],
        "amount_eur": [300.0, 100.0, 200.0, 1000.0, 500.0, 50.0],
        "amount_basis": ["allocated"] * 6,
        "confidence": ["high"] * 6,
        "source_urls": ["https://a.it"] * 6,
        "in_reconstruction": [True, False, False, True, True, False],
        "in_extended_reconstruction": [True, False, False, True, True, True],
        "business_reserve_base": [False, False, False, True, True, False],
        "n_beneficiaries": pd.array([None, None, None, 10, 5, 1], dtype="Int64"),
    }
)
SYNTH_HEADS = pd.DataFrame({"claim_group": ["business_reserve_rule"], "is_primary": [True], "value": [0.3]})


def test_reconstruction_and_reserve():
    rec = money.reconstruction(SYNTH_LINES)
    assert rec.total_eur == 1800 and rec.extended_eur == 1850
    res = money.business_reserve(SYNTH_LINES, SYNTH_HEADS)
    assert res.base_eur == 1500 and res.reserve_eur == pytest.approx(450)


def test_reserve_needs_the_rule():
    with pytest.raises(ValueError):
        money.business_reserve(SYNTH_LINES, SYNTH_HEADS.assign(is_primary=False))


def test_by_year_uses_children_when_they_add_up():
    by = money.by_year(SYNTH_LINES)
    assert dict(zip(by["year"], by["amount_eur"])) == {2021: 100, 2022: 1200, 2023: 500}
    assert by["amount_eur"].sum() == money.reconstruction(SYNTH_LINES).total_eur


def test_flow_conserves_money():
    flow = money.flow_links(SYNTH_LINES, SYNTH_HEADS)
    out_of_regione = flow[flow["source"] == "regione"]["amount_eur"].sum()
    into_ends = flow[flow["target"].isin(["imprese", "interventi"])]["amount_eur"].sum()
    assert out_of_regione == pytest.approx(into_ends) == 1500
    assert flow[flow["target"] == "imprese"]["amount_eur"].sum() == pytest.approx(450)


SYNTH_DISTRICTS = pd.DataFrame(
    {
        "district_id": ["D901", "D902", "D903"],
        "district_type": ["urbano", "diffuso", "diffuso"],
        "province_code": ["TO", "CN", "CN"],
        "active_status": ["confirmed", "unconfirmed", "not_renewed"],
        "members_status": ["complete", "partial", "complete"],
    }
)
SYNTH_MEMBERS = pd.DataFrame(
    {
        "district_id": ["D901", "D902", "D902", "D903", "D901"],
        "istat_code": ["1", "2", "3", "4", "5"],
        "role": ["capofila", "capofila", "member", "capofila", "former_member"],
    }
)
SYNTH_COMUNI = pd.DataFrame(
    {
        "istat_code": ["1", "2", "3", "4", "5", "6"],
        "province_code": ["TO", "CN", "CN", "CN", "TO", "TO"],
        "population": [100_000, 3_000, 800, 500, 20_000, 60_000],
    }
)


def test_coverage_excludes_former_members_and_not_renewed_districts():
    cov = stats.coverage(SYNTH_COMUNI, SYNTH_MEMBERS, SYNTH_DISTRICTS)
    assert (cov.n_covered, cov.n_districts, cov.n_districts_mapped) == (3, 2, 2)
    assert cov.population_covered == 103_800 and cov.share_comuni == pytest.approx(0.5)


def test_inside_outside_by_size_class():
    out = stats.inside_outside(SYNTH_COMUNI, SYNTH_MEMBERS, SYNTH_DISTRICTS, "size_class")
    row = out.set_index("group").loc["≥ 50.000"]
    assert (row["n_inside"], row["n_outside"]) == (1, 1)
    assert out["n_inside"].sum() == 3 and out["n_outside"].sum() == 3
    with pytest.raises(ValueError):
        stats.inside_outside(SYNTH_COMUNI, SYNTH_MEMBERS, SYNTH_DISTRICTS, "colour")


def test_traced_by_counts_districts_with_amounts():
    grants = pd.DataFrame(
        {
            "district_id": ["D901", "D902", "D902"],
            "line_id": ["S1", "S1", "S2"],
            "amount_kind": ["allocated", "allocated", "business_call"],
            "amount_eur": [100.0, 50.0, 999.0],
        }
    )
    out = money.traced_by(grants, SYNTH_DISTRICTS, "province_code", ("S1", "S2"))
    by = out.set_index("group")
    assert by.loc["TO", "amount_eur"] == 100 and by.loc["CN", "amount_eur"] == 50  # business calls not summed
    assert by.loc["CN", "n_districts_all"] == 2


def test_compare_districts_rejects_unknown_metric():
    with pytest.raises(ValueError):
        stats.compare_districts(pd.DataFrame(), "province_code", "per_cat")


SYNTH_ROUND_LINES = pd.DataFrame(
    {
        "line_id": ["T", "Ta", "S1", "S2", "N", "X"],
        "parent_line_id": [None, "T", None, None, None, None],
        "label_it": ["set-up", "tranche", "s1", "s2", "nuovi", "annuncio"],
        "label_en": ["a", "b", "c", "d", "e", "f"],
        "start_year": [2021, 2021, 2022, 2023, 2024, 2024],
        "end_year": [2022, 2021, 2024, 2025, 2025, 2024],
        "district_amounts": ["regional", "regional", "strategic_call", "strategic_call", "regional", "not_summed"],
        "eligible_rounds": ["old", None, "old", "old;new", "new", None],
    }
)
SYNTH_ROUND_GRANTS = pd.DataFrame(
    {
        "grant_id": ["G1", "G2", "G3", "G4", "G5"],
        "district_id": ["A", "A", "A", "A", "B"],
        "line_id": ["Ta", "S1", "S1", "S2", "S1"],
        "amount_eur": [100.0, 50.0, 50.0, 70.0, 9.0],
        "amount_kind": ["allocated", "allocated", "allocated", "requested", "allocated"],
        "restates_grant_id": [None, None, "G2", None, None],
        "source_urls": ["u1", "u2", "u3", "u4", "u5"],
    }
)


def test_rounds_are_the_summed_lines_without_a_summed_parent():
    rounds = round_lines(SYNTH_ROUND_LINES)
    assert list(rounds["line_id"]) == ["T", "S1", "S2", "N"]
    assert rounds.set_index("line_id").loc["T", "member_ids"] == ("T", "Ta")


def test_district_rounds_say_not_found_instead_of_zero_and_skip_restatements():
    out = district_rounds("A", "old", SYNTH_ROUND_GRANTS, SYNTH_ROUND_LINES).set_index("round_id")
    assert list(out.index) == ["T", "S1", "S2"]  # N is open to new districts only
    assert out.loc["T", "status"] == "found" and out.loc["T", "amount_eur"] == 100  # the tranche counts for T
    assert out.loc["S1", "amount_eur"] == 50  # G3 restates G2: counted once
    assert out.loc["S2", "status"] == "requested" and pd.isna(out.loc["S2", "amount_eur"])
    other = district_rounds("C", "old", SYNTH_ROUND_GRANTS, SYNTH_ROUND_LINES)
    assert set(other["status"]) == {"not_found"} and other["amount_eur"].isna().all()


def test_the_rounds_table_says_for_each_district_what_its_rounds_say():
    """The pages' rounds (rounds_table over every district, Views.rounds) are each district's district_rounds:
    the data tests read them from the views."""
    districts = pd.DataFrame({"district_id": ["A", "B", "C"], "established_round": ["old"] * 3})
    table = rounds_table(districts, SYNTH_ROUND_GRANTS, SYNTH_ROUND_LINES)
    for did in districts["district_id"]:
        one = table[table["district_id"] == did].drop(columns=["district_id", "confidence"]).reset_index(drop=True)
        pd.testing.assert_frame_equal(one, district_rounds(did, "old", SYNTH_ROUND_GRANTS, SYNTH_ROUND_LINES))


def test_countable_drops_rows_that_restate_another():
    assert list(money.countable(SYNTH_ROUND_GRANTS)["grant_id"]) == ["G1", "G2", "G4", "G5"]
    assert money.countable(SYNTH_ROUND_GRANTS.drop(columns="restates_grant_id")).shape[0] == 5
