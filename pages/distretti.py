"""Distretti (/distretti): searchable list; ?d=<district_id> opens one district's profile."""

import streamlit as st

from app import cache, profile_view, state, ui
from app.boot import ensure_navigation
from district_stats.i18n import t
from district_stats.profiles import district_profile
from district_stats.schema import DISTRICT_TYPES, PROVINCES
from district_stats.urlstate import Param, pattern

ensure_navigation()
views = cache.views()
lang = state.lang()
if views is None:
    st.title(t("dist_title", lang), anchor=False)
    ui.data_error(lang)
    st.stop()
ids = set(views.districts["district_id"])
PARAMS = [state.LANG, Param("d", "", pattern(r"D\d{3}")), state.PROV, state.TIPO,
          Param("q", "", pattern(r"[\w' .-]{1,40}"))]
ui.notices(state.notice_text(n, lang) for n in state.bind("distretti", PARAMS))
did = state.get("d")
if did and did not in ids:
    st.warning(t("unknown_district", lang, value=did), icon=":material/search_off:")
    state.set_value("d", "")
    did = ""
if did:
    profile_view.district_profile(district_profile(views, did), lang)
else:
    st.title(t("dist_title", lang), anchor=False)
    st.markdown(t("dist_intro", lang))
    c1, c2, c3 = st.columns([2, 1, 1])
    c1.text_input(t("search_label", lang), key=state.wkey("q"), max_chars=40)
    c2.selectbox(t("filter_province", lang), [""] + list(PROVINCES), key=state.wkey("prov"),
                 format_func=lambda c: PROVINCES.get(c, t("all_f", lang)))
    c3.selectbox(t("filter_type", lang), [""] + list(DISTRICT_TYPES), key=state.wkey("tipo"),
                 format_func=lambda k: t(k, lang) if k else t("all_m", lang))
    profile_view.district_list(views, lang)
state.write("distretti", PARAMS)
