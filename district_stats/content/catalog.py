"""The charts of the dashboard by stable id: figure, title, summary, table and source line.

Pages, the embed view (``?embed=true&grafico=<id>``), the presenter story and the
snapshot deck all call :func:`make_chart`, so a chart looks and reads the same
everywhere. Chart ids are part of public URLs: never rename one.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

import pandas as pd
import plotly.graph_objects as go

from district_stats import settings
from district_stats.analysis.money import approximate
from district_stats.analysis.stats import compare_districts, withhold
from district_stats.analysis.views import Views
from district_stats.content.figures import group_charts, money_charts
from district_stats.content.text import citation, display, fmt, sources, summaries
from district_stats.content.text.i18n import t
from district_stats.data.schema import PROVINCES


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
PAGE_TITLES = {"": "nav_overview", "mappa": "nav_map", "investimenti": "nav_money", "distretti": "nav_districts",
               "comuni": "nav_comuni", "confronti": "nav_compare", "dati": "nav_data"}


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


def _urls(frame: pd.DataFrame, col: str = "source_urls", limit: int = 12) -> tuple[str, ...]:
    out: list[str] = []
    for cell in frame[col].dropna():
        for u in str(cell).split(";"):
            if u and u not in out:
                out.append(u)
    return tuple(out[:limit])


def size_class_label(cls: str, lang: str = "it") -> str:
    """A size class ('1.000–4.999') with the thousands separator of ``lang``."""
    return cls.replace(".", ",") if lang == "en" else cls


def _ranking_urls(v: Views) -> tuple[str, ...]:
    """Sources of the strategic calls' rankings: what the per-district amounts rest on."""
    lines = v.ds["funding_lines"]
    return _urls(lines[lines["district_amounts"] == "strategic_call"], limit=6)


def province_label(code: str, lang: str = "it") -> str:
    """Province name from its code ('TO' -> 'Torino')."""
    return PROVINCES.get(code, code)


def _type_label(lang: str) -> Callable[[str], str]:
    return lambda k: t(f"{k}_pl", lang)


#: The source most figures rest on (catalogue key): the Regione's acts and the local press.
ACTS = "srcl_acts"


def _lines(v: Views, lang: str, p: bool) -> ChartOutput:
    fig = money_charts.lines_figure(v.by_line, lang, p)
    return ChartOutput("linee", t("ch_lines", lang), summaries.lines_summary(v.by_line, v.recon.total_eur, lang), fig,
                       v.by_line.drop(columns=["source_urls"]), source_line(v, lang, ACTS),
                       _urls(v.by_line))


def _years(v: Views, lang: str, p: bool) -> ChartOutput:
    return ChartOutput("anni", t("ch_years", lang), summaries.years_summary(v.by_year, lang),
                       money_charts.years_figure(v.by_year, lang, p), v.by_year, source_line(v, lang, ACTS),
                       _urls(v.by_line))


def _traced_by(chart_id: str, title_key: str, frame: pd.DataFrame, label, v: Views, lang: str, p: bool
               ) -> ChartOutput:
    """Per-district amounts found, grouped (by province or by type): same sources, same summary."""
    return ChartOutput(chart_id, t(title_key, lang), summaries.traced_group_summary(frame, v.traced_share, lang, label),
                       group_charts.group_figure(frame, lang, p, label), frame,
                       source_line(v, lang, "srcl_rankings"),
                       _ranking_urls(v))


def _provinces(v: Views, lang: str, p: bool) -> ChartOutput:
    return _traced_by("province", "ch_provinces", v.traced_province, lambda c: province_label(c, lang), v, lang, p)


def _types(v: Views, lang: str, p: bool) -> ChartOutput:
    return _traced_by("tipo", "ch_types", v.traced_type, _type_label(lang), v, lang, p)


def _beneficiaries(v: Views, lang: str, p: bool) -> ChartOutput:
    return ChartOutput("beneficiari", t("ch_beneficiaries", lang),
                       summaries.beneficiaries_summary(v.beneficiaries, v.reserve.share, lang),
                       money_charts.beneficiaries_figure(v.beneficiaries, lang, p), v.beneficiaries,
                       source_line(v, lang, "srcl_reserve"),
                       _urls(v.ds["headline_figures"][v.ds["headline_figures"]["claim_group"] ==
                                                      "business_reserve_rule"]))


def _flow(v: Views, lang: str, p: bool) -> ChartOutput:
    calls = v.calls
    lines = v.ds["funding_lines"]
    return ChartOutput("flusso", t("ch_flow", lang),
                       summaries.flow_summary(v.reserve.reserve_eur, v.reserve.base_eur, len(calls),
                                              float(calls["amount_eur"].sum()), int(calls["district_id"].nunique()),
                                              lang, bool(approximate(calls).any())),
                       money_charts.flow_figure(v.flow, lines[lines["business_reserve_base"]], v.reserve.share, lang, p),
                       v.flow, source_line(v, lang, ACTS), _urls(lines[lines["business_reserve_base"]]))


def _calls(v: Views, lang: str, p: bool) -> ChartOutput:
    table = v.calls[["district_id", "short_name", "province_code", "year", "amount_eur", "confidence", "source_urls"]]
    return ChartOutput("bandi_imprese", t("ch_calls", lang), summaries.calls_summary(v.calls, lang),
                       money_charts.calls_figure(v.calls, lang, p), table,
                       source_line(v, lang, "srcl_district_calls"), _urls(v.calls))


def _timeline(v: Views, lang: str, p: bool) -> ChartOutput:
    tl = v.ds["timeline"]
    return ChartOutput("cronologia", t("ch_timeline", lang), summaries.timeline_summary(tl, lang),
                       money_charts.timeline_figure(tl, v.ds["funding_lines"], lang, p), tl, source_line(v, lang, ACTS), _urls(tl))


def _interventions(v: Views, lang: str, p: bool) -> ChartOutput:
    lines = v.ds["funding_lines"]
    return ChartOutput("interventi", t("ch_interventions", lang), summaries.interventions_summary(v.interventions, lang),
                       money_charts.interventions_figure(v.interventions, lines, lang, p), v.interventions,
                       source_line(v, lang, "srcl_call_texts"),
                       _urls(v.ds["line_interventions"]))


def official_rows(v: Views, lang: str) -> pd.DataFrame:
    """Announced vs rebuilt money figures (EUR), for the chart and its table."""
    total = v.headline("total_2020_2027")
    biz = v.headline("business_2025")
    return pd.DataFrame({
        "label": [t("kpi_total", lang), t("kpi_business", lang)],
        "official_eur": [float(total["value"]), float(biz["value"])],
        "rebuilt_eur": [v.recon.total_eur, v.reserve.reserve_eur],
        "figure_id": ["total_2020_2027", "business_2025"],
    })


def _official(v: Views, lang: str, p: bool) -> ChartOutput:
    rows = official_rows(v, lang)
    heads = v.ds["headline_figures"]
    return ChartOutput("ufficiali", t("ch_official", lang),
                       summaries.official_summary(v.recon.total_eur, v.reserve.reserve_eur, lang),
                       money_charts.official_figure(rows, lang, p), rows,
                       source_line(v, lang, "srcl_conference"),
                       _urls(heads[heads["figure_id"].isin(rows["figure_id"])]))


def _inside(frame_attr: str, chart_id: str, title_key: str):
    def make(v: Views, lang: str, p: bool) -> ChartOutput:
        frame = getattr(v, frame_attr)
        label = (lambda c: province_label(c, lang)) if frame_attr == "inside_province" else (
            lambda c: t("size_class", lang, cls=size_class_label(c, lang)))
        return ChartOutput(chart_id, t(title_key, lang), summaries.inside_summary(frame, lang, label),
                           group_charts.inside_figure(frame, lang, p, label), frame,
                           source_line(v, lang, "srcl_istat_members"),
                           v.residents_urls())

    return make


def make_compare(v: Views, by: str = "province_code", metric: str = "per_resident", lang: str = "it",
                 presenter: bool = False) -> ChartOutput:
    """Strategic money of districts by province or type, normalised by ``metric`` (see stats.compare_districts).

    Raises:
        ValueError: for an unknown ``by`` or ``metric``.
    """
    frame = compare_districts(v.districts, by, metric)
    label = (lambda c: province_label(c, lang)) if by == "province_code" else _type_label(lang)
    title = f"{t('ch_compare', lang)}: {t('metric_' + metric, lang).lower()}"
    out = ChartOutput("confronto", title, summaries.compare_summary(frame, metric, lang, label),
                      group_charts.compare_figure(frame, metric, lang, presenter, label), compare_table(frame, lang),
                      source_line(v, lang, "srcl_compare"),
                      _ranking_urls(v) + v.residents_urls())
    return replace(out, display=display_of(out, v, lang, metric, by))


def compare_table(frame: pd.DataFrame, lang: str = "it") -> pd.DataFrame:
    """The comparison's table and download: what the chart withholds is withheld here too
    (:func:`~district_stats.analysis.stats.withhold`), with the reason in ``note``
    («1 distretto su 5 con importi: non confrontabile»)."""
    note = [None if ok else t("cmp_withheld", lang, n=int(n), all=int(a), min=settings.MIN_COMPARE_DISTRICTS)
            for ok, n, a in zip(frame["comparable"], frame["n_districts_traced"], frame["n_districts"])]
    out = withhold(frame).assign(note=note)
    first = ["group", "value", "note", "n_districts_traced", "n_districts"]  # the value and why it is missing
    return out[first + [c for c in out.columns if c not in first]]


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


def _group_header(chart_id: str, lang: str) -> dict[str, str]:
    if chart_id in ("province", "dentro_province"):
        return {"group": t("by_province", lang)}
    if chart_id == "tipo":
        return {"group": t("by_type", lang)}
    return {"group": t("h_size_class", lang)}


def display_of(out: ChartOutput, v: Views, lang: str, metric: str = "per_resident",
               by: str = "province_code") -> display.Display:
    """The chart's table as a person reads it (see :mod:`~district_stats.content.text.display`)."""
    table, cid = out.table, out.chart_id
    humanize = functools.partial(display.humanize, register=v.sources)
    if cid == "cronologia":
        return humanize(table, lang, drop=("date_precision",),
                        headers={"label": t("h_event", lang), "n_districts": t("h_n_recognised", lang)})
    if cid == "linee":
        return humanize(table, lang, headers={"label": t("h_line", lang)})
    if cid in ("province", "tipo", "dentro_province", "dentro_classi"):
        label = (lambda c: t(f"{c}_pl", lang)) if cid == "tipo" else (
            (lambda c: t("size_class", lang, cls=size_class_label(c, lang))) if cid == "dentro_classi" else (lambda c: province_label(c)))
        return humanize(table, lang, values={"group": label}, headers=_group_header(cid, lang))
    if cid == "flusso":
        lines = v.ds["funding_lines"]
        names = {"regione": t("lbl_regione", lang), "imprese": t("lbl_business", lang),
                 "interventi": t("lbl_interventi", lang),
                 **dict(zip(lines["line_id"], lines["label_en" if lang == "en" else "label_it"]))}
        return humanize(table, lang, values={"source": lambda x: names.get(x, x),
                                             "target": lambda x: names.get(x, x)},
                        headers={"source": t("h_from", lang)})
    if cid == "interventi":
        lines = v.ds["funding_lines"]
        lab = dict(zip(lines["line_id"], lines["label_en" if lang == "en" else "label_it"]))
        frame = table.assign(line=[lab.get(x, x) for x in table["line_id"]])
        kinds = [k for k in (*money_charts.FOUR_KINDS, money_charts.BUSINESS_KIND) if k in frame]
        return humanize(frame[["line", *kinds]], lang)
    if cid == "ufficiali":
        return humanize(table, lang, headers={"label": t("h_indicator", lang)})
    if cid == "confronto":
        label = (lambda c: province_label(c)) if by == "province_code" else (lambda c: t(f"{c}_pl", lang))
        shown = humanize(table, lang, values={"group": label},
                         headers={"group": t("by_province" if by == "province_code" else "by_type", lang),
                                  "value": t(f"metric_{metric}", lang) + " (€)"},
                         formats={"value": "eur2" if metric == "per_resident" else "eur"})
        return _withheld_cells(shown, table["note"].notna(), lang)
    return humanize(table, lang)


def _withheld_cells(shown: display.Display, withheld: pd.Series, lang: str) -> display.Display:
    """The comparison's table with «non confrontabile» in the cells the chart withholds (an empty amount
    would read «non trovato»: it is known, just not comparable); those columns become text."""
    frame = shown.frame.copy()
    names = {display.header(c, lang) for c in ("strategic_eur", "population", "n_comuni_mapped")}
    cols = [h for h in frame.columns if h in names or shown.formats.get(h) in ("eur", "eur2")]
    cols = [h for h in cols if h in shown.formats]
    for h in cols:
        frame[h] = [t("cmp_withheld_cell", lang) if w else fmt.cell(x, shown.formats[h], lang)
                    for x, w in zip(frame[h], withheld)]
    return replace(shown, frame=frame, formats={h: k for h, k in shown.formats.items() if h not in cols})


def make_chart(chart_id: str, views: Views, lang: str = "it", presenter: bool = False) -> ChartOutput:
    """Build chart ``chart_id``, with its table as a person reads it (``display``).

    Raises:
        KeyError: if the id is unknown.
    """
    out = CHARTS[chart_id](views, lang, presenter)
    return out if out.display is not None else replace(out, display=display_of(out, views, lang))
