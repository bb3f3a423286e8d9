"""Dati e metodo (/dati): sources per table, definitions, coverage, contradictions, licence, changelog, downloads.

The update form (and its restore of a saved version) is drawn whatever state the data is in: it is
how a broken table gets repaired.
"""

import streamlit as st

from app import cache, data_view, panels, state, ui, update_view, widgets
from app.boot import ensure_navigation
from district_stats.content.text.i18n import t

ensure_navigation()
views = cache.views()
lang = state.lang()
st.title(t("data_title", lang), anchor=False)
PARAMS = [state.LANG, state.PROV, state.TIPO, state.TABLES]
ui.notices(state.notice_text(n, lang) for n in state.bind("dati", PARAMS))
if views is None:
    ui.data_error(lang)
else:
    ui.optional_notice(lang, details=True)
    st.markdown(t("data_intro", lang))
    data_view.coverage(views, lang)
    st.subheader(t("def_title", lang), anchor=False)
    st.markdown(t("def_text", lang))
    panels.gaps_list(views, lang, link_to_data=False)
    data_view.contradictions(views, lang)
    data_view.tables(views, lang)
    widgets.province_type(st.columns(2), lang)
    data_view.downloads(views, lang)
    st.subheader(t("licence_title", lang), anchor=False)
    st.markdown(t("licence_text", lang))
    data_view.changelog(views, lang)
ui.uploader_css(lang)
update_view.form(lang)
state.write("dati", PARAMS)
