"""The preview of an update laid out (the same for a CSV, an XLSX, an act's PDF and a restore).

What it shows is built by the domain (:func:`district_stats.ops.desk.preview_view`): the changes by name
in a table, the dashboard's figures before -> after, a small map of each district whose comuni change,
what the update leaves as it is and what it repairs. Every value is plain text: escaped here for Markdown,
shown as typed in the table and in the maps.
"""

from __future__ import annotations

import streamlit as st

from app import ui
from district_stats.content.text.i18n import t
from district_stats.ops import desk

TABLE_ROWS = 12  # rows visible at once in the table of changes (it scrolls; all rows are in it)
COLUMN_WIDTHS = ("small", "medium", "medium", "small", "medium", "medium")  # what, district, item, field, old, new


def _figures(view: desk.PreviewView, lang: str) -> None:
    st.markdown(f"**{t('pv_figures_title', lang)}**")
    lines = []
    for f in view.figures:
        if f.changed:
            lines.append(f"- **{ui.esc(f.label)}**: {ui.esc(f.before)} → **{ui.esc(f.after)}**")
        else:
            lines.append(f"- {ui.esc(f.label)}: {ui.esc(f.after)} {t('pv_same', lang)}")
    st.markdown("\n".join(lines))
    st.caption(t("pv_figures_note", lang))


def _maps(view: desk.PreviewView, kind: str, lang: str) -> None:
    if not view.maps:
        return
    st.markdown(f"**{t('pv_maps_title', lang)}**")
    for line in view.maps[: desk.MAX_MAPS]:
        st.markdown(ui.esc(line.text))
        fig = desk.change_map(line, lang)
        if fig is not None:
            st.plotly_chart(
                fig,
                theme=None,
                config={**ui.plotly_config(), "displayModeBar": False},
                key=f"upd_map_{kind}_{line.district_id}",
            )
    extra = len(view.maps) - desk.MAX_MAPS
    if extra > 0:
        st.caption(t("pv_maps_more", lang, n=extra))


def preview(plan: desk.Plan, kind: str, lang: str) -> None:
    """The whole preview of a valid plan with changes (``kind``: 'upload' or 'restore', for widget keys)."""
    view = desk.preview_view(plan, lang)
    st.markdown(f"**{ui.esc(view.head)}**")
    st.info(view.counts, icon=":material/preview:")
    if view.act_lines:
        st.markdown("\n".join(f"- {ui.esc(line)}" for line in view.act_lines))
    if view.rows:
        st.markdown(f"**{t('pv_changes_title', lang)}**")
        records = [dict(zip(view.columns, row, strict=True)) for row in view.rows]
        widths = dict(zip(view.columns, COLUMN_WIDTHS, strict=True))  # before and after in view without scrolling
        st.dataframe(
            records,
            hide_index=True,
            width="stretch",
            height=min(len(records), TABLE_ROWS) * 35 + 38,
            key=f"upd_rows_{kind}",
            column_config={c: st.column_config.TextColumn(c, width=w) for c, w in widths.items()},
        )
    _figures(view, lang)
    _maps(view, kind, lang)
    for line in view.notes:
        st.info(ui.esc(line), icon=":material/info:")
    for line in view.repairs:
        st.warning(ui.esc(line), icon=":material/build:")
