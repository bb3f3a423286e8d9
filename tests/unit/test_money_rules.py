"""Rules about money and membership on tiny synthetic frames (named SYNTH_*: never real data).

Restatements and outcomes in the rounds, payments against what they pay, the one definition of a
current member, the counts that say which rows they use, and the validation rules behind them.
"""

import pandas as pd
import pytest

from district_stats.analysis import money, stats
from district_stats.analysis.rounds import ROUND_STATUS, district_rounds, round_status_key
from district_stats.content.text.i18n import TEXT, t
from district_stats.data import schema
from district_stats.data.reader import RawTable
from district_stats.data.validation import Context, validate

SYNTH_LINES = pd.DataFrame(
    {
        "line_id": ["T", "S1", "S2"],
        "parent_line_id": [None, None, None],
        "label_it": ["t", "s1", "s2"],
        "label_en": ["t", "s1", "s2"],
        "start_year": [2021, 2022, 2023],
        "end_year": [2021, 2024, 2025],
        "district_amounts": ["regional", "strategic_call", "strategic_call"],
        "eligible_rounds": ["old", "old", "old"],
    }
)
SYNTH_GRANTS = pd.DataFrame(
    {
        "grant_id": ["G1", "G2", "G3", "G4", "G5", "G6", "G7"],
        "district_id": ["A", "A", "A", "B", "B", "C", "C"],
        "line_id": ["T", "S1", "S2", "S1", "S1", "S1", "S1"],
        "year": [2021, 2022, 2023, 2022, 2022, 2022, 2022],
        "amount_eur": [100.0, 50.0, 70.0, float("nan"), 40.0, float("nan"), 30.0],
        "amount_kind": [
            "allocated",
            "allocated",
            "project_total",
            "not_financed",
            "requested",
            "not_financed",
            "allocated",
        ],
        "restates_grant_id": [None] * 7,
        "source_urls": ["u1", "u2", "u3", "u4", "u5", "u6", "u7"],
    }
)


def test_a_round_with_an_outcome_is_not_financed_and_keeps_the_request():
    out = district_rounds("B", "old", SYNTH_GRANTS, SYNTH_LINES).set_index("round_id")
    assert out.loc["S1", "status"] == "not_financed" and pd.isna(out.loc["S1", "amount_eur"])
    assert out.loc["S1", "requested_eur"] == 40 and set(out.loc["S1", "grant_ids"]) == {"G4", "G5"}
    assert out.loc["S1", "source_urls"] == ("u4", "u5")
    assert out.loc["T", "status"] == "not_found" and pd.isna(out.loc["T", "amount_eur"])


def test_a_project_total_is_never_found_money_and_an_allocation_wins_over_an_outcome():
    a = district_rounds("A", "old", SYNTH_GRANTS, SYNTH_LINES).set_index("round_id")
    assert a.loc["S2", "status"] == "not_found" and pd.isna(a.loc["S2", "amount_eur"])  # G3 is a project total
    c = district_rounds("C", "old", SYNTH_GRANTS, SYNTH_LINES).set_index("round_id")
    assert c.loc["S1", "status"] == "found" and c.loc["S1", "amount_eur"] == 30
    assert set(district_rounds("A", "old", SYNTH_GRANTS, SYNTH_LINES)["status"]) <= set(ROUND_STATUS)


def test_every_round_status_has_its_text_in_both_languages():
    for status in ROUND_STATUS:
        key = round_status_key(status)
        assert key == f"round_status_{status}" and key in TEXT
        assert t(key, "it") and t(key, "en") and t(key, "it") != t(key, "en")
    with pytest.raises(ValueError):
        round_status_key("zero")


@pytest.mark.parametrize("enum", [schema.AMOUNT_KINDS, schema.LIST_BASIS, schema.RESOLUTIONS])
def test_new_enum_values_are_translated(enum):
    assert all(v in TEXT for v in enum)  # the pages translate enum values with t(value)


SYNTH_PAID = pd.DataFrame(
    {
        "grant_id": ["P1", "A1", "A2", "P2", "C1", "C2", "P3", "R1"],
        "district_id": ["M", "M", "M", "N", "N", "N", "O", "M"],
        "line_id": [None, "L2", "L3", "L9", "L9", "L9", "L9", "L9"],
        "year": [2024, 2022, 2022, 2024, 2023, 2024, 2024, 2023],
        "amount_eur": [342.0, 50.0, 292.0, 150.0, 999.0, 150.0, 10.0, 292.0],
        "amount_kind": [
            "paid",
            "allocated",
            "allocated",
            "paid",
            "business_call",
            "business_call",
            "paid",
            "business_call",
        ],
        "restates_grant_id": [None, None, None, None, None, None, None, "A2"],
        "refers_to_grant_ids": ["A1;A2", None, None, None, None, None, None, None],
    }
)


def test_a_payment_is_compared_with_the_rows_it_pays():
    out = money.allocated_vs_paid(SYNTH_PAID).set_index("grant_id")
    assert out.loc["P1", "reference_eur"] == 342 and out.loc["P1", "reference_grant_ids"] == ("A1", "A2")
    assert out.loc["P1", "reference_kind"] == "allocated" and out.loc["P1", "share_paid"] == 1
    assert out.loc["P1", "reference_line_ids"] == ("L2", "L3") and pd.isna(out.loc["P1", "line_id"])
    # Without named rows: the call of the same district, line and year (not the bigger call of 2023).
    assert out.loc["P2", "reference_eur"] == 150 and out.loc["P2", "reference_grant_ids"] == ("C2",)
    # Nothing to compare with: NaN, never 0.
    assert pd.isna(out.loc["P3", "reference_eur"]) and out.loc["P3", "reference_grant_ids"] == ()
    assert money.allocated_vs_paid(SYNTH_PAID[SYNTH_PAID["amount_kind"] != "paid"]).empty


def test_a_restatement_never_becomes_a_reference():
    rows = SYNTH_PAID.assign(refers_to_grant_ids=[None] * 8, line_id=["L9"] + list(SYNTH_PAID["line_id"][1:]))
    out = money.allocated_vs_paid(rows).set_index("grant_id")
    assert "R1" not in out.loc["P1", "reference_grant_ids"] and pd.isna(out.loc["P1", "reference_eur"])


SYNTH_DISTRICTS = pd.DataFrame(
    {
        "district_id": ["D901", "D902", "D903"],
        "active_status": ["confirmed", "unconfirmed", "confirmed"],
        "members_status": ["complete", "complete", "partial"],
        "district_type": ["urbano", "diffuso", "diffuso"],
        "province_code": ["TO", "AT", "AL"],
        "established_round": ["old"] * 3,
    }
)
SYNTH_MEMBERS = pd.DataFrame(
    {
        "district_id": ["D901", "D902", "D902", "D902", "D903", "D903", "D901"],
        "istat_code": ["1", "2", "3", "4", "5", "6", "7"],
        "role": ["capofila", "capofila", "member", "member", "member", "member", "former_member"],
        "stated_year": [2025, 2022, 2021, 2021, 2021, 2022, 2021],
        "list_basis": ["current", "current", "candidacy", "candidacy", "founding", "founding", "candidacy"],
    }
)
SYNTH_COMUNI = pd.DataFrame(
    {
        "istat_code": [str(i) for i in range(1, 9)],
        "population": [1000, 200, 30, 4, 50, 60, 70, 80],
        "province_code": ["TO", "AT", "AT", "AT", "AL", "AL", "TO", "TO"],
    }
)


def test_current_members_exclude_candidacy_and_founding_lists():
    cur = stats.current_members(SYNTH_MEMBERS, SYNTH_DISTRICTS)
    assert list(cur["istat_code"]) == ["1", "2"]
    assert list(stats.historic_rows(SYNTH_MEMBERS)["istat_code"]) == ["3", "4", "5", "6"]
    # A table without the column (an older file) reads as current lists.
    old = SYNTH_MEMBERS.drop(columns=["list_basis", "stated_year"])
    assert len(stats.current_members(old, SYNTH_DISTRICTS)) == 6 and stats.historic_rows(old).empty


def test_coverage_says_which_rows_it_counts():
    cov = stats.coverage(SYNTH_COMUNI, SYNTH_MEMBERS, SYNTH_DISTRICTS)
    assert (cov.n_covered, cov.population_covered) == (2, 1200)
    assert (cov.n_comuni_historic_lists, cov.n_districts_historic_lists) == (4, 2)
    assert (cov.stated_year_min, cov.stated_year_max) == (2022, 2025)
    # D902's list is complete only as a candidacy: counted as partial, not complete.
    assert (cov.n_complete, cov.n_partial) == (1, 2)
    assert stats.inside_outside(SYNTH_COMUNI, SYNTH_MEMBERS, SYNTH_DISTRICTS, "province_code")["n_inside"].sum() == 2


def test_district_table_counts_current_rows_and_names_the_basis_of_the_list():
    geo = pd.DataFrame({"district_id": ["D901"], "label_lon": [7.6], "label_lat": [45.0]})
    con = pd.DataFrame({"related_ids": ["D902", "D902;D901"], "resolution": ["unresolved", "explained"]})
    grants = SYNTH_GRANTS.iloc[0:0]
    table = stats.district_table(SYNTH_DISTRICTS, SYNTH_MEMBERS, SYNTH_COMUNI, grants, geo, con, SYNTH_LINES).set_index(
        "district_id"
    )
    assert table.loc["D902", ["n_comuni_mapped", "population", "n_comuni_historic"]].tolist() == [1, 200, 2]
    assert table.loc["D902", "list_basis"] == "candidacy" and table.loc["D902", "list_year"] == 2021
    assert table.loc["D903", "list_basis"] == "founding" and table.loc["D903", "n_comuni_mapped"] == 0
    assert table.loc["D901", "list_basis"] == "current" and table.loc["D901", "list_year"] == 2025
    assert table.loc["D902", "n_contradictions"] == 1 and table.loc["D901", "n_contradictions"] == 0  # explained


GRANT_COLS = [
    "grant_id",
    "district_id",
    "line_id",
    "year",
    "amount_eur",
    "amount_kind",
    "rank",
    "confidence",
    "source_urls",
    "restates_grant_id",
    "refers_to_grant_ids",
]


def _grants(*rows: list[str]) -> list[str]:
    raw = RawTable("grants.csv", GRANT_COLS, [list(r) for r in rows], list(range(2, 2 + len(rows))), ",")
    return [p.code for p in validate(raw, schema.GRANTS, Context()).problems]


def _g(
    gid: str, amount: str = "10", kind: str = "allocated", restates: str = "", refers: str = "", district: str = "D001"
) -> list[str]:
    return [gid, district, "L03", "2022", amount, kind, "", "high", "https://a.it", restates, refers]


def test_outcomes_have_no_amount_and_amounts_are_required_otherwise():
    assert _grants(_g("G001", "", "not_financed"), _g("G002")) == []
    assert _grants(_g("G001", "5", "not_financed")) == ["amount_not_allowed"]
    assert _grants(_g("G001", "", "allocated")) == ["empty_value"]


def test_restatements_must_point_to_an_original_row_of_the_same_district():
    assert _grants(_g("G001"), _g("G002", "11", "business_call", restates="G001")) == []
    assert _grants(_g("G001", restates="G001")) == ["restates_itself"]
    assert _grants(_g("G001", restates="G009")) == ["unknown_reference"]
    assert _grants(_g("G001"), _g("G002", "11", restates="G001"), _g("G003", "12", restates="G002")) == [
        "restates_a_restatement"
    ]
    assert _grants(_g("G001"), _g("G002", "11", restates="G001", district="D002")) == ["restates_other_district"]


def test_payments_refer_to_original_rows_of_the_same_district():
    assert _grants(_g("G001"), _g("G002", "20"), _g("G003", "30", "paid", refers="G001;G002")) == []
    assert _grants(_g("G001"), _g("G003", "30", "paid", refers="G001;G777")) == ["unknown_reference"]
    assert _grants(_g("G001"), _g("G002", "11", restates="G001"), _g("G003", "30", "paid", refers="G002")) == [
        "refers_to_restatement"
    ]
    assert _grants(_g("G001", district="D002"), _g("G003", "30", "paid", refers="G001")) == ["restates_other_district"]
    assert _grants(_g("G003", "30", "paid", refers="X1")) == ["bad_id"]


def test_a_candidacy_list_may_name_a_comune_of_another_district():
    cols = [
        "district_id",
        "istat_code",
        "comune_name",
        "role",
        "stated_year",
        "list_basis",
        "confidence",
        "source_urls",
    ]
    rows = [
        ["D001", "001272", "Torino", "capofila", "2025", "current", "high", "https://a.it"],
        ["D002", "001272", "Torino", "member", "2021", "candidacy", "high", "https://a.it"],
    ]
    raw = RawTable("district_members.csv", cols, rows, [2, 3], ",")
    ctx = Context(comuni={"001272": "Torino"})
    assert validate(raw, schema.DISTRICT_MEMBERS, ctx).ok
    rows[1][5] = "current"
    assert [p.code for p in validate(raw, schema.DISTRICT_MEMBERS, ctx).problems] == ["comune_in_two_districts"]
