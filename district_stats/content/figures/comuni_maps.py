"""Maps of comuni: one district's member comuni over the comuni around it (level 2),
and every comune of Piemonte inside or outside a district.

Geometry and names as in :mod:`~district_stats.content.figures.district_maps` (by URL or inline, no basemap,
names placed for each canvas).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import pandas as pd
import plotly.graph_objects as go

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
from district_stats.content.figures.map_key import KeyEntry, MapKey
from district_stats.content.text import fmt, safe_text
from district_stats.content.text.i18n import t
from district_stats.data.schema import PROVINCES


class Tables(Protocol):
    """Tables by name: a :class:`~district_stats.data.loading.Dataset` or a plain mapping of frames."""

    def __getitem__(self, name: str) -> pd.DataFrame:
        """The table ``name``."""
        ...


def members_key(lang: str = "it", context: bool = True) -> MapKey:
    """The legend of :func:`members_map`: the district's comuni, its capofila (a star), the comuni around."""
    entries = [
        KeyEntry(t("map_key_member", lang), style.BLUE),
        KeyEntry(t("map_key_capofila", lang), style.BLUE, kind="star"),
    ]
    if context:
        entries.append(KeyEntry(t("map_key_context", lang), CONTEXT_FILL))
    return MapKey(tuple(entries))


def members_map(
    members: pd.DataFrame,
    comuni: pd.DataFrame,
    members_geo: GeoJSON,
    provinces_geo: GeoJSON | None,
    province_codes: list[str],
    extent: tuple[tuple[float, float], tuple[float, float]],
    lang: str = "it",
    presenter: bool = False,
    height: int = 640,
    width: int | None = None,
    context_geo: GeoJSON | None = None,
    canvases: Sequence[Canvas] | None = None,
    legend: str = "below",
) -> go.Figure:
    """Level 2: the member comuni of one district over the comuni around it, capofila marked by a star.

    ``members`` is :func:`district_stats.analysis.stats.district_members_view` output (current
    members only are drawn); ``comuni`` supplies label points and residents. With
    ``context_geo`` (all comuni) the neighbouring comuni are drawn in a neutral grey with
    white borders (names on hover) instead of the provinces, so nothing frames the map.
    The capofila has the members' fill: it is told apart by its star and its bold name.
    Sizes and legend as in :func:`districts_map`.
    """
    s = style.sizes(presenter)
    cur = (
        members[members["role"] != "former_member"]
        .drop(columns=["population"], errors="ignore")
        .merge(comuni[["istat_code", "label_lon", "label_lat", "population"]], on="istat_code", how="left")
    )
    fig = go.Figure()
    if context_geo is not None:
        # Every comune whose label point lies within twice the extent: the frame is filled to its edges
        # whatever the picture's shape (up to 2:1), and no clipped outline draws a frame around the map.
        (lo0, lo1), (la0, la1) = extent
        wide, tall = (lo1 - lo0) / 2 + 0.1, (la1 - la0) / 2 + 0.07
        near = comuni[
            comuni["label_lon"].between(lo0 - wide, lo1 + wide)
            & comuni["label_lat"].between(la0 - tall, la1 + tall)
            & ~comuni["istat_code"].isin(cur["istat_code"])
        ]
        add_layer(
            fig,
            go.Choropleth(
                geojson=only(context_geo, near["istat_code"]),
                locations=near["istat_code"],
                z=[0] * len(near),
                showscale=False,
                colorscale=[[0, CONTEXT_FILL], [1, CONTEXT_FILL]],
                name="context",
                showlegend=False,
                marker={"line": {"color": "#FFFFFF", "width": 1.0}},
                customdata=[
                    [safe_text.plotly(n), t("map_hover_outside", lang, pop=fmt.num(p, lang))]
                    for n, p in zip(near["comune_name"], near["population"])
                ],
                hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
            ),
        )
    elif provinces_geo is not None:
        add_layer(fig, province_layer(provinces_geo, province_codes, "province"))
    if not cur.empty:
        add_layer(
            fig,
            go.Choropleth(
                geojson=only(members_geo, cur["istat_code"]),
                locations=cur["istat_code"],
                z=[1] * len(cur),
                showscale=False,
                colorscale=[[0, style.BLUE], [1, style.BLUE]],
                name="members",
                showlegend=False,
                marker={"line": {"color": "#FFFFFF", "width": 1.5}},
                customdata=[
                    [safe_text.plotly(n), t("map_hover_member", lang, pop=fmt.num(p, lang), role=t(r, lang))]
                    for n, p, r in zip(cur["comune_name"], cur["population"], cur["role"])
                ],
                hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
            ),
        )
    lab = cur[cur["label_lon"].notna()]
    capofila = set(lab.loc[lab["role"] == "capofila", "istat_code"])
    points = [
        (str(c), str(n), float(x), float(y), float(0 if pd.isna(p) else p) + (1e12 if c in capofila else 0))
        for c, n, x, y, p in zip(
            lab["istat_code"], lab["comune_name"], lab["label_lon"], lab["label_lat"], lab["population"]
        )
    ]
    return finish(
        fig,
        points,
        extent,
        lang,
        presenter,
        canvases,
        width,
        height,
        legend,
        members_key(lang, context_geo is not None),
        font_px=s["map_label"],
        star=capofila,
        area=True,
    )


def members_figure(
    ds: Tables,
    district_id: str,
    members_geo: GeoJSON,
    provinces_geo: GeoJSON | None,
    lang: str = "it",
    presenter: bool = False,
    height: int = 640,
    width: int | None = None,
    context_geo: GeoJSON | None = None,
    canvases: Sequence[Canvas] | None = None,
    legend: str = "below",
) -> go.Figure | None:
    """Level 2 for one district, assembled from the dataset (members, comuni, district extent).

    ``ds`` maps table names to frames (a :class:`~district_stats.data.loading.Dataset` works).
    Returns None when the district has no mapped comune (no extent to frame).
    """
    geo_row = ds["district_geo"][ds["district_geo"]["district_id"] == district_id]
    if geo_row.empty:
        return None
    members = district_members_view(district_id, ds["district_members"], ds["comuni"])
    return members_map(
        members,
        ds["comuni"],
        members_geo,
        provinces_geo,
        list(PROVINCES),
        extent_of(geo_row.iloc[0]),
        lang,
        presenter=presenter,
        height=height,
        width=width,
        context_geo=context_geo,
        canvases=canvases,
        legend=legend,
    )


def inside_key(comuni: pd.DataFrame, covered: set[str], lang: str = "it") -> MapKey:
    """The legend of :func:`inside_outside_map`."""
    n_in = int(comuni["istat_code"].isin(covered).sum())
    return MapKey(
        (
            KeyEntry(f"{t('lbl_inside', lang)} ({fmt.num(n_in, lang)})", style.INSIDE_COLORS[True]),
            KeyEntry(
                f"{t('lbl_outside', lang)} ({fmt.num(len(comuni) - n_in, lang)})",
                style.INSIDE_COLORS[False],
                outline="#9A9A9A",
            ),
        )
    )


def inside_outside_map(
    comuni: pd.DataFrame,
    covered: set[str],
    comuni_geo: GeoJSON,
    lang: str = "it",
    presenter: bool = False,
    height: int = 640,
    width: int | None = None,
    canvases: Sequence[Canvas] | None = None,
    legend: str = "below",
) -> go.Figure:
    """All comuni of Piemonte: inside an active district (blue) or not (light, outlined); no names."""
    fig = go.Figure()
    inside = comuni["istat_code"].isin(covered)
    for flag, key in ((True, "lbl_inside"), (False, "lbl_outside")):
        part = comuni[inside == flag]
        add_layer(
            fig,
            go.Choropleth(
                geojson=only(comuni_geo, part["istat_code"]),
                locations=part["istat_code"],
                z=[1] * len(part),
                showscale=False,
                colorscale=[[0, style.INSIDE_COLORS[flag]], [1, style.INSIDE_COLORS[flag]]],
                marker={"line": {"color": "#FFFFFF" if flag else "#9A9A9A", "width": 0.4}},
                name=f"{t(key, lang)} ({fmt.num(len(part), lang)})",
                customdata=safe_text.plotly_all(part["comune_name"]),
                showlegend=False,
                hovertemplate="%{customdata}<extra></extra>",
            ),
        )
    return finish(
        fig,
        [],
        (REGION_LON, REGION_LAT),
        lang,
        presenter,
        canvases,
        width,
        height,
        legend,
        inside_key(comuni, covered, lang),
    )


def extent_of(row: pd.Series, pad: float = 0.08) -> tuple[tuple[float, float], tuple[float, float]]:
    """(lon range, lat range) of a district_geo row, padded and kept roughly square."""
    lon = (row["min_lon"], row["max_lon"])
    lat = (row["min_lat"], row["max_lat"])
    span = max(lon[1] - lon[0], (lat[1] - lat[0]) * 1.4, 0.12)
    clon, clat = (lon[0] + lon[1]) / 2, (lat[0] + lat[1]) / 2
    half_lon = span / 2 + pad
    half_lat = span / 2 / 1.4 + pad * 0.7
    return (clon - half_lon, clon + half_lon), (clat - half_lat, clat + half_lat)
