"""Investimenti (/investimenti): the 2020-2027 split by line, year, province, type and beneficiary."""

import streamlit as st

from app import cache, invest, state, ui, widgets
from district_stats.content import money_page
from district_stats.content.text.i18n import t
from district_stats.urlstate import Param, one_of

views, lang = ui.open_page("inv_title")
years = money_page.years(views)
PARAMS = [state.LANG, state.PROV, state.TIPO, Param("anno", "", one_of(years)), state.TABLES, state.EXPLORE]
ui.notices(state.notice_text(n, lang) for n in state.bind("investimenti", PARAMS))
st.markdown(t("inv_intro", lang))

ui.chart_block(cache.chart("ufficiali", lang), lang)
ui.chart_block(cache.chart("linee", lang), lang)
st.caption(money_page.extended_note(views, lang))
ui.chart_block(cache.chart("anni", lang), lang)
st.caption(money_page.year_note(views, lang))
ui.chart_block(cache.chart("beneficiari", lang), lang)
ui.chart_block(cache.chart("flusso", lang), lang)
ui.chart_block(cache.chart("bandi_imprese", lang), lang)
c1, c2 = st.columns(2)
with c1:
    ui.chart_block(cache.chart("province", lang), lang, half=True)
with c2:
    ui.chart_block(cache.chart("tipo", lang), lang, half=True)
invest.traced_notes(views, lang)
ui.chart_block(cache.chart("interventi", lang), lang)
invest.paid_section(views, lang)

st.subheader(t("inv_grants_title", lang), anchor=False)
f1, f2, f3 = st.columns(3)
widgets.province_type((f1, f2), lang)
f3.selectbox(t("filter_year", lang), [""] + years, key=state.wkey("anno"), format_func=lambda y: y or t("all_m", lang))
table = money_page.grants_table(views, state.get("prov"), state.get("tipo"), state.get("anno"))
if state.listed_toggle(t("show_amounts", lang, n=len(table)), "tabelle", "importi"):  # the grid only when asked for
    ui.table_view(table, key="grants_tbl", lang=lang, height=420, headers={"label": t("h_line", lang)})
    ui.downloads(table, "importi_distretti", lang, key="grants_dl")
state.write("investimenti", PARAMS)
