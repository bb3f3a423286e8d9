"""The presenter story: 8 screens, one message each, every number from the data.

A :class:`Screen` is plain data; the app renders it at 1280×720 (``?modo=presenta&passo=N``)
and the snapshot tool writes it to PNG plus the CSV behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from district_stats import settings
from district_stats.analysis.views import Views
from district_stats.content import fmt, wording
from district_stats.content.catalog import source_line
from district_stats.content.i18n import t

#: The district whose story screen 6 tells: complete member list, two strategic rounds and a documented
#: business call with its number of funded shops.
STORY_DISTRICT = settings.STORY_DISTRICT  # the district of the story screen


@dataclass(frozen=True)
class Screen:
    """One screen: ``kind`` is 'kpis', 'chart', 'map', 'district' or 'gaps'."""

    step: int
    screen_id: str
    title: str
    message: str
    kind: str
    chart_id: str | None = None
    kpis: tuple[tuple[str, str], ...] = field(default=())
    bullets: tuple[str, ...] = field(default=())
    source: str = ""
    table: pd.DataFrame = field(default_factory=pd.DataFrame)


def screens(v: Views, lang: str = "it") -> list[Screen]:
    """The story in order (steps 1..N)."""
    cov = v.coverage
    d10, d12 = v.headline("districts_2025_10"), v.headline("districts_2025_12")
    rec, res = v.recon, v.reserve
    calls = v.calls
    src_acts = source_line(v, lang, "atti della Regione Piemonte e stampa locale", "Regione Piemonte acts and local press")
    kpi1 = (
        (t("st_kpi_districts", lang), f"{fmt.num(d10['value'], lang)} → {fmt.num(d12['value'], lang)}"),
        (t("st_kpi_comuni", lang), fmt.num(cov.n_covered, lang)),
        (t("st_kpi_residents", lang), fmt.pct(cov.share_population, lang, 0)),
    )
    dist = v.district(STORY_DISTRICT)
    g = v.ds["grants"]
    dg = g[g["district_id"] == STORY_DISTRICT]
    story_calls = dg[dg["amount_kind"] == "business_call"]
    inside = v.inside_size
    small = inside.iloc[0]
    big = inside.iloc[-1]
    traced = v.traced_share["traced_eur"].sum() / v.traced_share["line_total_eur"].sum()
    out = [
        Screen(1, "rete", t("st1_title", lang), t("st1_msg", lang, n=fmt.num(d10["value"], lang),
               n2=fmt.num(d12["value"], lang), mapped=fmt.num(cov.n_covered, lang), total=fmt.num(cov.n_comuni, lang)),
               "kpis", chart_id="cronologia", kpis=kpi1, source=src_acts,
               table=pd.DataFrame({"indicatore": [k for k, _ in kpi1], "valore": [x for _, x in kpi1]})),
        Screen(2, "mappa", t("st2_title", lang), t("st2_msg", lang, n=cov.n_districts_mapped,
               partial=cov.n_partial + cov.n_capofila_only), "map", chart_id="mappa", source=src_acts,
               table=v.districts[["district_id", "short_name", "district_type", "members_status", "n_comuni_mapped"]]),
        Screen(3, "soldi", t("st3_title", lang, total=fmt.eur_short(rec.total_eur, lang)), t("st3_msg", lang, total=fmt.eur_short(rec.total_eur, lang),
               n=len(rec.lines)), "chart", chart_id="linee", source=src_acts, table=v.by_line),
        Screen(4, "imprese", t("st4_title", lang, value=fmt.eur_short(res.reserve_eur, lang)), t("st4_msg", lang, value=fmt.eur_short(res.reserve_eur, lang),
               share=fmt.pct(res.share, lang, 0)), "chart", chart_id="flusso", source=src_acts, table=v.flow),
        Screen(5, "bandi", t("st5_title", lang), t("st5_msg", lang, n=len(calls), d=int(calls["district_id"].nunique()),
               value=fmt.eur_short(calls["amount_eur"].sum(), lang)), "chart", chart_id="bandi_imprese",
               source=src_acts, table=calls[["short_name", "year", "amount_eur", "source_urls"]]),
        Screen(6, "storia", t("st6_title", lang, name=str(dist["short_name"]) if dist is not None else "–"),
               _story_message(v, dist, story_calls, lang) if dist is not None else "",
               "district", source=src_acts, table=dg[["line_id", "year", "amount_eur", "amount_kind", "source_urls"]]),
        Screen(7, "dentro_fuori", t("st7_title", lang), t("st7_msg", lang, small=fmt.pct(small["share_inside"], lang, 0),
               big=fmt.pct(big["share_inside"], lang, 0)), "chart", chart_id="dentro_classi",
               source=source_line(v, lang, "ISTAT e comuni dei distretti trovati", "ISTAT and district members found"),
               table=inside),
        Screen(8, "manca", t("st8_title", lang), t("st8_msg", lang), "gaps",
               kpis=((t("st_gap_districts", lang), fmt.count_of(cov.n_districts, int(d12["value"]), lang)),
                     (t("st_gap_comuni", lang), fmt.count_of(cov.n_covered, round(cov.n_comuni / 2), lang)),
                     (t("st_gap_money", lang), fmt.pct(traced, lang, 0))),
               bullets=tuple(_first_clause(str(x)) for x in
                             v.ds["known_gaps"]["description_en" if lang == "en" else "description_it"].head(3)),
               source=src_acts, table=v.ds["known_gaps"]),
    ]
    return out


def _story_message(v: Views, dist: pd.Series, calls: pd.DataFrame, lang: str) -> str:
    """Screen 6: the district's comuni, the regional money found round by round (naming the rounds without
    an amount) and its calls for shops."""
    head = wording.money_headline(v.district_rounds(STORY_DISTRICT), lang)
    text = t("st6_msg", lang, name=str(dist["short_name"]), members=wording.members_text(dist, lang),
             money=head.value, found=head.n_found, n=head.n_open,
             call=fmt.eur_short(calls["amount_eur"].sum(), lang) if not calls.empty else t("calls_value_none", lang))
    return text + (" " + t("st6_missing", lang, rounds=head.missing) if head.missing else "")


def _first_clause(text: str) -> str:
    """The text up to its first ':' or '. ' (a projector bullet is one short line)."""
    for sep in (": ", ". "):
        if sep in text:
            return text.split(sep, 1)[0] + "."
    return text


def clamp_step(step: int, n: int) -> int:
    """Keep a step number inside 1..n."""
    return max(1, min(n, step))


def geo_files(screen: Screen) -> tuple[str, ...]:
    """The derived GeoJSON files (under ``derived/geo/``) the figure of ``screen`` needs."""
    if screen.kind == "map":
        return ("districts.geojson", "provinces.geojson")
    if screen.kind == "district":
        return (f"districts/{STORY_DISTRICT}.geojson", "provinces.geojson")
    return ()


def screen_figure(screen: Screen, v: Views, lang: str, geo: dict[str, dict], narrow: bool = False
                  ) -> go.Figure | None:
    """The figure drawn on a screen, sized for 1280×720 (``geo``: inline GeoJSON by file name).

    ``narrow`` sizes it for a phone instead (SCREEN_NARROW): the room opens the current
    screen from the QR code, and a 1200×370 picture shrunk to 360 px is unreadable.
    Returns None for screens without a figure (KPIs, gaps).
    """
    fig = _screen_figure(screen, v, lang, geo)
    if fig is not None and narrow:
        width, height = SCREEN_NARROW
        fig.update_layout(width=width, height=height - (120 if screen.kpis else 0))
    return fig


def _screen_figure(screen: Screen, v: Views, lang: str, geo: dict[str, dict]) -> go.Figure | None:
    from district_stats.content import maps
    from district_stats.content.catalog import make_chart
    from district_stats.data.schema import PROVINCES

    if screen.kind == "map":
        return maps.districts_map(v.districts, geo["districts.geojson"], geo["provinces.geojson"], list(PROVINCES),
                                  lang=lang, presenter=True, n_labels=9, height=SCREEN_VISUAL[1])
    if screen.kind == "district":
        fig = maps.members_figure(v.ds, STORY_DISTRICT, geo[f"districts/{STORY_DISTRICT}.geojson"],
                                  geo["provinces.geojson"], lang, presenter=True, height=SCREEN_VISUAL[1])
        return None if fig is None else fig.update_layout(width=720)  # drawn in the left half of the screen
    if screen.chart_id:
        fig = go.Figure(make_chart(screen.chart_id, v, lang, presenter=True).figure)
        # Screens with KPIs above the chart leave less room for it.
        height = SCREEN_VISUAL[1] - (130 if screen.kpis else 0)
        fig.update_layout(height=height, width=SCREEN_VISUAL[0])
        return fig
    return None


#: Size in px of the image of a presenter screen (fits 1280×720 with title, message and controls).
SCREEN_VISUAL = (1200, 370)
#: Size in px of the same image for narrow screens (phones).
SCREEN_NARROW = (640, 640)
