"""Investimenti page parts laid out: traced shares, paid amounts (from :mod:`district_stats.content.money_page`)."""

from __future__ import annotations

import streamlit as st

from app import ui
from district_stats.analysis.views import Views
from district_stats.content import money_page
from district_stats.content.text.i18n import t


def traced_notes(views: Views, lang: str) -> None:
    """How much of each strategic call the per-district amounts account for."""
    st.subheader(t("inv_traced_title", lang), anchor=False)
    st.markdown("\n".join("- " + ui.esc(note) for note in money_page.traced_notes(views, lang)))


def paid_section(views: Views, lang: str) -> None:
    """Allocated vs paid, where a source gives a paid amount."""
    st.subheader(t("inv_paid_title", lang), anchor=False)
    st.markdown(ui.esc(money_page.paid_note(views, lang)))
    if not views.paid.empty:
        ui.light_table(money_page.paid_table(views, lang), lang)  # three rows: no data grid
