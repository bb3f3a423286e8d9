"""Investimenti page parts: traced shares, paid amounts, the per-district amounts table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import state, ui
from district_stats.analysis import filters
from district_stats.analysis.views import Views
from district_stats.content.text import fmt
from district_stats.content.text.i18n import t


def traced_notes(views: Views, lang: str) -> None:
    """How much of each strategic call the per-district amounts account for."""
    st.subheader(t("inv_traced_title", lang), anchor=False)
    for _, r in views.traced_share.iterrows():
        st.markdown("- " + ui.esc(t("inv_traced_note", lang, line=r["label_en" if lang == "en" else "label_it"],
                                    traced=fmt.eur_short(r["traced_eur"], lang),
                                    total=fmt.eur_short(r["line_total_eur"], lang), share=fmt.pct(r["share"], lang, 0),
                                    n=r["n_traced"], nb=fmt.num(r["n_beneficiaries"], lang))))


def paid_section(views: Views, lang: str) -> None:
    """Allocated vs paid, where a source gives a paid amount."""
    st.subheader(t("inv_paid_title", lang), anchor=False)
    paid = views.paid  # already carries the district's short name
    st.markdown(ui.esc(t("inv_paid_note", lang, n=len(paid))))
    if not paid.empty:
        kinds = {"reference_kind": lambda x: " + ".join(t(k, lang) for k in str(x).split("/") if k)}
        ui.table_view(paid[["short_name", "year", "reference_kind", "reference_eur", "paid_eur", "share_paid",
                            "reference_line_ids", "grant_id", "district_id"]], key="paid_tbl", lang=lang, values=kinds)


def grants_table(views: Views) -> pd.DataFrame:
    """Per-district amounts filtered by the page's province, type and year pickers (schema column names:
    the page shows them with human headers, the download keeps them)."""
    g = filters.grants_in(views.ds["grants"], views.districts, state.get("prov"), state.get("tipo"), state.get("anno"))
    g = g.merge(views.ds["funding_lines"][["line_id", "label_it", "label_en"]], on="line_id", how="left")
    return g[["short_name", "province_code", "label_it", "label_en", "year", "amount_eur", "amount_kind", "confidence",
              "source_urls", "grant_id", "district_id", "line_id"]]
