"""Catalogue figures re-laid for a fixed width: the narrow (phone) and wide variants of the static embeds.

Pure post-processing of a finished figure, never a change to the shared builders in
:mod:`~.money_charts` and :mod:`~.group_charts`: an embed is an SVG drawn once at a known width, so its
labels can be fitted to that width. On a phone (``NARROW`` px, scaled to the reader's column):

- horizontal bars get their category names *above* the bars and the full width for the bars,
  and the value axis is stretched so every value label ends inside the drawing («8,8 mln € · 29%»
  is never cut);
- vertical bars become horizontal bars (names of any length fit, values read left to right);
- the Sankey becomes one stacked bar per call (businesses / public works, labelled in the bar):
  three columns of node labels cannot share 360 px without printing over each other;
- the grid of interventions wraps and turns its column names; the timeline keeps fewer ticks;
- the map places its names again for the narrow size (the biggest first; a name never covers another).

Text widths and label placement come from :mod:`district_stats.content.figures.chart_text`.
"""

from __future__ import annotations

import itertools
import math
import re

import pandas as pd
import plotly.graph_objects as go

from district_stats.content import style
from district_stats.content.figures.chart_text import left_labels_px, place_point_labels, text_px, wrap, wrap_px
from district_stats.content.figures.map_frame import refit
from district_stats.content.text import fmt

NARROW = 360  # px: drawn for phones (shown at 320-559 px)
WIDE = 720  # px: drawn for columns of 560 px and more
SIZES = {
    "narrow": {"base": 16, "tick": 15, "label": 15, "legend": 15, "map_label": 14},
    "wide": {"base": 15, "tick": 15, "label": 15, "legend": 14, "map_label": 13},
}


def variant(width: int) -> str:
    """'narrow' below 500 px, else 'wide'."""
    return "narrow" if width < 500 else "wide"


def for_width(fig: go.Figure, width: int, lang: str = "it") -> go.Figure:
    """A copy of ``fig`` laid out for ``width`` px (height set to fit); ``fig`` is not changed.

    Traces get fixed ids (plotly would draw random ones into the SVG), so the same data gives
    the same bytes.
    """
    out = go.Figure(fig)
    out = _stable_uids(_for_width(out, width, lang))
    return out


def _stable_uids(fig: go.Figure) -> go.Figure:
    for i, tr in enumerate(fig.data):
        tr.uid = f"t{i}"
    return fig


def _for_width(out: go.Figure, width: int, lang: str) -> go.Figure:
    s = SIZES[variant(width)]
    narrow = variant(width) == "narrow"
    kinds = {tr.type for tr in out.data}
    out.update_layout(width=width, title=None, font={"size": s["base"]}, legend={"font": {"size": s["legend"]}})
    out.update_xaxes(tickfont={"size": s["tick"]})
    out.update_yaxes(tickfont={"size": s["tick"]})
    if kinds == {"sankey"}:
        if narrow:
            return _bars(flow_bars(out, lang), width, s)
        out.update_traces(textfont={"size": s["label"]})
        return out
    if kinds == {"bar", "scatter"} and narrow and all(tr.mode == "text" for tr in out.data if tr.type == "scatter"):
        out, kinds = fold_row_texts(out), {"bar"}  # numbers written after stacked bars join their row's name
    if kinds == {"bar"}:
        return _bar_chart(out, width, s, narrow)
    if kinds == {"heatmap"}:
        if narrow:
            return _grid(out, width, s)
        return _grid(out, width, s, row_chars=40)  # upright column names: no two overlap at any width
    if "choropleth" in kinds or "scattergeo" in kinds:
        return _map(out, width, s) if narrow else out
    if kinds == {"scatter"}:
        return _line_chart(out, width, s, narrow)
    return out


def _bar_chart(out: go.Figure, width: int, s: dict[str, int], narrow: bool) -> go.Figure:
    """Bars: horizontal with names above them on a phone, values fitted beside them in a column."""
    if narrow and any(tr.orientation != "h" for tr in out.data):
        out = to_horizontal(out)
    out.update_traces(textfont={"size": s["label"]})
    if narrow:
        return _bars(out, width, s)
    return _fit_values(out, _plot_px(out, width, s), s)


def _line_chart(out: go.Figure, width: int, s: dict[str, int], narrow: bool) -> go.Figure:
    """Lines and points (the timeline): labels placed apart inside a plot area of known size."""
    out.update_traces(textfont={"size": s["label"] - (1 if narrow else 0)})
    if narrow:
        out.update_xaxes(dtick="M24")
    # A known plot area (no automatic margin), so the labels can be placed inside it.
    out.update_yaxes(automargin=False)
    out.update_layout(margin={"l": math.ceil(left_labels_px(out)) + 4, "r": 8})
    place_notes(out, width)
    return place_point_labels(out, width, s)


def fold_row_texts(fig: go.Figure) -> go.Figure:
    """Horizontal bars with a text-only trace after each row (the inside/outside charts): the text joins the
    row's name («Biella — 3 di 74 · 4%») and the text trace goes, so a phone has the full width for the bars."""
    texts: dict[str, str] = {}
    for tr in fig.data:
        if tr.type == "scatter":
            texts.update({str(y): str(x).strip() for y, x in zip(tr.y, tr.text)})
    out = go.Figure(layout=fig.layout)
    for tr in fig.data:
        if tr.type == "bar":
            tr.y = [f"{c} — {texts[str(c)]}" if texts.get(str(c)) else str(c) for c in tr.y]
            out.add_trace(tr)
    out.update_yaxes(tickvals=None, ticktext=None, tickmode="auto")
    return out


def place_notes(fig: go.Figure, width: int) -> None:
    """Notes pinned to a date (the timeline's call amounts) and their dashed lines, for a figure ``width`` px wide:
    a note reads rightwards from its line (leftwards when it would pass the right edge), on the lowest row where
    it overlaps no other note and no dashed line crosses it: each line rises from the top of its own note, so a
    note that spans another's date sits lower (:func:`_note_rows`). When no such rows exist, the notes stack in a
    band at the foot of the plot and every line starts above it."""
    rng, margin = fig.layout.xaxis.range, fig.layout.margin
    notes = sorted(
        (a for a in fig.layout.annotations if a.xref == "x" and a.x is not None), key=lambda n: pd.Timestamp(n.x)
    )
    if not rng or not notes:
        return
    lo, hi = pd.Timestamp(rng[0]), pd.Timestamp(rng[1])
    plot_w = max(width - (margin.l or 0) - (margin.r or 0), 100)
    plot_h = max((fig.layout.height or 360) - (margin.t or 40) - (margin.b or 80), 100)
    tall = ((notes[0].font.size or 15) * 1.6) / plot_h
    spans = []
    for a in notes:
        x = (pd.Timestamp(a.x) - lo) / (hi - lo)
        w = (text_px(a.text, a.font.size or 15) * 1.1 + 8) / plot_w  # generous: the plot may be narrower
        a.xanchor, a.xshift = ("left", 3) if x + w <= 1 else ("right", -3)
        spans.append((x, x, x + w) if a.xanchor == "left" else (x, x - w, x))
    rows, band = _note_rows(spans, 40 / plot_w)
    lines = {str(pd.Timestamp(sh.x0)): sh for sh in fig.layout.shapes if sh.type == "line" and sh.yref == "paper"}
    for a, row in zip(notes, rows):
        a.y = 0.02 + row * tall
        line = lines.get(str(pd.Timestamp(a.x)))
        if line is not None:
            line.y0 = 0.02 + (max(rows) + 1 if band else row + 1) * tall
            line.y1 = max(float(line.y1 if line.y1 is not None else 1), line.y0 + 0.1)


def _note_rows(spans: list[tuple[float, float, float]], gap: float) -> tuple[list[int], bool]:
    """Rows (0 at the foot) for notes at ``spans`` ((date, left, right) as plot fractions) and whether the lines
    must start above all of them (no arrangement keeps every line off every note)."""
    n = len(spans)

    def apart(j: int, k: int) -> bool:
        return spans[j][2] + gap < spans[k][1] or spans[k][2] + gap < spans[j][1]

    def fits(rows: tuple[int, ...]) -> bool:
        return all(
            (rows[j] != rows[k] or apart(j, k)) and not (spans[j][1] < spans[k][0] < spans[j][2] and rows[j] >= rows[k])
            for j in range(n)
            for k in range(n)
            if j != k
        )

    for rows in sorted(itertools.product(range(n), repeat=n), key=lambda r: (max(r), sum(r))):
        if fits(rows):
            return list(rows), False
    out: list[int] = []  # the band: each note on the lowest row it overlaps nothing on
    for j in range(n):
        out.append(next(r for r in range(n) if all(out[k] != r or apart(j, k) for k in range(j))))
    return out, True


def to_horizontal(fig: go.Figure) -> go.Figure:
    """The same bars drawn horizontally (categories top to bottom in their order); returns ``fig``."""
    for tr in fig.data:
        if tr.type == "bar" and tr.orientation != "h":
            tr.update(x=tr.y, y=tr.x, orientation="h")
    fig.update_xaxes(visible=False, range=None, type="linear", autorange=True)
    fig.update_yaxes(visible=True, range=None, type="category", autorange="reversed")
    return fig


def flow_bars(fig: go.Figure, lang: str = "it") -> go.Figure:
    """A Sankey (source -> middle nodes -> final nodes) as stacked bars: one bar per middle node,
    one coloured part per final node, each labelled with its amount (EUR).

    The first source's name and total head the legend, so the chart still says where the money
    comes from. Raises ValueError if the figure has no Sankey trace.
    """
    sk = next((tr for tr in fig.data if tr.type == "sankey"), None)
    if sk is None:
        raise ValueError("no sankey trace")
    names = [re.split(r"<br\s*/?>", str(lab))[0] for lab in sk.node.label]
    src, tgt, val = list(sk.link.source), list(sk.link.target), list(sk.link.value)
    middle = [n for n in dict.fromkeys(tgt) if n in src]
    final = [n for n in dict.fromkeys(tgt) if n not in src]
    roots = [n for n in dict.fromkeys(src) if n not in tgt]
    rows = [f"{names[m]} · {fmt.eur_short(sum(v for t, v in zip(tgt, val) if t == m), lang)}" for m in middle]
    out = go.Figure()
    colors = list(sk.node.color) if sk.node.color is not None else [style.BLUE] * len(names)
    for f in final:
        amounts = [sum(v for s_, t, v in zip(src, tgt, val) if s_ == m and t == f) for m in middle]
        out.add_trace(
            go.Bar(
                y=rows,
                x=amounts,
                orientation="h",
                name=names[f],
                text=[fmt.eur_short(a, lang) if a else "" for a in amounts],
                textposition="inside",
                insidetextanchor="middle",
                marker={"color": colors[f], "line": {"color": style.OUTLINE, "width": 1}},
                textfont={"color": "#FFFFFF"},
            )
        )
    out.update_layout(
        barmode="stack",
        showlegend=True,
        separators=fig.layout.separators,
        font=fig.layout.font,
        paper_bgcolor=fig.layout.paper_bgcolor,
        plot_bgcolor=fig.layout.plot_bgcolor,
    )
    if roots:
        root_total = sum(v for s_, v in zip(src, val) if s_ == roots[0])
        out.update_layout(
            legend_title={"text": f"{names[roots[0]]}: {fmt.eur_short(root_total, lang)} →", "side": "top"}
        )
    return out


def _legend_px(fig: go.Figure, width: int, size: int) -> float:
    """Height in px of a horizontal legend on top (0 when the figure shows none)."""
    shown = [tr for tr in fig.data if tr.name and tr.showlegend is not False]
    if fig.layout.showlegend is False or not (len(shown) > 1 or fig.layout.showlegend):
        return 0.0
    title = fig.layout.legend.title.text if fig.layout.legend.title else None
    rows, used = 1, 0.0
    for w in (text_px(tr.name, size) + 44 for tr in shown):
        if used and used + w > width - 8:
            rows, used = rows + 1, 0.0
        used += w
    return rows * size * 1.6 + (size * 1.6 * (1 + str(title).count("<br>")) if title else 0) + 6


def _stacked(fig: go.Figure) -> bool:
    return fig.layout.barmode in ("stack", "relative")


def _move_unfit_texts(fig: go.Figure, cats: list[str], plot_px: float, s: dict[str, int]) -> list[str]:
    """Stacked bars: a row whose numbers do not all fit inside their parts gets them after its name
    («Biella — 3 · 4% | 71», in legend order) instead of a microscopic or missing label."""
    bars = [tr for tr in fig.data if tr.type == "bar"]
    totals = {c: 0.0 for c in cats}
    for tr in bars:
        for c, v in zip(tr.y, tr.x):
            totals[str(c)] += float(v)
    scale = plot_px / max(max(totals.values()), 1e-9)
    out = []
    for c in cats:
        parts = [(i, list(tr.y).index(c)) for i, tr in enumerate(bars) if c in [str(y) for y in tr.y]]
        texts = [str(bars[i].text[j]) if bars[i].text is not None else "" for i, j in parts]
        fits = all(
            not txt or text_px(txt, s["label"]) + 8 <= float(bars[i].x[j]) * scale for (i, j), txt in zip(parts, texts)
        )
        if fits:
            out.append(c)
            continue
        out.append(f"{c} — " + " | ".join(txt for txt in texts if txt))
        for i, j in parts:
            bars[i].text = [("" if k == j else t) for k, t in enumerate(bars[i].text)]
    fig.update_xaxes(range=[0, max(totals.values())], autorange=False)
    return out


def _bars(fig: go.Figure, width: int, s: dict[str, int]) -> go.Figure:
    """Horizontal bars with the category names above each bar and value labels that fit."""
    bars = [tr for tr in fig.data if tr.type == "bar"]
    cats = list(dict.fromkeys(str(c) for tr in bars for c in tr.y))
    for tr in bars:
        tr.y = [str(c) for c in tr.y]
    plot_px = width - 10
    names = _move_unfit_texts(fig, cats, plot_px, s) if _stacked(fig) else cats
    slots = 1 if _stacked(fig) else len(bars)
    block = (24 if slots == 1 else 18) * slots
    labels = [wrap_px(c, width - 10, s["tick"]) for c in names]
    label_px = (1 + max(lab.count("<br>") for lab in labels)) * s["tick"] * 1.3
    row = block + label_px + 12
    pos = {c: i for i, c in enumerate(cats)}
    for tr in bars:
        tr.update(y=[pos[c] for c in tr.y], orientation="h")
    top, bottom = (block / 2 + label_px + 6) / row, (block / 2 + 6) / row
    fig.update_yaxes(visible=False, type="linear", autorange=False, range=[len(cats) - 1 + bottom, -top])
    fig.update_layout(bargap=1 - block / row, bargroupgap=0, annotations=[])
    for i, lab in enumerate(labels):
        fig.add_annotation(
            x=0,
            xref="paper",
            xanchor="left",
            y=i,
            yref="y",
            yanchor="bottom",
            yshift=block / 2 + 3,
            text=lab,
            showarrow=False,
            align="left",
            font={"size": s["tick"], "color": style.INK},
        )
    legend = _legend_px(fig, width, s["legend"])
    fig.update_layout(
        margin={"l": 4, "r": 6, "t": 4 + legend, "b": 4, "autoexpand": False},
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1, "yanchor": "bottom", "traceorder": "normal"},
        height=math.ceil((len(cats) - 1 + top + bottom) * row + legend + 8),
    )
    fig.update_xaxes(visible=False, automargin=False)
    return fig if _stacked(fig) else _fit_values(fig, plot_px, s)


def _plot_px(fig: go.Figure, width: int, s: dict[str, int]) -> float:
    """Width in px left for horizontal bars once the category names on the left are drawn."""
    m = fig.layout.margin
    cats = [c for tr in fig.data if tr.type == "bar" and tr.orientation == "h" for c in tr.y]
    names = max((text_px(c, s["tick"]) for c in cats), default=0.0)
    return width - (m.l or 0) - (m.r or 0) - names - 14


def _fit_values(fig: go.Figure, plot_px: float, s: dict[str, int]) -> go.Figure:
    """Stretch the value axis of horizontal bars so every label ends inside the figure (``plot_px``
    wide); stacked bars get their too-long labels moved next to their names instead."""
    bars = [tr for tr in fig.data if tr.type == "bar"]
    if not bars or any(tr.orientation != "h" for tr in bars):
        return fig  # vertical bars: labels sit above the bars, the builders leave room for them
    if _stacked(fig):
        cats = list(dict.fromkeys(str(c) for tr in bars for c in tr.y))
        for tr in bars:
            tr.y = [str(c) for c in tr.y]
        names = _move_unfit_texts(fig, cats, plot_px, s)
        for tr in bars:
            tr.y = [names[cats.index(c)] for c in tr.y]
        return fig
    need = 0.0
    for tr in bars:
        texts = list(tr.text) if tr.text is not None and not isinstance(tr.text, str) else [""] * len(tr.x)
        for v, txt in zip(tr.x, texts):
            room = plot_px - (text_px(txt, s["label"]) + 8 if txt else 0)
            need = max(need, float(v) * plot_px / max(room, plot_px * 0.25))
    if need > 0:
        fig.update_xaxes(range=[0, need * 1.02], autorange=False)
    return fig


def _grid(fig: go.Figure, width: int, s: dict[str, int], row_chars: int = 16) -> go.Figure:
    """The heatmap of a narrow embed: row names wrapped, column names upright in at most two lines.

    Every heatmap of the figure (the grid of the four kinds and, apart, the business grants) gets the
    same wrapped rows, so panels that share their rows stay aligned.
    """
    maps = [tr for tr in fig.data if tr.type == "heatmap"]
    rows = [wrap(y, row_chars) for y in maps[0].y]
    tick = s["tick"] - 1
    cols: list[str] = []
    for hm in maps:
        names = [_two_lines(str(x).replace("<br>", " ")) for x in hm.x]
        cols += names
        hm.update(y=rows, x=names, textfont={"size": s["label"] + 2})
    col_px = max(text_px(c, tick) for c in cols) + 10
    row_px = max(36, (1 + max(r.count("<br>") for r in rows)) * s["tick"] * 1.3 + 8)
    fig.update_xaxes(tickangle=-90, side="top", tickfont={"size": tick})
    fig.update_layout(margin={"l": 4, "r": 6, "t": col_px, "b": 4}, height=math.ceil(col_px + row_px * len(rows) + 8))
    return fig


def _two_lines(text: object) -> str:
    """``text`` wrapped into the fewest characters per line that keep it to two lines."""
    n = max(len(str(text)) // 2, 1)
    while wrap(text, n).count("<br>") > 1:
        n += 1
    return wrap(text, n)


def _map(fig: go.Figure, width: int, s: dict[str, int]) -> go.Figure:
    """A map for a narrow embed: the map as tall as 1.2× the width, its names placed again for that size
    (as many of the original ones as fit apart), the legend under the map as before."""
    return refit(fig, width, round(width * 1.2), s["map_label"])
