"""The two-level map (districts -> member comuni) with its controls and detail card.

Runs as a fragment: a click or a filter change reruns only the map, and the figure
references the boundaries by URL, so a rerun re-sends a few KB.
"""

from __future__ import annotations

import streamlit as st

from app import cache, facts, state, ui, widgets
from district_stats.analysis import filters, stats
from district_stats.analysis.views import Views
from district_stats.content.figures import map_frame, map_key, maps
from district_stats.content.text import fmt, summaries, wording
from district_stats.content.text.i18n import t
from district_stats.data.schema import PROVINCES
from district_stats.urlstate import Param, one_of

METRICS = ("tipo", "fondi", "comuni")


def params(views: Views) -> list[Param]:
    """URL parameters of the map page."""
    ids = set(views.districts["district_id"])
    return [state.LANG, Param("metrica", "tipo", one_of(METRICS)), state.PROV, state.TIPO,
            Param("d", "", one_of(ids)), state.TABLES]


def geo_url(rel: str) -> str | dict | None:
    """The geometry of derived file ``rel`` for a map: the versioned URL of its web mirror, or the GeoJSON
    inline when the mirror does not hold the active data's geometry; None if unavailable (cache.geo_ref)."""
    return cache.geo_ref(rel.replace(".json", ".geojson"))


@st.cache_data(show_spinner=False, max_entries=8)
def province_extents(ver: str) -> dict[str, tuple[tuple[float, float], tuple[float, float]]]:
    """Bounding box of each province, from the derived provinces GeoJSON."""
    data = cache.geo("provinces.geojson") or {"features": []}  # without it: no zoom to a province
    out = {}
    for f in data["features"]:
        xs, ys = [], []
        _walk(f["geometry"]["coordinates"], xs, ys)
        pad = 0.05
        out[str(f["id"])] = ((min(xs) - pad, max(xs) + pad), (min(ys) - pad, max(ys) + pad))
    return out


def _walk(coords: list, xs: list[float], ys: list[float]) -> None:
    if coords and isinstance(coords[0], (int, float)):
        xs.append(coords[0])
        ys.append(coords[1])
        return
    for c in coords:
        _walk(c, xs, ys)


def _on_click() -> None:
    ev = st.session_state.get("map_chart")
    points = (ev or {}).get("selection", {}).get("points", []) if isinstance(ev, dict) else getattr(
        getattr(ev, "selection", None), "points", [])
    for p in points or []:
        cd = p.get("customdata") if isinstance(p, dict) else None
        did = cd[0] if isinstance(cd, list) and cd else cd
        if isinstance(did, str) and did.startswith("D"):
            state.set_value("d", did)
            return


def _clear() -> None:
    state.set_value("d", "")


def controls(views: Views, lang: str) -> None:
    """Colour, province, type and district pickers (all bound to the URL)."""
    labels = {"tipo": t("map_by_type", lang), "fondi": t("map_by_money", lang), "comuni": t("map_inside", lang)}
    st.segmented_control(t("map_color", lang), METRICS, key=state.wkey("metrica"), required=True,
                         format_func=lambda m: labels[m])
    c2, c3, c4 = st.columns([1, 1, 2])
    widgets.province_type((c2, c3), lang)
    names = dict(zip(views.districts["district_id"], views.districts["short_name"]))
    with c4:
        st.selectbox(t("pick_district", lang), [""] + sorted(names, key=lambda d: names[d]), key=state.wkey("d"),
                     format_func=lambda d: names.get(d, t("none_selected", lang)), filter_mode="fuzzy")


def legend_note(lang: str, metric: str = "tipo", drill: bool = False) -> None:
    """What the colours and lines of the map on show mean (the drill-down has its own)."""
    key = "map_legend_note_drill" if drill else "map_legend_note_funding" if metric == "fondi" else "map_legend_note"
    st.caption(t(key, lang))


def district_card(views: Views, did: str, lang: str) -> None:
    """Detail card of one district: type, status, capofila, comuni, money per round, sources, link to the profile."""
    row = views.district(did)
    if row is None:
        return
    with st.container(border=True):
        st.markdown(f"#### {ui.esc(row['short_name'])}")
        st.caption(ui.esc(row["district_name"]))
        st.markdown(" ".join(ui.badge_md(t(k, lang), c) for k, c in (
            (row["district_type"], "blue" if row["district_type"] == "urbano" else "orange"),
            (row["members_status"], "green" if row["members_status"] == "complete" else "red"),
            (row["active_status"], "green" if row["active_status"] == "confirmed" else "gray"))))
        facts.status_line(row, lang)
        facts.listing_badge(row, lang)
        st.markdown(f"**{t('col_capofila', lang)}:** {ui.esc(row['capofila_ente'])}  \n"
                    f"**{t('residents_label', lang)}:** {fmt.num(row['population'], lang)}")
        rounds = views.district_rounds(did)
        head = wording.money_headline(rounds, lang)
        calls = wording.calls_headline(row, lang)
        st.markdown(f"**{t('money_label', lang)}:** {ui.esc(head.value)}  \n"
                    f"**{t('calls_label', lang)}:** {ui.esc(calls.value)} ({ui.esc(calls.note)})")
        facts.rounds_list(rounds, lang)
        st.caption(f"{t('sources', lang)}: {ui.sources_md(str(row['source_urls']).split(';'), 4, lang)}")
        st.page_link("pages/distretti.py", label=t("open_profile", lang), icon=":material/open_in_new:",
                     query_params={"d": did, **({"lang": "en"} if lang == "en" else {})})


#: The map fills the screen's height (less the page title and controls) and its column's width; a phone gets
#: a full-width map of Piemonte's shape (10:13). The figure carries one set of names per viewport class
#: (map_frame.PAGE_CANVASES, three traces each, in that order): only the set of the current class is shown.
#: Each canvas is the smallest map its class draws (measured), and names stay apart on any larger map.
#: Below 1024 px the columns stack (the card under the map), so a narrow window still gets a wide map.
MAP_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
@media (max-width: 1023px) {
  .st-key-map_cols [data-testid="stHorizontalBlock"] { flex-wrap: wrap; }
  .st-key-map_cols [data-testid="stColumn"] { flex: 1 1 100% !important; width: 100% !important; min-width: 100%; } }
.st-key-map_box [data-testid="stPlotlyChart"] { height: clamp(600px, calc(100vh - 140px), 1400px); }
.st-key-map_box .scatterlayer > .trace:nth-child(-n+12) { display: none; }
@media (max-width: 640px) {
  .st-key-map_box [data-testid="stPlotlyChart"] { height: auto; aspect-ratio: 10 / 13; }
  .st-key-map_box .scatterlayer > .trace:nth-child(-n+3) { display: inline; } }
@media (min-width: 641px) and (max-width: 1279px) {
  .st-key-map_box .scatterlayer > .trace:nth-child(n+4):nth-child(-n+6) { display: inline; } }
@media (min-width: 1280px) and (max-width: 1599px), (min-width: 1600px) and (max-height: 999px) {
  .st-key-map_box .scatterlayer > .trace:nth-child(n+7):nth-child(-n+9) { display: inline; } }
@media (min-width: 1600px) and (min-height: 1000px) {
  .st-key-map_box [data-testid="stPlotlyChart"] { height: clamp(860px, calc(100vh - 140px), 1400px); }
  .st-key-map_box .scatterlayer > .trace:nth-child(n+10):nth-child(-n+12) { display: inline; } }
</style>"""


def _geo_names(metric: str, level2: str) -> tuple[str, ...]:
    if level2:
        return f"districts/{level2}.json", "comuni.json"
    return ("comuni.json",) if metric == "comuni" else ("districts_overview.json", "provinces_overview.json")


@st.cache_resource(show_spinner=False, max_entries=512)
def map_figure(metric: str, prov: str, tipo: str, level2: str, selected: str, lang: str, ver: str, zoom: bool = False):
    """The map for one combination of controls, built once per data version and shared by all sessions.

    ``level2`` is the district whose comuni are drawn (empty for the district level); ``zoom`` lets the
    reader zoom and pan. Returns a plotly Figure that callers must not mutate, or None when a geometry
    file is unavailable.
    """
    views = cache.views()
    geo = [geo_url(n) for n in _geo_names(metric, level2)]
    if any(g is None for g in geo):
        return None
    size = {"canvases": map_frame.PAGE_CANVASES}
    if level2:
        fig = maps.members_figure(views.ds, level2, geo[0], None, lang, context_geo=geo[1], **size)
    elif metric == "comuni":
        covered = set(stats.current_members(views.ds["district_members"], views.ds["districts"])["istat_code"])
        fig = maps.inside_outside_map(views.ds["comuni"], covered, geo[0], lang, **size)
    else:
        table = filters.districts_in(views.districts, prov, tipo)
        fig = maps.districts_map(table, geo[0], geo[1], list(PROVINCES), "funding" if metric == "fondi" else "type", lang,
                                 selected=selected or None, extent=province_extents(ver).get(prov), rounds=views.rounds,
                                 **size)
    if fig is not None and zoom:
        fig.update_layout(dragmode="pan")
    return fig


@st.cache_data(show_spinner=False, max_entries=128)
def key_markup(metric: str, prov: str, tipo: str, level2: str, lang: str, ver: str) -> str:
    """The legend of :func:`map_figure` as HTML (see :func:`map_key.key_html`)."""
    views = cache.views()
    if level2:
        key = maps.members_key(lang)
    elif metric == "comuni":
        covered = set(stats.current_members(views.ds["district_members"], views.ds["districts"])["istat_code"])
        key = maps.inside_key(views.ds["comuni"], covered, lang)
    else:
        key = maps.district_key(filters.districts_in(views.districts, prov, tipo),
                                "funding" if metric == "fondi" else "type", lang)
    return map_key.key_html(key, lang)


def map_config(zoom: bool) -> dict:
    """Plotly config of the map: no toolbar over it; wheel zoom only when the reader asked for zoom."""
    return {**ui.plotly_config(), "displayModeBar": False, "scrollZoom": zoom, "doubleClick": "reset" if zoom else False}


@st.fragment
def render(views: Views, lang: str, prm: list[Param]) -> None:
    """Controls, map, legend and card; writes the URL (the fragment reruns alone on every interaction)."""
    st.html(MAP_CSS)
    controls(views, lang)
    metric, did = state.get("metrica", "tipo"), state.get("d")
    with st.container(key="map_cols"):  # below 1024 px the card goes under the map (MAP_CSS)
        left, right = st.columns([3, 1.25])
    mapped = bool(did) and views.district(did) is not None and views.district(did)["n_comuni_mapped"] > 0
    cov = views.coverage
    summary = summaries.map_summary(cov.n_districts_mapped, cov.n_districts, cov.n_covered, cov.share_comuni, lang)
    with left:
        if mapped:
            st.button(t("back_to_districts", lang), on_click=_clear, icon=":material/arrow_back:", key="map_back")
        zoom = bool(st.session_state.get("map_zoom", False))
        fig = map_figure(metric, state.get("prov"), state.get("tipo"), did if mapped else "", did, lang,
                         cache.version(), zoom)
        if fig is None:  # a geometry file is missing or damaged: say so, the card and the table still work
            st.warning(t("geo_missing", lang), icon=":material/map:")
        else:
            with st.container(key="map_box"):
                st.plotly_chart(fig, key="map_chart", on_select=_on_click, selection_mode="points", theme=None,
                                config=map_config(zoom), height="stretch", alt=summary)
            st.toggle(t("map_zoom", lang), key="map_zoom", help=t("map_zoom_help", lang))
    with right:  # beside the map on a computer, right under it on a phone: the legend first
        if fig is not None:
            with st.container(key="map_key"):
                st.html(key_markup(metric, state.get("prov"), state.get("tipo"), did if mapped else "", lang,
                                   cache.version()))
        legend_note(lang, metric, drill=mapped)
        if not mapped:  # the region's summary; a drill-down has the district's card below instead
            st.markdown(ui.esc(summary))
        if did:
            district_card(views, did, lang)
        else:
            st.info(t("map_hint", lang), icon=":material/touch_app:")
    if ui.table_toggle(lang, key="mappa"):
        table = filters.districts_in(views.districts, state.get("prov"), state.get("tipo"))
        cols = ["short_name", "district_type", "province_code", "capofila_ente", "n_comuni_mapped",
                "n_comuni_reported", "members_status", "active_status", "population", "strategic_eur",
                "allocated_eur", "business_calls_eur", "confidence", "district_id"]
        ui.table_view(table[cols], key="map_table", lang=lang)
        ui.downloads(table[cols], "distretti_mappa", lang, key="map_dl")
    state.write("mappa", prm)
    ui.share_link("mappa", lang, key="share_map")  # inside the fragment: follows map clicks
