"""Mappa (/mappa): districts coloured by type or funding, click for member comuni; comuni inside/outside."""

import streamlit as st

from app import cache, mapview, state, ui
from app.boot import ensure_navigation
from district_stats.i18n import t

ensure_navigation()
views = cache.views()
lang = state.lang()
st.title(t("ch_map", lang), anchor=False)
if views is None:
    ui.data_error(lang)
    st.stop()
prm = mapview.params(views)
ui.notices(state.notice_text(n, lang) for n in state.bind("mappa", prm))
mapview.render(views, state.lang(), prm)
