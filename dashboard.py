"""Distretti del Commercio: entry point (``streamlit run dashboard.py``).

Sets up the page, the navigation with stable URL paths, the shared sidebar and
footer. Two special views share the same URL grammar: ``?modo=presenta`` (presenter
story for the round table) and ``?embed=true&grafico=<id>`` (one chart, for iframes).
"""

from __future__ import annotations

import streamlit as st

from app import cache, embed_view, presenter, state, ui
from app.boot import ensure_navigation, fast_config_reads, startup
from district_stats.content.text.i18n import t

fast_config_reads()
ensure_navigation()
startup()  # once per process: repair an interrupted update, print the update code in the terminal

PAGES = (
    ("pages/panoramica.py", "nav_overview", ":material/dashboard:", None),
    ("pages/mappa.py", "nav_map", ":material/map:", "mappa"),
    ("pages/investimenti.py", "nav_money", ":material/euro:", "investimenti"),
    ("pages/distretti.py", "nav_districts", ":material/storefront:", "distretti"),
    ("pages/comuni.py", "nav_comuni", ":material/search:", "comuni"),
    ("pages/confronti.py", "nav_compare", ":material/compare_arrows:", "confronti"),
    ("pages/dati.py", "nav_data", ":material/database:", "dati"),
)

mode = state.param("modo")
# Streamlit keeps "embed" out of st.query_params; st.context.is_embedded reports ?embed=true.
embed = bool(st.context.is_embedded) and state.has("grafico")
state.sync_lang_from_url()
lang = state.lang()

st.set_page_config(
    page_title=t("app_title", lang),
    page_icon="🏪",
    layout="wide",
    initial_sidebar_state="collapsed" if mode == "presenta" or embed else "auto",
)

pages = [
    st.Page(path, title=t(title, lang), icon=icon, url_path=url, default=url is None)
    for path, title, icon, url in PAGES
]

if mode == "presenta":
    st.navigation(pages, position="hidden")
    presenter.render()
elif embed:
    st.navigation(pages, position="hidden")
    ui.base_css()
    embed_view.render()
else:
    ui.base_css()
    page = st.navigation(pages, position="sidebar")
    with st.sidebar:
        st.markdown(f"### {t('app_title', lang)}")
        st.caption(t("app_subtitle", lang))
    if page.url_path != "dati":  # /dati shows the notice with its details
        ui.optional_notice(lang)
    page.run()
    with st.sidebar:
        st.segmented_control(
            t("lang_label", lang),
            options=["it", "en"],
            key=state.wkey("lang"),
            format_func=lambda v: {"it": "Italiano", "en": "English"}[v],
            required=True,
        )
        st.page_link(
            page,
            label=t("present_link", lang),
            icon=":material/co_present:",
            query_params={"modo": "presenta", **({"lang": "en"} if lang == "en" else {})},
        )
        st.caption(t("data_as_of", lang, date=ui.data_date_text(lang)))
    if cache.views() is not None:
        ui.footer(lang, None if page.url_path == "mappa" else page.url_path)
