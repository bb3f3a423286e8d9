"""The presenter story: 8 screens, one message each, every number from the data, and an optional cover.

A :class:`Screen` is plain data; the app renders it at 1280×720 (``?modo=presenta&passo=N``; the
cover is ``passo=0``) and the snapshot tool writes it to PNG plus the CSV behind it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from district_stats import settings
from district_stats.analysis import counts
from district_stats.analysis.money import approximate
from district_stats.analysis.views import Views
from district_stats.content.catalog import make_chart, source_line
from district_stats.content.embeds import embed_page
from district_stats.content.figures import comuni_maps, district_maps, fixed_width
from district_stats.content.figures.screen_sizes import (
    COVER_VISUAL,
    DISTRICT_VISUAL,
    MAP_VISUAL,
    NARROW_DISTRICT,
    SCREEN_NARROW,
    SCREEN_VISUAL,
)
from district_stats.content.text import fmt, safe_text, wording
from district_stats.content.text.i18n import t
from district_stats.data.schema import PROVINCES

#: The district whose story screen 6 tells: complete member list, two strategic rounds and a documented
#: business call with its number of funded shops.
STORY_DISTRICT = settings.STORY_DISTRICT  # the district of the story screen


@dataclass(frozen=True)
class Screen:
    """One screen: ``kind`` is 'cover', 'kpis', 'chart', 'map', 'district' or 'gaps'."""

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
    src_acts = source_line(v, lang, "srcl_story_acts")
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
    traced = counts.traced_total(v.traced_share)
    drawn = counts.map_counts(v.districts)
    out = [
        Screen(
            1,
            "rete",
            t("st1_title", lang),
            t(
                "st1_msg",
                lang,
                n=fmt.num(d10["value"], lang),
                n2=fmt.num(d12["value"], lang),
                mapped=fmt.num(cov.n_covered, lang),
                total=fmt.num(cov.n_comuni, lang),
            ),
            "kpis",
            chart_id="cronologia",
            kpis=kpi1,
            source=src_acts,
            table=pd.DataFrame({"indicatore": [k for k, _ in kpi1], "valore": [x for _, x in kpi1]}),
        ),
        Screen(
            2,
            "mappa",
            t("st2_title", lang),
            t("st2_msg", lang, n=drawn.n_drawn, gone=drawn.n_drawn_not_renewed, partial=drawn.n_drawn_incomplete),
            "map",
            chart_id="mappa",
            source=src_acts,
            table=v.districts[["district_id", "short_name", "district_type", "members_status", "n_comuni_mapped"]],
        ),
        Screen(
            3,
            "soldi",
            t("st3_title", lang, total=fmt.eur_short(rec.total_eur, lang)),
            t("st3_msg", lang, total=fmt.eur_short(rec.total_eur, lang), n=len(rec.lines)),
            "chart",
            chart_id="linee",
            source=src_acts,
            table=v.by_line,
        ),
        Screen(
            4,
            "imprese",
            t("st4_title", lang, value=fmt.eur_short(res.reserve_eur, lang)),
            t("st4_msg", lang, value=fmt.eur_short(res.reserve_eur, lang), share=fmt.pct(res.share, lang, 0)),
            "chart",
            chart_id="flusso",
            source=src_acts,
            table=v.flow,
        ),
        Screen(
            5,
            "bandi",
            t("st5_title", lang),
            t(
                "st5_msg",
                lang,
                n=len(calls),
                d=int(calls["district_id"].nunique()),
                value=wording.about(fmt.eur_short(calls["amount_eur"].sum(), lang), approximate(calls).any(), lang),
            ),
            "chart",
            chart_id="bandi_imprese",
            source=src_acts,
            table=calls[["short_name", "year", "amount_eur", "source_urls"]],
        ),
        Screen(
            6,
            "storia",
            t("st6_title", lang, name=str(dist["short_name"]) if dist is not None else "–"),
            _story_message(v, dist, story_calls, lang) if dist is not None else "",
            "district",
            source=src_acts,
            table=dg[["line_id", "year", "amount_eur", "amount_kind", "source_urls"]],
        ),
        Screen(
            7,
            "dentro_fuori",
            t("st7_title", lang),
            t(
                "st7_msg",
                lang,
                small=fmt.pct(small["share_inside"], lang, 0),
                big=fmt.pct(big["share_inside"], lang, 0),
            ),
            "chart",
            chart_id="dentro_classi",
            source=source_line(v, lang, "srcl_story_istat"),
            table=inside,
        ),
        Screen(
            8,
            "manca",
            t("st8_title", lang),
            t("st8_msg", lang),
            "gaps",
            kpis=(
                (t("st_gap_districts", lang), fmt.count_of(cov.n_districts, int(d12["value"]), lang)),
                (t("st_gap_comuni", lang, total=fmt.num(cov.n_comuni, lang)), fmt.num(cov.n_covered, lang)),
                (t("st_gap_money", lang), wording.about(fmt.pct(traced.share, lang, 0), traced.approximate, lang)),
            ),
            bullets=tuple(
                _first_clause(str(x))
                for x in v.ds["known_gaps"]["description_en" if lang == "en" else "description_it"].head(3)
            ),
            source=src_acts,
            table=v.ds["known_gaps"],
        ),
    ]
    return out


def cover(v: Views, lang: str = "it") -> Screen | None:
    """The optional cover screen (step 0): the conference of the round table, from the timeline, the figures
    announced there (headline figures citing the same source) and the foundation's protocols (timeline rows of
    the 'protocollo' funding lines). None when the event is not in the data."""
    tl = v.ds["timeline"]
    rows = tl[tl["event_id"] == settings.COVER_EVENT]
    if rows.empty:
        return None
    ev = rows.iloc[0]
    urls = set(str(ev["source_urls"]).split(";"))
    announced = [
        h for h in v.headlines.values() if bool(h["is_primary"]) and urls & set(str(h["source_urls"]).split(";"))
    ]
    kpis = tuple((str(h["label_en" if lang == "en" else "label_it"]), _stated(h, lang)) for h in announced)
    lines = v.ds["funding_lines"]
    protocols = tl[tl["line_id"].isin(lines.loc[lines["line_kind"] == "protocollo", "line_id"])]
    bullets = tuple(
        f"{fmt.date_long(p['event_date'], lang, str(p['date_precision']))}: "
        f"{p['label_en' if lang == 'en' else 'label_it']}"
        for _, p in protocols.iterrows()
    )
    promoters = [x for x in str(ev.get("promoters") or "").split(";") if x and x != "nan"]
    where = str(ev.get("venue") or "")
    msg = t("cover_when", lang, date=fmt.date_long(ev["event_date"], lang), venue=where if where != "nan" else "–")
    if promoters:
        rest = promoters[1:]
        others = (", ".join(rest[:-1]) + f" {t('word_and', lang)} " + rest[-1]) if len(rest) > 1 else "".join(rest)
        msg += " " + (
            t("cover_promoted_with", lang, first=promoters[0], others=others)
            if rest
            else t("cover_promoted", lang, first=promoters[0])
        )
    label = str(ev["label_en" if lang == "en" else "label_it"])
    table = pd.concat([rows.assign(kind="event"), protocols.assign(kind="protocol")], ignore_index=True)
    return Screen(
        0,
        "copertina",
        label,
        msg,
        "cover",
        kpis=kpis,
        bullets=bullets,
        source=source_line(v, lang, "srcl_story_cover"),
        table=table,
    )


def _stated(h: pd.Series, lang: str) -> str:
    """A headline figure as it was stated: «quasi 30 mln €», «circa il 50%», «94»."""
    unit, value = str(h["unit"]), float(h["value"])
    shown = {"eur": fmt.eur_short(value, lang, 0), "share": fmt.pct(value, lang, 0)}.get(unit, fmt.num(value, lang))
    return t(f"stated_{h['qualifier']}", lang, value=shown)


def _story_message(v: Views, dist: pd.Series, calls: pd.DataFrame, lang: str) -> str:
    """Screen 6: the district's comuni, the regional money found round by round (naming the rounds without
    an amount) and its calls for shops."""
    head = wording.money_headline(v.district_rounds(STORY_DISTRICT), lang)
    text = t(
        "st6_msg",
        lang,
        name=str(dist["short_name"]),
        members=wording.members_text(dist, lang),
        money=head.value,
        found=head.n_found,
        n=head.n_open,
        call=fmt.eur_short(calls["amount_eur"].sum(), lang) if not calls.empty else t("calls_value_none", lang),
    )
    return text + (" " + t("st6_missing", lang, rounds=head.missing) if head.missing else "")


def _first_clause(text: str) -> str:
    """The text up to its first ':' or '. ' (a projector bullet is one short line)."""
    for sep in (": ", ". "):
        if sep in text:
            return text.split(sep, 1)[0] + "."
    return text


def find(screens_: list[Screen], v: Views, lang: str, screen_id: str) -> Screen:
    """The screen ``screen_id`` of the story ``screens_``, or the cover («copertina»).

    Raises:
        StopIteration: for an unknown id (or the cover when its event is not in the data).
    """
    if screen_id == "copertina":
        found = cover(v, lang)
        if found is None:
            raise StopIteration(screen_id)
        return found
    return next(s for s in screens_ if s.screen_id == screen_id)


def clamp_step(step: int, n: int) -> int:
    """Keep a step number inside 1..n."""
    return max(1, min(n, step))


def screen_path(screen_id: str, lang: str, narrow: bool = False) -> str:
    """'presenter/soldi.png', 'en/presenter/soldi-phone.png' (inside ``embed/``: the published picture, drawn by
    :mod:`district_stats.ops.presenter_art`)."""
    return embed_page.page_path(f"presenter/{screen_id}{'-phone' if narrow else ''}", lang, "png")


def members_path(district_id: str, lang: str, narrow: bool = False) -> str:
    """'presenter/members/D041.png', 'en/presenter/members/D041-phone.png' (inside ``embed/``)."""
    return embed_page.page_path(f"presenter/members/{district_id}{'-phone' if narrow else ''}", lang, "png")


def screen_page(screen_id: str, lang: str) -> str:
    """'presenter/soldi-phone.html', 'en/presenter/soldi-phone.html' (inside ``embed/``): the room's static
    phone page of a screen, written by :mod:`district_stats.ops.phone_pages`."""
    return embed_page.page_path(f"presenter/{screen_id}-phone", lang)


def members_page(district_id: str, lang: str) -> str:
    """'presenter/members/D041-phone.html' (English under 'en/'), inside ``embed/``."""
    return embed_page.page_path(f"presenter/members/{district_id}-phone", lang)


def index_page(lang: str) -> str:
    """'presenter/index.html' (English under 'en/'), inside ``embed/``."""
    return embed_page.page_path("presenter/index", lang)


def picker_options(views: Views, lang: str = "it") -> dict[str, str]:
    """What the drill-down picker offers, by id: «Cuneo — distretto», «Cuneo (CN) — comune», sorted by name
    (the district first) so that a district and a comune of the same name sit side by side, each saying
    which it is."""
    rows = [
        (safe_text.plain(n), 0, d, t("pr_pick_district", lang, name=safe_text.plain(n)))
        for d, n in zip(views.districts["district_id"], views.districts["short_name"])
    ]
    com = views.ds["comuni"]
    rows += [
        (safe_text.plain(n), 1, c, t("pr_pick_comune", lang, name=safe_text.plain(n), prov=p))
        for c, n, p in zip(com["istat_code"], com["comune_name"], com["province_code"])
    ]
    return {key: label for _, _, key, label in sorted(rows, key=lambda r: (r[0].casefold(), r[1], r[2]))}


def members_geo_files(district_id: str) -> tuple[str, ...]:
    """The derived GeoJSON files (under ``derived/geo/``) a district's map needs: its comuni and all comuni
    (the neighbours drawn around it)."""
    return f"districts/{district_id}.geojson", "comuni.geojson"


def geo_files(screen: Screen) -> tuple[str, ...]:
    """The derived GeoJSON files (under ``derived/geo/``) the figure of ``screen`` needs."""
    if screen.kind in ("map", "cover"):
        return ("districts.geojson", "provinces.geojson")
    if screen.kind == "district":
        return members_geo_files(STORY_DISTRICT)
    return ()


def district_figure(
    ds: comuni_maps.Tables, district_id: str, lang: str, geo: Mapping[str, dict], narrow: bool = False
) -> go.Figure | None:
    """A district's comuni over its neighbours for the projector (story screen 6, the drill-down) or a phone
    (``narrow``), at :data:`DISTRICT_VISUAL` / :data:`SCREEN_NARROW` px; None without a mapped comune."""
    members, context = members_geo_files(district_id)
    width, height = NARROW_DISTRICT if narrow else DISTRICT_VISUAL
    return comuni_maps.members_figure(
        ds,
        district_id,
        geo[members],
        None,
        lang,
        presenter=not narrow,
        height=height,
        width=width,
        context_geo=geo[context],
        legend="below" if narrow else "left",
    )


def screen_figure(screen: Screen, v: Views, lang: str, geo: dict[str, dict], narrow: bool = False) -> go.Figure | None:
    """The figure drawn on a screen with its size in px set (``geo``: inline GeoJSON by file name).

    Sized to be shown 1:1 at 1280×720 (and scaled with the screen: render at :data:`IMAGE_SCALE`);
    ``narrow`` draws it for a phone instead (SCREEN_NARROW): the room opens the current screen from
    the QR code, and a 1210 px picture shrunk to 360 px is unreadable. Returns None for screens
    without a figure (KPIs, gaps).
    """
    if screen.kind in ("map", "cover"):
        cover = screen.kind == "cover"  # the cover's map sits in a narrow column: colours and legend, no names
        width, height = SCREEN_NARROW if narrow else COVER_VISUAL if cover else MAP_VISUAL
        return district_maps.districts_map(
            v.districts,
            geo["districts.geojson"],
            geo["provinces.geojson"],
            list(PROVINCES),
            lang=lang,
            presenter=not narrow,
            width=width,
            height=height,
            n_labels=0 if cover else None,
            legend="below" if narrow or cover else "left",
        )
    if screen.kind == "district":
        return district_figure(v.ds, STORY_DISTRICT, lang, geo, narrow)
    if screen.chart_id:
        if narrow:  # the phone layout of the static embeds: names above the bars, labels that fit 360 px
            fig = fixed_width.for_width(go.Figure(make_chart(screen.chart_id, v, lang).figure), SCREEN_NARROW[0], lang)
            return fig.update_layout(width=SCREEN_NARROW[0])  # (the flow's bars come back without a width)
        fig = go.Figure(make_chart(screen.chart_id, v, lang, presenter=True).figure)
        # Screens with KPIs above the chart leave less room for it.
        fig.update_layout(width=SCREEN_VISUAL[0], height=SCREEN_VISUAL[1] - (130 if screen.kpis else 0))
        fixed_width.place_notes(fig, SCREEN_VISUAL[0])  # the timeline's notes clear of its dashed lines
        return fig
    return None
