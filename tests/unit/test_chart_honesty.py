"""Chart figures read true: money off the districts axis, four kinds, every bar named, readable labels,
coverage on the comparison bars, a legend entry for every colour of the funding map, no names on the
inside/outside map (on the made-up tables of tests/frames.py; the checks themselves are tests/figure_checks.py,
run on the committed data by tests/data/test_figures.py)."""

import pandas as pd
import pytest

from district_stats.content.figures import group_charts
from tests import figure_checks
from tests.frames import tiny_views


@pytest.fixture(scope="module")
def views():
    return tiny_views()


@pytest.mark.parametrize("builder", ["compare", "group"])
def test_coverage_labels_keep_their_own_markup_and_escape_the_names(builder):
    """The bold name and line breaks of a coverage label are ours; a name from a data file is shown as typed
    (escaped), never doubly escaped into «&lt;b&gt;» on screen or in the published drawings."""
    hostile = "<a href='x'>Alba</a>"
    if builder == "compare":
        frame = pd.DataFrame(
            {
                "group": ["g1"],
                "n_districts_traced": [4],
                "n_districts": [5],
                "value": [12.5],
                "comparable": [True],
                "population": [10_000],
                "n_comuni_mapped": [7],
            }
        )
        fig = group_charts.compare_figure(frame, "per_resident", "it", False, lambda g: hostile)
    else:
        frame = pd.DataFrame({"group": ["g1"], "n_districts": [4], "n_districts_all": [5], "amount_eur": [1e6]})
        fig = group_charts.group_figure(frame, "it", False, lambda g: hostile)
    label = str(fig.data[0].y[0])
    assert label.startswith("<b>&lt;a href=") and "Alba&lt;/a&gt;</b><br>" in label, label
    assert "&lt;b&gt;" not in label and "&lt;br&gt;" not in label
    assert "<a " not in label


@pytest.mark.parametrize("check,args", figure_checks.CHART_CHECKS)
def test_chart_reads_true(views, check, args):
    check(views, *args)


@pytest.mark.parametrize("presenter,n", [(False, 15), (True, 10)])
def test_calls_chart_names_every_bar(views, presenter, n):
    one = views.calls.iloc[0]  # 20 made-up calls: more than the chart shows
    calls = pd.DataFrame(
        [
            {**one.to_dict(), "short_name": f"Distretto {i}", "grant_id": f"G{i:03d}", "amount_eur": 1_000.0 * i}
            for i in range(1, 21)
        ]
    )
    figure_checks.calls_chart_names_every_bar(calls, presenter, n)
