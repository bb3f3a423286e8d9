"""Confronti (/confronti): per resident / per comune / per district; provinces; urbano vs diffuso; inside vs outside."""

import streamlit as st

from app import cache, state, ui, widgets
from district_stats.content.text.i18n import t
from district_stats.urlstate import Param, one_of

views, lang = ui.open_page("cmp_title")
METRICS = ("per_resident", "per_comune", "per_district", "total")
GROUPS = ("province_code", "district_type")
PARAMS = [
    state.LANG,
    Param("metrica", "per_resident", one_of(METRICS)),
    Param("gruppo", "province_code", one_of(GROUPS)),
    state.TABLES,
    state.EXPLORE,
]
ui.notices(state.notice_text(n, lang) for n in state.bind("confronti", PARAMS))
st.markdown(t("cmp_intro", lang))
metric, group = state.get("metrica", "per_resident"), state.get("gruppo", "province_code")
with widgets.filters_box(
    lang,
    [t(f"metric_{metric}", lang), t("by_province" if group == "province_code" else "by_type", lang)],
    key="cmp_filters",
):
    c1, c2 = st.columns(2)
c1.segmented_control(
    t("cmp_metric", lang),
    METRICS,
    key=state.wkey("metrica"),
    required=True,
    format_func=lambda m: t(f"metric_{m}", lang),
)
c2.segmented_control(
    t("group_by", lang),
    GROUPS,
    key=state.wkey("gruppo"),
    required=True,
    format_func=lambda g: t("by_province" if g == "province_code" else "by_type", lang),
)
out = cache.compare(state.get("gruppo", "province_code"), state.get("metrica", "per_resident"), lang)
ui.chart_block(out, lang)  # table, downloads, citation of this exact view, and embed (pictures: default view)
ui.chart_block(cache.chart("dentro_province", lang), lang)
ui.chart_block(cache.chart("dentro_classi", lang), lang)
state.write("confronti", PARAMS)
