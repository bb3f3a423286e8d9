"""Widgets shared by several pages, each bound to its URL parameter (``state.wkey``)."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from app import state, ui
from district_stats.content import district_page
from district_stats.content.text.i18n import t


def province_type(slots: Sequence, lang: str) -> None:
    """The province and district-type pickers (``prov``, ``tipo``) in two layout slots (columns)."""
    provinces, types = district_page.filter_choices(lang)
    slots[0].selectbox(
        t("filter_province", lang), list(provinces), key=state.wkey("prov"), format_func=provinces.__getitem__
    )
    slots[1].selectbox(t("filter_type", lang), list(types), key=state.wkey("tipo"), format_func=types.__getitem__)


def chosen_words(lang: str, q: str = "") -> list[str]:
    """The province and type chosen (and a search ``q``) in words, for :func:`filters_box`."""
    return [*district_page.chosen_filters(state.get("prov"), state.get("tipo"), lang), q]


def filters_box(lang: str, chosen: Sequence[str], key: str):
    """Where a page's filters go: on a phone one folded control that says what is chosen («Filtri: Cuneo ·
    diffuso»: ``chosen``, the choices in words, empty ones left out), so the page's main picture starts on the
    first screen; on a computer the filters as they are. The choices stay in the URL either way."""
    if not ui.phone():
        return st.container()
    words = " · ".join(c for c in chosen if c) or t("filters_none", lang)
    return st.expander(t("filters_label", lang, choice=ui.esc(words)), icon=":material/tune:", key=key)
