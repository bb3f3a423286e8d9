"""The two-level map (districts -> member comuni) with its controls and detail card.

Runs as a fragment: a click or a filter change reruns only the map, and the figure
references the boundaries by URL, so a rerun re-sends a few KB.
"""

from __future__ import annotations

import streamlit as st

from app import cache, facts, state, ui, widgets
from district_stats.analysis.views import Views
from district_stats.content import region_map
from district_stats.content.text.i18n import t
from district_stats.urlstate import Param, one_of


def params(views: Views) -> list[Param]:
    """URL parameters of the map page."""
    ids = set(views.districts["district_id"])
    return [
        state.LANG,
        Param("metrica", "tipo", one_of(region_map.METRICS)),
        state.PROV,
        state.TIPO,
        Param("d", "", one_of(ids)),
        state.TABLES,
        state.EXPLORE,
    ]


def _on_click() -> None:
    ev = st.session_state.get("map_chart")
    points = (
        (ev or {}).get("selection", {}).get("points", [])
        if isinstance(ev, dict)
        else getattr(getattr(ev, "selection", None), "points", [])
    )
    for p in points or []:
        cd = p.get("customdata") if isinstance(p, dict) else None
        did = cd[0] if isinstance(cd, list) and cd else cd
        if isinstance(did, str) and did.startswith("D"):
            state.set_value("d", did)
            return


def _clear() -> None:
    state.set_value("d", "")


def controls(views: Views, lang: str) -> None:
    """Colour, province, type and district pickers (all bound to the URL); on a phone folded into one control
    that says what is chosen, so the map starts on the first screen."""
    labels = {"tipo": t("map_by_type", lang), "fondi": t("map_by_money", lang), "comuni": t("map_inside", lang)}
    names = region_map.district_names(views)
    chosen = [labels.get(state.get("metrica", "tipo"), ""), *widgets.chosen_words(lang), names.get(state.get("d"), "")]
    with widgets.filters_box(lang, chosen, key="map_filters"):
        st.segmented_control(
            t("map_color", lang),
            region_map.METRICS,
            key=state.wkey("metrica"),
            required=True,
            format_func=lambda m: labels[m],
        )
        c2, c3, c4 = st.columns([1, 1, 2])
        widgets.province_type((c2, c3), lang)
        with c4:
            st.selectbox(
                t("pick_district", lang),
                ["", *names],
                key=state.wkey("d"),
                format_func=lambda d: names.get(d, t("none_selected", lang)),
                filter_mode="fuzzy",
            )


#: The map fills the screen's height (less the page title and controls) and its column's width; a phone gets
#: a full-width map of Piemonte's shape (10:13). The figure carries one set of names per viewport class
#: (``content/figures/map_frame.py``: PAGE_CANVASES, three traces each, in that order): only the set of the
#: current class is shown.
#: Each canvas is the smallest map its class draws (measured), and names stay apart on any larger map.
#: Below 1024 px the columns stack (the card under the map), so a narrow window still gets a wide map.
MAP_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
@media (max-width: 1023px) {
  .st-key-map_cols [data-testid="stHorizontalBlock"] { flex-wrap: wrap; }
  .st-key-map_cols [data-testid="stColumn"] { flex: 1 1 100% !important; width: 100% !important; min-width: 100%; } }
.st-key-map_box [data-testid="stPlotlyChart"], .st-key-map_box img.dc-region {
  height: clamp(600px, calc(100vh - 140px), 1400px); }
.st-key-map_box img { display: block; width: 100%; object-fit: contain; }
.st-key-map_box img.dc-drill { height: auto; max-height: clamp(600px, calc(100vh - 140px), 1400px); }
.st-key-map_box .scatterlayer > .trace:nth-child(-n+12) { display: none; }
@media (max-width: 640px) {
  .st-key-map_box [data-testid="stPlotlyChart"], .st-key-map_box img.dc-region { height: auto; aspect-ratio: 10 / 13; }
  .st-key-map_box .scatterlayer > .trace:nth-child(-n+3) { display: inline; } }
@media (min-width: 641px) and (max-width: 1279px) {
  .st-key-map_box .scatterlayer > .trace:nth-child(n+4):nth-child(-n+6) { display: inline; } }
@media (min-width: 1280px) and (max-width: 1599px), (min-width: 1600px) and (max-height: 999px) {
  .st-key-map_box .scatterlayer > .trace:nth-child(n+7):nth-child(-n+9) { display: inline; } }
@media (min-width: 1600px) and (min-height: 1000px) {
  .st-key-map_box [data-testid="stPlotlyChart"], .st-key-map_box img.dc-region {
    height: clamp(860px, calc(100vh - 140px), 1400px); }
  .st-key-map_box .scatterlayer > .trace:nth-child(n+10):nth-child(-n+12) { display: inline; } }
</style>"""


#: The map's key in the URL's ``esplora`` list (the interactive map instead of its picture).
EXPLORE_KEY = "mappa"


def map_config(zoom: bool) -> dict:
    """Plotly config of the map: no toolbar over it; wheel zoom only when the reader asked for zoom."""
    return {
        **ui.plotly_config(),
        "displayModeBar": False,
        "scrollZoom": zoom,
        "doubleClick": "reset" if zoom else False,
    }


def _map(shown: region_map.RegionMap, picture: cache.Picture | None, live: bool, zoom: bool, lang: str) -> None:
    """The map: its published picture, or the live figure (clickable), with the switches under it."""
    if shown.choice.kind == "members":
        st.button(t("back_to_districts", lang), on_click=_clear, icon=":material/arrow_back:", key="map_back")
    if shown.figure is None:  # a geometry file is missing or damaged: say so, the card and the table still work
        st.warning(t("geo_missing", lang), icon=":material/map:")
        return
    with st.container(key="map_box"):
        if picture is not None and not live:
            st.html(picture.picture_html)
        else:
            st.plotly_chart(
                shown.figure,
                key="map_chart",
                on_select=_on_click,
                selection_mode="points",
                theme=None,
                config=map_config(zoom),
                height="stretch",
                alt=shown.summary,
            )
    c1, c2 = st.columns(2)
    if picture is not None:
        with c1:
            state.listed_toggle(t("map_live", lang), "esplora", EXPLORE_KEY, tip=t("map_live_help", lang))
    if live or picture is None:
        c2.toggle(t("map_zoom", lang), key="map_zoom", help=t("map_zoom_help", lang))


@st.fragment
def render(views: Views, lang: str, prm: list[Param]) -> None:
    """Controls, map, legend and card; writes the URL (the fragment reruns alone on every interaction).

    The map of the page's first view (and of a district's comuni) is its published picture, so the page
    needs no plotly: the interactive map comes when the reader switches it on (``esplora=mappa``), or when the
    view has no picture (another colouring or filter) or the published files do not match the data on show.
    """
    st.html(MAP_CSS)
    controls(views, lang)
    did = state.get("d")
    live = state.explored(EXPLORE_KEY)
    zoom = bool(st.session_state.get("map_zoom", False))  # a picture ignores it
    with st.container(key="map_cols"):  # below 1024 px the card goes under the map (MAP_CSS)
        left, right = st.columns([3, 1.25])
    shown = cache.region(state.get("metrica", "tipo"), state.get("prov"), state.get("tipo"), did, lang, zoom)
    drill = shown.choice.kind == "members"
    picture = cache.map_picture(shown.choice, shown.summary, lang) if shown.figure is not None else None
    with left:
        _map(shown, picture, live, zoom, lang)
    with right:  # beside the map on a computer, right under it on a phone: the legend first
        if shown.figure is not None and not (drill and picture is not None and not live):  # a drill picture has its own
            with st.container(key="map_key"):
                st.html(shown.key_html)
        st.caption(shown.legend_note)
        if not drill:  # the region's summary; a drill-down has the district's card below instead
            st.markdown(ui.esc(shown.summary))
        card = cache.facts(did, lang) if did else None
        if card is not None:
            facts.card(card, lang)
        elif not did:
            st.info(t("map_hint" if live or picture is None else "map_hint_picture", lang), icon=":material/touch_app:")
    if ui.table_toggle(lang, key="mappa"):
        table = region_map.table(views, state.get("prov"), state.get("tipo"))
        ui.table_view(table, key="map_table", lang=lang)
        ui.downloads(table, "distretti_mappa", lang, key="map_dl")
    state.write("mappa", prm)
    ui.share_link("mappa", lang, key="share_map")  # inside the fragment: follows map clicks
