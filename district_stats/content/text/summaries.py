"""One-sentence summaries of each chart, generated from the very frame the chart draws.

They are the charts' text alternative (screen readers, projector audiences, the
"show table" reader) and are unit-tested against the numbers they state. The sentences
are in the catalogue (``sum_<chart>``, both languages); this module picks the numbers.
"""

from __future__ import annotations

import pandas as pd

from district_stats import settings
from district_stats.analysis.counts import MapCounts, traced_total
from district_stats.content.text import fmt
from district_stats.content.text.i18n import t
from district_stats.content.text.wording import about


def _label(row: pd.Series, lang: str) -> str:
    return str(row["label_en"] if lang == "en" else row["label_it"])


def lines_summary(by_line: pd.DataFrame, total_eur: float, lang: str = "it") -> str:
    """Largest line and its share of the rebuilt total."""
    top = by_line.sort_values("amount_eur", ascending=False).iloc[0]
    return t(
        "sum_lines",
        lang,
        total=fmt.eur_short(total_eur, lang),
        value=fmt.eur_short(top["amount_eur"], lang),
        share=fmt.pct(top["share"], lang, 0),
        label=_label(top, lang),
        n=len(by_line),
    )


def years_summary(by_year: pd.DataFrame, lang: str = "it") -> str:
    """Year with the most allocations."""
    top = by_year.sort_values("amount_eur", ascending=False).iloc[0]
    total = by_year["amount_eur"].sum()
    return t(
        "sum_years",
        lang,
        year=int(top["year"]),
        value=fmt.eur_short(top["amount_eur"], lang),
        total=fmt.eur_short(total, lang),
        share=fmt.pct(top["amount_eur"] / total, lang, 0),
    )


def traced_group_summary(frame: pd.DataFrame, share: pd.DataFrame, lang: str = "it", label_of=str) -> str:
    """Leading group of traced amounts, and how much of the calls the traced amounts cover."""
    top = frame.iloc[0]
    tr = traced_total(share)  # «circa» where a total includes a figure the source rounded
    text = t(
        "grp_summary",
        lang,
        name=label_of(top["group"]),
        value=about(fmt.eur_short(top["amount_eur"], lang), top.get("n_approximate", 0) > 0, lang),
        n=int(top["n_districts"]),
        share=fmt.pct(tr.share, lang, 0),
        approx=t("approx_word", lang) if tr.approximate else "",
        traced=about(fmt.eur_short(tr.traced_eur, lang), tr.approximate, lang),
        total=fmt.eur_short(tr.total_eur, lang),
    )
    return text[:1].upper() + text[1:]


def beneficiaries_summary(frame: pd.DataFrame, share: float, lang: str = "it") -> str:
    """Minimum that went to businesses and what remains for comuni and districts."""
    biz = frame[frame["beneficiary"] == "imprese"]["amount_eur"].iloc[0]
    rest = frame[frame["beneficiary"] == "comuni_distretti"]["amount_eur"].iloc[0]
    return t(
        "sum_beneficiaries",
        lang,
        biz=fmt.eur_short(biz, lang),
        share=fmt.pct(share, lang, 0),
        rest=fmt.eur_short(rest, lang),
    )


def flow_summary(
    reserve_eur: float,
    base_eur: float,
    n_calls: int,
    calls_eur: float,
    n_districts: int,
    lang: str = "it",
    approximate: bool = False,
) -> str:
    """Business reserve of the calls and the district calls actually traced (``approximate``: the calls' total
    includes a rounded figure and reads «circa»)."""
    return t(
        "sum_flow",
        lang,
        base=fmt.eur_short(base_eur, lang),
        reserve=fmt.eur_short(reserve_eur, lang),
        n=n_calls,
        d=n_districts,
        value=about(fmt.eur_short(calls_eur, lang), approximate, lang),
    )


def calls_summary(calls: pd.DataFrame, lang: str = "it") -> str:
    """Largest district business call found."""
    if calls.empty:
        return t("sum_nothing", lang)
    top = calls.iloc[0]
    value = about(fmt.eur_short(top["amount_eur"], lang), top.get("amount_approximate", False), lang)
    return t("sum_calls", lang, name=top["short_name"], value=value, n=len(calls))


def timeline_summary(timeline: pd.DataFrame, lang: str = "it") -> str:
    """From the first to the latest district count."""
    counts = timeline.dropna(subset=["n_districts"]).sort_values("event_date")
    if counts.empty:
        return t("sum_nothing", lang)
    first, last = counts.iloc[0], counts.iloc[-1]
    return t(
        "sum_timeline",
        lang,
        first=int(first["n_districts"]),
        first_date=fmt.date_long(first["event_date"], lang),
        last=int(last["n_districts"]),
        last_date=fmt.date_long(last["event_date"], lang),
    )


def inside_summary(frame: pd.DataFrame, lang: str = "it", label_of=str) -> str:
    """Group with the highest and lowest share of comuni in districts."""
    hi = frame.sort_values("share_inside", ascending=False).iloc[0]
    lo = frame.sort_values("share_inside").iloc[0]
    n_in, n_all = frame["n_inside"].sum(), frame["n_inside"].sum() + frame["n_outside"].sum()
    return t(
        "sum_inside",
        lang,
        n_in=fmt.num(n_in, lang),
        n_all=fmt.num(n_all, lang),
        hi=label_of(hi["group"]),
        hi_share=fmt.pct(hi["share_inside"], lang, 0),
        lo=label_of(lo["group"]),
        lo_share=fmt.pct(lo["share_inside"], lang, 0),
    )


def compare_summary(
    frame: pd.DataFrame,
    metric: str,
    lang: str = "it",
    label_of=str,
    min_districts: int = settings.MIN_COMPARE_DISTRICTS,
) -> str:
    """Highest and lowest comparable group on the chosen metric, and the groups left out (with why)."""
    value = (
        (lambda v: fmt.eur_short(v, lang))
        if metric in ("total", "per_comune", "per_district")
        else (lambda v: fmt.eur(v, lang, 2))
    )
    ok = frame[frame["comparable"] & frame["value"].notna()]
    out = frame[~frame.index.isin(ok.index)]
    if ok.empty:
        text = t("cmp_summary_none", lang, min=min_districts)
    else:
        hi, lo = ok.iloc[0], ok.iloc[-1]
        text = t(
            "cmp_summary",
            lang,
            min=min_districts,
            hi=label_of(hi["group"]),
            hi_value=about(value(hi["value"]), hi.get("approximate", False), lang),
            lo=label_of(lo["group"]),
            lo_value=about(value(lo["value"]), lo.get("approximate", False), lang),
        )
    if not out.empty and not ok.empty:
        text += " " + t(
            "cmp_summary_excluded", lang, min=min_districts, groups=", ".join(label_of(g) for g in out["group"])
        )
    return text


def official_summary(recon_eur: float, reserve_eur: float, lang: str = "it") -> str:
    """Announced vs rebuilt headline money."""
    return t("sum_official", lang, recon=fmt.eur_short(recon_eur, lang, 2), reserve=fmt.eur_short(reserve_eur, lang, 2))


def interventions_summary(matrix: pd.DataFrame, lang: str = "it") -> str:
    """How many lines admit each of the four kinds."""
    kinds = [
        k
        for k in ("riqualificazione_urbana", "innovazione_tecnologica", "formazione", "marketing_territoriale")
        if k in matrix
    ]
    counts = {k: int(matrix[k].sum()) for k in kinds}
    parts = ", ".join(f"{t(k, lang).lower()} {n}" for k, n in counts.items())
    return t("sum_interventions", lang, n=len(matrix), parts=parts)


def map_summary(c: MapCounts, n_all_comuni: int, lang: str = "it") -> str:
    """What the map draws and how complete it is, with the counts of its legend (``c``: :func:`map_counts` of
    the rows drawn; ``n_all_comuni``: Piemonte's comuni)."""
    parts = (t("sum_map_gone", lang, n=c.n_drawn_not_renewed) if c.n_drawn_not_renewed else "") + (
        t("sum_map_missing", lang, n=c.n_active_not_drawn) if c.n_active_not_drawn else ""
    )
    return t(
        "sum_map",
        lang,
        n=c.n_drawn,
        active=c.n_drawn_active,
        total=c.n_active,
        parts=parts,
        comuni=fmt.num(c.n_comuni, lang),
        all=fmt.num(n_all_comuni, lang),
        share=fmt.pct(c.n_comuni / n_all_comuni if n_all_comuni else 0.0, lang),
        incomplete=c.n_drawn_incomplete,
    )
