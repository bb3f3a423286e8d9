"""What every plotly chart shares: fonts, separators, margins and colours, labelled horizontal bars, a
category label with its coverage, and the blank chart that says there is no data.

Every figure carries direct value labels (nothing needs hover), Italian or English
number separators, colour-blind-safe colours with dark outlines, and is sized for a
projector when ``presenter`` is true.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from district_stats.content import style
from district_stats.content.text import fmt, safe_text
from district_stats.content.text.i18n import t


def base_layout(
    fig: go.Figure, lang: str, presenter: bool = False, height: int | None = None, title: str | None = None
) -> go.Figure:
    """Apply fonts, separators, margins and colours common to every chart."""
    s = style.sizes(presenter)
    fig.update_layout(
        separators=fmt.plotly_separators(lang),
        font={"family": style.FONT_FAMILY, "size": s["base"], "color": style.INK},
        paper_bgcolor=style.BACKGROUND,
        plot_bgcolor=style.BACKGROUND,
        margin={"l": 10, "r": 20, "t": 50 if title else 10, "b": 10},
        legend={"font": {"size": s["legend"]}, "orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
        hoverlabel={"font": {"size": s["base"]}},
        title={"text": title, "font": {"size": s["title"]}, "x": 0} if title else None,
    )
    if height:
        fig.update_layout(height=height)
    fig.update_xaxes(tickfont={"size": s["tick"]}, gridcolor="#D0D0D0", linecolor=style.OUTLINE, automargin=True)
    fig.update_yaxes(tickfont={"size": s["tick"]}, gridcolor="#D0D0D0", linecolor=style.OUTLINE, automargin=True)
    return fig


def hbar(
    labels: list[str],
    values: list[float],
    texts: list[str],
    lang: str,
    presenter: bool,
    colors: list[str] | str = style.BLUE,
    height: int | None = None,
    markup: bool = False,
) -> go.Figure:
    """Horizontal bars with direct labels. ``markup``: the labels are already built from escaped names
    (:func:`with_coverage`) and may carry ``<b>``/``<br>``; otherwise they are escaped here."""
    s = style.sizes(presenter)
    labels = labels if markup else safe_text.plotly_all(labels)  # names from data files: tags show as typed
    fig = go.Figure(
        go.Bar(
            x=values,
            y=labels,
            orientation="h",
            text=texts,
            textposition="outside",
            cliponaxis=False,
            textfont={"size": s["label"], "color": style.INK},
            marker={"color": colors, "line": {"color": style.OUTLINE, "width": 1}},
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    # Every category gets its tick label, whatever the height: plotly would otherwise drop every other one.
    fig.update_yaxes(autorange="reversed", tickmode="array", tickvals=labels, ticktext=labels)
    known = [v for v in values if pd.notna(v)]
    fig.update_xaxes(visible=False, range=[0, max(known) * 1.35 if known and max(known) > 0 else 1])
    return base_layout(fig, lang, presenter, height or (60 + (62 if presenter else 42) * len(labels)))


def with_coverage(name: str, coverage: str) -> str:
    """A category label with the coverage behind its bar on a second line (readable at any width:
    tick labels get their own margin, text after a bar would be cut on a phone)."""
    return f"<b>{safe_text.plotly(name)}</b><br>{coverage}"


def empty_figure(lang: str = "it", presenter: bool = False) -> go.Figure:
    """A blank chart that says there is no data (used when an optional table is missing)."""
    fig = go.Figure()
    fig.add_annotation(
        text=t("no_data", lang),
        showarrow=False,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        font={"size": style.sizes(presenter)["label"] + 4, "color": style.INK},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return base_layout(fig, lang, presenter, 200)
