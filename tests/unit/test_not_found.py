"""'Not found' is never zero: every money aggregate on tiny synthetic frames (SYNTH_*)."""

import pandas as pd
import pytest

from district_stats.analysis import money, rounds, stats
from district_stats.analysis.rounds import district_rounds
from district_stats.content.text import wording

SYNTH_LINES = pd.DataFrame(
    {
        "line_id": ["T", "Ta", "S1", "S2", "N"],
        "parent_line_id": [None, "T", None, None, None],
        "label_it": ["Istituzione", "tranche", "Strategici 2022-24", "Strategici 2023-25", "Nuovi"],
        "label_en": ["Set-up", "tranche", "Strategic 2022-24", "Strategic 2023-25", "New"],
        "start_year": [2021, 2021, 2022, 2023, 2024],
        "end_year": [2022, 2021, 2024, 2025, 2025],
        "district_amounts": ["regional", "regional", "strategic_call", "strategic_call", "regional"],
        "eligible_rounds": ["old", None, "old", "old", "new"],
    }
)
SYNTH_DISTRICTS = pd.DataFrame(
    {
        "district_id": ["D1", "D2", "D3", "D4"],
        "district_name": ["Uno", "Due", "Tre", "Quattro"],
        "short_name": ["Uno", "Due", "Tre", "Quattro"],
        "district_type": ["urbano", "urbano", "diffuso", "unknown"],
        "capofila_ente": ["Uno", "Due", "Tre", "Quattro"],
        "province_code": ["TO", "TO", "CN", "CN"],
        "n_comuni_reported": pd.array([1, 1, 81, None], dtype="Int64"),
        "members_status": ["complete", "complete", "partial", "capofila_only"],
        "established_round": ["old", "old", "old", "new"],
        "active_status": ["confirmed", "unconfirmed", "confirmed", "confirmed"],
        "confidence": ["high"] * 4,
        "source_urls": ["https://a.it"] * 4,
        "notes": [None] * 4,
    }
)
SYNTH_MEMBERS = pd.DataFrame(
    {
        "district_id": ["D1", "D2", "D3", "D3", "D4"],
        "istat_code": ["1", "2", "3", "4", "5"],
        "role": ["capofila", "capofila", "capofila", "member", "capofila"],
    }
)
SYNTH_COMUNI = pd.DataFrame({"istat_code": ["1", "2", "3", "4", "5"], "population": [1000, 2000, 3000, 4000, 500]})
SYNTH_GRANTS = pd.DataFrame(
    {
        "grant_id": ["G1", "G2", "G3", "G4", "G5"],
        "district_id": ["D1", "D1", "D3", "D3", "D2"],
        "line_id": ["Ta", "S1", "S1", "S2", "S2"],
        "year": [2021, 2022, 2022, 2023, 2023],
        "amount_eur": [20_000.0, 292_000.0, 100_000.0, 200_000.0, 0.0],
        "amount_kind": ["allocated", "allocated", "allocated", "requested", "not_financed"],
        "confidence": ["high", "medium", "high", "low", "high"],
        "source_urls": [
            "https://x.it/2021/07/02/a-b-c",
            "https://y.it/1",
            "https://z.it/2",
            "https://w.it/3",
            "https://v.it/4",
        ],
    }
)
SYNTH_GEO = pd.DataFrame({"district_id": ["D1"], "label_lon": [7.0], "label_lat": [45.0]})
SYNTH_CONTRA = pd.DataFrame({"related_ids": ["D1"]})


@pytest.fixture()
def table():
    return stats.district_table(
        SYNTH_DISTRICTS, SYNTH_MEMBERS, SYNTH_COMUNI, SYNTH_GRANTS, SYNTH_GEO, SYNTH_CONTRA, SYNTH_LINES
    ).set_index("district_id")


def test_district_table_money_is_nan_not_zero_when_nothing_was_found(table):
    assert table.loc["D1", "strategic_eur"] == 292_000 and table.loc["D1", "allocated_eur"] == 312_000
    for col in ("strategic_eur", "allocated_eur", "business_calls_eur"):
        assert pd.isna(table.loc["D2", col]), col  # nothing in the sources: unknown, not 0
    assert pd.isna(table.loc["D1", "business_calls_eur"])
    assert (table.fillna(1)[["strategic_eur", "allocated_eur", "business_calls_eur"]] != 0).all().all()


def test_district_table_counts_the_rounds_found_and_missing(table):
    assert tuple(table.loc["D1", ["n_rounds_open", "n_rounds_found", "n_rounds_missing"]]) == (3, 2, 1)
    assert tuple(table.loc["D2", ["n_rounds_open", "n_rounds_found", "n_rounds_not_found"]]) == (3, 0, 2)
    assert table.loc["D2", "n_rounds_not_financed"] == 1
    assert table.loc["D3", "n_rounds_requested"] == 1 and table.loc["D3", "n_strategic_found"] == 1
    assert table.loc["D4", "n_rounds_open"] == 1 and table.loc["D4", "n_rounds_found"] == 0


def test_rounds_table_matches_district_rounds_for_every_district():
    frame = rounds.rounds_table(SYNTH_DISTRICTS, SYNTH_GRANTS, SYNTH_LINES)
    for did, est in zip(SYNTH_DISTRICTS["district_id"], SYNTH_DISTRICTS["established_round"]):
        one = district_rounds(did, est, SYNTH_GRANTS, SYNTH_LINES)
        mine = frame[frame["district_id"] == did].drop(columns=["district_id", "confidence"]).reset_index(drop=True)
        pd.testing.assert_frame_equal(one, mine, check_dtype=False)
    d1 = frame[frame["district_id"] == "D1"].set_index("round_id")
    assert d1.loc["S1", "confidence"] == "medium" and d1.loc["S2", "confidence"] == ""


def test_round_counts_found_eur_is_nan_without_a_found_round():
    counts = rounds.round_counts(rounds.rounds_table(SYNTH_DISTRICTS, SYNTH_GRANTS, SYNTH_LINES))
    assert counts.loc["D1", "found_eur"] == 312_000
    assert pd.isna(counts.loc["D2", "found_eur"]) and pd.isna(counts.loc["D4", "found_eur"])


def test_compare_districts_unknown_group_is_nan_and_small_groups_are_not_comparable(table):
    t = table.reset_index()
    out = stats.compare_districts(t, "district_type", "per_resident", min_districts=1).set_index("group")
    assert out.loc["urbano", "value"] == pytest.approx(292_000 / 1000)  # only D1 has an amount: D2 is not in it
    assert (out.loc["urbano", "n_districts_traced"], out.loc["urbano", "n_districts"]) == (1, 2)
    assert pd.isna(out.loc["unknown", "value"]) and not out.loc["unknown", "comparable"]
    strict = stats.compare_districts(t, "district_type", "per_resident", min_districts=3)
    assert not strict["comparable"].any()


def test_compare_districts_puts_comparable_groups_first(table):
    out = stats.compare_districts(table.reset_index(), "province_code", "total", min_districts=1)
    assert list(out["comparable"]) == sorted(out["comparable"], reverse=True)


def test_traced_by_gives_nan_for_a_group_without_amounts_and_counts_all_its_districts():
    out = money.traced_by(SYNTH_GRANTS, SYNTH_DISTRICTS, "district_type", ("S1", "S2")).set_index("group")
    assert pd.isna(out.loc["unknown", "amount_eur"])
    assert (out.loc["unknown", "n_districts"], out.loc["unknown", "n_districts_all"]) == (0, 1)
    assert out.loc["urbano", "n_districts_all"] == 2 and out.loc["urbano", "amount_eur"] == 292_000


@pytest.mark.parametrize("lang", ["it", "en"])
def test_money_headline_names_what_is_missing_and_never_says_zero(lang):
    frame = rounds.rounds_table(SYNTH_DISTRICTS, SYNTH_GRANTS, SYNTH_LINES)
    d1 = wording.money_headline(frame[frame["district_id"] == "D1"], lang)
    assert d1.found and d1.n_found == 2 and d1.n_open == 3
    assert ("Strategici 2023-25" if lang == "it" else "Strategic 2023-25") in d1.missing
    assert (
        "importo non trovato (sconosciuto, non zero)" if lang == "it" else "amount not found (unknown, not zero)"
    ) in d1.missing
    d2 = wording.money_headline(frame[frame["district_id"] == "D2"], lang)
    assert not d2.found and "0" not in d2.value
    assert d2.value == ("non trovati" if lang == "it" else "not found")
    assert ("non vuol dire" if lang == "it" else "does not mean") in d2.note
    assert ("non finanziato" if lang == "it" else "not financed") in d2.missing
    d3 = wording.money_headline(frame[frame["district_id"] == "D3"], lang)
    assert ("chiesti 200.000 €" if lang == "it" else "€200,000 requested") in d3.missing


def test_calls_headline_without_calls_is_words(table):
    head = wording.calls_headline(table.reset_index().iloc[1], "it")
    assert not head.found and head.value == "nessuno trovato"


@pytest.mark.parametrize(
    "did,it,en",
    [
        ("D1", "lista completa: 1 comune", "complete list: 1 comune"),
        ("D3", "2 di 81 comuni noti", "2 of 81 comuni known"),
        (
            "D4",
            "noto solo il capofila; le fonti non dicono quanti sono in tutto",
            "only the lead comune is known; the sources do not say how many there are in all",
        ),
    ],
)
def test_members_text_says_how_partial_the_list_is(table, did, it, en):
    row = table.reset_index().set_index("district_id", drop=False).loc[did]
    assert wording.members_text(row, "it") == it and wording.members_text(row, "en") == en


def test_members_text_says_which_comuni_rest_on_an_old_list(table):
    row = table.reset_index().iloc[2].copy()  # 2 comuni on a current list, 81 reported
    row["n_comuni_historic"], row["list_basis"], row["list_year"] = 15, "candidacy", 2021
    assert (
        wording.members_text(row, "it") == "17 di 81 comuni noti secondo la candidatura del 2021, di cui 2 in una "
        "fonte attuale"
    )
    row["n_comuni_mapped"] = 0
    assert wording.members_text(row, "en").endswith("as in the 2021 candidacy, none of them in a current source")
    row["n_comuni_historic"], row["list_basis"] = 0, "current"
    assert "candidatura" not in wording.members_text(row, "it")


def test_status_and_membership_sentence_follow_the_activity_status(table):
    t = table.reset_index()
    assert wording.activity_text(t.iloc[1], "it") == "nell'elenco del 2021, nessuna conferma dopo il 2021"
    assert wording.membership_sentence(t.iloc[0], "capofila", "it").startswith("Fa parte")
    assert wording.membership_sentence(t.iloc[1], "capofila", "it").startswith("Nell'elenco del 2021 era")


def test_round_text_reads_each_status_through_its_key_and_adds_the_request():
    def text(status, requested=float("nan")):
        return wording.round_text(
            pd.Series({"status": status, "amount_eur": float("nan"), "requested_eur": requested}), "it"
        )

    assert text("not_financed") == "non finanziato"
    assert text("not_financed", 250_000.0) == "non finanziato · chiesti 250.000 €"
    assert text("requested", 200_000.0) == "solo l'importo richiesto · chiesti 200.000 €"
    assert text("not_found") == "importo non trovato (sconosciuto, non zero)"


def test_geojson_download_writes_null_not_zero_for_money_not_found(table):
    import json

    from district_stats.geo.geojson import districts_geojson

    geo = json.dumps(
        {
            "type": "FeatureCollection",
            "features": [{"type": "Feature", "id": did, "geometry": None, "properties": {}} for did in ("D1", "D2")],
        }
    )
    props = {f["id"]: f["properties"] for f in json.loads(districts_geojson(geo, table.reset_index()))["features"]}
    assert props["D1"]["strategic_eur"] == 292_000 and props["D1"]["n_rounds_found"] == 2
    assert props["D2"]["strategic_eur"] is None and props["D2"]["allocated_eur"] is None


def test_a_round_closed_to_districts_funded_earlier_reads_not_eligible_not_missing():
    lines = pd.DataFrame(
        {
            "line_id": ["P", "Q"],
            "parent_line_id": [None, None],
            "label_it": ["p", "q"],
            "label_en": ["p", "q"],
            "start_year": [2022, 2023],
            "end_year": [2024, 2025],
            "district_amounts": ["strategic_call"] * 2,
            "eligible_rounds": ["old", "old"],
            "closed_to_funded_in": [None, "P"],
        }
    )
    grants = pd.DataFrame(
        {
            "grant_id": ["G1"],
            "district_id": ["A"],
            "line_id": ["P"],
            "amount_eur": [10.0],
            "amount_kind": ["allocated"],
            "source_urls": ["u"],
            "confidence": ["high"],
        }
    )
    districts = pd.DataFrame({"district_id": ["A", "B"], "established_round": ["old", "old"]})
    frame = rounds.rounds_table(districts, grants, lines).set_index(["district_id", "round_id"])
    assert frame.loc[("A", "Q"), "status"] == "not_eligible" and pd.isna(frame.loc[("A", "Q"), "amount_eur"])
    assert frame.loc[("B", "Q"), "status"] == "not_found"  # B was not funded in P: Q was open to it
    counts = rounds.round_counts(frame.reset_index()).loc["A"]
    assert counts["n_rounds_open"] == 1 and counts["n_rounds_missing"] == 0 and counts["n_strategic_open"] == 1
    head = wording.money_headline(frame.loc["A"].reset_index(), "it")
    assert head.n_open == 1 and head.missing == ""
