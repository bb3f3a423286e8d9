"""A district before and after an update: its comuni side by side, the ones that come and go marked.

Two small maps in one figure (no basemap, offline): on the left the comuni on the district's list
before, on the right after. Comuni that stay are blue on both; a comune the update removes is
vermilion on the left (and absent on the right), one it adds is bluish green on the right (and absent
on the left); a member the act does not list but that stays is pink on the right. The legend says it in
words and the preview's table names every comune, so nothing is told by colour alone. Names from the
data go through :func:`~district_stats.content.text.safe_text.plotly`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from district_stats.content import style
from district_stats.content.figures.chart_layout import base_layout
from district_stats.content.figures.map_frame import add_layer, only
from district_stats.content.text import safe_text
from district_stats.content.text.i18n import t

#: (state, colour) of the comuni on each side, in legend order.
CLASSES = (("kept", style.BLUE), ("removed", style.VERMILION), ("added", style.GREEN), ("not_in_act", style.PINK))


def change_map(
    before: Sequence[str],
    after: Sequence[str],
    names: Mapping[str, str],
    comuni_geo: Mapping,
    title: str,
    not_in_act: Sequence[str] = (),
    lang: str = "it",
    height: int = 300,
) -> go.Figure:
    """Before (left) and after (right) of one district's comuni (ISTAT codes), drawn from ``comuni_geo``
    (the derived GeoJSON of every comune, features by ISTAT code). ``title`` is plain text (escaped here).
    Comuni without geometry are left out of the drawing (the table still lists them)."""
    old, new, missing = set(before), set(after), set(not_in_act)
    sides = (
        {"kept": sorted(old & new), "removed": sorted(old - new)},
        {
            "kept": sorted((old & new) - missing),
            "added": sorted(new - old),
            "not_in_act": sorted((old & new) & missing),
        },
    )
    fig = make_subplots(
        rows=1,
        cols=2,
        specs=[[{"type": "geo"}, {"type": "geo"}]],
        horizontal_spacing=0.02,
        subplot_titles=(t("chm_before", lang, n=len(old)), t("chm_after", lang, n=len(new))),
    )
    shown: set[str] = set()
    for col, side in enumerate(sides, start=1):
        for state, colour in CLASSES:
            codes = side.get(state, [])
            if not codes:
                continue
            add_layer(
                fig,
                go.Choropleth(
                    geojson=only(dict(comuni_geo), codes),
                    locations=codes,
                    z=[1] * len(codes),
                    showscale=False,
                    colorscale=[[0, colour], [1, colour]],
                    marker={"line": {"color": "#FFFFFF", "width": 1}},
                    name=t(f"chm_{state}", lang),
                    legendgroup=state,
                    showlegend=state not in shown,
                    customdata=[[safe_text.plotly(names.get(c, c)), t(f"chm_{state}", lang)] for c in codes],
                    hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
                ),
                row=1,
                col=col,
            )
            shown.add(state)
    fig.update_geos(fitbounds="locations", visible=False, projection_type="mercator", bgcolor=style.BACKGROUND)
    base_layout(fig, lang, height=height, title=safe_text.plotly(title, 90))
    fig.update_layout(
        margin={"l": 4, "r": 4, "t": 64, "b": 4},
        dragmode=False,
        legend={"orientation": "h", "y": -0.02, "yanchor": "top", "x": 0},
    )
    return fig
