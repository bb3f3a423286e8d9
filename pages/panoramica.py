"""Panoramica (/): the headline figures next to what the data rebuilds, and the timeline."""

from app import cache, panels, state, ui

views, lang = ui.open_page("ov_title", intro_key="ov_intro")
PARAMS = [state.LANG, state.TABLES, state.EXPLORE]
ui.notices(state.notice_text(n, lang) for n in state.bind("panoramica", PARAMS))

panels.kpi_grid(views, lang)
ui.chart_block(cache.chart("cronologia", lang), lang)
panels.gaps_list(views, lang)
state.write("panoramica", PARAMS)
