"""Trova il tuo comune (/comuni): any of Piemonte's comuni (?c=<istat_code>), in a district or not."""

import streamlit as st

from app import profile_view, state, ui
from district_stats.analysis.profiles import comune_profile
from district_stats.content.text import fmt
from district_stats.content.text.i18n import t
from district_stats.urlstate import Param, istat_code

views, lang = ui.open_page("com_title")
comuni = views.ds["comuni"]
labels = dict(zip(comuni["istat_code"], comuni["comune_name"] + " (" + comuni["province_code"] + ")"))
PARAMS = [state.LANG, Param("c", "", istat_code(labels))]
for n in state.bind("comuni", PARAMS):
    st.warning(t("unknown_comune", lang, value=ui.esc(n.value, 40)) if n.key == "c" else state.notice_text(n, lang))
st.markdown(t("com_intro", lang, n=fmt.num(len(comuni), lang)))
st.selectbox(t("com_pick", lang), [""] + sorted(labels, key=lambda c: labels[c]), key=state.wkey("c"),
             format_func=lambda c: labels.get(c, "—"), filter_mode="fuzzy", placeholder="Torino, Alba, Moncalvo…")
code = state.get("c")
if code:
    profile_view.comune_card(comune_profile(views, code), lang)
state.write("comuni", PARAMS)
