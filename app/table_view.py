"""Tables as a person reads them, their URL-kept switch and their CSV/XLSX downloads (re-exported by ``app.ui``)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from app import cache, state
from district_stats.content import shown_table
from district_stats.content.text.i18n import t


def table_view(
    frame: shown_table.Table,
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
    numeric while the display follows ``lang``; an amount that is missing reads «non trovato»
    (:func:`district_stats.content.shown_table.grid`).
    """
    views = cache.views()
    shown = shown_table.grid(frame, lang, views.sources if views is not None else None, **humanize)
    config: dict = {h: st.column_config.LinkColumn(h, display_text=t("open_link", lang)) for h in shown.links}
    for h, text in shown.help.items():
        config.setdefault(h, st.column_config.Column(h, help=text))
    # on_select is 'ignore' or 'rerun': Streamlit types each value in an overload of its own
    return st.dataframe(
        shown.styler,
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
    st.markdown(shown_table.markdown(frame, lang, **humanize))


def table_toggle(lang: str, key: str) -> bool:
    """'Show table' switch, kept in the URL (``tabelle=<key>,…``) so a shared link opens with the same tables.

    The table is built only when asked for: a hidden grid still costs the browser a canvas and
    the page a few hundred milliseconds (measured with bench/run.py).
    """
    return state.listed_toggle(t("show_table", lang), "tabelle", key)


def download_button(d: shown_table.Download, key: str, icon: str | None = None, where: Any = st) -> None:
    """One offered file as a download button in ``where`` (the page or a column): the bytes are built when it is
    clicked; when the file cannot be offered the button is greyed and its help says why."""
    where.download_button(
        d.label,
        data=d.data,
        file_name=d.file_name,
        mime=d.mime,
        on_click="ignore",
        key=key,
        icon=icon,
        disabled=bool(d.missing),
        help=d.help,
    )


def downloads(frame: pd.DataFrame, name: str, lang: str, key: str) -> None:
    """CSV (';' and BOM for Italian) and XLSX of a raw table, saying that the files keep the data's column
    names; files are built only when clicked."""
    st.caption(t("dl_raw_note", lang))
    csv, xlsx = shown_table.downloads(frame, name, lang)
    c1, c2 = st.columns(2)
    download_button(csv, f"{key}_csv", ":material/download:", c1)
    download_button(xlsx, f"{key}_xlsx", ":material/table:", c2)
