"""Chart figures read true: money off the districts axis, four kinds, every bar named, readable labels,
coverage on the comparison bars, a legend entry for every colour of the funding map."""

import pandas as pd
import plotly.graph_objects as go
import pytest

from district_stats.content.figures import charts

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
