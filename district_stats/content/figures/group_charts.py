"""Plotly charts that compare groups of districts or comuni (by type, province, size): traced amounts,
comuni inside and outside districts, the chosen comparison metric. Each bar says the coverage behind it.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from district_stats import settings
from district_stats.content import style
from district_stats.content.figures.chart_layout import base_layout, hbar, with_coverage
from district_stats.content.text import fmt, safe_text
from district_stats.content.text.i18n import t
from district_stats.content.text.wording import about


def group_figure(frame: pd.DataFrame, lang: str, presenter: bool, label_of) -> go.Figure:
    """Horizontal bars of traced amounts per group, each labelled with the districts behind it.

    A group with no amount found gets no bar and says so in words (never «0 €»); a group whose
    amount rests on fewer than :data:`~district_stats.settings.MIN_COMPARE_DISTRICTS` districts is
    hatched, so a thin total is not read like a full one.
    """
    labels = [
        with_coverage(label_of(g), t("cmp_cov_total", lang, n=int(n), all=int(a)))
        for g, n, a in zip(frame["group"], frame["n_districts"], frame["n_districts_all"])
    ]
    approx = frame["n_approximate"] > 0 if "n_approximate" in frame else [False] * len(frame)
    texts = [
        t("value_not_found", lang) if pd.isna(v) else about(fmt.eur_short(v, lang), a, lang)
        for v, a in zip(frame["amount_eur"], approx)
    ]
    values = [0.0 if pd.isna(v) else float(v) for v in frame["amount_eur"]]
    fig = hbar(labels, values, texts, lang, presenter, height=60 + (90 if presenter else 58) * len(labels), markup=True)
    few = [bool(n < settings.MIN_COMPARE_DISTRICTS) for n in frame["n_districts"]]
    fig.update_traces(
        marker_pattern={"shape": ["/" if f else "" for f in few], "fgcolor": style.INK, "size": 8, "solidity": 0.3}
    )
    return fig


def inside_figure(frame: pd.DataFrame, lang: str, presenter: bool, label_of) -> go.Figure:
    """Stacked horizontal bars: comuni inside (blue) and outside (light grey, outlined) districts.

    The numbers are written after each bar, horizontal and at label size, instead of inside
    segments too narrow to hold them (plotly would shrink and rotate them).
    """
    s = style.sizes(presenter)
    labels = safe_text.plotly_all(label_of(g) for g in frame["group"])
    totals = frame["n_inside"] + frame["n_outside"]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=labels,
            x=frame["n_inside"],
            orientation="h",
            name=t("lbl_inside", lang),
            marker={"color": style.BLUE, "line": {"color": style.OUTLINE, "width": 1}},
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            y=labels,
            x=frame["n_outside"],
            orientation="h",
            name=t("lbl_outside", lang),
            marker={
                "color": style.LIGHT,
                "line": {"color": style.OUTLINE, "width": 1},
                "pattern": {"shape": ".", "fgcolor": style.GREY, "size": 6},
            },
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            y=labels,
            x=list(totals),
            mode="text",
            textposition="middle right",
            showlegend=False,
            cliponaxis=False,
            text=[
                "  " + t("inside_row", lang, n=fmt.num(i, lang), all=fmt.num(a, lang), share=fmt.pct(sh, lang, 0))
                for i, a, sh in zip(frame["n_inside"], totals, frame["share_inside"])
            ],
            textfont={"size": s["label"], "color": style.INK},
            hoverinfo="skip",
        )
    )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed", tickmode="array", tickvals=labels, ticktext=labels)
    fig.update_xaxes(title=t("ax_comuni", lang), range=[0, float(totals.max()) * 1.45 if len(totals) else 1])
    return base_layout(fig, lang, presenter, 90 + (62 if presenter else 40) * len(labels))


def compare_figure(frame: pd.DataFrame, metric: str, lang: str, presenter: bool, label_of) -> go.Figure:
    """Horizontal bars of the chosen comparison metric, each with the coverage behind it.

    Every category label says how many of the group's districts have an amount and how many
    residents (or comuni) the value rests on. Groups that are not ``comparable`` (too few
    districts with an amount, or none) get no bar: the reason is written in its place.
    """
    short = metric in ("total", "per_comune", "per_district")
    labels, texts, values = [], [], []
    for _, r in frame.iterrows():
        n, n_all = int(r["n_districts_traced"]), int(r["n_districts"])
        if pd.isna(r["value"]):
            cov, text, value = t("cmp_none", lang, n=n_all), "", 0.0
        elif not r["comparable"]:
            cov, text, value = t("cmp_cov_total", lang, n=n, all=n_all), t("cmp_below_min", lang), 0.0
        else:
            cov = t(
                f"cmp_cov_{metric}",
                lang,
                n=n,
                all=n_all,
                pop=fmt.num(r["population"], lang),
                comuni=fmt.num(r["n_comuni_mapped"], lang),
            ).replace(", ", "<br>", 1)
            text = about(
                fmt.eur_short(r["value"], lang) if short else fmt.eur(r["value"], lang, 2),
                r.get("approximate", False),
                lang,
            )
            value = float(r["value"])
        labels.append(with_coverage(label_of(r["group"]), cov))
        texts.append(text)
        values.append(value)
    colors = [style.TYPE_COLORS.get(g, style.BLUE) for g in frame["group"]]
    return hbar(
        labels,
        values,
        texts,
        lang,
        presenter,
        colors=colors,
        height=60 + (110 if presenter else 66) * len(labels),
        markup=True,
    )
