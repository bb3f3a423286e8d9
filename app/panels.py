"""Composite page parts built from the pure KPI and profile functions."""

from __future__ import annotations

import streamlit as st

from app import cache, ui
from district_stats.analysis.views import Views
from district_stats.content.text.i18n import t


def kpi_grid(views: Views, lang: str, columns: int = 3) -> None:
    """The six headline KPIs in a grid (stacks on phones)."""
    kpis = cache.kpis(lang)
    for start in range(0, len(kpis), columns):
        cols = st.columns(columns)
        for col, k in zip(cols, kpis[start : start + columns]):
            with col:
                ui.kpi(k.label, k.value, k.note, k.sources, k.date_text, list(k.badges), lang)


def gaps_list(views: Views, lang: str, link_to_data: bool = True) -> None:
    """What the data lacks, straight from known_gaps.csv."""
    st.subheader(t("gaps_title", lang), anchor=False)
    col = "description_en" if lang == "en" else "description_it"
    st.markdown("\n".join(f"- {ui.esc(text)}" for text in views.ds["known_gaps"][col]))  # one element, not one each
    if link_to_data:
        st.caption(t("gaps_more", lang))
