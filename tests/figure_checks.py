"""Checks that charts, maps, summaries and the presenter story read true, written once and run on two
datasets: the made-up tables of tests/frames.py (tests/unit) and the committed data (tests/data).

Each check is a plain function that takes the views (or the frame it draws) and asserts; a tier chooses the
data, and keeps to itself the numbers only its data can know (a total, a date). The lists ``CHART_CHECKS``,
``SUMMARY_CHECKS`` and ``STORY_CHECKS`` are the cases both tiers run, ``check(views, *args)``.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from district_stats.analysis import money as money_rules
from district_stats.content import catalog, chart_tables, story, style
from district_stats.content.figures import comuni_maps, district_maps, group_charts, map_frame, money_charts
from district_stats.content.text import fmt, summaries
from district_stats.data.schema import PROVINCES

ZERO = ("0 €", "€0")


def texts(fig: go.Figure) -> list[str]:
    """Every text a figure prints: its traces' text lists and its annotations."""
    out = []
    for tr in fig.data:
        text = getattr(tr, "text", None)
        if text is not None and not isinstance(text, str):
            out += [str(x) for x in text]
    return out + [a.text for a in fig.layout.annotations]


def label_sets(fig: go.Figure) -> list[list[go.Scattergeo]]:
    """The name traces of a map, one group of ``map_frame.LABEL_TRACES`` per canvas."""
    traces = [tr for tr in fig.data if tr.type == "scattergeo" and str(tr.name or "").startswith("labels-")]
    return [traces[i : i + map_frame.LABEL_TRACES] for i in range(0, len(traces), map_frame.LABEL_TRACES)]


def _case(check, *args):
    return pytest.param(check, args, id="-".join([check.__name__, *map(str, args)]))


# --- charts -------------------------------------------------------------------------------------------------


def timeline_money_is_not_on_the_districts_axis(views):
    fig = money_charts.timeline_figure(views.ds["timeline"], views.ds["funding_lines"])
    counts = views.ds["timeline"]["n_districts"].dropna()
    for tr in fig.data:  # every plotted point is a count of districts
        assert set(pd.Series(tr.y).dropna()) <= set(counts), tr.name
    money = [a for a in fig.layout.annotations if "€" in a.text]  # one per strategic call, at its ranking
    assert len(money) == len(money_rules.strategic_lines(views.ds["funding_lines"]))
    assert money and all(a.yref == "paper" for a in money)
    assert all(sh.yref == "paper" for sh in fig.layout.shapes)


def interventions_chart_shows_the_four_kinds_and_business_grants_apart(views, presenter):
    fig = money_charts.interventions_figure(views.interventions, views.ds["funding_lines"], "it", presenter)
    heat = [tr for tr in fig.data if isinstance(tr, go.Heatmap)]
    assert len(heat[0].x) == 4 and len(heat[1].x) == 1
    assert heat[0].xaxis != heat[1].xaxis
    assert "imprese" in heat[1].x[0]


def calls_chart_names_every_bar(calls, presenter, n):
    """``n`` bars, each named on the axis, and a note that these are the largest ``n`` of all ``calls``."""
    fig = money_charts.calls_figure(calls, "it", presenter)
    bar = fig.data[0]
    assert len(bar.y) == n
    assert fig.layout.yaxis.tickmode == "array" and list(fig.layout.yaxis.ticktext) == list(bar.y)
    assert any(f"{n} bandi più grandi su {len(calls)}" in a.text for a in fig.layout.annotations)


def inside_outside_labels_are_horizontal_and_legible(views, presenter, minimum):
    fig = group_charts.inside_figure(views.inside_province, "it", presenter, str)
    bars = [tr for tr in fig.data if isinstance(tr, go.Bar)]
    assert all(tr.text is None for tr in bars)  # no text squeezed (and rotated) inside thin segments
    labels = [tr for tr in fig.data if isinstance(tr, go.Scatter)][0]
    assert labels.textfont.size >= minimum and labels.mode == "text"
    assert len(labels.text) == len(views.inside_province)
    assert all(" di " in x for x in labels.text)


def comparison_bars_carry_their_coverage_and_small_groups_have_no_bar(views, by, metric):
    out = catalog.make_compare(views, by, metric, "it")
    fig, frame = out.figure, out.table
    bar = fig.data[0]
    assert all("distrett" in str(label) for label in bar.y)  # n districts on every category
    comparable = frame["note"].isna()  # the table says why a group is withheld
    if metric == "per_resident":
        assert all("residenti" in str(bar.y[i]) for i in frame[comparable].index)
    for i in frame.index:
        if not comparable[i]:
            assert bar.x[i] == 0 and "€" not in str(bar.text[i])
    assert not [x for x in texts(fig) if x.startswith(ZERO)]
    assert "(1 distretti)" not in " ".join(texts(fig) + list(map(str, bar.y)))


def traced_group_charts_never_print_zero_euro(views, chart_id):
    out = catalog.make_chart(chart_id, views, "it")
    assert not [x for x in texts(out.figure) if x.startswith(ZERO)]
    assert all("distretti con importi" in str(y) or "nessun importo" in str(y) for y in out.figure.data[0].y)


def funding_map_has_a_legend_entry_for_every_colour(views):
    fig = district_maps.districts_map(views.districts, "d", "p", list(PROVINCES), "funding", "it")
    named = {
        tr.name.split(" (")[0]: tr.marker.color
        for tr in fig.data  # legend-only entries of the picture
        if isinstance(tr, go.Scattergeo) and tr.showlegend is not False and tr.mode == "markers"
    }
    key = {
        e.label.split(" (")[0]: e.color for e in district_maps.district_key(views.districts, "funding", "it").entries
    }
    assert {k: v for k, v in key.items() if v} == named  # the page's legend says the same
    assert named["nessun importo strategico trovato"] == style.NOT_FOUND
    assert named["non rinnovato nel 2025"] == style.TYPE_COLORS["not_renewed"]
    assert style.NOT_FOUND != style.TYPE_COLORS["not_renewed"]
    scale = [
        tr for tr in fig.data if isinstance(tr, go.Choropleth) and tr.showscale is not False and tr.colorbar.title.text
    ]
    assert scale and "trovato" in scale[0].colorbar.title.text
    not_renewed = set(views.districts.loc[views.districts["active_status"] == "not_renewed", "district_id"])
    found = next(tr for tr in fig.data if isinstance(tr, go.Choropleth) and tr.colorbar.title.text)
    assert not set(found.locations) & not_renewed


def inside_outside_map_has_no_names_and_its_legend_counts(views):
    covered = set(views.ds["district_members"]["istat_code"])
    key = comuni_maps.inside_key(views.ds["comuni"], covered, "it")
    assert [e.color for e in key.entries] == [style.INSIDE_COLORS[True], style.INSIDE_COLORS[False]]
    fig = comuni_maps.inside_outside_map(views.ds["comuni"], covered, "c", canvases=map_frame.PAGE_CANVASES)
    assert all(not any(t for t in g[1].text) for g in label_sets(fig))


CHART_CHECKS = [
    _case(timeline_money_is_not_on_the_districts_axis),
    *[_case(interventions_chart_shows_the_four_kinds_and_business_grants_apart, p) for p in (False, True)],
    *[_case(inside_outside_labels_are_horizontal_and_legible, p, m) for p, m in ((False, 12), (True, 18))],
    *[
        _case(comparison_bars_carry_their_coverage_and_small_groups_have_no_bar, by, metric)
        for by in ("province_code", "district_type")
        for metric in ("per_resident", "per_comune", "per_district", "total")
    ],
    *[_case(traced_group_charts_never_print_zero_euro, chart_id) for chart_id in ("province", "tipo")],
    _case(funding_map_has_a_legend_entry_for_every_colour),
]


# --- summaries ----------------------------------------------------------------------------------------------


def lines_summary_matches_data(views):
    s = summaries.lines_summary(views.by_line, views.recon.total_eur, "it")
    top = views.by_line.sort_values("amount_eur").iloc[-1]
    assert fmt.eur_short(views.recon.total_eur, "it") in s
    assert fmt.eur_short(top["amount_eur"], "it") in s and top["label_it"] in s
    assert f"le {len(views.by_line)} linee" in s


def years_summary_matches_data(views):
    s = summaries.years_summary(views.by_year, "en")
    top = views.by_year.sort_values("amount_eur").iloc[-1]
    assert str(int(top["year"])) in s and fmt.eur_short(top["amount_eur"], "en") in s


def beneficiaries_summary_splits_the_business_share(views):
    s = summaries.beneficiaries_summary(views.beneficiaries, views.reserve.share, "it")
    assert fmt.eur_short(views.reserve.reserve_eur, "it") in s and "30%" in s
    assert fmt.eur_short(views.recon.total_eur - views.reserve.reserve_eur, "it") in s


def flow_and_calls_summaries_count_the_calls(views):
    s = summaries.flow_summary(
        views.reserve.reserve_eur,
        views.reserve.base_eur,
        len(views.calls),
        float(views.calls["amount_eur"].sum()),
        int(views.calls["district_id"].nunique()),
        "it",
    )
    assert f"citano {len(views.calls)} in {views.calls['district_id'].nunique()} distretti" in s
    c = summaries.calls_summary(views.calls, "it")
    assert views.calls.iloc[0]["short_name"] in c and fmt.eur_short(views.calls["amount_eur"].max(), "it") in c


def inside_summary_names_the_highest_share(views):
    s = summaries.inside_summary(views.inside_province, "it", lambda c: chart_tables.province_label(c))
    n_in = views.inside_province["n_inside"].sum()
    assert fmt.num(n_in, "it") in s
    hi = views.inside_province.sort_values("share_inside").iloc[-1]
    assert chart_tables.province_label(hi["group"]) in s and fmt.pct(hi["share_inside"], "it", 0) in s


def every_chart_has_a_summary_and_table_in_both_languages(views):
    for cid in catalog.CHARTS:
        for lang in ("it", "en"):
            out = catalog.make_chart(cid, views, lang)
            assert out.summary and out.summary.endswith(".")
            assert not out.table.empty and out.source.startswith("Fonte" if lang == "it" else "Source")
            assert out.figure.layout.separators == (",." if lang == "it" else ".,")


SUMMARY_CHECKS = [
    _case(check)
    for check in (
        lines_summary_matches_data,
        years_summary_matches_data,
        beneficiaries_summary_splits_the_business_share,
        flow_and_calls_summaries_count_the_calls,
        inside_summary_names_the_highest_share,
        every_chart_has_a_summary_and_table_in_both_languages,
    )
]


# --- the presenter story ------------------------------------------------------------------------------------


def story_screens_are_complete(views, lang):
    screens = story.screens(views, lang)
    assert 6 <= len(screens) <= 8
    assert [s.step for s in screens] == list(range(1, len(screens) + 1))
    for s in screens:
        assert s.title and s.message and s.source
        assert "{" not in s.title + s.message, s.screen_id
        assert not s.table.empty, s.screen_id


STORY_CHECKS = [_case(story_screens_are_complete, lang) for lang in ("it", "en")]


def story_numbers_match_the_data(views, total: str, business: str, districts_of: str):
    """The screens quote the data: ``total`` and ``business`` as the titles round them (``"30,2 mln €"``),
    the districts identified as ``"<n> di <districts_of>"``; returns the screens by id for a tier's own checks."""
    screens = {s.screen_id: s for s in story.screens(views, "it")}
    assert total in screens["soldi"].title
    assert business in screens["imprese"].title
    assert f"{views.coverage.n_covered}" in screens["rete"].message
    assert dict(screens["manca"].kpis)["Distretti identificati"] == f"{views.coverage.n_districts} di {districts_of}"
    return screens
