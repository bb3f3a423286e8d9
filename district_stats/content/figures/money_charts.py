"""Plotly charts of the money: the lines of the 2020-2027 total, the years, the beneficiaries, the flow,
the largest business calls, the timeline, the kinds of intervention and the announced against the rebuilt
totals. Pure functions of small frames, language and presenter mode (shared layout in chart_layout).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from district_stats.analysis.money import approximate, strategic_lines
from district_stats.content import style
from district_stats.content.figures.chart_layout import base_layout, empty_figure, hbar
from district_stats.content.text import fmt, safe_text
from district_stats.content.text.i18n import t
from district_stats.content.text.wording import about


def lines_figure(by_line: pd.DataFrame, lang: str = "it", presenter: bool = False) -> go.Figure:
    """Horizontal bars: the lines that make up the rebuilt 2020-2027 total."""
    labels = [r["label_en"] if lang == "en" else r["label_it"] for _, r in by_line.iterrows()]
    texts = [
        f"{fmt.eur_short(v, lang)} · {fmt.pct(sh, lang, 0)}" for v, sh in zip(by_line["amount_eur"], by_line["share"])
    ]
    return hbar(labels, list(by_line["amount_eur"]), texts, lang, presenter)


def years_figure(by_year: pd.DataFrame, lang: str = "it", presenter: bool = False) -> go.Figure:
    """Vertical bars: amounts by year of allocation."""
    s = style.sizes(presenter)
    fig = go.Figure(
        go.Bar(
            x=[str(y) for y in by_year["year"]],
            y=by_year["amount_eur"],
            text=[fmt.eur_short(v, lang) for v in by_year["amount_eur"]],
            textposition="outside",
            cliponaxis=False,
            textfont={"size": s["label"]},
            marker={"color": style.BLUE, "line": {"color": style.OUTLINE, "width": 1}},
            hovertemplate="%{x}: %{text}<extra></extra>",
        )
    )
    fig.update_yaxes(visible=False, range=[0, by_year["amount_eur"].max() * 1.25])
    fig.update_xaxes(type="category")
    return base_layout(fig, lang, presenter, 420 if presenter else 320)


def beneficiaries_figure(frame: pd.DataFrame, lang: str = "it", presenter: bool = False) -> go.Figure:
    """Two bars: businesses (minimum reserve, hatched) and comuni/districts."""
    labels = [t("lbl_business", lang), t("lbl_public", lang)]
    vals = [float(frame.loc[frame["beneficiary"] == k, "amount_eur"].iloc[0]) for k in ("imprese", "comuni_distretti")]
    total = sum(vals)
    texts = [f"{fmt.eur_short(v, lang)} · {fmt.pct(v / total, lang, 0)}" for v in vals]
    fig = hbar(labels, vals, texts, lang, presenter, colors=[style.VERMILION, style.BLUE])
    # The business bar is a floor: a pattern says so without relying on colour.
    fig.update_traces(marker_pattern={"shape": ["/", ""], "fgcolor": style.INK, "size": 8, "solidity": 0.25})
    return fig


def flow_figure(
    flow: pd.DataFrame, lines: pd.DataFrame, share: float, lang: str = "it", presenter: bool = False
) -> go.Figure:
    """Sankey: Regione -> the three strategic calls -> businesses (minimum) / public works."""
    s = style.sizes(presenter)
    names = {
        "regione": t("lbl_regione", lang),
        "imprese": t("lbl_imprese_flow", lang, share=fmt.pct(share, lang, 0)),
        "interventi": t("lbl_interventi", lang),
    }
    for _, r in lines.iterrows():
        names[r["line_id"]] = safe_text.plotly(r["label_en"] if lang == "en" else r["label_it"])
    nodes = list(dict.fromkeys(list(flow["source"]) + list(flow["target"])))
    totals = {
        n: float(flow.loc[flow["target"] == n, "amount_eur"].sum() or flow.loc[flow["source"] == n, "amount_eur"].sum())
        for n in nodes
    }
    color = {"regione": style.OUTLINE, "imprese": style.VERMILION, "interventi": style.BLUE}
    fig = go.Figure(
        go.Sankey(
            arrangement="snap",
            valueformat=",.0f",
            node={
                "label": [f"{names.get(n, n)}<br>{fmt.eur_short(totals[n], lang)}" for n in nodes],
                "color": [color.get(n, style.GREEN) for n in nodes],
                "pad": 24,
                "thickness": 22,
                "line": {"color": style.OUTLINE, "width": 1},
            },
            link={
                "source": [nodes.index(x) for x in flow["source"]],
                "target": [nodes.index(x) for x in flow["target"]],
                "value": list(flow["amount_eur"]),
                "color": [
                    "rgba(213,94,0,0.45)" if tg == "imprese" else "rgba(0,114,178,0.30)" for tg in flow["target"]
                ],
            },
            textfont={"size": s["label"], "color": style.INK},
        )
    )
    return base_layout(fig, lang, presenter, 480 if presenter else 420)


def calls_figure(calls: pd.DataFrame, lang: str = "it", presenter: bool = False, top: int | None = None) -> go.Figure:
    """Largest district business calls found in the sources (top 15; 10 on a projector, where 15
    names would not all fit). Every bar keeps its name at any size, and the chart says how many
    calls it leaves out."""
    top = top or (10 if presenter else 15)
    head = calls.head(top)
    labels = [f"{n} ({int(y)})" if pd.notna(y) else str(n) for n, y in zip(head["short_name"], head["year"])]
    texts = [about(fmt.eur_short(v, lang), a, lang) for v, a in zip(head["amount_eur"], approximate(head))]
    fig = hbar(labels, list(head["amount_eur"]), texts, lang, presenter, colors=style.VERMILION)
    if len(calls) > len(head):
        fig.add_annotation(
            text=t("calls_top", lang, n=len(head), total=len(calls)),
            xref="paper",
            yref="paper",
            x=1.0,
            y=0.0,
            xanchor="right",
            yanchor="bottom",
            showarrow=False,
            font={"size": style.sizes(presenter)["label"], "color": style.INK},
        )
    return fig


def timeline_figure(
    timeline: pd.DataFrame,
    lines: pd.DataFrame,
    lang: str = "it",
    presenter: bool = False,
    money_lines: tuple[str, ...] | None = None,
) -> go.Figure:
    """Step line of recognised districts; the rankings of the strategic calls as labelled markers.

    Each line in ``money_lines`` (default: the strategic calls of ``lines``) is marked at its latest event (its ranking) with its
    short label and amount, so the chart reads without hover.
    """
    s = style.sizes(presenter)
    tl = timeline.sort_values("event_date")
    counts = tl.dropna(subset=["n_districts"])
    if counts.empty:  # the timeline file is optional: say so instead of drawing empty axes
        return empty_figure(lang, presenter)
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=counts["event_date"],
            y=counts["n_districts"],
            mode="lines+markers+text",
            line_shape="hv",
            line={"color": style.BLUE, "width": 3},
            marker={"size": 10, "color": style.BLUE, "line": {"color": style.OUTLINE, "width": 1}},
            text=[str(int(v)) for v in counts["n_districts"]],
            textposition="top center",
            textfont={"size": s["label"], "color": style.INK},
            name=t("ax_districts", lang),
            hovertemplate="%{x|%d/%m/%Y}: %{y}<extra></extra>",
        )
    )
    ymax = float(counts["n_districts"].max()) * 1.25
    # The rankings of the strategic calls are money, not districts: dashed lines with their amount written
    # at the foot of the chart (paper coordinates), never a point on the districts axis.
    end = pd.Timestamp("2026-06-30")
    for k, lid in enumerate(strategic_lines(lines) if money_lines is None else money_lines):
        ev = tl[tl["line_id"] == lid]
        line = lines[lines["line_id"] == lid]
        if ev.empty or line.empty:
            continue
        r = line.iloc[0]
        when = ev.iloc[-1]["event_date"]
        years = f"{int(r['start_year'])}-{int(r['end_year']) % 100:02d}"
        # Each label a step higher than the one before, its dashed line rising from it: a later line starts
        # above every earlier label, so no line crosses a label (the last one reads leftwards, off the edge);
        # the line stops under the districts' line at that date, below its numbers.
        height = 0.02 + 0.15 * k
        before = counts[counts["event_date"] <= when]["n_districts"]
        top = (float(before.iloc[-1]) / ymax - 0.08) if not before.empty else 1.0
        fig.add_shape(
            type="line",
            x0=when,
            x1=when,
            y0=height,
            y1=max(top, height + 0.1),
            xref="x",
            yref="paper",
            line={"color": style.VERMILION, "width": 2, "dash": "dash"},
        )
        right = pd.Timestamp(when) > end - pd.Timedelta(days=365)
        fig.add_annotation(
            x=when,
            y=height,
            xref="x",
            yref="paper",
            yanchor="bottom",
            xanchor="right" if right else "left",
            xshift=-3 if right else 3,
            showarrow=False,
            text=t("tl_money", lang, years=years, amount=fmt.eur_short(r["amount_eur"], lang)),
            font={"size": s["label"], "color": style.INK},
            bgcolor="#FFFFFF",
        )
    fig.update_yaxes(title=t("ax_districts", lang), range=[0, ymax])
    fig.update_xaxes(
        tickformat="%Y",
        dtick="M12",
        range=[pd.Timestamp("2020-09-01"), end],
        title=t("tl_money_axis", lang),
        title_font={"size": s["tick"] - 1},
    )
    fig.update_layout(showlegend=False)
    return base_layout(fig, lang, presenter, 460 if presenter else 360)


#: The four kinds of intervention of the regional calls; direct grants to businesses are drawn apart (they
#: are the businesses' share of the calls, not a fifth kind of project).
FOUR_KINDS = ("riqualificazione_urbana", "innovazione_tecnologica", "formazione", "marketing_territoriale")
BUSINESS_KIND = "sostegno_imprese"


def interventions_figure(
    matrix: pd.DataFrame, lines: pd.DataFrame, lang: str = "it", presenter: bool = False
) -> go.Figure:
    """Grid of lines × the four kinds of intervention, and apart from it the direct grants to businesses;
    a check mark (not only colour) marks 'admitted'."""
    s = style.sizes(presenter)
    kinds = [k for k in FOUR_KINDS if k in matrix]
    extra = [BUSINESS_KIND] if BUSINESS_KIND in matrix else []
    lab = dict(zip(lines["line_id"], lines["label_en" if lang == "en" else "label_it"]))
    rows = [safe_text.plotly(lab.get(lid, lid)) for lid in matrix["line_id"]]
    fig = make_subplots(
        rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.05, column_widths=[len(kinds), max(len(extra), 1) * 1.2]
    )
    for col, group, names in (
        (1, kinds, [_wrap(t(k, lang)) for k in kinds]),
        (2, extra, [_wrap(t("int_business", lang), 2)]),
    ):
        if not group:
            continue
        z = [[1 if matrix.iloc[i][k] else 0 for k in group] for i in range(len(matrix))]
        fig.add_trace(
            go.Heatmap(
                z=z,
                x=names,
                y=rows,
                text=[["✓" if v else "–" for v in row] for row in z],
                texttemplate="%{text}",
                textfont={"size": s["label"] + 4},
                colorscale=[[0, "#F4F4F4"], [1, "#9ECAE1"]],
                showscale=False,
                zmin=0,
                zmax=1,
                xgap=2,
                ygap=2,
                hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
            ),
            row=1,
            col=col,
        )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top")  # plotly turns the names only when they would overlap (a phone)
    return base_layout(fig, lang, presenter, 160 + (56 if presenter else 40) * len(rows))


def _wrap(text: str, per_line: int = 1) -> str:
    """Break a label every ``per_line`` words (horizontal tick labels that fit their column)."""
    words = text.split()
    return "<br>".join(" ".join(words[i : i + per_line]) for i in range(0, len(words), per_line))


def official_figure(rows: pd.DataFrame, lang: str = "it", presenter: bool = False) -> go.Figure:
    """Grouped bars: announced vs rebuilt, for the total and the business share (EUR)."""
    s = style.sizes(presenter)
    fig = go.Figure()
    # Announced: light fill with dark hatching (not colour alone); rebuilt: solid blue.
    for col, name, color, pattern in (
        ("official_eur", t("official", lang), "#D9D9D9", "/"),
        ("rebuilt_eur", t("reconstructed", lang), style.BLUE, ""),
    ):
        fig.add_trace(
            go.Bar(
                x=rows["label"],
                y=rows[col],
                name=name,
                text=[fmt.eur_short(v, lang, 2) for v in rows[col]],
                textposition="outside",
                cliponaxis=False,
                textfont={"size": s["label"]},
                marker={
                    "color": color,
                    "line": {"color": style.OUTLINE, "width": 1},
                    "pattern": {"shape": pattern, "fgcolor": style.INK, "size": 8, "solidity": 0.2},
                },
            )
        )
    fig.update_layout(barmode="group")
    fig.update_yaxes(visible=False, range=[0, rows[["official_eur", "rebuilt_eur"]].max().max() * 1.25])
    return base_layout(fig, lang, presenter, 420 if presenter else 340)
