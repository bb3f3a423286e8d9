"""Every chart summary states numbers that match the frame the chart draws (on the made-up tables of
tests/frames.py; the same checks on the committed data: tests/data/test_figures.py)."""

import pytest

from district_stats.content import catalog
from district_stats.content.text import fmt, summaries
from tests.frames import tiny_views


@pytest.fixture(scope="module")
def views():
    return tiny_views()


def test_lines_summary_matches_data(views):
    s = summaries.lines_summary(views.by_line, views.recon.total_eur, "it")
    top = views.by_line.sort_values("amount_eur").iloc[-1]
    assert fmt.eur_short(views.recon.total_eur, "it") in s
    assert fmt.eur_short(top["amount_eur"], "it") in s and top["label_it"] in s
    assert f"le {len(views.by_line)} linee" in s


def test_years_summary_matches_data(views):
    s = summaries.years_summary(views.by_year, "en")
    top = views.by_year.sort_values("amount_eur").iloc[-1]
    assert str(int(top["year"])) in s and fmt.eur_short(top["amount_eur"], "en") in s


def test_beneficiaries_summary(views):
    s = summaries.beneficiaries_summary(views.beneficiaries, views.reserve.share, "it")
    assert fmt.eur_short(views.reserve.reserve_eur, "it") in s and "30%" in s
    assert fmt.eur_short(views.recon.total_eur - views.reserve.reserve_eur, "it") in s


def test_flow_and_calls_summaries(views):
    s = summaries.flow_summary(views.reserve.reserve_eur, views.reserve.base_eur, len(views.calls),
                               float(views.calls["amount_eur"].sum()), int(views.calls["district_id"].nunique()), "it")
    assert f"citano {len(views.calls)} in {views.calls['district_id'].nunique()} distretti" in s
    c = summaries.calls_summary(views.calls, "it")
    assert views.calls.iloc[0]["short_name"] in c and fmt.eur_short(views.calls["amount_eur"].max(), "it") in c


def test_inside_summary(views):
    s = summaries.inside_summary(views.inside_province, "it", lambda c: catalog.province_label(c))
    n_in = views.inside_province["n_inside"].sum()
    assert fmt.num(n_in, "it") in s
    hi = views.inside_province.sort_values("share_inside").iloc[-1]
    assert catalog.province_label(hi["group"]) in s and fmt.pct(hi["share_inside"], "it", 0) in s


def test_timeline_summary(views):
    s = summaries.timeline_summary(views.ds["timeline"], "it")
    assert "da 2 il 28 giugno 2021 a 5 il 15 dicembre 2025" in s


def test_official_summary(views):
    s = summaries.official_summary(views.recon.total_eur, views.reserve.reserve_eur, "it")
    assert "880 mila €" in s and "180 mila €" in s


def test_every_chart_has_a_summary_and_table_in_both_languages(views):
    for cid in catalog.CHARTS:
        for lang in ("it", "en"):
            out = catalog.make_chart(cid, views, lang)
            assert out.summary and out.summary.endswith(".")
            assert not out.table.empty and out.source.startswith("Fonte" if lang == "it" else "Source")
            assert out.figure.layout.separators == (",." if lang == "it" else ".,")
