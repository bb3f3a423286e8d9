"""Shared page parts: KPI cards, chart blocks (summary, table, downloads, embed), sources, footer.

Data-derived text is always rendered as plain text or escaped Markdown, never as HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd
import streamlit as st

from app import cache, state
from app.boot import ensure_navigation
from district_stats import settings
from district_stats.analysis.views import Views
from district_stats.content import display, fmt, safe_text, sources, wording
from district_stats.content.catalog import ChartOutput, data_date
from district_stats.content.downloads import to_csv_bytes, to_xlsx_bytes
from district_stats.content.i18n import t
from district_stats.data import schema

#: Regex that shows a URL as its site name in link columns.
HOST_RE = r"https?://(?:www\.)?([^/]+)"


def esc(text: object, limit: int | None = None) -> str:
    """Data-derived text for Markdown: shows literally, no link (autolinks included), no markup
    (:func:`district_stats.content.safe_text.md`)."""
    return safe_text.md(text, limit)


def link(label: str, url: str) -> str:
    """Markdown link with an escaped label; only http(s) URLs are linked (data URLs are validated)."""
    if not re.fullmatch(r"https?://[^\s()<>]+", url):
        return esc(label)
    return f"[{esc(label)}]({url})"


def host(url: str) -> str:
    """'https://www.torinoggi.it/2025/...' -> 'torinoggi.it'."""
    return sources.host(url) or url


def cite_md(c: sources.Citation, lang: str, full: bool = False) -> str:
    """A source as Markdown: '[TargatoCN, 24 luglio 2021](url)', plus «title» when ``full``."""
    text = link(sources.short_label(c, lang), c.url)
    return text + (f" · «{esc(c.title)}»" if full and c.title else "")


def sources_md(urls: Iterable[str], limit: int = 6, lang: str = "it", full: bool = False) -> str:
    """Sources named by their publisher and date, each page once, linked: '[TargatoCN, 24 luglio 2021](...), …'."""
    cites = sources.citations(list(urls), lang)
    shown = [cite_md(c, lang, full) for c in cites[:limit]]
    more = len(cites) - len(shown)
    return ", ".join(shown) + (f" (+{more})" if more > 0 else "")


def sources_list_md(urls: Iterable[str], lang: str, backs: str = "") -> list[str]:
    """One Markdown bullet per source (publisher, date, title, link), e.g. for a profile's source list."""
    tail = f" — {esc(backs)}" if backs else ""
    return [f"- {cite_md(c, lang, full=True)}{tail}" for c in sources.citations(list(urls), lang)]


def badge_md(text: str, color: str) -> str:
    """Inline Markdown badge (the words carry the meaning; colour only repeats it)."""
    return f":{color}-badge[{esc(text)}]"


def confidence_badge(level: str, lang: str) -> None:
    """Coloured badge with the word (colour is never the only cue)."""
    color = {"high": "green", "medium": "orange", "low": "red"}.get(level, "gray")
    st.badge(t(f"confidence_{level}", lang), color=color)


def kpi(label: str, value: str, note: str, urls: Iterable[str], date_text: str, badges: list[tuple[str, str]],
        lang: str) -> None:
    """One KPI card: big value, what was announced vs what the data shows, badges, source and date."""
    with st.container(border=True):
        st.metric(label, value)
        st.caption(note)
        st.markdown(" ".join(badge_md(text, color) for text, color in badges))
        st.caption(f"{t('source', lang)}: {sources_md(urls, 3, lang)} · {date_text}")


#: Static page CSS (no data in it): captions at full opacity in a dark grey, so captions and the links in
#: them keep WCAG AA contrast (Streamlit's default 60% opacity makes links 3:1).
BASE_CSS = """<style>
[data-testid="stCaptionContainer"] { opacity: 1 !important; color: #4D4D4D; }
</style>"""


#: Static CSS for the Italian page: the file uploader's built-in texts are English («Upload», «20MB per
#: file»); its label already says what and how big, so the instructions go and the button speaks Italian.
UPLOADER_CSS_IT = """<style>
[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p { font-size: 0; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {
  content: "Scegli il file"; font-size: 0.875rem; }
</style>"""


def uploader_css(lang: str) -> None:
    """Italian wording for the file uploader (Streamlit draws its texts in English only)."""
    if lang != "en":
        st.html(UPLOADER_CSS_IT)


def base_css() -> None:
    """Inject the static page CSS (once per run)."""
    st.html(BASE_CSS)


def plotly_config() -> dict:
    """Plotly config: no logo, no remote image export, and geo base layers from a local empty file.

    Plotly geo always fetches a world TopoJSON from its CDN, even when hidden; pointing
    ``topojsonURL`` at ``static/topojson/`` keeps every map request on this server.
    """
    return {"displaylogo": False, "modeBarButtonsToRemove": ["toImage", "lasso2d", "select2d"],
            "topojsonURL": "app/static/topojson/", "scrollZoom": False}


def notices(items: Iterable[str]) -> None:
    """Show friendly notices (e.g. ignored URL parameters)."""
    for text in items:
        st.info(text, icon="ℹ️")


def table_view(frame: pd.DataFrame | display.Display, key: str, lang: str = "it", height: int | str = "auto",
               on_select: str = "ignore", selection_mode: str = "single-row", **humanize: object) -> object:
    """A read-only, sortable table as a person reads it, with Italian (or English) number formats.

    A raw frame (schema-style column names) goes through :func:`district_stats.content.display.humanize`
    first (``humanize`` keyword arguments are passed on): human headers, values in words, sources
    by publisher with a link, codes last. Numbers keep their numeric type, so sorting stays
    numeric while the display follows ``lang``; an amount that is missing reads «non trovato».
    """
    shown = frame if isinstance(frame, display.Display) else display.humanize(frame, lang, **humanize)  # type: ignore[arg-type]
    missing = t("value_not_found", lang)
    funcs = {"eur": lambda v: fmt.eur(v, lang) if pd.notna(v) else missing,
             "eur2": lambda v: fmt.eur(v, lang, 2) if pd.notna(v) else missing,
             "int": lambda v: fmt.num(v, lang), "pct": lambda v: fmt.pct(v, lang),
             "date": lambda v: fmt.date_long(v, lang), "year": lambda v: str(int(v)) if pd.notna(v) else "–"}
    config: dict = {h: st.column_config.LinkColumn(h, display_text=t("open_link", lang)) for h in shown.links}
    for h, text in shown.help.items():
        config.setdefault(h, st.column_config.Column(h, help=text))
    # The grid draws an empty cell as "None" whatever the styler says: a column with gaps is written out
    # as text ("–", or «non trovato» for an amount), a full column stays numeric (and sorts as numbers).
    frame = shown.frame.copy()
    for h in frame.columns:
        if not frame[h].isna().any():
            continue
        kind = shown.formats.get(h)
        if h in shown.links:  # an empty link cell is blank; a null one would read "None"
            frame[h] = frame[h].fillna("")
            continue
        func = funcs[kind] if kind else (lambda v: v)
        frame[h] = [func(v) if pd.notna(v) else (missing if kind in ("eur", "eur2") else "–") for v in frame[h]]
    styler = frame.style.format(na_rep="–")
    for h, kind in shown.formats.items():
        if pd.api.types.is_numeric_dtype(frame[h]) or pd.api.types.is_datetime64_any_dtype(frame[h]):
            styler = styler.format(funcs[kind], subset=[h])
    return st.dataframe(styler, hide_index=True, key=key, height=height, on_select=on_select,  # type: ignore[arg-type]
                        selection_mode=selection_mode, column_config=config)  # type: ignore[arg-type]


def table_toggle(lang: str, key: str) -> bool:
    """'Show table' switch, kept in the URL (``tabelle=<key>,…``) so a shared link opens with the same tables.

    The table is built only when asked for: a hidden grid still costs the browser a canvas and
    the page a few hundred milliseconds (measured with bench/run.py).
    """
    wkey = f"tg_{key}"
    if wkey not in st.session_state:  # first draw, or state.bind just loaded a new URL
        st.session_state[wkey] = key in state.open_tables()
    return st.toggle(t("show_table", lang), key=wkey, on_change=state.set_table, args=(key, wkey))


def downloads(frame: pd.DataFrame, name: str, lang: str, key: str) -> None:
    """CSV (';' and BOM for Italian) and XLSX of a raw table, saying that the files keep the data's column
    names; files are built only when clicked."""
    st.caption(t("dl_raw_note", lang))
    c1, c2 = st.columns(2)
    with c1:
        st.download_button(t("download_csv", lang), data=lambda: to_csv_bytes(frame, lang),
                           file_name=f"{name}.csv", mime="text/csv", key=f"{key}_csv", on_click="ignore",
                           icon=":material/download:")
    with c2:
        st.download_button(t("download_xlsx", lang), data=lambda: to_xlsx_bytes({name: frame}),
                           file_name=f"{name}.xlsx", key=f"{key}_xlsx", on_click="ignore",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           icon=":material/table:")


def chart_block(out: ChartOutput, lang: str, presenter: bool = False, show_tools: bool = True,
                on_select: str = "ignore") -> object:
    """Title, one-sentence summary, chart, source line; then table toggle, downloads, images, embed."""
    st.subheader(out.title, anchor=False)
    st.markdown(esc(out.summary))
    event = st.plotly_chart(out.figure, key=f"chart_{out.chart_id}", on_select=on_select, theme=None,  # type: ignore[arg-type]
                            config=plotly_config(),
                            alt=out.summary)
    st.caption(f"{esc(out.source)} · {sources_md(out.source_urls, 4, lang)}")
    if not show_tools or presenter:
        return event
    if table_toggle(lang, key=out.chart_id):
        chart_tools(out, lang)
    return event


def chart_tools(out: ChartOutput, lang: str) -> None:
    """Table, CSV/XLSX, PNG/SVG with title and source, and the embed snippet of one chart."""
    ver = cache.version()
    table_view(out.display if out.display is not None else out.table, key=f"tbl_{out.chart_id}", lang=lang)
    downloads(out.table, out.chart_id, lang, key=f"dl_{out.chart_id}")
    c1, c2, c3 = st.columns([1, 1, 2])
    with c1:
        st.download_button(t("download_png", lang), data=lambda: cache.png_bytes(out.chart_id, lang, "png", ver),
                           file_name=f"{out.chart_id}.png", mime="image/png", key=f"png_{out.chart_id}",
                           on_click="ignore", icon=":material/image:")
    with c2:
        st.download_button(t("download_svg", lang), data=lambda: cache.png_bytes(out.chart_id, lang, "svg", ver),
                           file_name=f"{out.chart_id}.svg", mime="image/svg+xml", key=f"svg_{out.chart_id}",
                           on_click="ignore", icon=":material/draw:")
    with c3, st.popover(t("embed", lang), icon=":material/code:"):
        st.caption(t("embed_help", lang))
        src = state.share_url("/", {"embed": "true", "grafico": out.chart_id, **({"lang": "en"} if lang == "en" else {})})
        st.code(f'<iframe src="{src}" title="{out.title}" width="100%" height="520" '
                f'style="border:0" loading="lazy"></iframe>', language="html")


def data_date_text(lang: str) -> str:
    """'25 novembre 2026': the date of the latest data change."""
    v = cache.views()
    return fmt.date_long(data_date(v), lang) if v is not None else "–"


def share_link(path: str, lang: str, key: str) -> None:
    """'Copia link': the absolute URL of the current view (the query string the page just wrote),
    in a code block with Streamlit's copy button."""
    params = {k: st.query_params[k] for k in st.query_params}
    with st.popover(t("share_button", lang), icon=":material/link:", key=key):
        st.markdown(f"**{t('share_title', lang)}**")
        st.code(state.share_url(path, params), language=None, wrap_lines=True)
        st.caption(t("share_help", lang))


def footer(lang: str, path: str | None = None) -> None:
    """Data date, licences and where the sources are; the share link unless ``path`` is None
    (the map page draws its own inside its fragment, where the URL changes)."""
    st.divider()
    glossary(lang)
    if path is not None:
        share_link(path, lang, key="share_footer")
    st.caption(t("footer", lang, date=data_date_text(lang)))


def glossary(lang: str) -> None:
    """The terms of art the pages use (capofila, tornata, graduatoria…), each with its definition."""
    with st.expander(t("gl_title", lang), icon=":material/menu_book:"):
        st.markdown("\n".join(f"- **{term}**: {text}" for term, text in wording.glossary(lang)))


def optional_notice(lang: str, details: bool = False) -> None:
    """A notice when optional files (timeline, contradictions, ...) failed to load; the app keeps working."""
    ds = cache.dataset()
    if not ds.ok or not ds.notices:
        return
    bad = [name for name, probs in ds.problems.items() if probs]
    st.warning(t("optional_notice", lang, tables=", ".join(schema.TABLES[n].filename for n in bad)),
               icon=":material/warning:")
    if details:
        with st.expander(t("optional_problems", lang)):
            st.markdown("\n".join(f"- {esc(p.message(lang))}" for p in ds.notices[:settings.MAX_PROBLEMS_SHOWN]))


def open_page(title_key: str, draw_title: bool = True, intro_key: str = "") -> tuple[Views, str]:
    """The opening of every page: navigation mode, the data and the language, the title (and intro).

    When the required data cannot be loaded it draws the title and the explanation and stops
    the page (``st.stop``), so the rest of a page can rely on the data being there.
    """
    ensure_navigation()
    views = cache.views()
    lang = state.lang()
    if draw_title or views is None:
        st.title(t(title_key, lang), anchor=False)
        if intro_key:
            st.markdown(t(intro_key, lang))
    if views is None:
        data_error(lang)
        st.stop()
    return views, lang  # type: ignore[return-value]


def data_error(lang: str) -> None:
    """Explain why required data could not be loaded (no traceback, nothing changed)."""
    ds = cache.dataset()
    st.error(t("data_error", lang))
    for name, probs in ds.problems.items():
        with st.expander(f"{name} ({len(probs)})"):
            for p in probs[:settings.MAX_PROBLEMS_SHOWN]:
                st.text(p.message(lang))
