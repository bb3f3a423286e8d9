"""Tables as a person reads them, their URL-kept switch and their CSV/XLSX downloads (re-exported by ``app.ui``)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from app import cache, state
from district_stats.content.spreadsheets import to_csv_bytes, to_xlsx_bytes
from district_stats.content.text import display, fmt
from district_stats.content.text.i18n import t


def table_view(
    frame: pd.DataFrame | display.Display,
    key: str,
    lang: str = "it",
    height: int | str = "auto",
    on_select: str = "ignore",
    selection_mode: str = "single-row",
    **humanize: Any,
) -> object:
    """A read-only, sortable table as a person reads it, with Italian (or English) number formats.

    A raw frame (schema-style column names) goes through :func:`district_stats.content.text.display.humanize`
    first (``humanize`` keyword arguments are passed on): human headers, values in words, sources
    by publisher with a link, codes last. Numbers keep their numeric type, so sorting stays
    numeric while the display follows ``lang``; an amount that is missing reads «non trovato».
    """
    if not isinstance(frame, display.Display):
        views = cache.views()
        humanize.setdefault("register", views.sources if views is not None else {})
    shown = frame if isinstance(frame, display.Display) else display.humanize(frame, lang, **humanize)
    config: dict = {h: st.column_config.LinkColumn(h, display_text=t("open_link", lang)) for h in shown.links}
    for h, text in shown.help.items():
        config.setdefault(h, st.column_config.Column(h, help=text))
    # The grid draws an empty cell as "None" whatever the styler says: a column with gaps is written out
    # as text ("–", or «non trovato» for an amount), a full column stays numeric (and sorts as numbers).
    frame = shown.frame.copy()
    for h in frame.columns:
        if not frame[h].isna().any():
            continue
        if h in shown.links:  # an empty link cell is blank; a null one would read "None"
            frame[h] = frame[h].fillna("")
            continue
        kind = shown.formats.get(h)
        frame[h] = [fmt.cell(v, kind, lang) if kind or pd.isna(v) else v for v in frame[h]]
    styler = frame.style.format(na_rep="–")
    for h, kind in shown.formats.items():
        if pd.api.types.is_numeric_dtype(frame[h]) or pd.api.types.is_datetime64_any_dtype(frame[h]):
            styler = styler.format(lambda v, k=kind: fmt.cell(v, k, lang), subset=[h])
    # on_select is 'ignore' or 'rerun': Streamlit types each value in an overload of its own
    return st.dataframe(
        styler,
        hide_index=True,
        key=key,
        height=height,
        on_select=on_select,  # type: ignore[call-overload]
        selection_mode=selection_mode,
        column_config=config,
    )


def light_table(frame: pd.DataFrame, lang: str = "it", **humanize: Any) -> None:
    """A short table (a few rows) as plain Markdown: what :func:`table_view` shows, without the data grid
    (its scripts are the largest a page loads; measured with bench/run.py) and without sorting."""
    st.markdown(display.markdown_table(display.humanize(frame, lang, **humanize), lang))


def table_toggle(lang: str, key: str) -> bool:
    """'Show table' switch, kept in the URL (``tabelle=<key>,…``) so a shared link opens with the same tables.

    The table is built only when asked for: a hidden grid still costs the browser a canvas and
    the page a few hundred milliseconds (measured with bench/run.py).
    """
    return state.listed_toggle(t("show_table", lang), "tabelle", key)


def downloads(frame: pd.DataFrame, name: str, lang: str, key: str) -> None:
    """CSV (';' and BOM for Italian) and XLSX of a raw table, saying that the files keep the data's column
    names; files are built only when clicked."""
    st.caption(t("dl_raw_note", lang))
    c1, c2 = st.columns(2)
    with c1:
        st.download_button(
            t("download_csv", lang),
            data=lambda: to_csv_bytes(frame, lang),
            file_name=f"{name}.csv",
            mime="text/csv",
            key=f"{key}_csv",
            on_click="ignore",
            icon=":material/download:",
        )
    with c2:
        st.download_button(
            t("download_xlsx", lang),
            data=lambda: to_xlsx_bytes({name: frame}),
            file_name=f"{name}.xlsx",
            key=f"{key}_xlsx",
            on_click="ignore",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/table:",
        )
