"""The small map of a district profile: a pydeck deck of the district's comuni, the capofila darker.

Measured on this machine class (see bench/README): plotly SVG geo settles at about 2x an empty page, a WebGL
deck at about 3x, so the main maps are plotly (:mod:`~district_stats.content.figures.district_maps`,
:mod:`~district_stats.content.figures.comuni_maps`) and pydeck is used only for this inset.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pydeck as pdk


def inset_deck(
    members_geojson: Mapping,
    capofila_code: str | None,
    extent: tuple[tuple[float, float], tuple[float, float]],
    tooltip: bool = True,
) -> pdk.Deck:
    """Small pydeck map of one district's comuni (data inline: a few KB), no basemap.

    The capofila is filled dark blue, other members blue; white borders. ``map_provider``
    is None so nothing is fetched from the internet.
    """
    feats = []
    for f in members_geojson.get("features", []):
        fid = str(f.get("id"))
        color = [8, 48, 107, 240] if fid == capofila_code else [0, 114, 178, 220]  # not the map's 'diffuso' orange
        feats.append(
            {"type": "Feature", "id": fid, "geometry": f["geometry"], "properties": {"istat_code": fid, "fill": color}}
        )
    data = {"type": "FeatureCollection", "features": feats}
    lon = (extent[0][0] + extent[0][1]) / 2
    lat = (extent[1][0] + extent[1][1]) / 2
    span = max(extent[0][1] - extent[0][0], 0.05)
    # Web-mercator: 2**zoom * 512 px span 360 degrees; fit the extent into ~420 px.
    zoom = max(6.0, min(12.0, _log2(420 * 360 / (512 * span))))
    layer = pdk.Layer(
        "GeoJsonLayer",
        data=data,
        pickable=tooltip,
        stroked=True,
        filled=True,
        get_fill_color="properties.fill",
        get_line_color=[255, 255, 255],
        line_width_min_pixels=1,
    )
    # map_provider=None with pydeck's default map_style sentinel: Streamlit then draws no basemap. (An explicit
    # map_style=None would make Streamlit fall back to its own Carto basemap, fetched from the internet.)
    return pdk.Deck(
        layers=[layer],
        initial_view_state=pdk.ViewState(longitude=lon, latitude=lat, zoom=zoom),
        map_provider=None,
        tooltip={"text": "{istat_code}"} if tooltip else False,
    )


def _log2(x: float) -> float:
    return math.log2(max(x, 1e-6))
