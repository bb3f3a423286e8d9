"""The tables of the catalogue's charts: the rows a chart needs built (announced against rebuilt money, the
comparison with what it withholds), the addresses its rows cite, the names of its groups (provinces, size
classes, types) and the table as a person reads it (:func:`display_of`: human headers, values in words).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace

import pandas as pd

from district_stats import settings
from district_stats.analysis.stats import withhold
from district_stats.analysis.views import Views
from district_stats.content.figures import money_charts
from district_stats.content.text import display, fmt
from district_stats.content.text.i18n import t
from district_stats.data.schema import PROVINCES


def size_class_label(cls: str, lang: str = "it") -> str:
    """A size class ('1.000–4.999') with the thousands separator of ``lang``."""
    return cls.replace(".", ",") if lang == "en" else cls


def province_label(code: str, lang: str = "it") -> str:
    """Province name from its code ('TO' -> 'Torino')."""
    return PROVINCES.get(code, code)


def type_label(lang: str) -> Callable[[str], str]:
    """The plural name of a district type ('urbano' -> «distretti urbani»), as a function of the type."""
    return lambda k: t(f"{k}_pl", lang)


def urls_of(frame: pd.DataFrame, col: str = "source_urls", limit: int = 12) -> tuple[str, ...]:
    """The addresses the rows of ``frame`` cite (``;``-separated cells of ``col``), each once, at most ``limit``."""
    out: list[str] = []
    for cell in frame[col].dropna():
        for u in str(cell).split(";"):
            if u and u not in out:
                out.append(u)
    return tuple(out[:limit])


def ranking_urls(v: Views) -> tuple[str, ...]:
    """Sources of the strategic calls' rankings: what the per-district amounts rest on."""
    lines = v.ds["funding_lines"]
    return urls_of(lines[lines["district_amounts"] == "strategic_call"], limit=6)


def official_rows(v: Views, lang: str) -> pd.DataFrame:
    """Announced vs rebuilt money figures (EUR), for the chart and its table."""
    total = v.headline("total_2020_2027")
    biz = v.headline("business_2025")
    return pd.DataFrame(
        {
            "label": [t("kpi_total", lang), t("kpi_business", lang)],
            "official_eur": [float(total["value"]), float(biz["value"])],
            "rebuilt_eur": [v.recon.total_eur, v.reserve.reserve_eur],
            "figure_id": ["total_2020_2027", "business_2025"],
        }
    )


def compare_table(frame: pd.DataFrame, lang: str = "it") -> pd.DataFrame:
    """The comparison's table and download: what the chart withholds is withheld here too
    (:func:`~district_stats.analysis.stats.withhold`), with the reason in ``note``
    («1 distretto su 5 con importi: non confrontabile»)."""
    note = [
        None if ok else t("cmp_withheld", lang, n=int(n), all=int(a), min=settings.MIN_COMPARE_DISTRICTS)
        for ok, n, a in zip(frame["comparable"], frame["n_districts_traced"], frame["n_districts"])
    ]
    out = withhold(frame).assign(note=note)
    first = ["group", "value", "note", "n_districts_traced", "n_districts"]  # the value and why it is missing
    return out[first + [c for c in out.columns if c not in first]]


def _group_header(chart_id: str, lang: str) -> dict[str, str]:
    if chart_id in ("province", "dentro_province"):
        return {"group": t("by_province", lang)}
    if chart_id == "tipo":
        return {"group": t("by_type", lang)}
    return {"group": t("h_size_class", lang)}


def display_of(
    table: pd.DataFrame, cid: str, v: Views, lang: str, metric: str = "per_resident", by: str = "province_code"
) -> display.Display:
    """The table of chart ``cid`` as a person reads it (see :mod:`~district_stats.content.text.display`)."""
    humanize = functools.partial(display.humanize, register=v.sources)
    if cid == "cronologia":
        return humanize(
            table,
            lang,
            drop=("date_precision",),
            headers={"label": t("h_event", lang), "n_districts": t("h_n_recognised", lang)},
        )
    if cid == "linee":
        return humanize(table, lang, headers={"label": t("h_line", lang)})
    if cid in ("province", "tipo", "dentro_province", "dentro_classi"):
        label = (
            (lambda c: t(f"{c}_pl", lang))
            if cid == "tipo"
            else (
                (lambda c: t("size_class", lang, cls=size_class_label(c, lang)))
                if cid == "dentro_classi"
                else (lambda c: province_label(c))
            )
        )
        return humanize(table, lang, values={"group": label}, headers=_group_header(cid, lang))
    if cid == "flusso":
        lines = v.ds["funding_lines"]
        names = {
            "regione": t("lbl_regione", lang),
            "imprese": t("lbl_business", lang),
            "interventi": t("lbl_interventi", lang),
            **dict(zip(lines["line_id"], lines["label_en" if lang == "en" else "label_it"])),
        }
        return humanize(
            table,
            lang,
            values={"source": lambda x: names.get(x, x), "target": lambda x: names.get(x, x)},
            headers={"source": t("h_from", lang)},
        )
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
        shown = humanize(
            table,
            lang,
            values={"group": label},
            headers={
                "group": t("by_province" if by == "province_code" else "by_type", lang),
                "value": t(f"metric_{metric}", lang) + " (€)",
            },
            formats={"value": "eur2" if metric == "per_resident" else "eur"},
        )
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
        frame[h] = [
            t("cmp_withheld_cell", lang) if w else fmt.cell(x, shown.formats[h], lang)
            for x, w in zip(frame[h], withheld)
        ]
    return replace(shown, frame=frame, formats={h: k for h, k in shown.formats.items() if h not in cols})
