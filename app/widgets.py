"""Widgets shared by several pages, each bound to its URL parameter (``state.wkey``)."""

from __future__ import annotations

from collections.abc import Sequence

from app import state
from district_stats.content.text.i18n import t
from district_stats.data.schema import DISTRICT_TYPES, PROVINCES


def province_type(slots: Sequence, lang: str) -> None:
    """The province and district-type pickers (``prov``, ``tipo``) in two layout slots (columns)."""
    slots[0].selectbox(t("filter_province", lang), [""] + list(PROVINCES), key=state.wkey("prov"),
                       format_func=lambda c: PROVINCES.get(c, t("all_f", lang)))
    slots[1].selectbox(t("filter_type", lang), [""] + list(DISTRICT_TYPES), key=state.wkey("tipo"),
                       format_func=lambda k: t(k, lang) if k else t("all_m", lang))
