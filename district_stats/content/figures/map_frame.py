"""The parts every map shares: its canvas (the size it is drawn at), its names and its frame.

:func:`finish` completes a map figure built by :mod:`~.district_maps` or :mod:`~.comuni_maps`: the geo frame, one
set of place names per canvas (placed by :mod:`~.map_labels`, dark text with a white halo), and the legend
(:mod:`~.map_key`): inside a picture in a zone of its own next to or under the map (never over it); the map page
draws it as HTML beside the map on a computer and under it on a phone (:func:`~.map_key.key_html`).
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import plotly.graph_objects as go

from district_stats.content import style
from district_stats.content.figures.chart_layout import base_layout
from district_stats.content.figures.map_key import MapKey, colorbar, key_traces, legend_height, legend_width
from district_stats.content.figures.map_labels import (
    AROUND,
    ON_AREA,
    LabelSpec,
    Placed,
    place_labels,
)
from district_stats.content.figures.mercator import Mercator
from district_stats.content.text import safe_text

# Piemonte's extent (lon, lat) with a margin: the default view of every map.
REGION_LON = (6.55, 9.30)
REGION_LAT = (43.98, 46.50)
GeoJSON = str | Mapping
#: The comuni around a district on its map: a neutral grey that no legend uses for anything else.
CONTEXT_FILL = "#E2E2E2"
#: A white halo around dark names, so they read on any fill (plotly.js 3 text shadow; kaleido draws it too).
HALO = "0 0 2px #FFFFFF, 0 0 2px #FFFFFF, 0 0 3px #FFFFFF, 0 0 4px #FFFFFF"
DOT_PX = 3.5  # radius of the dot at a district's label point
STAR_PX = 8.0  # radius of the capofila's star
NO_DRAG = "orbit"  # see finish(): a map page's map that neither pans nor zooms
LEFT_LEGEND_CHARS = 20  # a legend beside a picture's map wraps its labels to leave the map its width
LABEL_TRACES = 3  # traces per canvas: leader lines, points with their names, names at the end of a leader


@dataclass(frozen=True)
class Canvas:
    """A size a map is drawn at: the plot's width and height (px) and the names' type size.

    ``grow``: the map may be drawn larger than this (a browser column, a taller screen, a zoom), so
    names are placed to stay apart at any larger size; False for a picture of exactly this size.
    """

    name: str
    width: int
    height: int
    font_px: int = 12
    grow: bool = True


#: The map page's canvases, one per viewport class, each the smallest map of its class (measured with
#: the page's layout: see app/mapview.py, whose CSS shows the names of the class in this order).
PAGE_CANVASES = (
    Canvas("phone", 288, 374, 12),  # up to 640 px wide: the map is full width, 10:13
    Canvas("medium", 300, 600, 12),  # 641-1279 px: a column of 300 px or more, 600 px tall or more
    Canvas("large", 560, 600, 13),  # 1280-1599 px (or 1600 px and wider, under 1000 px tall)
    Canvas("xlarge", 760, 860, 14),  # 1600 px wide and 1000 px tall or more
)


def add_layer(fig: go.Figure, layer: go.Choropleth, row: int | None = None, col: int | None = None) -> go.Figure:
    """Add a map layer (in subplot ``row``, ``col`` if given) with its GeoJSON kept by reference: plotly
    deep-copies every trace it adds, shapes included (a third of a district map's build), and loaded shapes
    are never changed."""
    shapes = layer.geojson
    layer.geojson = None
    fig.add_trace(layer, row=row, col=col)
    fig.data[-1].geojson = shapes
    return fig


def only(geo: GeoJSON, ids: Iterable[object]) -> GeoJSON:
    """The features of ``geo`` whose id is in ``ids``, when the GeoJSON is inline (a URL is returned as is).

    A map draws one trace per class (type, inside/outside) over the same boundaries: by URL the browser
    fetches them once, but inline each trace would carry every feature again (4x the bytes).
    """
    if isinstance(geo, str):
        return geo
    keep = {str(i) for i in ids}
    return {"type": "FeatureCollection", "features": [f for f in geo.get("features", []) if str(f.get("id")) in keep]}


def province_layer(provinces: GeoJSON, codes: list[str], name: str) -> go.Choropleth:
    """Light grey provinces with dark borders: the map's offline 'basemap'."""
    return go.Choropleth(
        geojson=provinces,
        locations=codes,
        z=[0] * len(codes),
        showscale=False,
        colorscale=[[0, "#F4F4F4"], [1, "#F4F4F4"]],
        name=name,
        showlegend=False,
        marker={"line": {"color": style.OUTLINE, "width": 1.2}},
        hoverinfo="skip",
    )


def place(
    points: Iterable[tuple[str, str, float, float, float]],
    frame: Mercator,
    canvas: Canvas,
    star: AbstractSet[str] = frozenset(),
    area: bool = False,
    max_labels: int | None = None,
    obstacles: Sequence[tuple[float, float, float, float]] = (),
) -> list[Placed]:
    """Names of (key, text, lon, lat, priority) points placed on ``frame`` for ``canvas``.

    District points (``area`` False) get a dot and their name beside it; comuni (``area``) get
    their name over their own area when it fits; keys in ``star`` (the capofila) get a star, a
    bold name 2 px larger, and go first.
    """
    specs = []
    for key, text, lon, lat, priority in points:
        x, y = frame.to_px(lon, lat)
        big = key in star
        marker = STAR_PX if big else (0.0 if area else DOT_PX)
        specs.append(
            LabelSpec(
                key,
                safe_text.plain(text),
                x,
                y,
                canvas.font_px + (2 if big else 0),
                priority,
                marker,
                ON_AREA if area and not big else AROUND,
                bold=big,
            )
        )
    bounds = frame.region_box  # plotly clips names at the lon/lat ranges
    return place_labels(
        specs, frame.width, frame.height, grow=canvas.grow, bounds=bounds, obstacles=obstacles, max_labels=max_labels
    )


def label_traces(
    placed: Sequence[Placed],
    frame: Mercator,
    lonlat: Mapping[str, tuple[float, float]],
    canvas: Canvas,
    area: bool = False,
    clickable: bool = False,
) -> list[go.Scattergeo]:
    """The :data:`LABEL_TRACES` traces that draw ``placed``: leader lines, points with names, far names.

    Always three traces, even empty, so the page's CSS can find a canvas's names by position.
    """
    font = {"color": style.INK, "family": style.FONT_FAMILY, "shadow": HALO}
    name = f"labels-{canvas.name}"

    def text(p: Placed) -> str:
        escaped = safe_text.plotly(p.text)
        return f"<b>{escaped}</b>" if p.bold else escaped

    lines_lon: list[float | None] = []
    lines_lat: list[float | None] = []
    far = [p for p in placed if p.leader]
    for p in far:
        end = frame.to_lonlat(p.anchor_x, p.anchor_y)
        lines_lon += [lonlat[p.key][0], end[0], None]
        lines_lat += [lonlat[p.key][1], end[1], None]
    lines = go.Scattergeo(
        lon=lines_lon or [None],
        lat=lines_lat or [None],
        mode="lines",
        name=name,
        line={"color": style.INK, "width": 1},
        hoverinfo="skip",
        showlegend=False,
    )

    def marker(p: Placed) -> tuple[int, str]:
        if p.bold and area:
            return round(STAR_PX * 2), "star"
        return (0, "circle") if area else (round(DOT_PX * 2), "circle")

    sizes, symbols = zip(*[marker(p) for p in placed]) if placed else ((), ())
    near = go.Scattergeo(
        lon=_or_none([lonlat[p.key][0] for p in placed]),
        lat=_or_none([lonlat[p.key][1] for p in placed]),
        text=["" if p.leader else text(p) for p in placed] or [""],
        mode="markers+text",
        textposition=["middle center" if p.leader else p.position for p in placed] or ["middle center"],
        textfont={**font, "size": [p.size_px for p in placed] or [canvas.font_px]},
        marker={
            "size": list(sizes) or [0],
            "symbol": list(symbols) or ["circle"],
            "color": "#FFFFFF",
            "line": {"color": style.INK, "width": 1.5},
        },
        customdata=[p.key for p in placed] if clickable and placed else None,
        name=name,
        showlegend=False,
        hoverinfo="none" if clickable else "skip",
    )
    ends = [frame.to_lonlat(p.anchor_x, p.anchor_y) for p in far]
    far_trace = go.Scattergeo(
        lon=_or_none([e[0] for e in ends]),
        lat=_or_none([e[1] for e in ends]),
        text=[text(p) for p in far] or [""],
        mode="text",
        textposition=[p.position for p in far] or ["middle center"],
        textfont={**font, "size": [p.size_px for p in far] or [canvas.font_px]},
        customdata=[p.key for p in far] if clickable and far else None,
        name=name,
        showlegend=False,
        hoverinfo="none" if clickable else "skip",
    )
    return [lines, near, far_trace]


def fill_ranges(
    lon: tuple[float, float], lat: tuple[float, float], width: float, height: float
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Lon/lat ranges around the same middle that fill a ``width`` × ``height`` frame at the scale plotly
    fits ``lon``/``lat`` to it (what plotly shows does not change; its clipping box grows to the frame)."""
    frame = Mercator(lon, lat, width, height)
    scale = frame.scale
    clon, clat = (lon[0] + lon[1]) / 2, (lat[0] + lat[1]) / 2
    half_lon = math.degrees(width / scale) / 2
    target = height / scale  # Mercator span (radians) of the frame's height
    lo, hi = 0.0, 89.0 - abs(clat)
    for _ in range(60):  # the half-span in latitude whose Mercator span is ``target`` (middle kept arithmetic)
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if Mercator._y(clat + mid) - Mercator._y(clat - mid) < target else (lo, mid)
    return (clon - half_lon, clon + half_lon), (clat - lo, clat + lo)


def _or_none(values: list[float]) -> list[float | None]:
    """Coordinates of a trace, or one empty point: plotly keeps a trace with no points but draws nothing."""
    out: list[float | None] = [*values]
    return out or [None]


def finish(
    fig: go.Figure,
    points: list[tuple[str, str, float, float, float]],
    extent: tuple[tuple[float, float], tuple[float, float]],
    lang: str,
    presenter: bool,
    canvases: Sequence[Canvas] | None,
    width: int | None,
    height: int,
    legend: str,
    key: MapKey,
    font_px: int = 12,
    max_labels: int | None = None,
    clickable: bool = False,
    star: AbstractSet[str] = frozenset(),
    area: bool = False,
) -> go.Figure:
    """Frame, names and legend of a map (see :func:`~.district_maps.districts_map` for the modes)."""
    lon, lat = extent
    base_layout(fig, lang, presenter)
    fig.update_geos(
        visible=False,
        projection_type="mercator",
        lonaxis_range=list(lon),
        lataxis_range=list(lat),
        bgcolor=style.BACKGROUND,
        showframe=False,
        projection={"minscale": 1, "maxscale": 8},
    )
    fig.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0}, dragmode=False, showlegend=False)
    lonlat = {k: (x, y) for k, _, x, y, _ in points}
    if canvases:  # the map page: no size, names for every viewport class, the legend drawn apart
        # No drag on the map until the reader asks for zoom and pan (the page scrolls over it on a phone).
        # Streamlit turns dragmode=False into 'pan' for a selectable chart; plotly geo attaches no drag
        # behaviour to a 3-D drag mode, and clicks still select.
        fig.update_layout(dragmode=NO_DRAG)
        for canvas in canvases:
            frame = Mercator(lon, lat, canvas.width, canvas.height)
            fig.add_traces(
                label_traces(
                    place(points, frame, canvas, star, area, max_labels), frame, lonlat, canvas, area, clickable
                )
            )
        return fig
    s = style.sizes(presenter)
    geo_w: float | None = width
    wrap = LEFT_LEGEND_CHARS if legend == "left" and width else None
    if wrap and width:
        zone = legend_width(key, s["legend"], wrap)
        fig.update_geos(domain={"x": [zone / width, 1.0], "y": [0.0, 1.0]})
        geo_w = width - zone
        geo_h = float(height)
        fig.update_layout(legend={"orientation": "v", "x": 0.0, "y": 1.0, "xanchor": "left", "yanchor": "top"})
    else:
        zone = legend_height(key, s["legend"])
        geo_h = height - zone
        fig.update_geos(domain={"x": [0.0, 1.0], "y": [zone / height, 1.0]})
        fig.update_layout(
            legend={"orientation": "v", "x": 0.0, "y": zone / height, "xanchor": "left", "yanchor": "top"}
        )
    if geo_w is None:  # any width from the map's own up: place the names for the narrowest
        geo_w = math.ceil(Mercator(lon, lat, 10_000, geo_h).drawn_size[0])
    else:  # plotly clips names at the lon/lat ranges: widen them to the picture, so names may use all of it
        lon, lat = fill_ranges(lon, lat, geo_w, geo_h)
        fig.update_geos(lonaxis_range=list(lon), lataxis_range=list(lat))
    canvas = Canvas("picture", int(geo_w), int(geo_h), font_px, grow=width is None)
    frame = Mercator(lon, lat, canvas.width, canvas.height)
    fig.add_traces(
        label_traces(place(points, frame, canvas, star, area, max_labels), frame, lonlat, canvas, area, clickable)
    )
    fig.add_traces(key_traces(key, s["legend"], geo=True, max_chars=wrap))
    if key.scale:
        for tr in fig.data:
            if tr.type == "choropleth" and len(tr.colorscale or ()) > 2:
                tr.update(
                    showscale=True,
                    colorbar=colorbar(key.scale, s["legend"], legend != "left"),
                    zmin=key.scale.low,
                    zmax=key.scale.high,
                )
    fig.update_layout(
        showlegend=True,
        height=height,
        legend={
            "bgcolor": "rgba(255,255,255,0)",
            "borderwidth": 0,
            "font": {"size": s["legend"]},
            "itemclick": False,
            "itemdoubleclick": False,
        },
    )
    if width:
        fig.update_layout(width=width)
    return fig


def _label_points(fig: go.Figure) -> tuple[list[tuple[str, str, float, float, float]], set[str], bool, bool]:
    """The names a finished picture shows, most important first, read back from its label traces:
    (points, capofila keys, area names?, clickable?)."""
    traces = [tr for tr in fig.data if str(tr.name or "").startswith("labels-")]
    near = next((tr for tr in traces if tr.mode == "markers+text"), None)
    far = next((tr for tr in traces if tr.mode == "text"), None)
    if near is None or not near.lon or near.lon[0] is None:
        return [], set(), False, False
    far_texts = iter(list(far.text or []) if far is not None else [])
    keys = list(near.customdata) if near.customdata is not None else [str(i) for i in range(len(near.lon))]
    sizes = list(near.marker.size) if isinstance(near.marker.size, (list, tuple)) else [near.marker.size] * len(keys)
    symbols = (
        list(near.marker.symbol) if isinstance(near.marker.symbol, (list, tuple)) else [near.marker.symbol] * len(keys)
    )
    points, star = [], set()
    for i, (key, lon, lat, text) in enumerate(zip(keys, near.lon, near.lat, near.text)):
        raw = text or next(far_texts, "")
        bold = raw.startswith("<b>")
        name = html.unescape(raw.removeprefix("<b>").removesuffix("</b>"))
        if bold:
            star.add(str(key))
        points.append((str(key), name, float(lon), float(lat), float(len(keys) - i)))
    area = all((sz or 0) == 0 for sz, sym in zip(sizes, symbols) if sym != "star")
    return points, star, area, near.customdata is not None


def refit(fig: go.Figure, width: int, geo_height: int, font_px: int) -> go.Figure:
    """A finished map picture (legend under the map) redrawn ``width`` px wide with a map ``geo_height`` px
    tall: the legend keeps its height, the names it showed are placed again for the new size (fewer may fit).

    For the static embeds, which lay one figure out for several widths (:mod:`district_stats.content.figures.fixed_width`).
    """
    if not fig.layout.geo.lonaxis.range or not fig.layout.geo.lataxis.range:
        return fig.update_layout(width=width)  # not a map picture of this module: nothing to place again
    points, star, area, clickable = _label_points(fig)
    zone_px = (fig.layout.height or 0) * (fig.layout.geo.domain.y[0] or 0) if fig.layout.geo.domain.y else 0.0
    height = math.ceil(geo_height + zone_px)
    keep = [tr for tr in fig.data if not str(tr.name or "").startswith("labels-")]
    out = go.Figure(layout=fig.layout)
    lon = tuple(fig.layout.geo.lonaxis.range)
    lat = tuple(fig.layout.geo.lataxis.range)
    lon, lat = fill_ranges(lon, lat, width, geo_height)
    out.update_geos(
        lonaxis_range=list(lon), lataxis_range=list(lat), domain={"x": [0.0, 1.0], "y": [zone_px / height, 1.0]}
    )
    out.update_layout(width=width, height=height, legend={"y": zone_px / height})
    canvas = Canvas("picture", width, geo_height, font_px, grow=False)
    frame = Mercator(lon, lat, width, geo_height)
    lonlat = {k: (x, y) for k, _, x, y, _ in points}
    labels = label_traces(place(points, frame, canvas, star, area), frame, lonlat, canvas, area, clickable)
    # The same order as finish(): the map's layers, the names, then the legend-only traces.
    maps_ = [tr for tr in keep if tr.type == "choropleth"]
    rest = [tr for tr in keep if tr.type != "choropleth"]
    out.add_traces(maps_ + labels + rest)
    return out
