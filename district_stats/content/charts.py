"""Plotly figures: pure functions of small frames, language and presenter mode.

Every figure carries direct value labels (nothing needs hover), Italian or English
number separators, colour-blind-safe colours with dark outlines, and is sized for a
projector when ``presenter`` is true.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from district_stats.analysis.money import strategic_lines
from district_stats.content import fmt, safe_text, style
from district_stats.content.i18n import t


def base_layout(fig: go.Figure, lang: str, presenter: bool = False, height: int | None = None,
                title: str | None = None) -> go.Figure:
    """Apply fonts, separators, margins and colours common to every chart."""
    s = style.sizes(presenter)
    fig.update_layout(
        separators=fmt.plotly_separators(lang),
        font={"family": style.FONT_FAMILY, "size": s["base"], "color": style.INK},
        paper_bgcolor=style.BACKGROUND, plot_bgcolor=style.BACKGROUND,
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


def _hbar(labels: list[str], values: list[float], texts: list[str], lang: str, presenter: bool,
          colors: list[str] | str = style.BLUE, height: int | None = None) -> go.Figure:
    s = style.sizes(presenter)
    labels = safe_text.plotly_all(labels)  # names from data files: tags show as typed
    fig = go.Figure(go.Bar(
        x=values, y=labels, orientation="h", text=texts, textposition="outside", cliponaxis=False,
        textfont={"size": s["label"], "color": style.INK},
        marker={"color": colors, "line": {"color": style.OUTLINE, "width": 1}},
        hovertemplate="%{y}: %{text}<extra></extra>",
    ))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(visible=False, range=[0, max(values) * 1.35 if values else 1])
    return base_layout(fig, lang, presenter, height or (60 + (62 if presenter else 42) * len(labels)))


def lines_figure(by_line: pd.DataFrame, lang: str = "it", presenter: bool = False) -> go.Figure:
    """Horizontal bars: the lines that make up the rebuilt 2020-2027 total."""
    labels = [r["label_en"] if lang == "en" else r["label_it"] for _, r in by_line.iterrows()]
    texts = [f"{fmt.eur_short(v, lang)} · {fmt.pct(sh, lang, 0)}" for v, sh in zip(by_line["amount_eur"],
                                                                                    by_line["share"])]
    return _hbar(labels, list(by_line["amount_eur"]), texts, lang, presenter)


def years_figure(by_year: pd.DataFrame, lang: str = "it", presenter: bool = False) -> go.Figure:
    """Vertical bars: amounts by year of allocation."""
    s = style.sizes(presenter)
    fig = go.Figure(go.Bar(
        x=[str(y) for y in by_year["year"]], y=by_year["amount_eur"],
        text=[fmt.eur_short(v, lang) for v in by_year["amount_eur"]], textposition="outside", cliponaxis=False,
        textfont={"size": s["label"]}, marker={"color": style.BLUE, "line": {"color": style.OUTLINE, "width": 1}},
        hovertemplate="%{x}: %{text}<extra></extra>"))
    fig.update_yaxes(visible=False, range=[0, by_year["amount_eur"].max() * 1.25])
    fig.update_xaxes(type="category")
    return base_layout(fig, lang, presenter, 420 if presenter else 320)


def group_figure(frame: pd.DataFrame, lang: str, presenter: bool, label_of) -> go.Figure:
    """Horizontal bars of traced amounts per group, labelled with the number of districts."""
    labels = [label_of(g) for g in frame["group"]]
    dist = t("ax_districts", lang)
    texts = [f"{fmt.eur_short(v, lang)} ({n}/{a} {dist})" for v, n, a in
             zip(frame["amount_eur"], frame["n_districts"], frame["n_districts_all"])]
    return _hbar(labels, list(frame["amount_eur"]), texts, lang, presenter)


def beneficiaries_figure(frame: pd.DataFrame, lang: str = "it", presenter: bool = False) -> go.Figure:
    """Two bars: businesses (minimum reserve, hatched) and comuni/districts."""
    labels = [t("lbl_business", lang), t("lbl_public", lang)]
    vals = [float(frame.loc[frame["beneficiary"] == k, "amount_eur"].iloc[0]) for k in ("imprese", "comuni_distretti")]
    total = sum(vals)
    texts = [f"{fmt.eur_short(v, lang)} · {fmt.pct(v / total, lang, 0)}" for v in vals]
    fig = _hbar(labels, vals, texts, lang, presenter, colors=[style.VERMILION, style.BLUE])
    # The business bar is a floor: a pattern says so without relying on colour.
    fig.update_traces(marker_pattern={"shape": ["/", ""], "fgcolor": style.INK, "size": 8, "solidity": 0.25})
    return fig


def flow_figure(flow: pd.DataFrame, lines: pd.DataFrame, share: float, lang: str = "it",
                presenter: bool = False) -> go.Figure:
    """Sankey: Regione -> the three strategic calls -> businesses (minimum) / public works."""
    s = style.sizes(presenter)
    names = {"regione": t("lbl_regione", lang), "imprese": t("lbl_imprese_flow", lang, share=fmt.pct(share, lang, 0)),
             "interventi": t("lbl_interventi", lang)}
    for _, r in lines.iterrows():
        names[r["line_id"]] = safe_text.plotly(r["label_en"] if lang == "en" else r["label_it"])
    nodes = list(dict.fromkeys(list(flow["source"]) + list(flow["target"])))
    totals = {n: float(flow.loc[flow["target"] == n, "amount_eur"].sum() or flow.loc[flow["source"] == n,
                                                                                   "amount_eur"].sum())
              for n in nodes}
    color = {"regione": style.OUTLINE, "imprese": style.VERMILION, "interventi": style.BLUE}
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        valueformat=",.0f",
        node={"label": [f"{names.get(n, n)}<br>{fmt.eur_short(totals[n], lang)}" for n in nodes],
              "color": [color.get(n, style.GREEN) for n in nodes], "pad": 24, "thickness": 22,
              "line": {"color": style.OUTLINE, "width": 1}},
        link={"source": [nodes.index(x) for x in flow["source"]], "target": [nodes.index(x) for x in flow["target"]],
              "value": list(flow["amount_eur"]),
              "color": ["rgba(213,94,0,0.45)" if tg == "imprese" else "rgba(0,114,178,0.30)" for tg in flow["target"]]},
        textfont={"size": s["label"], "color": style.INK},
    ))
    return base_layout(fig, lang, presenter, 480 if presenter else 420)


def calls_figure(calls: pd.DataFrame, lang: str = "it", presenter: bool = False, top: int = 15) -> go.Figure:
    """Largest district business calls found in the sources (top N)."""
    head = calls.head(top)
    labels = [f"{n} ({int(y)})" if pd.notna(y) else str(n) for n, y in zip(head["short_name"], head["year"])]
    return _hbar(labels, list(head["amount_eur"]), [fmt.eur_short(v, lang) for v in head["amount_eur"]], lang,
                 presenter, colors=style.VERMILION)


def empty_figure(lang: str = "it", presenter: bool = False) -> go.Figure:
    """A blank chart that says there is no data (used when an optional table is missing)."""
    fig = go.Figure()
    fig.add_annotation(text=t("no_data", lang), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font={"size": style.sizes(presenter)["label"] + 4, "color": style.INK})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return base_layout(fig, lang, presenter, 200)


def timeline_figure(timeline: pd.DataFrame, lines: pd.DataFrame, lang: str = "it", presenter: bool = False,
                    money_lines: tuple[str, ...] | None = None) -> go.Figure:
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
    fig.add_trace(go.Scatter(
        x=counts["event_date"], y=counts["n_districts"], mode="lines+markers+text", line_shape="hv",
        line={"color": style.BLUE, "width": 3}, marker={"size": 10, "color": style.BLUE,
                                                        "line": {"color": style.OUTLINE, "width": 1}},
        text=[str(int(v)) for v in counts["n_districts"]], textposition="top center",
        textfont={"size": s["label"], "color": style.INK}, name=t("ax_districts", lang),
        hovertemplate="%{x|%d/%m/%Y}: %{y}<extra></extra>"))
    ymax = float(counts["n_districts"].max()) * 1.25
    marks = []
    for lid in strategic_lines(lines) if money_lines is None else money_lines:
        ev = tl[tl["line_id"] == lid]
        line = lines[lines["line_id"] == lid]
        if ev.empty or line.empty:
            continue
        r = line.iloc[0]
        # Short label ("bando 2022-24: 8,8 mln €") below the step line, where the chart is empty.
        word = "call" if lang == "en" else "bando"
        marks.append((ev.iloc[-1]["event_date"],
                      f"{word} {int(r['start_year'])}-{int(r['end_year']) % 100:02d}<br>{fmt.eur_short(r['amount_eur'], lang)}"))
    if marks:
        fig.add_trace(go.Scatter(
            x=[m[0] for m in marks], y=[ymax * 0.22] * len(marks), mode="markers+text", text=[m[1] for m in marks],
            textposition="top center", textfont={"size": s["label"] - 1, "color": style.INK},
            marker={"symbol": "diamond", "size": 13, "color": style.VERMILION, "line": {"color": style.OUTLINE,
                                                                                      "width": 1}},
            hovertemplate="%{x|%d/%m/%Y}<extra></extra>", showlegend=False))
    fig.update_yaxes(title=t("ax_districts", lang), range=[0, ymax])
    fig.update_xaxes(tickformat="%Y", dtick="M12", range=[pd.Timestamp("2020-09-01"), pd.Timestamp("2026-06-30")])
    fig.update_layout(showlegend=False)
    return base_layout(fig, lang, presenter, 460 if presenter else 360)


def inside_figure(frame: pd.DataFrame, lang: str, presenter: bool, label_of) -> go.Figure:
    """Stacked horizontal bars: comuni inside (blue) and outside (light grey, outlined) districts."""
    s = style.sizes(presenter)
    labels = safe_text.plotly_all(label_of(g) for g in frame["group"])
    fig = go.Figure()
    fig.add_trace(go.Bar(y=labels, x=frame["n_inside"], orientation="h", name=t("lbl_inside", lang),
                         marker={"color": style.BLUE, "line": {"color": style.OUTLINE, "width": 1}},
                         text=[f"{n} · {fmt.pct(sh, lang, 0)}" for n, sh in zip(frame["n_inside"], frame["share_inside"])],
                         textposition="inside", insidetextanchor="start",
                         textfont={"size": s["label"], "color": "#FFFFFF"}))
    fig.add_trace(go.Bar(y=labels, x=frame["n_outside"], orientation="h", name=t("lbl_outside", lang),
                         marker={"color": style.LIGHT, "line": {"color": style.OUTLINE, "width": 1},
                                 "pattern": {"shape": ".", "fgcolor": style.GREY, "size": 6}},
                         text=[str(n) for n in frame["n_outside"]], textposition="inside",
                         textfont={"size": s["label"], "color": style.INK}))
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title=t("ax_comuni", lang))
    return base_layout(fig, lang, presenter, 90 + (62 if presenter else 40) * len(labels))


def compare_figure(frame: pd.DataFrame, metric: str, lang: str, presenter: bool, label_of) -> go.Figure:
    """Horizontal bars of the chosen comparison metric."""
    short = metric in ("total", "per_comune", "per_district")
    texts = [(fmt.eur_short(v, lang) if short else fmt.eur(v, lang, 2)) + f" ({n} {t('ax_districts', lang)})"
             for v, n in zip(frame["value"], frame["n_districts_traced"])]
    colors = [style.TYPE_COLORS.get(g, style.BLUE) for g in frame["group"]]
    return _hbar([label_of(g) for g in frame["group"]], list(frame["value"]), texts, lang, presenter, colors=colors)


def interventions_figure(matrix: pd.DataFrame, lines: pd.DataFrame, lang: str = "it",
                         presenter: bool = False) -> go.Figure:
    """Grid of lines × kinds of intervention; a check mark (not only colour) marks 'admitted'."""
    s = style.sizes(presenter)
    kinds = [k for k in ("riqualificazione_urbana", "innovazione_tecnologica", "formazione", "marketing_territoriale",
                         "sostegno_imprese") if k in matrix]
    lab = dict(zip(lines["line_id"], lines["label_en" if lang == "en" else "label_it"]))
    rows = [safe_text.plotly(lab.get(lid, lid)) for lid in matrix["line_id"]]
    z = [[1 if matrix.iloc[i][k] else 0 for k in kinds] for i in range(len(matrix))]
    text = [["✓" if v else "–" for v in row] for row in z]
    fig = go.Figure(go.Heatmap(
        z=z, x=[t(k, lang) for k in kinds], y=rows, text=text, texttemplate="%{text}",
        textfont={"size": s["label"] + 4}, colorscale=[[0, "#F4F4F4"], [1, "#9ECAE1"]], showscale=False,
        xgap=2, ygap=2, hovertemplate="%{y} · %{x}: %{text}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top")
    return base_layout(fig, lang, presenter, 120 + (56 if presenter else 40) * len(rows))


def official_figure(rows: pd.DataFrame, lang: str = "it", presenter: bool = False) -> go.Figure:
    """Grouped bars: announced vs rebuilt, for the total and the business share (EUR)."""
    s = style.sizes(presenter)
    fig = go.Figure()
    # Announced: light fill with dark hatching (not colour alone); rebuilt: solid blue.
    for col, name, color, pattern in (("official_eur", t("official", lang), "#D9D9D9", "/"),
                                      ("rebuilt_eur", t("reconstructed", lang), style.BLUE, "")):
        fig.add_trace(go.Bar(
            x=rows["label"], y=rows[col], name=name, text=[fmt.eur_short(v, lang, 2) for v in rows[col]],
            textposition="outside", cliponaxis=False, textfont={"size": s["label"]},
            marker={"color": color, "line": {"color": style.OUTLINE, "width": 1},
                    "pattern": {"shape": pattern, "fgcolor": style.INK, "size": 8, "solidity": 0.2}}))
    fig.update_layout(barmode="group")
    fig.update_yaxes(visible=False, range=[0, rows[["official_eur", "rebuilt_eur"]].max().max() * 1.25])
    return base_layout(fig, lang, presenter, 420 if presenter else 340)
