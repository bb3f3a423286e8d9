"""Embed view (``?embed=true&grafico=<id>[&lang=en]``): one chart, its title, source and licence, nothing else.

Streamlit's own ``embed=true`` already removes the toolbar and padding; this view adds
only what a journalist's page needs to credit the chart: the licence and the citation. It is the
interactive option (plotly in the reader's browser); the light one is the static embed page
(``/app/static/embed/<id>.html``, :mod:`district_stats.content.embeds.embed_page`).
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app import cache, state, ui
from district_stats.content import catalog
from district_stats.content.embeds import embed_page
from district_stats.content.text.i18n import t
from district_stats.urlstate import Param, one_of

IDS = tuple(catalog.CHARTS) + ("mappa",)
PARAMS = [state.LANG, Param("grafico", "linee", one_of(IDS))]


def render() -> None:
    views = cache.views()
    lang = state.lang()
    if views is None:
        ui.data_error(lang)
        return
    raw = state.param("grafico")
    notices = state.bind("embed", PARAMS)
    if notices and raw not in IDS:
        st.warning(t("embed_unknown", lang, value=ui.esc(raw, 40)))
    chart_id = state.get("grafico", "linee")
    if chart_id == "mappa":
        st.subheader(t("ch_map", lang), anchor=False)
        region = cache.map_chart(lang)
        if region is None:
            st.warning(t("geo_missing", lang), icon=":material/map:")
        else:
            st.plotly_chart(region.figure, theme=None, config=ui.plotly_config(), key="embed_map")
        st.caption(catalog.source_line(views, lang, catalog.ACTS))
    else:
        ui.chart_block(cache.chart(chart_id, lang), lang, show_tools=False, static=False)
    st.caption(t("embed_licence", lang))
    title = catalog.cited_as(
        embed_page.CHART_PAGES.get(chart_id, ""),
        t("ch_map", lang) if chart_id == "mappa" else cache.chart(chart_id, lang).title,
        lang,
    )
    st.caption(
        f"{t('cite_title', lang)}: "
        + ui.esc(catalog.cite(views, title, ui.chart_view_url(chart_id, lang), lang, dt.date.today()).text)
    )
    # Streamlit itself keeps embed=true in the address; the chart stays in it even when it is the default one,
    # since without it a reload of the frame opens the whole overview page instead of the chart.
    state.write("embed", PARAMS, extra={"grafico": chart_id})
