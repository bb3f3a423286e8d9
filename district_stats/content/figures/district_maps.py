"""The districts of Piemonte on a map (level 1): dissolved district polygons coloured by type or by the
strategic money found, over the provinces, and their legend.

Geometry is referenced by URL (``geojson`` is a string: the app's static files), so
a rerun that only changes colours re-sends a few KB, not the boundaries; pass the
GeoJSON dict instead to embed it (images, static embeds). No basemap tiles anywhere:
the provinces of Piemonte (here) or the neighbouring comuni (:mod:`~district_stats.content.figures.comuni_maps`)
are the background, so maps work offline.

Names are placed by collision avoidance (:mod:`district_stats.content.figures.map_labels`) for the size
the map is drawn at, a :class:`~district_stats.content.figures.map_frame.Canvas`: a picture of a known
size (presenter, embeds) gets one set of labels; the map page, whose size only the browser
knows, gets one set per viewport class, each valid from the smallest map of its class up,
and the page's CSS shows the set of the class (:data:`~district_stats.content.figures.map_frame.PAGE_CANVASES`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import plotly.graph_objects as go

from district_stats.analysis import counts
from district_stats.content import style
from district_stats.content.figures.map_frame import (
    REGION_LAT,
    REGION_LON,
    Canvas,
    GeoJSON,
    add_layer,
    finish,
    only,
    province_layer,
)
from district_stats.content.figures.map_key import KeyEntry, MapKey, Scale
from district_stats.content.text import safe_text, wording
from district_stats.content.text.i18n import t


def _hover(part: pd.DataFrame, lang: str, rounds_of: Callable[[str], pd.DataFrame] | None) -> list[list[str]]:
    """The customdata of each district: id, escaped name, escaped detail (type, statuses, money per round)."""
    rows = []
    for _, r in part.iterrows():
        bits = [t(r["district_type"], lang), *wording.status_lines(r, lang)]
        if rounds_of is not None:
            head = wording.money_headline(rounds_of(str(r["district_id"])), lang)
            bits.append(f"{t('money_label', lang)}: {head.value} ({head.coverage})")
        rows.append(
            [r["district_id"], safe_text.plotly(r["short_name"]), "<br>".join(safe_text.plotly(b) for b in bits)]
        )
    return rows


def _classes(mapped: pd.DataFrame, color_by: str, lang: str) -> list[tuple[pd.Series, str, str]]:
    """(rows, fill, legend name) of the flat-coloured classes of a level-1 map, legend order."""
    gone = mapped["active_status"] == "not_renewed"
    if color_by == "funding":
        # Three things, each with its own legend entry: an amount found (blue scale, drawn apart), no amount
        # found (sand: unknown, not zero) and a listing not renewed in 2025 (light grey, as on the type map).
        found = mapped["strategic_eur"].notna() & ~gone
        return [
            (gone, style.TYPE_COLORS["not_renewed"], t("not_renewed", lang)),
            (~found & ~gone, style.NOT_FOUND, t("map_no_amount", lang)),
        ]
    return [
        ((mapped["district_type"] == kind) & ~gone, style.TYPE_COLORS[kind], t(kind, lang))
        for kind in ("urbano", "diffuso", "unknown")
    ] + [(gone, style.TYPE_COLORS["not_renewed"], t("not_renewed", lang))]


def district_key(table: pd.DataFrame, color_by: str = "type", lang: str = "it") -> MapKey:
    """The legend of :func:`districts_map` for the same table and colouring: every drawn district in exactly
    one entry with its count (the amounts found in the colour scale's), so the counts add up to the districts
    drawn (:func:`~district_stats.analysis.counts.map_counts`)."""
    mapped = table[counts.is_drawn(table)]
    entries = [
        KeyEntry(f"{name} ({int(sel.sum())})", fill)
        for sel, fill, name in _classes(mapped, color_by, lang)
        if sel.any()
    ]
    entries.append(KeyEntry(t("legend_partial", lang, n=int(counts.is_incomplete(mapped).sum())), "", kind="line"))
    scale = None
    if color_by == "funding":
        found = mapped["strategic_eur"].notna() & (mapped["active_status"] != "not_renewed")
        values = mapped.loc[found, "strategic_eur"] / 1e6
        if not values.empty:
            scale = Scale(t("map_scale_title", lang, n=int(found.sum())), float(values.min()), float(values.max()))
    return MapKey(tuple(entries), scale)


def districts_map(
    table: pd.DataFrame,
    districts_geo: GeoJSON,
    provinces_geo: GeoJSON,
    province_codes: list[str],
    color_by: str = "type",
    lang: str = "it",
    presenter: bool = False,
    n_labels: int | None = None,
    selected: str | None = None,
    extent: tuple[tuple[float, float], tuple[float, float]] | None = None,
    height: int = 640,
    width: int | None = None,
    canvases: Sequence[Canvas] | None = None,
    legend: str = "below",
    rounds_of: Callable[[str], pd.DataFrame] | None = None,
) -> go.Figure:
    """Level 1: dissolved district polygons coloured by type or by traced strategic funding.

    ``table`` is the district table (only districts with a label point are drawn);
    districts with partial member lists get a thick black outline, explained in the
    legend. Polygons and labels are clickable (customdata starts with the district_id).
    Names go by population (the ``selected`` district first), as many as fit without
    overlapping (at most ``n_labels``).

    Size: with ``canvases`` (the map page) the figure has no size and no legend (the page draws
    :func:`district_key` beside it) and one set of labels per canvas. Otherwise it is a picture
    of ``width`` × ``height`` px (``width`` None: any width from the map's own up) with its
    legend ``legend`` ('left' or 'below') of the map. ``rounds_of`` (a district's rows of the rounds table,
    :meth:`Views.district_rounds`) adds the money per round to the hover text.
    """
    s = style.sizes(presenter)
    mapped = table[counts.is_drawn(table)].copy()
    fig = go.Figure(province_layer(provinces_geo, province_codes, "province"))
    width_of = dict(zip(mapped["district_id"], [3.0 if p else 0.8 for p in counts.is_incomplete(mapped)]))
    hover = "<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>"
    for sel, color, name in _classes(mapped, color_by, lang):
        part = mapped[sel]
        if part.empty:
            continue
        add_layer(
            fig,
            go.Choropleth(
                geojson=only(districts_geo, part["district_id"]),
                locations=part["district_id"],
                z=[0] * len(part),
                showscale=False,
                colorscale=[[0, color], [1, color]],
                name=f"{name} ({len(part)})",
                showlegend=False,
                marker={"line": {"color": style.OUTLINE, "width": [width_of[d] for d in part["district_id"]]}},
                customdata=_hover(part, lang, rounds_of),
                hovertemplate=hover,
            ),
        )
    if color_by == "funding":
        some = mapped[mapped["strategic_eur"].notna() & (mapped["active_status"] != "not_renewed")]
        add_layer(
            fig,
            go.Choropleth(
                geojson=only(districts_geo, some["district_id"]),
                locations=some["district_id"],
                z=some["strategic_eur"] / 1e6,
                colorscale=[list(c) for c in style.SEQUENTIAL],
                showscale=False,
                marker={"line": {"color": style.OUTLINE, "width": [width_of[d] for d in some["district_id"]]}},
                customdata=_hover(some, lang, rounds_of),
                hovertemplate=hover,
                showlegend=False,
                name=f"{t('map_amount_found', lang)} ({len(some)})",
            ),
        )
    prio = mapped["population"].fillna(0) + 1e12 * (mapped["district_id"] == selected)
    points = [
        (str(d), str(n), float(x), float(y), float(p))
        for d, n, x, y, p in zip(
            mapped["district_id"], mapped["short_name"], mapped["label_lon"], mapped["label_lat"], prio
        )
    ]
    lon, lat = extent if extent else (REGION_LON, REGION_LAT)
    key = district_key(table, color_by, lang)
    return finish(
        fig,
        points,
        (lon, lat),
        lang,
        presenter,
        canvases,
        width,
        height,
        legend,
        key,
        font_px=s["map_label"],
        max_labels=n_labels,
        clickable=True,
    )
