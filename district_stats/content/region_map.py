"""The map page's map and everything shown with it, from one choice of the controls.

A :class:`MapChoice` (colouring, province, type, the district clicked) decides once which map is
drawn: the districts of the region (by type or by funding), every comune inside or outside a
district, or one district's comuni. :func:`region_map` builds that map's figure, its legend, its
one-sentence summary and the note on its colours together, so they always describe the same map.
The geometry is handed in (a URL of the web mirror or the GeoJSON itself, see
:func:`district_stats.content.figures.district_maps.districts_map`); the province extents come from
:func:`district_stats.geo.geojson.extents`, computed once per data version by the caller.

:func:`map_chart` is the region map as a chart of the catalogue (the static embed and the
interactive embed view).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd
import plotly.graph_objects as go

from district_stats.analysis import counts, filters, stats
from district_stats.analysis.views import Views
from district_stats.content.catalog import ACTS, ChartOutput, source_line
from district_stats.content.chart_tables import province_label
from district_stats.content.figures import comuni_maps, district_maps
from district_stats.content.figures.map_frame import PAGE_CANVASES, GeoJSON
from district_stats.content.figures.map_key import MapKey, key_html
from district_stats.content.figures.mercator import Mercator
from district_stats.content.text import summaries
from district_stats.content.text.i18n import t
from district_stats.data.schema import PROVINCES
from district_stats.geo.geojson import Extent

#: Colourings of the map page (URL values of ``metrica``): district type, traced funding, comuni inside.
METRICS = ("tipo", "fondi", "comuni")
#: The derived geometry whose extents zoom the map to a province.
PROVINCES_GEO = "provinces.geojson"
#: Columns of the table under the map (and of its download).
TABLE_COLUMNS = [
    "short_name",
    "district_type",
    "province_code",
    "capofila_ente",
    "n_comuni_mapped",
    "n_comuni_reported",
    "members_status",
    "active_status",
    "population",
    "strategic_eur",
    "allocated_eur",
    "allocated_approximate",
    "business_calls_eur",
    "confidence",
    "district_id",
]
#: Columns of the region map's table as a chart (static embed).
CHART_COLUMNS = [
    "short_name",
    "district_type",
    "province_code",
    "n_comuni_mapped",
    "members_status",
    "active_status",
    "population",
    "strategic_eur",
]


@dataclass(frozen=True)
class MapChoice:
    """What the controls ask for. ``drill`` is the district whose comuni are drawn ('' for a region map: it
    is set only for a district with mapped comuni); ``selected`` the district picked (its name first)."""

    metric: str = "tipo"
    prov: str = ""
    tipo: str = ""
    drill: str = ""
    selected: str = ""
    zoom: bool = False

    @property
    def kind(self) -> str:
        """'members' (one district's comuni), 'inside' (comuni inside or outside) or 'districts'."""
        if self.drill:
            return "members"
        return "inside" if self.metric == "comuni" else "districts"

    @property
    def color_by(self) -> str:
        """How a districts map is coloured: 'funding' or 'type'."""
        return "funding" if self.metric == "fondi" else "type"


def choice(
    views: Views, metric: str, prov: str = "", tipo: str = "", district: str = "", zoom: bool = False
) -> MapChoice:
    """The map for the controls' values: ``district`` drills down only when it has comuni on the map."""
    row = views.district(district) if district else None
    mapped = row is not None and row["n_comuni_mapped"] > 0
    return MapChoice(metric if metric in METRICS else "tipo", prov, tipo, district if mapped else "", district, zoom)


def geo_files(c: MapChoice) -> tuple[str, ...]:
    """The derived geometry files (under ``derived/geo/``) the map of ``c`` draws, in the order
    :func:`region_map` reads them."""
    if c.kind == "members":
        return f"districts/{c.drill}.geojson", "comuni.geojson"
    if c.kind == "inside":
        return ("comuni.geojson",)
    return "districts_overview.geojson", "provinces_overview.geojson"


@dataclass(frozen=True)
class RegionMap:
    """A map ready to show: ``figure`` (None when a geometry file is unavailable: the page says so, the
    card and the table still work), its legend as escaped HTML, its summary and the note on its colours
    (plain text)."""

    figure: go.Figure | None
    key_html: str
    summary: str
    legend_note: str
    choice: MapChoice


def summary(views: Views, lang: str = "it", prov: str = "", tipo: str = "") -> str:
    """What the region map of the districts in ``prov`` of type ``tipo`` draws and how complete it is (one
    sentence with the counts of its legend, :func:`~district_stats.analysis.counts.map_counts`)."""
    table = filters.districts_in(views.districts, prov, tipo)
    comuni = views.ds["comuni"]
    n_all = int((comuni["province_code"] == prov).sum()) if prov else views.coverage.n_comuni  # the province's
    return summaries.map_summary(counts.map_counts(table), n_all, lang)


def _covered(views: Views) -> set[str]:
    return set(stats.current_members(views.ds["district_members"], views.ds["districts"])["istat_code"])


def _figure(
    views: Views, c: MapChoice, geo: list[GeoJSON], extents: Mapping[str, Extent], lang: str
) -> go.Figure | None:
    if c.kind == "members":
        fig = comuni_maps.members_figure(
            views.ds, c.drill, geo[0], None, lang, context_geo=geo[1], canvases=PAGE_CANVASES
        )
    elif c.kind == "inside":
        fig = comuni_maps.inside_outside_map(views.ds["comuni"], _covered(views), geo[0], lang, canvases=PAGE_CANVASES)
    else:
        fig = district_maps.districts_map(
            filters.districts_in(views.districts, c.prov, c.tipo),
            geo[0],
            geo[1],
            list(PROVINCES),
            c.color_by,
            lang,
            selected=c.selected or None,
            extent=extents.get(c.prov),
            rounds_of=views.district_rounds,
            canvases=PAGE_CANVASES,
        )
    if fig is not None and c.zoom:
        fig.update_layout(dragmode="pan")
    return fig


def _key(views: Views, c: MapChoice, lang: str) -> MapKey:
    if c.kind == "members":
        return comuni_maps.members_key(lang)
    if c.kind == "inside":
        return comuni_maps.inside_key(views.ds["comuni"], _covered(views), lang)
    return district_maps.district_key(filters.districts_in(views.districts, c.prov, c.tipo), c.color_by, lang)


def region_map(
    views: Views, c: MapChoice, geo: Mapping[str, GeoJSON | None], extents: Mapping[str, Extent], lang: str = "it"
) -> RegionMap:
    """The map of ``c`` with its legend, summary and colour note.

    ``geo`` maps each of :func:`geo_files` to a URL or the GeoJSON (None when unavailable); ``extents``
    are the provinces' bounding boxes by code. Returns a figure the callers must not mutate (it is shared).
    """
    refs = [geo.get(name) for name in geo_files(c)]
    found = [r for r in refs if r is not None]
    fig = _figure(views, c, found, extents, lang) if len(found) == len(refs) else None
    note = (
        "map_legend_note_drill"
        if c.kind == "members"
        else "map_legend_note_funding"
        if c.metric == "fondi"
        else "map_legend_note"
    )
    return RegionMap(
        fig,
        key_html(_key(views, c, lang), lang) if fig is not None else "",
        summary(views, lang, c.prov, c.tipo),
        t(note, lang),
        c,
    )


#: The published pictures of the page's first map: one per canvas of the page, for the screens of its viewport
#: class (the media queries of app/mapview.py's CSS, which shows that class's names on the live map).
PICTURES = tuple(c.name for c in PAGE_CANVASES)
#: The screens each picture is for (``"wide"``: a district's comuni on a computer).
MEDIA = {
    "phone": "(max-width: 640px)",
    "medium": "(min-width: 641px) and (max-width: 1279px)",
    "large": "(min-width: 1280px) and (max-width: 1599px), (min-width: 1600px) and (max-height: 999px)",
    "xlarge": "(min-width: 1600px) and (min-height: 1000px)",
    "wide": "(min-width: 641px)",
}


def published_view(c: MapChoice) -> bool:
    """True for the map the page opens with (districts by type, the whole region, nothing picked): the one
    published as pictures (:func:`page_pictures`); the zoom switch does not change what it shows."""
    return replace(c, zoom=False) == MapChoice()


def picture_id(canvas: str) -> str:
    """Name of the published picture of the page's first map for one canvas («mappa-phone»), without extension."""
    return f"mappa-{canvas}"


def page_pictures(views: Views, lang: str, geo: Mapping[str, GeoJSON | None]) -> dict[str, go.Figure]:
    """The page's first map as pictures, one per canvas: the same figure as the page's (geometry inline in
    ``geo``, by :func:`geo_files`), with only the names of that canvas, cut to the region at the scale the
    canvas draws it (names stay inside the region's box). Shown in the page's map box (``object-fit:
    contain``), a picture takes the size plotly gives the live map; {} without geometry.
    """
    fig = region_map(views, MapChoice(), geo, {}, lang).figure
    if fig is None:
        return {}
    layers = [tr for tr in fig.data if not str(tr.name or "").startswith("labels-")]
    lon, lat = tuple(fig.layout.geo.lonaxis.range), tuple(fig.layout.geo.lataxis.range)
    out = {}
    for canvas in PAGE_CANVASES:
        names = [tr for tr in fig.data if tr.name == f"labels-{canvas.name}"]
        width, height = (math.ceil(v) for v in Mercator(lon, lat, canvas.width, canvas.height).drawn_size)
        pic = go.Figure(layout=fig.layout).add_traces(layers + names)
        out[canvas.name] = pic.update_layout(width=width, height=height, dragmode=False)
    return out


def table(views: Views, prov: str = "", tipo: str = "") -> pd.DataFrame:
    """The districts on the map as a table (schema column names: shown with human headers, downloaded as is)."""
    return filters.districts_in(views.districts, prov, tipo)[TABLE_COLUMNS]


def district_names(views: Views) -> dict[str, str]:
    """The district picker's options: id -> short name, sorted by name."""
    names = dict(zip(views.districts["district_id"], views.districts["short_name"]))
    return {d: names[d] for d in sorted(names, key=lambda d: names[d])}


def map_chart(views: Views, lang: str, districts_geo: GeoJSON, provinces_geo: GeoJSON) -> ChartOutput:
    """The region map of the districts (coloured by type) as a chart of the catalogue: figure, title, summary,
    table and source line (geometry by URL, or inline for a picture)."""
    fig = district_maps.districts_map(
        views.districts, districts_geo, provinces_geo, list(PROVINCES), lang=lang, height=560
    )
    frame = views.districts[[c for c in CHART_COLUMNS if c in views.districts.columns]].copy()
    frame["province_code"] = [province_label(c, lang) for c in frame["province_code"]]
    return ChartOutput(
        "mappa",
        t("ch_map", lang),
        summary(views, lang),
        fig,
        frame.sort_values("short_name", ignore_index=True),
        source_line(views, lang, ACTS),
        views.residents_urls(),
    )
