"""Map builders: plotly SVG geo (the map page, the presenter) and a pydeck inset (district profiles).

Geometry is referenced by URL (``geojson`` is a string: the app's static files), so
a rerun that only changes colours re-sends a few KB, not the boundaries; pass the
GeoJSON dict instead to embed it (images, static embeds). No basemap tiles anywhere:
the provinces of Piemonte (level 1) or the neighbouring comuni (level 2) are the
background, so maps work offline.

Names are placed by collision avoidance (:mod:`district_stats.content.figures.map_labels`) for the size
the map is drawn at, a :class:`~district_stats.content.figures.map_frame.Canvas`: a picture of a known
size (presenter, embeds) gets one set of labels; the map page, whose size only the browser
knows, gets one set per viewport class, each valid from the smallest map of its class up,
and the page's CSS shows the set of the class (:data:`~district_stats.content.figures.map_frame.PAGE_CANVASES`).

Measured on this machine class (see bench/README): plotly SVG geo settles at about
2x an empty page, a WebGL deck at about 3x, so the main map is plotly and pydeck is
used only for the small profile inset.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Protocol

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from district_stats.analysis import counts
from district_stats.analysis.stats import district_members_view
from district_stats.content import style
from district_stats.content.figures.map_frame import (
    CONTEXT_FILL,
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
from district_stats.content.text import fmt, safe_text, wording
from district_stats.content.text.i18n import t
from district_stats.data.schema import PROVINCES

__all__ = ["REGION_LAT", "REGION_LON", "districts_map", "members_map", "members_figure", "inside_outside_map",
           "extent_of", "inset_deck", "district_key", "members_key", "inside_key", "only"]


class Tables(Protocol):
    """Tables by name: a :class:`~district_stats.data.loading.Dataset` or a plain mapping of frames."""

    def __getitem__(self, name: str) -> pd.DataFrame:
        """The table ``name``."""
        ...


def _hover(part: pd.DataFrame, lang: str, rounds: pd.DataFrame | None) -> list[list[str]]:
    """The customdata of each district: id, escaped name, escaped detail (type, statuses, money per round)."""
    rows = []
    for _, r in part.iterrows():
        bits = [t(r["district_type"], lang), *wording.status_lines(r, lang)]
        if rounds is not None:
            head = wording.money_headline(rounds[rounds["district_id"] == r["district_id"]], lang)
            bits.append(f"{t('money_label', lang)}: {head.value} ({head.coverage})")
        rows.append([r["district_id"], safe_text.plotly(r["short_name"]),
                     "<br>".join(safe_text.plotly(b) for b in bits)])
    return rows


def _classes(mapped: pd.DataFrame, color_by: str, lang: str) -> list[tuple[pd.Series, str, str]]:
    """(rows, fill, legend name) of the flat-coloured classes of a level-1 map, legend order."""
    gone = mapped["active_status"] == "not_renewed"
    if color_by == "funding":
        # Three things, each with its own legend entry: an amount found (blue scale, drawn apart), no amount
        # found (sand: unknown, not zero) and a listing not renewed in 2025 (light grey, as on the type map).
        found = mapped["strategic_eur"].notna() & ~gone
        return [(gone, style.TYPE_COLORS["not_renewed"], t("not_renewed", lang)),
                (~found & ~gone, style.NOT_FOUND, t("map_no_amount", lang))]
    return [((mapped["district_type"] == kind) & ~gone, style.TYPE_COLORS[kind], t(kind, lang))
            for kind in ("urbano", "diffuso", "unknown")] + [(gone, style.TYPE_COLORS["not_renewed"],
                                                               t("not_renewed", lang))]


def district_key(table: pd.DataFrame, color_by: str = "type", lang: str = "it") -> MapKey:
    """The legend of :func:`districts_map` for the same table and colouring: every drawn district in exactly
    one entry with its count (the amounts found in the colour scale's), so the counts add up to the districts
    drawn (:func:`~district_stats.analysis.counts.map_counts`)."""
    mapped = table[counts.is_drawn(table)]
    entries = [KeyEntry(f"{name} ({int(sel.sum())})", fill) for sel, fill, name in _classes(mapped, color_by, lang)
               if sel.any()]
    entries.append(KeyEntry(t("legend_partial", lang, n=int(counts.is_incomplete(mapped).sum())), "", kind="line"))
    scale = None
    if color_by == "funding":
        found = mapped["strategic_eur"].notna() & (mapped["active_status"] != "not_renewed")
        values = mapped.loc[found, "strategic_eur"] / 1e6
        if not values.empty:
            scale = Scale(t("map_scale_title", lang, n=int(found.sum())), float(values.min()), float(values.max()))
    return MapKey(tuple(entries), scale)


def districts_map(table: pd.DataFrame, districts_geo: GeoJSON, provinces_geo: GeoJSON, province_codes: list[str],
                  color_by: str = "type", lang: str = "it", presenter: bool = False, n_labels: int | None = None,
                  selected: str | None = None, extent: tuple[tuple[float, float], tuple[float, float]] | None = None,
                  height: int = 640, width: int | None = None, canvases: Sequence[Canvas] | None = None,
                  legend: str = "below", rounds: pd.DataFrame | None = None) -> go.Figure:
    """Level 1: dissolved district polygons coloured by type or by traced strategic funding.

    ``table`` is the district table (only districts with a label point are drawn);
    districts with partial member lists get a thick black outline, explained in the
    legend. Polygons and labels are clickable (customdata starts with the district_id).
    Names go by population (the ``selected`` district first), as many as fit without
    overlapping (at most ``n_labels``).

    Size: with ``canvases`` (the map page) the figure has no size and no legend (the page draws
    :func:`district_key` beside it) and one set of labels per canvas. Otherwise it is a picture
    of ``width`` × ``height`` px (``width`` None: any width from the map's own up) with its
    legend ``legend`` ('left' or 'below') of the map. ``rounds`` (the rounds table) adds the
    money per round to the hover text.
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
        add_layer(fig, go.Choropleth(
            geojson=only(districts_geo, part["district_id"]), locations=part["district_id"], z=[0] * len(part),
            showscale=False, colorscale=[[0, color], [1, color]], name=f"{name} ({len(part)})", showlegend=False,
            marker={"line": {"color": style.OUTLINE, "width": [width_of[d] for d in part["district_id"]]}},
            customdata=_hover(part, lang, rounds), hovertemplate=hover))
    if color_by == "funding":
        some = mapped[mapped["strategic_eur"].notna() & (mapped["active_status"] != "not_renewed")]
        add_layer(fig, go.Choropleth(
            geojson=only(districts_geo, some["district_id"]), locations=some["district_id"], z=some["strategic_eur"] / 1e6,
            colorscale=[list(c) for c in style.SEQUENTIAL], showscale=False,
            marker={"line": {"color": style.OUTLINE, "width": [width_of[d] for d in some["district_id"]]}},
            customdata=_hover(some, lang, rounds), hovertemplate=hover, showlegend=False,
            name=f"{t('map_amount_found', lang)} ({len(some)})"))
    prio = mapped["population"].fillna(0) + 1e12 * (mapped["district_id"] == selected)
    points = [(str(d), str(n), float(x), float(y), float(p)) for d, n, x, y, p in
              zip(mapped["district_id"], mapped["short_name"], mapped["label_lon"], mapped["label_lat"], prio)]
    lon, lat = extent if extent else (REGION_LON, REGION_LAT)
    key = district_key(table, color_by, lang)
    return finish(fig, points, (lon, lat), lang, presenter, canvases, width, height, legend, key,
                  font_px=s["map_label"], max_labels=n_labels, clickable=True)


def members_key(lang: str = "it", context: bool = True) -> MapKey:
    """The legend of :func:`members_map`: the district's comuni, its capofila (a star), the comuni around."""
    entries = [KeyEntry(t("map_key_member", lang), style.BLUE),
               KeyEntry(t("map_key_capofila", lang), style.BLUE, kind="star")]
    if context:
        entries.append(KeyEntry(t("map_key_context", lang), CONTEXT_FILL))
    return MapKey(tuple(entries))


def members_map(members: pd.DataFrame, comuni: pd.DataFrame, members_geo: GeoJSON, provinces_geo: GeoJSON | None,
                province_codes: list[str], extent: tuple[tuple[float, float], tuple[float, float]],
                lang: str = "it", presenter: bool = False, height: int = 640, width: int | None = None,
                context_geo: GeoJSON | None = None, canvases: Sequence[Canvas] | None = None,
                legend: str = "below") -> go.Figure:
    """Level 2: the member comuni of one district over the comuni around it, capofila marked by a star.

    ``members`` is :func:`district_stats.analysis.stats.district_members_view` output (current
    members only are drawn); ``comuni`` supplies label points and residents. With
    ``context_geo`` (all comuni) the neighbouring comuni are drawn in a neutral grey with
    white borders (names on hover) instead of the provinces, so nothing frames the map.
    The capofila has the members' fill: it is told apart by its star and its bold name.
    Sizes and legend as in :func:`districts_map`.
    """
    s = style.sizes(presenter)
    cur = members[members["role"] != "former_member"].drop(columns=["population"], errors="ignore").merge(
        comuni[["istat_code", "label_lon", "label_lat", "population"]], on="istat_code", how="left")
    fig = go.Figure()
    if context_geo is not None:
        # Every comune whose label point lies within twice the extent: the frame is filled to its edges
        # whatever the picture's shape (up to 2:1), and no clipped outline draws a frame around the map.
        (lo0, lo1), (la0, la1) = extent
        wide, tall = (lo1 - lo0) / 2 + 0.1, (la1 - la0) / 2 + 0.07
        near = comuni[comuni["label_lon"].between(lo0 - wide, lo1 + wide) & comuni["label_lat"].between(la0 - tall, la1 + tall)
                      & ~comuni["istat_code"].isin(cur["istat_code"])]
        add_layer(fig, go.Choropleth(
            geojson=only(context_geo, near["istat_code"]), locations=near["istat_code"], z=[0] * len(near),
            showscale=False, colorscale=[[0, CONTEXT_FILL], [1, CONTEXT_FILL]], name="context", showlegend=False,
            marker={"line": {"color": "#FFFFFF", "width": 1.0}},
            customdata=[[safe_text.plotly(n), t("map_hover_outside", lang, pop=fmt.num(p, lang))]
                        for n, p in zip(near["comune_name"], near["population"])],
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>"))
    elif provinces_geo is not None:
        add_layer(fig, province_layer(provinces_geo, province_codes, "province"))
    if not cur.empty:
        add_layer(fig, go.Choropleth(
            geojson=only(members_geo, cur["istat_code"]), locations=cur["istat_code"], z=[1] * len(cur),
            showscale=False, colorscale=[[0, style.BLUE], [1, style.BLUE]], name="members", showlegend=False,
            marker={"line": {"color": "#FFFFFF", "width": 1.5}},
            customdata=[[safe_text.plotly(n), t("map_hover_member", lang, pop=fmt.num(p, lang), role=t(r, lang))]
                        for n, p, r in zip(cur["comune_name"], cur["population"], cur["role"])],
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>"))
    lab = cur[cur["label_lon"].notna()]
    capofila = set(lab.loc[lab["role"] == "capofila", "istat_code"])
    points = [(str(c), str(n), float(x), float(y), float(0 if pd.isna(p) else p) + (1e12 if c in capofila else 0))
              for c, n, x, y, p in zip(lab["istat_code"], lab["comune_name"], lab["label_lon"], lab["label_lat"],
                                       lab["population"])]
    return finish(fig, points, extent, lang, presenter, canvases, width, height, legend,
                  members_key(lang, context_geo is not None), font_px=s["map_label"], star=capofila, area=True)


def members_figure(ds: Tables, district_id: str, members_geo: GeoJSON, provinces_geo: GeoJSON | None,
                   lang: str = "it", presenter: bool = False, height: int = 640, width: int | None = None,
                   context_geo: GeoJSON | None = None, canvases: Sequence[Canvas] | None = None,
                   legend: str = "below") -> go.Figure | None:
    """Level 2 for one district, assembled from the dataset (members, comuni, district extent).

    ``ds`` maps table names to frames (a :class:`~district_stats.data.loading.Dataset` works).
    Returns None when the district has no mapped comune (no extent to frame).
    """
    geo_row = ds["district_geo"][ds["district_geo"]["district_id"] == district_id]
    if geo_row.empty:
        return None
    members = district_members_view(district_id, ds["district_members"], ds["comuni"])
    return members_map(members, ds["comuni"], members_geo, provinces_geo, list(PROVINCES), extent_of(geo_row.iloc[0]),
                       lang, presenter=presenter, height=height, width=width, context_geo=context_geo,
                       canvases=canvases, legend=legend)


def inside_key(comuni: pd.DataFrame, covered: set[str], lang: str = "it") -> MapKey:
    """The legend of :func:`inside_outside_map`."""
    n_in = int(comuni["istat_code"].isin(covered).sum())
    return MapKey((KeyEntry(f"{t('lbl_inside', lang)} ({fmt.num(n_in, lang)})", style.INSIDE_COLORS[True]),
                   KeyEntry(f"{t('lbl_outside', lang)} ({fmt.num(len(comuni) - n_in, lang)})",
                            style.INSIDE_COLORS[False], outline="#9A9A9A")))


def inside_outside_map(comuni: pd.DataFrame, covered: set[str], comuni_geo: GeoJSON, lang: str = "it",
                       presenter: bool = False, height: int = 640, width: int | None = None,
                       canvases: Sequence[Canvas] | None = None, legend: str = "below") -> go.Figure:
    """All comuni of Piemonte: inside an active district (blue) or not (light, outlined); no names."""
    fig = go.Figure()
    inside = comuni["istat_code"].isin(covered)
    for flag, key in ((True, "lbl_inside"), (False, "lbl_outside")):
        part = comuni[inside == flag]
        add_layer(fig, go.Choropleth(
            geojson=only(comuni_geo, part["istat_code"]), locations=part["istat_code"], z=[1] * len(part), showscale=False,
            colorscale=[[0, style.INSIDE_COLORS[flag]], [1, style.INSIDE_COLORS[flag]]],
            marker={"line": {"color": "#FFFFFF" if flag else "#9A9A9A", "width": 0.4}},
            name=f"{t(key, lang)} ({fmt.num(len(part), lang)})", customdata=safe_text.plotly_all(part["comune_name"]),
            showlegend=False, hovertemplate="%{customdata}<extra></extra>"))
    return finish(fig, [], (REGION_LON, REGION_LAT), lang, presenter, canvases, width, height, legend,
                  inside_key(comuni, covered, lang))


def extent_of(row: pd.Series, pad: float = 0.08) -> tuple[tuple[float, float], tuple[float, float]]:
    """(lon range, lat range) of a district_geo row, padded and kept roughly square."""
    lon = (row["min_lon"], row["max_lon"])
    lat = (row["min_lat"], row["max_lat"])
    span = max(lon[1] - lon[0], (lat[1] - lat[0]) * 1.4, 0.12)
    clon, clat = (lon[0] + lon[1]) / 2, (lat[0] + lat[1]) / 2
    half_lon = span / 2 + pad
    half_lat = span / 2 / 1.4 + pad * 0.7
    return (clon - half_lon, clon + half_lon), (clat - half_lat, clat + half_lat)


def inset_deck(members_geojson: Mapping, capofila_code: str | None, extent: tuple[tuple[float, float],
               tuple[float, float]], tooltip: bool = True) -> pdk.Deck:
    """Small pydeck map of one district's comuni (data inline: a few KB), no basemap.

    The capofila is filled dark blue, other members blue; white borders. ``map_provider``
    is None so nothing is fetched from the internet.
    """
    feats = []
    for f in members_geojson.get("features", []):
        fid = str(f.get("id"))
        color = [8, 48, 107, 240] if fid == capofila_code else [0, 114, 178, 220]  # not the map's 'diffuso' orange
        feats.append({"type": "Feature", "id": fid, "geometry": f["geometry"],
                      "properties": {"istat_code": fid, "fill": color}})
    data = {"type": "FeatureCollection", "features": feats}
    lon = (extent[0][0] + extent[0][1]) / 2
    lat = (extent[1][0] + extent[1][1]) / 2
    span = max(extent[0][1] - extent[0][0], 0.05)
    # Web-mercator: 2**zoom * 512 px span 360 degrees; fit the extent into ~420 px.
    zoom = max(6.0, min(12.0, _log2(420 * 360 / (512 * span))))
    layer = pdk.Layer("GeoJsonLayer", data=data, pickable=tooltip, stroked=True, filled=True,
                      get_fill_color="properties.fill", get_line_color=[255, 255, 255], line_width_min_pixels=1)
    # map_provider=None with pydeck's default map_style sentinel: Streamlit then draws no basemap. (An explicit
    # map_style=None would make Streamlit fall back to its own Carto basemap, fetched from the internet.)
    return pdk.Deck(layers=[layer], initial_view_state=pdk.ViewState(longitude=lon, latitude=lat, zoom=zoom),
                    map_provider=None, tooltip={"text": "{istat_code}"} if tooltip else False)


def _log2(x: float) -> float:
    return math.log2(max(x, 1e-6))
