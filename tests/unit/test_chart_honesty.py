"""Chart figures read true: money off the districts axis, four kinds, every bar named, readable labels,
coverage on the comparison bars, a legend entry for every colour of the funding map (on the made-up tables of
tests/frames.py; the same checks on the committed data: tests/data/test_figures.py)."""

import pandas as pd
import plotly.graph_objects as go
import pytest

from district_stats.analysis import money as money_rules
from district_stats.content import catalog, style
from district_stats.content.figures import charts, maps
from district_stats.data.schema import PROVINCES
from tests.frames import tiny_views


@pytest.fixture(scope="module")
def views():
    return tiny_views()

ZERO = ("0 €", "€0")


def _texts(fig: go.Figure) -> list[str]:
    out = []
    for tr in fig.data:
        text = getattr(tr, "text", None)
        if text is not None and not isinstance(text, str):
            out += [str(x) for x in text]
    return out + [a.text for a in fig.layout.annotations]


@pytest.mark.parametrize("builder", ["compare", "group"])
def test_coverage_labels_keep_their_own_markup_and_escape_the_names(builder):
    """The bold name and line breaks of a coverage label are ours; a name from a data file is shown as typed
    (escaped), never doubly escaped into «&lt;b&gt;» on screen or in the published drawings."""
    hostile = "<a href='x'>Alba</a>"
    if builder == "compare":
        frame = pd.DataFrame({"group": ["g1"], "n_districts_traced": [4], "n_districts": [5], "value": [12.5],
                              "comparable": [True], "population": [10_000], "n_comuni_mapped": [7]})
        fig = charts.compare_figure(frame, "per_resident", "it", False, lambda g: hostile)
    else:
        frame = pd.DataFrame({"group": ["g1"], "n_districts": [4], "n_districts_all": [5], "amount_eur": [1e6]})
        fig = charts.group_figure(frame, "it", False, lambda g: hostile)
    label = str(fig.data[0].y[0])
    assert label.startswith("<b>&lt;a href=") and "Alba&lt;/a&gt;</b><br>" in label, label
    assert "&lt;b&gt;" not in label and "&lt;br&gt;" not in label
    assert "<a " not in label


@pytest.mark.parametrize("presenter", [False, True])
def test_interventions_chart_shows_the_four_kinds_and_business_grants_apart(views, presenter):
    fig = charts.interventions_figure(views.interventions, views.ds["funding_lines"], "it", presenter)
    heat = [tr for tr in fig.data if isinstance(tr, go.Heatmap)]
    assert len(heat[0].x) == 4 and len(heat[1].x) == 1
    assert heat[0].xaxis != heat[1].xaxis
    assert "imprese" in heat[1].x[0]


@pytest.mark.parametrize("presenter,minimum", [(False, 12), (True, 18)])
def test_inside_outside_labels_are_horizontal_and_legible(views, presenter, minimum):
    fig = charts.inside_figure(views.inside_province, "it", presenter, str)
    bars = [tr for tr in fig.data if isinstance(tr, go.Bar)]
    assert all(tr.text is None for tr in bars)  # no text squeezed (and rotated) inside thin segments
    labels = [tr for tr in fig.data if isinstance(tr, go.Scatter)][0]
    assert labels.textfont.size >= minimum and labels.mode == "text"
    assert len(labels.text) == len(views.inside_province)
    assert all(" di " in x for x in labels.text)


@pytest.mark.parametrize("metric", ["per_resident", "per_comune", "per_district", "total"])
@pytest.mark.parametrize("by", ["province_code", "district_type"])
def test_comparison_bars_carry_their_coverage_and_small_groups_have_no_bar(views, metric, by):
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
    assert not [x for x in _texts(fig) if x.startswith(ZERO)]
    assert "(1 distretti)" not in " ".join(_texts(fig) + list(map(str, bar.y)))


@pytest.mark.parametrize("chart_id", ["province", "tipo"])
def test_traced_group_charts_never_print_zero_euro(views, chart_id):
    out = catalog.make_chart(chart_id, views, "it")
    assert not [x for x in _texts(out.figure) if x.startswith(ZERO)]
    assert all("distretti con importi" in str(y) or "nessun importo" in str(y) for y in out.figure.data[0].y)


def test_funding_map_has_a_legend_entry_for_every_colour(views):
    fig = maps.districts_map(views.districts, "d", "p", list(PROVINCES), "funding", "it")
    named = {tr.name.split(" (")[0]: tr.marker.color for tr in fig.data  # legend-only entries of the picture
             if isinstance(tr, go.Scattergeo) and tr.showlegend is not False and tr.mode == "markers"}
    key = {e.label.split(" (")[0]: e.color for e in maps.district_key(views.districts, "funding", "it").entries}
    assert {k: v for k, v in key.items() if v} == named  # the page's legend says the same
    assert named["nessun importo strategico trovato"] == style.NOT_FOUND
    assert named["non rinnovato nel 2025"] == style.TYPE_COLORS["not_renewed"]
    assert style.NOT_FOUND != style.TYPE_COLORS["not_renewed"]
    scale = [tr for tr in fig.data if isinstance(tr, go.Choropleth) and tr.showscale is not False and tr.colorbar.title.text]
    assert scale and "trovato" in scale[0].colorbar.title.text
    not_renewed = set(views.districts.loc[views.districts["active_status"] == "not_renewed", "district_id"])
    found = next(tr for tr in fig.data if isinstance(tr, go.Choropleth) and tr.colorbar.title.text)
    assert not set(found.locations) & not_renewed


def test_timeline_money_is_not_on_the_districts_axis(views):
    fig = charts.timeline_figure(views.ds["timeline"], views.ds["funding_lines"])
    counts = views.ds["timeline"]["n_districts"].dropna()
    for tr in fig.data:  # every plotted point is a count of districts
        assert set(pd.Series(tr.y).dropna()) <= set(counts), tr.name
    money = [a for a in fig.layout.annotations if "€" in a.text]  # one per strategic call, at its ranking
    assert len(money) == len(money_rules.strategic_lines(views.ds["funding_lines"]))
    assert money and all(a.yref == "paper" for a in money)
    assert all(sh.yref == "paper" for sh in fig.layout.shapes)


@pytest.mark.parametrize("presenter,n", [(False, 15), (True, 10)])
def test_calls_chart_names_every_bar(views, presenter, n):
    one = views.calls.iloc[0]  # 20 made-up calls: more than the chart shows
    calls = pd.DataFrame([{**one.to_dict(), "short_name": f"Distretto {i}", "grant_id": f"G{i:03d}",
                           "amount_eur": 1_000.0 * i} for i in range(1, 21)])
    fig = charts.calls_figure(calls, "it", presenter)
    bar = fig.data[0]
    assert len(bar.y) == n
    assert fig.layout.yaxis.tickmode == "array" and list(fig.layout.yaxis.ticktext) == list(bar.y)
    assert any(f"{n} bandi più grandi su {len(calls)}" in a.text for a in fig.layout.annotations)
