"""The one caching module: every cached object of the app is created here.

Shared resources (the data, the aggregates, built figures) are cached once per
*data version* and per process, never per session, so an extra visitor costs almost
no memory. A data update changes the version, so pages pick up new data without a
restart; old entries fall out (``max_entries``).
"""

from __future__ import annotations

import time

import streamlit as st

from district_stats import paths
from district_stats.analysis.views import Views, build_views
from district_stats.content import catalog
from district_stats.data.loading import Dataset, data_version, load_dataset

_VERSION = {"value": "", "at": 0.0}


def version() -> str:
    """Current data version (file sizes and times), re-read at most once a second.

    Every page run asks for it; under 50 concurrent sessions the stat() calls showed up in
    profiles, and a data update is still picked up within a second.
    """
    now = time.monotonic()
    if now - _VERSION["at"] > 1.0 or not _VERSION["value"]:
        _VERSION["value"] = data_version(paths.DATA_DIR)
        _VERSION["at"] = now
    return _VERSION["value"]


def refresh() -> None:
    """Re-read the data version on the next call (after an update written by this process)."""
    _VERSION["at"] = 0.0


@st.cache_resource(show_spinner=False, max_entries=4)
def _dataset(ver: str) -> Dataset:
    return load_dataset(paths.DATA_DIR)


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


@st.cache_resource(show_spinner=False, max_entries=256)
def _chart(chart_id: str, lang: str, presenter: bool, ver: str) -> catalog.ChartOutput:
    v = _views(ver)
    if v is None:
        raise ValueError("data not loaded")
    return catalog.make_chart(chart_id, v, lang, presenter)


def chart(chart_id: str, lang: str, presenter: bool = False) -> catalog.ChartOutput:
    """A built chart (shared, read-only: do not mutate its figure)."""
    return _chart(chart_id, lang, presenter, version())


@st.cache_data(show_spinner=False, max_entries=64)
def geojson_text(relpath: str, ver: str) -> str:
    """Text of a derived GeoJSON file (for inline use: image export, pydeck inset)."""
    return (paths.DATA_DIR / "derived" / "geo" / relpath).read_text(encoding="utf-8")


@st.cache_data(show_spinner=False, max_entries=128)
def png_bytes(chart_id: str, lang: str, fmt: str, ver: str) -> bytes:
    """PNG or SVG of a chart with title, source and date drawn in (rendered once per version)."""
    from district_stats.ops.images import figure_image

    out = _chart(chart_id, lang, False, ver)
    return figure_image(out.figure, out.title, out.source, fmt)


@st.cache_resource(show_spinner=False, max_entries=256)
def _geo(rel: str, ver: str) -> dict | None:
    import json

    try:
        data = json.loads((paths.DATA_DIR / "derived" / "geo" / rel).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("features"), list) else None


def geo(rel: str) -> dict | None:
    """A derived GeoJSON of the active data folder, parsed (shared, read-only); None when the file is
    missing or unreadable (the page then says so and shows what it can)."""
    return _geo(rel, version())


@st.cache_data(show_spinner=False, max_entries=256)
def _mirrored(rel: str, ver: str) -> bool:
    from district_stats.data.files import file_md5

    try:
        return file_md5(paths.DATA_DIR / "derived" / "geo" / rel) == file_md5(paths.STATIC_GEO_DIR / _mirror_name(rel))
    except OSError:
        return False


def _mirror_name(rel: str) -> str:
    return rel.replace(".geojson", ".json")


def geo_ref(rel: str) -> str | dict | None:
    """What a map should draw for derived geometry ``rel`` ('districts/D041.geojson'), always the
    geometry of the data on show: the URL of the web mirror (``static/geo``, a few bytes per rerun) when
    the mirror holds the same bytes as the active data folder, else the GeoJSON itself, inline (another
    ``DC_DATA_DIR``, or a mirror copy missing or out of date); None when the geometry is unavailable."""
    ver = version()
    data = _geo(rel, ver)
    if data is None:
        return None
    if _mirrored(rel, ver):
        return f"{paths.STATIC_GEO_URL}/{_mirror_name(rel)}?v={ver}"
    return data


@st.cache_resource(show_spinner=False, max_entries=4)
def _story(lang: str, ver: str) -> list:
    from district_stats.content import story

    return story.screens(_views(ver), lang)  # type: ignore[arg-type]


def story(lang: str) -> list:
    """The presenter screens for the current data version."""
    return _story(lang, version())


def geo_available(names: tuple[str, ...]) -> bool:
    """True if every named derived GeoJSON file can be read."""
    return _geo_dicts(version(), names) is not None


def _geo_dicts(ver: str, names: tuple[str, ...]) -> dict[str, dict] | None:
    """The named derived GeoJSON files, or None if any is missing or unreadable."""
    out = {n: _geo(n, ver) for n in names}
    return None if any(v is None for v in out.values()) else out  # type: ignore[return-value]


@st.cache_data(show_spinner=False, max_entries=64)
def _presenter_png(screen_id: str, lang: str, ver: str, narrow: bool = False) -> bytes | None:
    from district_stats.content import story
    from district_stats.ops import images

    screen = story.find(_story(lang, ver), _views(ver), lang, screen_id)  # type: ignore[arg-type]
    geo = _geo_dicts(ver, story.geo_files(screen))
    if geo is None:  # a geometry file is missing or damaged: the presenter says so instead of the image
        return None
    fig = story.screen_figure(screen, _views(ver), lang, geo, narrow)  # type: ignore[arg-type]
    if fig is None:
        return None
    try:
        return images.figure_png(fig, int(fig.layout.width or story.SCREEN_VISUAL[0]),
                                 int(fig.layout.height or story.SCREEN_VISUAL[1]), story.IMAGE_SCALE)
    except Exception:  # noqa: BLE001 - no Chromium or renderer failure: the caller falls back to plotly
        return None


def presenter_png(screen_id: str, lang: str, narrow: bool = False) -> bytes | None:
    """Server-rendered PNG of a presenter screen's visual, for the projector or (``narrow``) a phone;
    None if it cannot be rendered here."""
    return _presenter_png(screen_id, lang, version(), narrow)


@st.cache_data(show_spinner=False, max_entries=256)
def _members_png(district_id: str, lang: str, ver: str, narrow: bool = False) -> bytes | None:
    from district_stats.content import story
    from district_stats.ops import images

    v = _views(ver)
    geo = _geo_dicts(ver, story.members_geo_files(district_id))
    if geo is None:
        return None
    fig = story.district_figure(v.ds, district_id, lang, geo, narrow)  # type: ignore[union-attr]
    if fig is None:
        return None
    try:
        return images.figure_png(fig, int(fig.layout.width), int(fig.layout.height), story.IMAGE_SCALE)
    except Exception:  # noqa: BLE001
        return None


def members_png(district_id: str, lang: str, narrow: bool = False) -> bytes | None:
    """Server-rendered PNG of one district's comuni (presenter drill-down; ``narrow``: for a phone)."""
    return _members_png(district_id, lang, version(), narrow)


@st.cache_resource(show_spinner=False, max_entries=8)
def _kpis(lang: str, ver: str) -> list:
    from district_stats.analysis.kpis import headline_kpis

    return headline_kpis(_views(ver), lang)  # type: ignore[arg-type]


def kpis(lang: str) -> list:
    """The headline KPIs (computed once per data version and language)."""
    return _kpis(lang, version())


@st.cache_resource(show_spinner=False, max_entries=32)
def _compare(by: str, metric: str, lang: str, ver: str) -> catalog.ChartOutput:
    return catalog.make_compare(_views(ver), by, metric, lang)  # type: ignore[arg-type]


def compare(by: str, metric: str, lang: str) -> catalog.ChartOutput:
    """The comparison chart for one grouping and metric (shared, read-only)."""
    return _compare(by, metric, lang, version())


@st.cache_data(show_spinner=False, max_entries=64)
def _meta(name: str, ver: str) -> dict:
    from district_stats.data import schema
    from district_stats.data.provenance import load_meta

    return load_meta(schema.TABLES[name], paths.DATA_DIR)


def meta(name: str) -> dict:
    """The provenance sidecar of a table (parsed once per data version)."""
    return _meta(name, version())
