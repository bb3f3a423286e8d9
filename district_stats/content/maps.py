"""Map builders: plotly SVG geo (the map page) and a pydeck inset (district profiles).

Geometry is referenced by URL (``geojson`` is a string: the app's static files), so
a rerun that only changes colours re-sends a few KB, not the boundaries; pass the
GeoJSON dict instead to embed it (static image export). No basemap tiles anywhere:
the provinces of Piemonte are the background, so maps work offline.

Measured on this machine class (see bench/README): plotly SVG geo settles at about
2x an empty page, a WebGL deck at about 3x, so the main map is plotly and pydeck is
used only for the small profile inset.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from district_stats.content import fmt, safe_text, style, wording
from district_stats.content.charts import base_layout
from district_stats.content.i18n import t

# Piemonte's extent (lon, lat) with a margin: the default view of every map.
REGION_LON = (6.55, 9.30)
REGION_LAT = (43.98, 46.50)
GeoJSON = str | Mapping


def _geo_layout(fig: go.Figure, lon: tuple[float, float], lat: tuple[float, float], lang: str, presenter: bool,
                height: int) -> go.Figure:
    fig.update_geos(visible=False, projection_type="mercator", lonaxis_range=list(lon), lataxis_range=list(lat),
                    bgcolor=style.BACKGROUND, showframe=False)
    base_layout(fig, lang, presenter, height)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 30, "b": 0}, dragmode=False,
                      legend={"orientation": "v", "x": 0.0, "y": 1.0, "yanchor": "top", "bgcolor": "rgba(255,255,255,0.85)",
                              "bordercolor": style.OUTLINE, "borderwidth": 1})
    return fig


def only(geo: GeoJSON, ids: object) -> GeoJSON:
    """The features of ``geo`` whose id is in ``ids``, when the GeoJSON is inline (a URL is returned as is).

    A map draws one trace per class (type, inside/outside) over the same boundaries: by URL the browser
    fetches them once, but inline each trace would carry every feature again (4x the bytes).
    """
    if isinstance(geo, str):
        return geo
    keep = {str(i) for i in ids}  # type: ignore[attr-defined]
    return {"type": "FeatureCollection", "features": [f for f in geo.get("features", []) if str(f.get("id")) in keep]}


def province_layer(provinces: GeoJSON, codes: list[str], name: str) -> go.Choropleth:
    """Light grey provinces with dark borders: the map's offline 'basemap'."""
    return go.Choropleth(geojson=provinces, locations=codes, z=[0] * len(codes), showscale=False,
                         colorscale=[[0, "#F4F4F4"], [1, "#F4F4F4"]], name=name, showlegend=False,
                         marker={"line": {"color": style.OUTLINE, "width": 1.2}}, hoverinfo="skip")


def _labels(points: pd.DataFrame, text_col: str, size: int, name: str, custom: list[str]) -> go.Scattergeo:
    return go.Scattergeo(lon=points["label_lon"], lat=points["label_lat"], text=safe_text.plotly_all(points[text_col]),
                         customdata=custom, mode="markers+text", textposition="top center",
                         textfont={"size": size, "color": style.INK, "family": style.FONT_FAMILY},
                         marker={"size": 7, "color": "#FFFFFF", "line": {"color": style.INK, "width": 1.5}},
                         name=name, showlegend=False, hovertemplate="%{text}<extra></extra>")


def districts_map(table: pd.DataFrame, districts_geo: GeoJSON, provinces_geo: GeoJSON, province_codes: list[str],
                  color_by: str = "type", lang: str = "it", presenter: bool = False, n_labels: int = 12,
                  selected: str | None = None, extent: tuple[tuple[float, float], tuple[float, float]] | None = None,
                  height: int = 640) -> go.Figure:
    """Level 1: dissolved district polygons coloured by type or by traced strategic funding.

    ``table`` is the district table (only districts with a label point are drawn);
    districts with partial member lists get a thick black outline, explained in the
    legend. Polygons and label points are clickable (customdata starts with the
    district_id); the biggest ``n_labels`` districts by population are labelled by name.
    """
    s = style.sizes(presenter)
    mapped = table[table["label_lon"].notna()].copy()
    fig = go.Figure(province_layer(provinces_geo, province_codes, "province"))
    partial = mapped["members_status"] != "complete"
    width = [3.0 if p else 0.8 for p in partial]
    hover = "<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>"
    if color_by == "funding":
        # Three things, each with its own legend entry: an amount found (blue scale), no amount found
        # (sand: unknown, not zero) and a listing not renewed in 2025 (light grey, as on the type map).
        gone = mapped["active_status"] == "not_renewed"
        found = mapped["strategic_eur"].notna() & ~gone
        for sel, color, name in ((gone, style.TYPE_COLORS["not_renewed"], t("not_renewed", lang)),
                                 (~found & ~gone, style.NOT_FOUND, t("map_no_amount", lang))):
            part = mapped[sel]
            if part.empty:
                continue
            fig.add_trace(go.Choropleth(
                geojson=only(districts_geo, part["district_id"]), locations=part["district_id"], z=[0] * len(part),
                showscale=False, colorscale=[[0, color], [1, color]], name=f"{name} ({len(part)})", showlegend=True,
                marker={"line": {"color": style.OUTLINE, "width": [w for w, n in zip(width, sel) if n]}},
                customdata=_custom(part, lang), hovertemplate=hover))
        some = mapped[found]
        fig.add_trace(go.Choropleth(
            geojson=only(districts_geo, some["district_id"]), locations=some["district_id"], z=some["strategic_eur"] / 1e6,
            colorscale=[list(c) for c in style.SEQUENTIAL], marker={"line": {"color": style.OUTLINE,
                                                                             "width": [w for w, n in zip(width, found) if n]}},
            colorbar={"title": {"text": t("map_scale_title", lang)},
                      "tickfont": {"size": s["tick"]}, "len": 0.5, "x": 1.0, "y": 0.25},
            customdata=_custom(some, lang), hovertemplate=hover, name=f"{t('map_amount_found', lang)} ({len(some)})",
            showlegend=False))
    else:
        for kind in ("urbano", "diffuso", "unknown", "not_renewed"):
            sel = mapped["active_status"] == "not_renewed" if kind == "not_renewed" else (
                (mapped["district_type"] == kind) & (mapped["active_status"] != "not_renewed"))
            part = mapped[sel]
            if part.empty:
                continue
            fig.add_trace(go.Choropleth(
                geojson=only(districts_geo, part["district_id"]), locations=part["district_id"], z=[1] * len(part), showscale=False,
                colorscale=[[0, style.TYPE_COLORS[kind]], [1, style.TYPE_COLORS[kind]]],
                marker={"line": {"color": style.OUTLINE, "width": [w for w, p in zip(width, sel) if p]}},
                name=f"{t(kind, lang)} ({len(part)})", showlegend=True, customdata=_custom(part, lang),
                hovertemplate=hover))
    # Legend-only entry that explains the thick outline (a line sample, no data).
    fig.add_trace(go.Scattergeo(lon=[None], lat=[None], mode="lines", line={"color": style.BLACK, "width": 4},
                                name=t("legend_partial", lang), showlegend=True))
    # Bigger projector labels need more room between them.
    gap = (0.5, 0.28) if presenter else (0.22, 0.13)
    top = declutter(mapped.sort_values("population", ascending=False), n_labels, *gap)
    if selected and selected in set(mapped["district_id"]) and selected not in set(top["district_id"]):
        top = pd.concat([top, mapped[mapped["district_id"] == selected]])
    fig.add_trace(_labels(top, "short_name", s["map_label"], "labels", list(top["district_id"])))
    lon, lat = extent if extent else (REGION_LON, REGION_LAT)
    return _geo_layout(fig, lon, lat, lang, presenter, height)


def declutter(points: pd.DataFrame, n: int, min_lon: float = 0.22, min_lat: float = 0.13) -> pd.DataFrame:
    """The first ``n`` rows of ``points`` whose label points are not too close to an earlier one.

    Greedy, in the frame's order (callers sort by importance), so the biggest districts
    keep their labels and crowded areas (around Torino) do not turn into a smudge.
    """
    kept: list[int] = []
    for idx, r in points.iterrows():
        if len(kept) >= n:
            break
        if all(abs(r["label_lon"] - points.at[k, "label_lon"]) >= min_lon or
               abs(r["label_lat"] - points.at[k, "label_lat"]) >= min_lat for k in kept):
            kept.append(idx)
    return points.loc[kept]


def _custom(part: pd.DataFrame, lang: str) -> list[list[str]]:
    rows = []
    for _, r in part.iterrows():
        detail = " · ".join([t(r["district_type"], lang), *wording.status_lines(r, lang)])
        rows.append([r["district_id"], safe_text.plotly(r["short_name"]), safe_text.plotly(detail)])
    return rows


def members_map(members: pd.DataFrame, comuni: pd.DataFrame, members_geo: GeoJSON, provinces_geo: GeoJSON,
                province_codes: list[str], extent: tuple[tuple[float, float], tuple[float, float]],
                lang: str = "it", presenter: bool = False, height: int = 640) -> go.Figure:
    """Level 2: the member comuni of one district, capofila marked with a star and its name.

    ``members`` is :func:`district_stats.analysis.stats.district_members_view` output (current
    members only are drawn); ``comuni`` supplies label points.
    """
    s = style.sizes(presenter)
    cur = members[members["role"] != "former_member"].merge(
        comuni[["istat_code", "label_lon", "label_lat"]], on="istat_code", how="left")
    fig = go.Figure(province_layer(provinces_geo, province_codes, "province"))
    for role, color in (("capofila", style.VERMILION), ("member", style.BLUE)):
        part = cur[cur["role"] == role]
        if part.empty:
            continue
        fig.add_trace(go.Choropleth(
            geojson=only(members_geo, part["istat_code"]), locations=part["istat_code"], z=[1] * len(part), showscale=False,
            colorscale=[[0, color], [1, color]], marker={"line": {"color": "#FFFFFF", "width": 1.5}},
            name=f"{t(role, lang)} ({len(part)})", customdata=safe_text.plotly_all(part["comune_name"]),
            hovertemplate="%{customdata}<extra></extra>"))
    cap = cur[cur["role"] == "capofila"]
    if not cap.empty:
        fig.add_trace(go.Scattergeo(lon=cap["label_lon"], lat=cap["label_lat"], text=safe_text.plotly_all(cap["comune_name"]),
                                    mode="markers+text", textposition="top center", showlegend=False,
                                    marker={"symbol": "star", "size": 16, "color": "#FFFFFF",
                                            "line": {"color": style.INK, "width": 2}},
                                    textfont={"size": s["map_label"] + 2, "color": style.INK}, hoverinfo="skip"))
    others = cur[cur["role"] == "member"]
    if 0 < len(others) <= (12 if presenter else 30):  # names only where they can be read
        # White on the blue fill: 5.2:1 contrast.
        fig.add_trace(go.Scattergeo(lon=others["label_lon"], lat=others["label_lat"],
                                    text=safe_text.plotly_all(others["comune_name"]),
                                    mode="text", textposition="middle center", showlegend=False, hoverinfo="skip",
                                    textfont={"size": s["map_label"], "color": "#FFFFFF"}))
    return _geo_layout(fig, extent[0], extent[1], lang, presenter, height)


def members_figure(ds: Mapping[str, pd.DataFrame], district_id: str, members_geo: GeoJSON, provinces_geo: GeoJSON,
                   lang: str = "it", presenter: bool = False, height: int = 640) -> go.Figure | None:
    """Level 2 for one district, assembled from the dataset (members, comuni, district extent).

    ``ds`` maps table names to frames (a :class:`~district_stats.data.loading.Dataset` works).
    Returns None when the district has no mapped comune (no extent to frame).
    """
    from district_stats.analysis.stats import district_members_view
    from district_stats.data.schema import PROVINCES

    geo_row = ds["district_geo"][ds["district_geo"]["district_id"] == district_id]
    if geo_row.empty:
        return None
    members = district_members_view(district_id, ds["district_members"], ds["comuni"])
    return members_map(members, ds["comuni"], members_geo, provinces_geo, list(PROVINCES), extent_of(geo_row.iloc[0]),
                       lang, presenter=presenter, height=height)


def inside_outside_map(comuni: pd.DataFrame, covered: set[str], comuni_geo: GeoJSON, lang: str = "it",
                       presenter: bool = False, height: int = 640) -> go.Figure:
    """All comuni of Piemonte: inside an active district (blue) or not (light, outlined)."""
    fig = go.Figure()
    inside = comuni["istat_code"].isin(covered)
    for flag, key in ((True, "lbl_inside"), (False, "lbl_outside")):
        part = comuni[inside == flag]
        fig.add_trace(go.Choropleth(
            geojson=only(comuni_geo, part["istat_code"]), locations=part["istat_code"], z=[1] * len(part), showscale=False,
            colorscale=[[0, style.INSIDE_COLORS[flag]], [1, style.INSIDE_COLORS[flag]]],
            marker={"line": {"color": "#FFFFFF" if flag else "#9A9A9A", "width": 0.4}},
            name=f"{t(key, lang)} ({fmt.num(len(part), lang)})", customdata=safe_text.plotly_all(part["comune_name"]),
            showlegend=True, hovertemplate="%{customdata}<extra></extra>"))
    return _geo_layout(fig, REGION_LON, REGION_LAT, lang, presenter, height)


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

    The capofila is filled vermilion, other members blue; white borders. ``map_provider``
    is None so nothing is fetched from the internet.
    """
    feats = []
    for f in members_geojson.get("features", []):
        fid = str(f.get("id"))
        color = [213, 94, 0, 230] if fid == capofila_code else [0, 114, 178, 220]
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
    import math

    return math.log2(max(x, 1e-6))


def load_geojson(path: str) -> dict:
    """Read a GeoJSON file (for inline use by images and the inset)."""
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)
