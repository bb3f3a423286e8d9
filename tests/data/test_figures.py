"""The committed data's charts, tables, summaries and presenter story read true: money off the districts
axis, four kinds, every bar named, readable labels, coverage on the comparison bars, a legend entry for every
colour of the funding map, every chart's table in words, summaries that state the numbers the charts draw."""

import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from district_stats.content import catalog, story, style
from district_stats.content.figures import charts, maps
from district_stats.content.text import fmt, summaries
from district_stats.data.schema import PROVINCES

ZERO = ("0 €", "€0")
MACHINE = re.compile(r"[a-z0-9]+(_[a-z0-9]+)+")
RAW = {"None", "nan", "NaN", "True", "False", "true", "false", "?"}


def _texts(fig: go.Figure) -> list[str]:
    out = []
    for tr in fig.data:
        text = getattr(tr, "text", None)
        if text is not None and not isinstance(text, str):
            out += [str(x) for x in text]
    return out + [a.text for a in fig.layout.annotations]


def test_timeline_money_is_not_on_the_districts_axis(views):
    fig = charts.timeline_figure(views.ds["timeline"], views.ds["funding_lines"])
    counts = views.ds["timeline"]["n_districts"].dropna()
    for tr in fig.data:  # every plotted point is a count of districts
        assert set(pd.Series(tr.y).dropna()) <= set(counts), tr.name
    money = [a for a in fig.layout.annotations if "€" in a.text]
    assert len(money) == 3 and all(a.yref == "paper" for a in money)
    assert all(sh.yref == "paper" for sh in fig.layout.shapes)


@pytest.mark.parametrize("presenter", [False, True])
def test_interventions_chart_shows_the_four_kinds_and_business_grants_apart(views, presenter):
    fig = charts.interventions_figure(views.interventions, views.ds["funding_lines"], "it", presenter)
    heat = [tr for tr in fig.data if isinstance(tr, go.Heatmap)]
    assert len(heat[0].x) == 4 and len(heat[1].x) == 1
    assert heat[0].xaxis != heat[1].xaxis
    assert "imprese" in heat[1].x[0]


@pytest.mark.parametrize("presenter,n", [(False, 15), (True, 10)])
def test_calls_chart_names_every_bar(views, presenter, n):
    fig = charts.calls_figure(views.calls, "it", presenter)
    bar = fig.data[0]
    assert len(bar.y) == n
    assert fig.layout.yaxis.tickmode == "array" and list(fig.layout.yaxis.ticktext) == list(bar.y)
    assert any(f"{n} bandi più grandi su {len(views.calls)}" in a.text for a in fig.layout.annotations)


def test_presenter_screen_5_keeps_every_label_at_projector_and_phone_sizes(views):
    from district_stats.content import story

    screen = next(s for s in story.screens(views, "it") if s.chart_id == "bandi_imprese")
    fig = story.screen_figure(screen, views, "it", {})
    assert len(fig.layout.yaxis.ticktext) == len(fig.data[0].y)
    rows = (fig.layout.height - 60) / len(fig.data[0].y)
    assert rows >= fig.layout.yaxis.tickfont.size * 1.3  # each name has room for its line
    phone = story.screen_figure(screen, views, "it", {}, narrow=True)  # names above the bars, one per bar
    assert phone.layout.width == story.SCREEN_NARROW[0]
    names = [a for a in phone.layout.annotations if a.yref == "y"]
    assert len(names) == len(phone.data[0].y)


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
    if metric == "per_resident":
        ok = frame[frame["comparable"]]
        assert all("residenti" in str(bar.y[i]) for i in ok.index)
    for i, r in frame.iterrows():
        if not r["comparable"]:
            assert bar.x[i] == 0 and "€" not in str(bar.text[i])
    assert not [x for x in _texts(fig) if x.startswith(ZERO)]
    assert "(1 distretti)" not in " ".join(_texts(fig) + list(map(str, bar.y)))


def test_comparison_summary_leaves_out_groups_below_the_minimum(views):
    text = catalog.make_compare(views, "province_code", "per_resident", "it").summary
    assert "Verbano-Cusio-Ossola" in text.split("Non confrontati")[1]


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
    assert scale and "trovati" in scale[0].colorbar.title.text
    not_renewed = set(views.districts.loc[views.districts["active_status"] == "not_renewed", "district_id"])
    found = next(tr for tr in fig.data if isinstance(tr, go.Choropleth) and tr.colorbar.title.text)
    assert not set(found.locations) & not_renewed



@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_chart_table_reads_as_words(views, lang):
    for chart_id in catalog.CHARTS:
        out = catalog.make_chart(chart_id, views, lang)
        frame = out.display.frame
        assert not [c for c in frame.columns if MACHINE.fullmatch(str(c))], (chart_id, list(frame.columns))
        cells = {str(v) for col in frame.columns if not pd.api.types.is_numeric_dtype(frame[col])
                 for v in frame[col].dropna()}
        assert not cells & RAW, (chart_id, cells & RAW)
        shares = [h for h, k in out.display.formats.items() if k == "pct"]
        assert all(h in frame.columns for h in shares)
        assert list(out.table.columns) == list(catalog.CHARTS[chart_id](views, lang, False).table.columns)



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


def test_timeline_summary(ds):
    s = summaries.timeline_summary(ds["timeline"], "it")
    assert "da 25 il 28 giugno 2021 a 98 il 15 dicembre 2025" in s


def test_official_summary(views):
    s = summaries.official_summary(views.recon.total_eur, views.reserve.reserve_eur, "it")
    assert "30,20 mln €" in s and "7,44 mln €" in s


def test_every_chart_has_a_summary_and_table_in_both_languages(views):
    for cid in catalog.CHARTS:
        for lang in ("it", "en"):
            out = catalog.make_chart(cid, views, lang)
            assert out.summary and out.summary.endswith(".")
            assert not out.table.empty and out.source.startswith("Fonte" if lang == "it" else "Source")
            assert out.figure.layout.separators == (",." if lang == "it" else ".,")



@pytest.mark.parametrize("lang", ["it", "en"])
def test_story_screens_are_complete(views, lang):
    screens = story.screens(views, lang)
    assert 6 <= len(screens) <= 8
    assert [s.step for s in screens] == list(range(1, len(screens) + 1))
    for s in screens:
        assert s.title and s.message and s.source
        assert "{" not in s.title + s.message, s.screen_id
        assert not s.table.empty, s.screen_id


def test_story_numbers_match_the_data(views):
    screens = {s.screen_id: s for s in story.screens(views, "it")}
    assert "30,2 mln €" in screens["soldi"].title
    assert "7,4 mln €" in screens["imprese"].title
    assert f"{views.coverage.n_covered}" in screens["rete"].message
    assert dict(screens["manca"].kpis)["Distretti identificati"] == f"{views.coverage.n_districts} di 98"


@pytest.mark.parametrize("metric", ["per_resident", "per_comune", "per_district", "total"])
@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_table_and_the_download_withhold_what_the_chart_withholds(views, metric, lang):
    """One rule for chart, table and CSV: a group without a bar has no value in the table or the file either,
    and says why («1 distretto su 3 con importi: non confrontabile»)."""
    from district_stats.content.spreadsheets import to_csv_bytes

    out = catalog.make_compare(views, "province_code", metric, lang)
    bar, frame, shown = out.figure.data[0], out.table, out.display.frame
    withheld = [i for i in range(len(frame)) if bar.x[i] == 0]
    assert withheld and "comparable" not in frame
    for i in withheld:
        assert frame.loc[i, ["value", "strategic_eur", "population", "n_comuni_mapped"]].isna().all()
        assert "non confrontabile" in frame.loc[i, "note"] or "not comparable" in frame.loc[i, "note"]
        cells = " ".join(str(x) for x in shown.iloc[i])
        assert "€" not in cells and ("non confrontabile" in cells or "not comparable" in cells)
    vco = frame.index[frame["group"] == "VB"][0]
    assert vco in withheld and frame.loc[vco, "note"].startswith(("1 distretto su", "1 district of"))
    csv = to_csv_bytes(frame, lang).decode("utf-8-sig")
    line = next(x for x in csv.splitlines() if x.startswith("VB"))
    assert not re.search(r"\d[.,]\d\d", line.split("non")[0].split("not")[0]), line
