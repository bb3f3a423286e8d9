"""The charts of the dashboard by stable id: figure, title, summary, table and source line.

Pages, the embed view (``?embed=true&grafico=<id>``), the presenter story and the
snapshot deck all call :func:`make_chart`, so a chart looks and reads the same
everywhere. Chart ids are part of public URLs: never rename one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

import pandas as pd
import plotly.graph_objects as go

from district_stats.analysis.money import approximate
from district_stats.analysis.stats import compare_districts
from district_stats.analysis.views import Views
from district_stats.content.chart_tables import (
    compare_table,
    display_of,
    official_rows,
    province_label,
    ranking_urls,
    size_class_label,
    type_label,
    urls_of,
)
from district_stats.content.figures import group_charts, money_charts
from district_stats.content.text import citation, display, fmt, sources, summaries
from district_stats.content.text.i18n import t


@dataclass(frozen=True)
class ChartOutput:
    """A ready chart: figure plus everything needed to cite, summarise and download it.

    ``table`` is the raw table (schema-style column names: what the downloads carry);
    ``display`` is the same table as a person reads it (human headers, values in words), set
    by :func:`make_chart`.
    """

    chart_id: str
    title: str
    summary: str
    figure: go.Figure
    table: pd.DataFrame
    source: str
    source_urls: tuple[str, ...] = field(default=())
    display: display.Display | None = None


def data_date(views: Views) -> pd.Timestamp | None:
    """Date of the latest change to the data (changelog), the 'dati al' of every source line.

    None when the changelog is missing (shown as '–': no date is better than an invented one).
    """
    log = views.ds["changelog"]
    return None if log.empty else log["change_date"].max()


def data_date_text(views: Views | None, lang: str = "it") -> str:
    """'25 novembre 2026': :func:`data_date` in words ('–' when unknown or the data did not load)."""
    return fmt.date_long(data_date(views) if views is not None else None, lang)


def source_labels(views: Views | None, urls: Iterable[str], lang: str = "it") -> list[tuple[str, str]]:
    """Sources as readers cite them, each page once: (publisher, title and date from the sources register of the
    data on show, address); :func:`district_stats.content.text.sources.labels`."""
    return sources.labels(list(urls), views.sources if views is not None else {}, lang)


@dataclass(frozen=True)
class Citation:
    """How to cite a view: as text, as CSL-JSON and as BibTeX (plain text: the app shows them as code)."""

    text: str
    csl_json: str
    bibtex: str


def cite(views: Views | None, what: str, url: str, lang: str, today: dt.date) -> Citation:
    """The citation of ``what`` at ``url``: publisher and title of the compiled data, the data's version
    (:func:`data_date`) and ``today`` as the access date."""
    ref = citation.reference(what, data_date(views) if views is not None else None, url, lang, today)
    return Citation(citation.text(ref), citation.csl_json(ref), citation.bibtex(ref))


def source_line(views: Views, lang: str, what: str = "srcl_acts") -> str:
    """'Fonte: <what> · elaborazione Distretti del Commercio · dati al <date>'; ``what`` is the catalogue key of
    what the figure rests on (``srcl_<...>``)."""
    return t("source_line", lang, what=t(what, lang), date=fmt.date_long(data_date(views), lang))


#: Title of each page in a citation, by URL path ('' is the overview).
PAGE_TITLES = {
    "": "nav_overview",
    "mappa": "nav_map",
    "investimenti": "nav_money",
    "distretti": "nav_districts",
    "comuni": "nav_comuni",
    "confronti": "nav_compare",
    "dati": "nav_data",
}


def view_title(views: Views | None, path: str, params: Mapping[str, str], lang: str = "it") -> str:
    """What a citation calls a view: the page's name, and the district (``d``) or comune (``c``) it opens
    («Distretti: Mondovì»); the page's name alone without the data."""
    title = t(PAGE_TITLES.get(path.strip("/"), "nav_overview"), lang)
    if views is not None and params.get("d"):
        row = views.district(params["d"])
        title += f": {row['short_name']}" if row is not None else ""
    elif views is not None and params.get("c"):
        names = views.ds["comuni"].set_index("istat_code")["comune_name"]
        title += f": {names[params['c']]}" if params["c"] in names.index else ""
    return title


def cited_as(page: str, title: str, lang: str = "it") -> str:
    """What a citation of a chart calls it: the page it is on (its URL path, '' for the overview) and its title
    («Confronti — Confronto tra distretti: per residente»)."""
    return f"{view_title(None, page, {}, lang)} — {title}"


#: The source most figures rest on (catalogue key): the Regione's acts and the local press.
ACTS = "srcl_acts"


def _lines(v: Views, lang: str, p: bool) -> ChartOutput:
    fig = money_charts.lines_figure(v.by_line, lang, p)
    return ChartOutput(
        "linee",
        t("ch_lines", lang),
        summaries.lines_summary(v.by_line, v.recon.total_eur, lang),
        fig,
        v.by_line.drop(columns=["source_urls"]),
        source_line(v, lang, ACTS),
        urls_of(v.by_line),
    )


def _years(v: Views, lang: str, p: bool) -> ChartOutput:
    return ChartOutput(
        "anni",
        t("ch_years", lang),
        summaries.years_summary(v.by_year, lang),
        money_charts.years_figure(v.by_year, lang, p),
        v.by_year,
        source_line(v, lang, ACTS),
        urls_of(v.by_line),
    )


def _traced_by(chart_id: str, title_key: str, frame: pd.DataFrame, label, v: Views, lang: str, p: bool) -> ChartOutput:
    """Per-district amounts found, grouped (by province or by type): same sources, same summary."""
    return ChartOutput(
        chart_id,
        t(title_key, lang),
        summaries.traced_group_summary(frame, v.traced_share, lang, label),
        group_charts.group_figure(frame, lang, p, label),
        frame,
        source_line(v, lang, "srcl_rankings"),
        ranking_urls(v),
    )


def _provinces(v: Views, lang: str, p: bool) -> ChartOutput:
    return _traced_by("province", "ch_provinces", v.traced_province, lambda c: province_label(c, lang), v, lang, p)


def _types(v: Views, lang: str, p: bool) -> ChartOutput:
    return _traced_by("tipo", "ch_types", v.traced_type, type_label(lang), v, lang, p)


def _beneficiaries(v: Views, lang: str, p: bool) -> ChartOutput:
    return ChartOutput(
        "beneficiari",
        t("ch_beneficiaries", lang),
        summaries.beneficiaries_summary(v.beneficiaries, v.reserve.share, lang),
        money_charts.beneficiaries_figure(v.beneficiaries, lang, p),
        v.beneficiaries,
        source_line(v, lang, "srcl_reserve"),
        urls_of(v.ds["headline_figures"][v.ds["headline_figures"]["claim_group"] == "business_reserve_rule"]),
    )


def _flow(v: Views, lang: str, p: bool) -> ChartOutput:
    calls = v.calls
    lines = v.ds["funding_lines"]
    return ChartOutput(
        "flusso",
        t("ch_flow", lang),
        summaries.flow_summary(
            v.reserve.reserve_eur,
            v.reserve.base_eur,
            len(calls),
            float(calls["amount_eur"].sum()),
            int(calls["district_id"].nunique()),
            lang,
            bool(approximate(calls).any()),
        ),
        money_charts.flow_figure(v.flow, lines[lines["business_reserve_base"]], v.reserve.share, lang, p),
        v.flow,
        source_line(v, lang, ACTS),
        urls_of(lines[lines["business_reserve_base"]]),
    )


def _calls(v: Views, lang: str, p: bool) -> ChartOutput:
    table = v.calls[["district_id", "short_name", "province_code", "year", "amount_eur", "confidence", "source_urls"]]
    return ChartOutput(
        "bandi_imprese",
        t("ch_calls", lang),
        summaries.calls_summary(v.calls, lang),
        money_charts.calls_figure(v.calls, lang, p),
        table,
        source_line(v, lang, "srcl_district_calls"),
        urls_of(v.calls),
    )


def _timeline(v: Views, lang: str, p: bool) -> ChartOutput:
    tl = v.ds["timeline"]
    return ChartOutput(
        "cronologia",
        t("ch_timeline", lang),
        summaries.timeline_summary(tl, lang),
        money_charts.timeline_figure(tl, v.ds["funding_lines"], lang, p),
        tl,
        source_line(v, lang, ACTS),
        urls_of(tl),
    )


def _interventions(v: Views, lang: str, p: bool) -> ChartOutput:
    lines = v.ds["funding_lines"]
    return ChartOutput(
        "interventi",
        t("ch_interventions", lang),
        summaries.interventions_summary(v.interventions, lang),
        money_charts.interventions_figure(v.interventions, lines, lang, p),
        v.interventions,
        source_line(v, lang, "srcl_call_texts"),
        urls_of(v.ds["line_interventions"]),
    )


def _official(v: Views, lang: str, p: bool) -> ChartOutput:
    rows = official_rows(v, lang)
    heads = v.ds["headline_figures"]
    return ChartOutput(
        "ufficiali",
        t("ch_official", lang),
        summaries.official_summary(v.recon.total_eur, v.reserve.reserve_eur, lang),
        money_charts.official_figure(rows, lang, p),
        rows,
        source_line(v, lang, "srcl_conference"),
        urls_of(heads[heads["figure_id"].isin(rows["figure_id"])]),
    )


def _inside(frame_attr: str, chart_id: str, title_key: str):
    def make(v: Views, lang: str, p: bool) -> ChartOutput:
        frame = getattr(v, frame_attr)
        label = (
            (lambda c: province_label(c, lang))
            if frame_attr == "inside_province"
            else (lambda c: t("size_class", lang, cls=size_class_label(c, lang)))
        )
        return ChartOutput(
            chart_id,
            t(title_key, lang),
            summaries.inside_summary(frame, lang, label),
            group_charts.inside_figure(frame, lang, p, label),
            frame,
            source_line(v, lang, "srcl_istat_members"),
            v.residents_urls(),
        )

    return make


def make_compare(
    v: Views, by: str = "province_code", metric: str = "per_resident", lang: str = "it", presenter: bool = False
) -> ChartOutput:
    """Strategic money of districts by province or type, normalised by ``metric`` (see stats.compare_districts).

    Raises:
        ValueError: for an unknown ``by`` or ``metric``.
    """
    frame = compare_districts(v.districts, by, metric)
    label = (lambda c: province_label(c, lang)) if by == "province_code" else type_label(lang)
    title = f"{t('ch_compare', lang)}: {t('metric_' + metric, lang).lower()}"
    out = ChartOutput(
        "confronto",
        title,
        summaries.compare_summary(frame, metric, lang, label),
        group_charts.compare_figure(frame, metric, lang, presenter, label),
        compare_table(frame, lang),
        source_line(v, lang, "srcl_compare"),
        ranking_urls(v) + v.residents_urls(),
    )
    return replace(out, display=display_of(out.table, out.chart_id, v, lang, metric, by))


CHARTS: dict[str, Callable[[Views, str, bool], ChartOutput]] = {
    "cronologia": _timeline,
    "linee": _lines,
    "anni": _years,
    "province": _provinces,
    "tipo": _types,
    "beneficiari": _beneficiaries,
    "flusso": _flow,
    "bandi_imprese": _calls,
    "interventi": _interventions,
    "ufficiali": _official,
    "dentro_province": _inside("inside_province", "dentro_province", "ch_inside_prov"),
    "dentro_classi": _inside("inside_size", "dentro_classi", "ch_inside_size"),
    "confronto": lambda v, lang, p: make_compare(v, lang=lang, presenter=p),
}


def make_chart(chart_id: str, views: Views, lang: str = "it", presenter: bool = False) -> ChartOutput:
    """Build chart ``chart_id``, with its table as a person reads it (``display``).

    Raises:
        KeyError: if the id is unknown.
    """
    out = CHARTS[chart_id](views, lang, presenter)
    return out if out.display is not None else replace(out, display=display_of(out.table, out.chart_id, views, lang))
