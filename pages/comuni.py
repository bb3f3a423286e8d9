"""Trova il tuo comune (/comuni): any of Piemonte's comuni (?c=<istat_code>), in a district or not."""

import streamlit as st

from app import cache, profile_view, state, ui
from district_stats.content.comune_card import comune_names, intro
from district_stats.content.text.i18n import t
from district_stats.urlstate import Param, istat_code

views, lang = ui.open_page("com_title")
labels = comune_names(views)
PARAMS = [state.LANG, Param("c", "", istat_code(labels))]
for n in state.bind("comuni", PARAMS):
    st.warning(t("unknown_comune", lang, value=ui.esc(n.value, 40)) if n.key == "c" else state.notice_text(n, lang))
st.markdown(intro(views, lang))
st.selectbox(
    t("com_pick", lang),
    ["", *labels],
    key=state.wkey("c"),
    format_func=lambda c: labels.get(c, "—"),
    filter_mode="fuzzy",
    placeholder="Torino, Alba, Moncalvo…",
)
card = cache.card(state.get("c"), lang) if state.get("c") else None
if card is not None:
    profile_view.comune_card(card, lang)
state.write("comuni", PARAMS)
