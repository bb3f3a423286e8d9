"""Widgets shared by several pages, each bound to its URL parameter (``state.wkey``)."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from app import state, ui
from district_stats.content.text.i18n import t
from district_stats.data.schema import DISTRICT_TYPES, PROVINCES


def province_type(slots: Sequence, lang: str) -> None:
    """The province and district-type pickers (``prov``, ``tipo``) in two layout slots (columns)."""
    slots[0].selectbox(
        t("filter_province", lang),
        [""] + list(PROVINCES),
        key=state.wkey("prov"),
        format_func=lambda c: PROVINCES.get(c, t("all_f", lang)),
    )
    slots[1].selectbox(
        t("filter_type", lang),
        [""] + list(DISTRICT_TYPES),
        key=state.wkey("tipo"),
        format_func=lambda k: t(k, lang) if k else t("all_m", lang),
    )


def chosen_words(lang: str, q: str = "") -> list[str]:
    """The province and type chosen (and a search ``q``) in words, for :func:`filters_box`."""
    tipo = state.get("tipo")
    return [PROVINCES.get(state.get("prov"), ""), t(tipo, lang) if tipo else "", q]


def filters_box(lang: str, chosen: Sequence[str], key: str):
    """Where a page's filters go: on a phone one folded control that says what is chosen («Filtri: Cuneo ·
    diffuso»: ``chosen``, the choices in words, empty ones left out), so the page's main picture starts on the
    first screen; on a computer the filters as they are. The choices stay in the URL either way."""
    if not ui.phone():
        return st.container()
    words = " · ".join(c for c in chosen if c) or t("filters_none", lang)
    return st.expander(t("filters_label", lang, choice=ui.esc(words)), icon=":material/tune:", key=key)
