"""Panoramica (/): the headline figures next to what the data rebuilds, and the timeline."""

import streamlit as st

from app import cache, panels, state, ui
from app.boot import ensure_navigation
from district_stats.i18n import t

ensure_navigation()
PARAMS = [state.LANG]
notices = state.bind("panoramica", PARAMS)
lang = state.lang()
ui.notices(state.notice_text(n, lang) for n in notices)
views = cache.views()

st.title(t("ov_title", lang), anchor=False)
st.markdown(t("ov_intro", lang))
if views is None:
    ui.data_error(lang)
    st.stop()

panels.kpi_grid(views, lang)
ui.chart_block(cache.chart("cronologia", lang), lang)
panels.gaps_list(views, lang)
state.write("panoramica", PARAMS)
