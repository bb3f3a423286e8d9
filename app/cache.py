"""The one caching module: every cached object of the app is created here.

Shared resources (the data, the aggregates, built figures) are cached once per
*data version* and per process, never per session, so an extra visitor costs almost
no memory. A data update changes the version, so pages pick up new data without a
restart; old entries fall out (``max_entries``).
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass

import streamlit as st

from district_stats.analysis.views import Views, build_views
from district_stats.content import catalog, comune_card, data_page, district_page, region_map, story
from district_stats.content.embeds import embed_page
from district_stats.content.embeds.embed_page import Picture as Picture  # for the pages' type hints
from district_stats.content.kpis import headline_kpis
from district_stats.content.story import members_path, screen_path
from district_stats.ops import on_show
from district_stats.ops.on_show import Dataset


@dataclass
class _Stamp:
    """A value re-read at most once a second (``at``: when, by the monotonic clock)."""

    value: str = ""
    at: float = 0.0


_VERSION = _Stamp()
_ART = _Stamp()


def version() -> str:
    """Current data version (file sizes and times), re-read at most once a second.

    Every page run asks for it; under 50 concurrent sessions the stat() calls showed up in
    profiles, and a data update is still picked up within a second.
    """
    now = time.monotonic()
    if now - _VERSION.at > 1.0 or not _VERSION.value:
        _VERSION.value = on_show.version()
        _VERSION.at = now
    return _VERSION.value


def refresh() -> None:
    """Re-read the data version and the published files' manifest on the next call (after an update
    written by this process)."""
    _VERSION.at = 0.0
    _ART.at = 0.0


@st.cache_resource(show_spinner=False, max_entries=4)
def _dataset(ver: str) -> Dataset:
    return on_show.dataset()


@st.cache_resource(show_spinner=False, max_entries=4)
def _views(ver: str) -> Views | None:
    ds = _dataset(ver)
    return build_views(ds) if ds.ok else None


def dataset() -> Dataset:
    """The loaded (validated) tables; check ``.ok`` before use."""
    return _dataset(version())


def views() -> Views | None:
    """All aggregates for the current data version, or None when required data is invalid."""
    return _views(version())


def _loaded(ver: str) -> Views:
    """The aggregates of ``ver`` for a builder (pages call builders only once the data loaded:
    :func:`app.ui.open_page` stops a page otherwise).

    Raises:
        ValueError: if the required data did not load.
    """
    v = _views(ver)
    if v is None:
        raise ValueError("data not loaded")
    return v


def _content(ver: str) -> str:
    """What the tables of ``ver`` hold (:attr:`Dataset.content`; ``ver`` itself when unknown)."""
    return _dataset(ver).content or ver


def _keys() -> tuple[str, str]:
    """(content, version) for a builder that reads the tables only (charts, KPIs, cards, the presenter's screens):
    it is kept by what the tables hold, so the same tables in another folder, or brought back by a restore, find it
    built; the version (not part of the key: its name starts with ``_``) says where to load them from. Builders
    that also read geometry or published files stay keyed by the version."""
    ver = version()
    return _content(ver), ver


@st.cache_resource(show_spinner=False, max_entries=256)
def _chart(chart_id: str, lang: str, presenter: bool, content: str, _ver: str) -> catalog.ChartOutput:
    return catalog.make_chart(chart_id, _loaded(_ver), lang, presenter)


def chart(chart_id: str, lang: str, presenter: bool = False) -> catalog.ChartOutput:
    """A built chart (shared, read-only: do not mutate its figure)."""
    return _chart(chart_id, lang, presenter, *_keys())


def png_bytes(chart_id: str, lang: str, fmt: str, ver: str = "") -> bytes | None:
    """The published image of a chart's default view (``fmt`` 'png', 'svg' or 'zip' for the press kit), with
    title, source, date and licence drawn in; None when the published files do not match the data and code
    (read from disk when asked for: a download button calls it on click)."""
    if not artefacts_ok(lang):
        return None
    name = f"{chart_id}-kit" if fmt == "zip" else chart_id
    return on_show.published_bytes(embed_page.page_path(name, lang, fmt))


@st.cache_data(show_spinner=False, max_entries=64)
def geojson_text(relpath: str, ver: str) -> str:
    """Text of a derived GeoJSON file (for the GeoJSON downloads)."""
    return on_show.geojson_text(relpath)


@st.cache_resource(show_spinner=False, max_entries=256)
def _geo(rel: str, ver: str) -> dict | None:
    return on_show.geo(rel)


def geo(rel: str) -> dict | None:
    """A derived GeoJSON of the active data folder, parsed (shared, read-only); None when the file is
    missing or unreadable (the page then says so and shows what it can)."""
    return _geo(rel, version())


@st.cache_data(show_spinner=False, max_entries=256)
def _mirror_url(rel: str, ver: str) -> str | None:
    return on_show.mirror_url(rel, ver)


def geo_ref(rel: str) -> str | dict | None:
    """What a map should draw for derived geometry ``rel`` ('districts/D041.geojson'), always the
    geometry of the data on show: the URL of the web mirror (``static/geo``, a few bytes per rerun) when
    the mirror holds the same bytes as the active data folder, else the GeoJSON itself, inline (another
    ``DC_DATA_DIR``, or a mirror copy missing or out of date); None when the geometry is unavailable."""
    ver = version()
    data = _geo(rel, ver)
    if data is None:
        return None
    return _mirror_url(rel, ver) or data


@st.cache_resource(show_spinner=False, max_entries=4)
def _extents(ver: str) -> dict[str, on_show.Extent]:
    return on_show.extents(_geo(region_map.PROVINCES_GEO, ver))  # without the file: no zoom to a province


@st.cache_resource(show_spinner=False, max_entries=512)
def _region_map(
    metric: str, prov: str, tipo: str, drill: str, selected: str, zoom: bool, lang: str, ver: str
) -> region_map.RegionMap:
    c = region_map.MapChoice(metric, prov, tipo, drill, selected, zoom)
    geo = {name: geo_ref(name) for name in region_map.geo_files(c)}
    return region_map.region_map(_loaded(ver), c, geo, _extents(ver), lang)


def region(metric: str, prov: str, tipo: str, district: str, lang: str, zoom: bool = False) -> region_map.RegionMap:
    """The map page's map for the controls' values, with its legend, summary and colour note (built once
    per data version and shared by all sessions: do not mutate its figure)."""
    ver = version()
    c = region_map.choice(_loaded(ver), metric, prov, tipo, district, zoom)
    return _region_map(c.metric, c.prov, c.tipo, c.drill, c.selected, c.zoom, lang, ver)


@st.cache_resource(show_spinner=False, max_entries=4)
def _map_chart(lang: str, ver: str) -> catalog.ChartOutput | None:
    districts, provinces = (geo_ref(n) for n in on_show.GEOMETRY)
    if districts is None or provinces is None:
        return None
    return region_map.map_chart(_loaded(ver), lang, districts, provinces)


def map_chart(lang: str) -> catalog.ChartOutput | None:
    """The region map as a chart (the embed view); None when its geometry is unavailable."""
    return _map_chart(lang, version())


@st.cache_resource(show_spinner=False, max_entries=256)
def _facts(district_id: str, lang: str, content: str, _ver: str) -> district_page.DistrictFacts | None:
    return district_page.district_card(_loaded(_ver), district_id, lang)


def facts(district_id: str, lang: str) -> district_page.DistrictFacts | None:
    """A district's facts as every screen shows them (None for an unknown id)."""
    return _facts(district_id, lang, *_keys())


@st.cache_resource(show_spinner=False, max_entries=64)
def _district_page(district_id: str, lang: str, ver: str) -> district_page.DistrictPage | None:
    return district_page.district_page(_loaded(ver), district_id, lang, _geo(f"districts/{district_id}.geojson", ver))


def profile(district_id: str, lang: str) -> district_page.DistrictPage | None:
    """Everything a district's profile shows (None for an unknown id)."""
    return _district_page(district_id, lang, version())


@st.cache_resource(show_spinner=False, max_entries=64)
def _comune_card(istat_code: str, lang: str, content: str, _ver: str) -> comune_card.ComuneCard | None:
    return comune_card.comune_card(_loaded(_ver), istat_code, lang)


def card(istat_code: str, lang: str) -> comune_card.ComuneCard | None:
    """A comune's card (None when the code is not a comune of Piemonte)."""
    return _comune_card(istat_code, lang, *_keys())


@st.cache_resource(show_spinner=False, max_entries=4)
def _picker(lang: str, content: str, _ver: str) -> dict[str, str]:
    return story.picker_options(_loaded(_ver), lang)


def picker_options(lang: str) -> dict[str, str]:
    """The presenter's drill-down picker: id -> «Cuneo — distretto», «Cuneo (CN) — comune»."""
    return _picker(lang, *_keys())


@st.cache_resource(show_spinner=False, max_entries=4)
def _screens(lang: str, content: str, _ver: str) -> list:
    return story.screens(_loaded(_ver), lang)


def screens(lang: str) -> list:
    """The presenter screens of the tables on show (built once per content of the tables and language)."""
    return _screens(lang, *_keys())


def geo_available(names: tuple[str, ...]) -> bool:
    """True if every named derived GeoJSON file can be read."""
    return _geo_dicts(version(), names) is not None


def _geo_dicts(ver: str, names: tuple[str, ...]) -> dict[str, dict] | None:
    """The named derived GeoJSON files, or None if any is missing or unreadable."""
    out = {}
    for name in names:
        data = _geo(name, ver)
        if data is None:
            return None
        out[name] = data
    return out


# --- published artefacts (static/embed, built by `python -m district_stats publish`) ---------------------------
# The app never draws an image itself (no browser in this process): it reads what the build wrote, and
# only when the files were drawn from the data and code on show; otherwise pages draw live with plotly.
def _artefact_key() -> str:
    """Data version plus the manifest's size and time, re-read at most once a second: a rebuild that
    finishes while the app runs is picked up without a restart."""
    now = time.monotonic()
    if now - _ART.at > 1.0 or not _ART.value:
        _ART.value, _ART.at = on_show.manifest_stamp(), now
    return f"{version()}|{_ART.value}"


@functools.cache
def _code_fingerprint() -> str:
    return on_show.code_fingerprint()  # the code does not change while the process runs


@st.cache_data(show_spinner=False, max_entries=4)
def _artefact_state(key: str) -> tuple[dict[str, list[str]], dict]:
    return on_show.published_state(_code_fingerprint())


def artefacts_stale() -> dict[str, list[str]]:
    """Per language, why the published files cannot be shown ('missing', 'data', 'code'); {} when they can."""
    return _artefact_state(_artefact_key())[0]


def artefacts_ok(lang: str) -> bool:
    """True if the published files of ``lang`` were drawn from the data and code on show."""
    return lang not in artefacts_stale()


def artefact_url(rel: str) -> str | None:
    """Address of a published file (``rel`` inside ``embed/``), with its md5 so browsers never keep an old
    copy; None when the file is not in the manifest."""
    info = _artefact_state(_artefact_key())[1].get("files", {}).get(rel)
    return None if not info else on_show.published_url(rel, str(info.get("md5", "")))


def embed_info(chart_id: str, lang: str) -> dict:
    """Title and fallback iframe height of a chart's static embed (from the manifest); {} when unknown."""
    return dict(_artefact_state(_artefact_key())[1].get("embeds", {}).get(embed_page.page_path(chart_id, lang), {}))


def is_default_view(out: catalog.ChartOutput, lang: str) -> bool:
    """True when ``out`` is its chart's default view (the one drawn by ``publish``), False for another metric or
    grouping on /confronti and for charts outside the catalogue."""
    if out.chart_id not in catalog.CHARTS:
        return False
    default = chart(out.chart_id, lang)
    return out is default or (out.title == default.title and out.table.equals(default.table))


def static_chart(out: catalog.ChartOutput, lang: str) -> tuple[str, str] | None:
    """Addresses of the published phone and column drawings of ``out``, or None: when the files do not match
    the data and code, or ``out`` is not the chart's default view (e.g. another metric on /confronti)."""
    if not artefacts_ok(lang) or not is_default_view(out, lang):
        return None
    narrow, wide = (artefact_url(embed_page.page_path(f"{out.chart_id}-{v}", lang, "svg")) for v in ("n", "w"))
    return None if narrow is None or wide is None else (narrow, wide)


def _published_url(rel: str, lang: str) -> str | None:
    """:func:`artefact_url` of ``rel`` when the published files of ``lang`` match the data and code on show."""
    return artefact_url(rel) if artefacts_ok(lang) else None


def presenter_image_url(screen_id: str, lang: str, narrow: bool = False) -> str | None:
    """Address of the published picture of a presenter screen (a static file: the browser fetches and caches
    it, the server holds nothing; ``narrow``: the phone picture); None when there is none for the data and code
    on show (the screen has no figure, its geometry is missing, or the pictures are out of date: the presenter
    then draws the figure live)."""
    return _published_url(screen_path(screen_id, lang, narrow), lang)


def members_image_url(district_id: str, lang: str, narrow: bool = False) -> str | None:
    """Address of the published drill-down picture of a district's comuni (a static file; ``narrow``: for a
    phone); None when there is none for the data and code on show (the caller draws the map live)."""
    return _published_url(members_path(district_id, lang, narrow), lang)


def map_picture(c: region_map.MapChoice, alt: str, lang: str) -> embed_page.Picture | None:
    """The published pictures of the map page's map for ``c`` (``alt``: its sentence): of its first view, one
    per viewport class; of a district's comuni, a computer's and a phone's. None when the view has none
    (another colouring or a filter) or they do not match the data and code on show (the page then draws the
    map live)."""
    if c.kind == "members":
        wide, phone = members_image_url(c.drill, lang), members_image_url(c.drill, lang, narrow=True)
        if wide is None or phone is None:
            return None
        return embed_page.Picture(((region_map.MEDIA["phone"], phone),), wide, alt, "dc-drill")
    if not region_map.published_view(c):
        return None
    urls = [
        (name, _published_url(embed_page.page_path(region_map.picture_id(name), lang, "svg"), lang))
        for name in region_map.PICTURES
    ]
    found = [(region_map.MEDIA[name], url) for name, url in urls if url is not None]
    return embed_page.Picture(tuple(found), found[-1][1], alt, "dc-region") if len(found) == len(urls) else None


def members_figure(district_id: str, lang: str, narrow: bool = False):
    """The live drill-down figure (when its published picture is out of date); None without mapped comuni or
    when its geometry is missing."""
    return _members_figure(district_id, lang, version(), narrow)


@st.cache_resource(show_spinner=False, max_entries=32)
def _members_figure(district_id: str, lang: str, ver: str, narrow: bool):
    geo = _geo_dicts(ver, story.members_geo_files(district_id))
    return None if geo is None else story.district_figure(_loaded(ver).ds, district_id, lang, geo, narrow)


def screen_figure(screen_id: str, lang: str, narrow: bool = False):
    """The live figure of a presenter screen (drawn by plotly in the browser when its image is out of date);
    None when the screen has none or its geometry is missing."""
    return _screen_figure(screen_id, lang, version(), narrow)


@st.cache_resource(show_spinner=False, max_entries=32)
def _screen_figure(screen_id: str, lang: str, ver: str, narrow: bool):
    try:  # a story screen or the cover
        screen = story.find(_screens(lang, _content(ver), ver), _loaded(ver), lang, screen_id)
    except StopIteration:
        return None
    geo = _geo_dicts(ver, story.geo_files(screen))
    if geo is None:
        return None
    return story.screen_figure(screen, _loaded(ver), lang, geo, narrow)


@st.cache_resource(show_spinner=False, max_entries=8)
def _kpis(lang: str, content: str, _ver: str) -> list:
    return headline_kpis(_loaded(_ver), lang)


def kpis(lang: str) -> list:
    """The headline KPIs (computed once per content of the tables and language)."""
    return _kpis(lang, *_keys())


@st.cache_resource(show_spinner=False, max_entries=32)
def _compare(by: str, metric: str, lang: str, content: str, _ver: str) -> catalog.ChartOutput:
    return catalog.make_compare(_loaded(_ver), by, metric, lang)


def compare(by: str, metric: str, lang: str) -> catalog.ChartOutput:
    """The comparison chart for one grouping and metric (shared, read-only)."""
    return _compare(by, metric, lang, *_keys())


@st.cache_data(show_spinner=False, max_entries=8)
def _table_parts(lang: str, ver: str) -> list[data_page.TablePart]:
    return data_page.table_parts(_loaded(ver), lang)


def table_parts(lang: str) -> list[data_page.TablePart]:
    """/dati's tables with their provenance sidecars (read once per data version and language)."""
    return _table_parts(lang, version())
