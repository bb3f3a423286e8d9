"""Distretti (/distretti): searchable list; ?d=<district_id> opens one district's profile."""

import streamlit as st

from app import cache, profile_view, state, ui, widgets
from district_stats.content.text.i18n import t
from district_stats.urlstate import Param, pattern

views, lang = ui.open_page("dist_title", draw_title=False)
ids = set(views.districts["district_id"])
PARAMS = [
    state.LANG,
    Param("d", "", pattern(r"D\d{3}")),
    state.PROV,
    state.TIPO,
    Param("q", "", pattern(r"[\w' .-]{1,40}")),
    state.TABLES,
    state.EXPLORE,
]
ui.notices(state.notice_text(n, lang) for n in state.bind("distretti", PARAMS))
did = state.get("d")
if did and did not in ids:
    st.warning(t("unknown_district", lang, value=ui.esc(did, 40)), icon=":material/search_off:")
    state.set_value("d", "")
    did = ""
profile = cache.profile(did, lang) if did else None
if profile is not None:
    profile_view.district_profile(profile, lang)
else:
    st.title(t("dist_title", lang), anchor=False)
    st.markdown(t("dist_intro", lang))
    with widgets.filters_box(lang, widgets.chosen_words(lang, q=state.get("q")), key="dist_filters"):
        c1, c2, c3 = st.columns([2, 1, 1])
        c1.text_input(t("search_label", lang), key=state.wkey("q"), max_chars=40)
        widgets.province_type((c2, c3), lang)
    profile_view.districts(views, lang)
state.write("distretti", PARAMS)
