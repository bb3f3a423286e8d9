"""The committed data's charts, tables, summaries and presenter story read true: the checks of
tests/figure_checks.py (money off the districts axis, four kinds, every bar named, readable labels, coverage on
the comparison bars, a legend entry for every colour of the funding map, summaries that state the numbers the
charts draw, a complete story), run here on the committed data; every chart's table in words, the labels of the
presenter's calls screen, what the comparison withholds."""

import re

import pandas as pd
import pytest

from district_stats.content import catalog, story
from district_stats.content.figures import screen_sizes
from district_stats.content.text import summaries
from tests import figure_checks

MACHINE = re.compile(r"[a-z0-9]+(_[a-z0-9]+)+")
RAW = {"None", "nan", "NaN", "True", "False", "true", "false", "?"}


@pytest.mark.parametrize("check,args", figure_checks.CHART_CHECKS)
def test_chart_reads_true(views, check, args):
    check(views, *args)


@pytest.mark.parametrize("presenter,n", [(False, 15), (True, 10)])
def test_calls_chart_names_every_bar(views, presenter, n):
    figure_checks.calls_chart_names_every_bar(views.calls, presenter, n)


def test_presenter_screen_5_keeps_every_label_at_projector_and_phone_sizes(views):
    screen = next(s for s in story.screens(views, "it") if s.chart_id == "bandi_imprese")
    fig = story.screen_figure(screen, views, "it", {})
    assert len(fig.layout.yaxis.ticktext) == len(fig.data[0].y)
    rows = (fig.layout.height - 60) / len(fig.data[0].y)
    assert rows >= fig.layout.yaxis.tickfont.size * 1.3  # each name has room for its line
    phone = story.screen_figure(screen, views, "it", {}, narrow=True)  # names above the bars, one per bar
    assert phone.layout.width == screen_sizes.SCREEN_NARROW[0]
    names = [a for a in phone.layout.annotations if a.yref == "y"]
    assert len(names) == len(phone.data[0].y)


def test_comparison_summary_leaves_out_groups_below_the_minimum(views):
    text = catalog.make_compare(views, "province_code", "per_resident", "it").summary
    assert "Verbano-Cusio-Ossola" in text.split("Non confrontati")[1]


@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_chart_table_reads_as_words(views, lang):
    for chart_id in catalog.CHARTS:
        out = catalog.make_chart(chart_id, views, lang)
        frame = out.display.frame
        assert not [c for c in frame.columns if MACHINE.fullmatch(str(c))], (chart_id, list(frame.columns))
        cells = {
            str(v)
            for col in frame.columns
            if not pd.api.types.is_numeric_dtype(frame[col])
            for v in frame[col].dropna()
        }
        assert not cells & RAW, (chart_id, cells & RAW)
        shares = [h for h, k in out.display.formats.items() if k == "pct"]
        assert all(h in frame.columns for h in shares)
        assert list(out.table.columns) == list(catalog.CHARTS[chart_id](views, lang, False).table.columns)


@pytest.mark.parametrize("check,args", figure_checks.SUMMARY_CHECKS)
def test_summary_matches_data(views, check, args):
    check(views, *args)


def test_timeline_summary(ds):
    s = summaries.timeline_summary(ds["timeline"], "it")
    assert "da 25 il 28 giugno 2021 a 98 il 15 dicembre 2025" in s


def test_official_summary(views):
    s = summaries.official_summary(views.recon.total_eur, views.reserve.reserve_eur, "it")
    assert "30,20 mln €" in s and "7,44 mln €" in s


@pytest.mark.parametrize("check,args", figure_checks.STORY_CHECKS)
def test_story_reads_true(views, check, args):
    check(views, *args)


def test_story_numbers_match_the_data(views):
    figure_checks.story_numbers_match_the_data(views, "30,2 mln €", "7,4 mln €", "98")


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
