"""Shared page parts: KPI cards, chart blocks (summary, table, downloads, embed), sources, footer.

Data-derived text is always rendered as plain text or escaped Markdown, never as HTML.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from collections.abc import Iterable

import streamlit as st

from app import cache, state
from app.boot import ensure_navigation
from app.table_view import download_button as download_button
from app.table_view import downloads as downloads
from app.table_view import light_table as light_table
from app.table_view import table_toggle as table_toggle
from app.table_view import table_view as table_view
from district_stats import settings
from district_stats.analysis.views import Views
from district_stats.content import catalog
from district_stats.content.catalog import ChartOutput
from district_stats.content.embeds import embed_page
from district_stats.content.text import safe_text
from district_stats.content.text.i18n import glossary as glossary_terms
from district_stats.content.text.i18n import t

#: Regex that shows a URL as its site name in link columns.
HOST_RE = r"https?://(?:www\.)?([^/]+)"


def esc(text: object, limit: int | None = None) -> str:
    """Data-derived text for Markdown: shows literally, no link (autolinks included), no markup
    (:func:`district_stats.content.text.safe_text.md`)."""
    return safe_text.md(text, limit)


def link(label: str, url: str) -> str:
    """Markdown link with an escaped label; only http(s) URLs are linked (data URLs are validated)."""
    if not re.fullmatch(r"https?://[^\s()<>]+", url):
        return esc(label)
    return f"[{esc(label)}]({url})"


def sources_md(urls: Iterable[str], limit: int = 6, lang: str = "it") -> str:
    """Sources as readers cite them, each page once, linked: '[TargatoCN, «Assegnati…», 24 luglio 2021](...); …'
    (publisher, title and date from the sources register, :func:`district_stats.content.catalog.source_labels`)."""
    cited = catalog.source_labels(cache.views(), urls, lang)
    shown = [link(text, url) for text, url in cited[:limit]]
    more = len(cited) - len(shown)
    return "; ".join(shown) + (f" {t('src_more', lang, n=more)}" if more > 0 else "")


def sources_list_md(urls: Iterable[str], lang: str, backs: str = "") -> list[str]:
    """One Markdown bullet per source (publisher, title and date, linked), e.g. for a profile's source list."""
    tail = f" — {esc(backs)}" if backs else ""
    return [f"- {link(text, url)}{tail}" for text, url in catalog.source_labels(cache.views(), urls, lang)]


def badge_md(text: str, color: str) -> str:
    """Inline Markdown badge (the words carry the meaning; colour only repeats it)."""
    return f":{color}-badge[{esc(text)}]"


def kpi(
    label: str, value: str, note: str, urls: Iterable[str], date_text: str, badges: list[tuple[str, str]], lang: str
) -> None:
    """One KPI card: big value, what was announced vs what the data shows, badges, source and date."""
    with st.container(border=True):
        st.metric(label, value)
        st.caption(note)
        st.markdown(" ".join(badge_md(text, color) for text, color in badges))
        st.caption(f"{t('source', lang)}: {sources_md(urls, 3, lang)} · {date_text}")


#: Static page CSS (no data in it): captions at full opacity in a dark grey, so captions and the links in
#: them keep WCAG AA contrast (Streamlit's default 60% opacity makes links 3:1). A published chart is one
#: ``<picture>`` (:func:`static_chart`): the phone drawing on a phone (and in a half-width column below
#: 1600 px), at most 440 px wide so its type stays the size it was drawn at; the column drawing otherwise, at
#: most 860 px. A profile's map picture (the presenter's drill-down, drawn 16:9 with the map in the middle)
#: keeps its square middle. Plain tables (``light_table``) have compact rows and scroll sideways inside their
#: column. The interactive embed shows the phone drawing instead of plotly on a phone (:func:`chart_block`).
BASE_CSS = """<style>
[data-testid="stCaptionContainer"] { opacity: 1 !important; color: #4D4D4D; }
img.dc-chart { display: block; width: 100%; max-width: 860px; height: auto; }
@media (max-width: 640px) { img.dc-chart { max-width: 440px; } }
@media (max-width: 1599px) { img.dc-chart.dc-half { max-width: 440px; } }
.st-key-prof_inset img { max-width: 420px; }
[data-testid="stMarkdownContainer"] table { display: block; max-width: 100%; overflow-x: auto; }
[data-testid="stMarkdownContainer"] table th, [data-testid="stMarkdownContainer"] table td { padding: .3rem .6rem; }
.st-key-phone_drawing { display: none; }
@media (max-width: 640px) { .st-key-phone_drawing { display: block; } .st-key-live_chart { display: none; } }
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
    return {
        "displaylogo": False,
        "modeBarButtonsToRemove": ["toImage", "lasso2d", "select2d"],
        "topojsonURL": "app/static/topojson/",
        "scrollZoom": False,
    }


def notices(items: Iterable[str]) -> None:
    """Show friendly notices (e.g. ignored URL parameters)."""
    for text in items:
        st.info(text, icon="ℹ️")


def phone() -> bool:
    """True in a phone's browser: every phone browser's User-Agent says «Mobi» (tablets' and computers' do
    not). A page then folds its filters into one control, so its main picture starts on the first screen."""
    try:
        agent = st.context.headers.get("User-Agent") or ""
    except Exception:  # noqa: BLE001 - no browser behind the session (AppTest): a computer's layout
        agent = ""
    return "Mobi" in agent


def chart_block(
    out: ChartOutput,
    lang: str,
    presenter: bool = False,
    show_tools: bool = True,
    on_select: str = "ignore",
    static: bool = True,
    half: bool = False,
) -> object:
    """Title, one-sentence summary, chart, source line; then the «Esplora» and table switches, and the tools.

    The chart is the published drawing of its default view (a picture: no plotly in the page, see
    :func:`static_chart`) unless the reader switches «Esplora» on (kept in the URL: ``esplora``), the
    published files do not match the data on show, the view is not the default one, or ``static`` is False
    (the interactive embed); then plotly draws it. ``half``: the block is a half-width column. Returns the
    plotly selection event (None for a drawing).
    """
    st.subheader(out.title, anchor=out.chart_id)  # the anchor a chart's citation ends with (#linee)
    st.markdown(esc(out.summary))
    published = cache.static_chart(out, lang) if not presenter and on_select == "ignore" else None
    urls = published if static else None
    event = None
    if urls is not None and not state.explored(out.chart_id):
        static_chart(out, urls, half)
    else:
        # The interactive embed on a phone: plotly cannot fit the bars' labels in 390 px, so the published phone
        # drawing of the same view is shown there instead (BASE_CSS), plotly on a larger screen.
        phone = published if not static else None
        if phone is not None:
            with st.container(key="phone_drawing"):
                st.html(embed_page.Picture((), phone[0], out.summary, f"dc-chart dc-{out.chart_id}").picture_html)
        with st.container(key="live_chart" if phone is not None else None):
            # on_select is 'ignore' or 'rerun': Streamlit types each value in an overload of its own
            event = st.plotly_chart(
                out.figure,
                key=f"chart_{out.chart_id}",
                on_select=on_select,
                theme=None,  # type: ignore[call-overload]
                config=plotly_config(),
                alt=out.summary,
            )
    st.caption(f"{esc(out.source)} · {sources_md(out.source_urls, 4, lang)}")
    if presenter or (urls is None and not show_tools):
        return event
    with st.container(horizontal=True, gap="medium"):  # one row of switches (fewer elements than columns)
        if urls is not None:  # kept in the URL (``esplora``): a shared link opens the chart the same way
            state.listed_toggle(t("explore", lang), "esplora", out.chart_id, tip=t("explore_help", lang))
        opened = table_toggle(lang, key=out.chart_id) if show_tools else False
    if opened:
        chart_tools(out, lang)
    return event


def static_chart(out: ChartOutput, urls: tuple[str, str], half: bool = False) -> None:
    """The published drawings of a chart as one picture (the browser fetches the phone or the column drawing,
    whichever its screen needs), with the chart's one-sentence summary as its text alternative."""
    narrow, wide = urls
    media = "(max-width: 1599px)" if half else "(max-width: 640px)"
    css = f"dc-chart dc-{out.chart_id}" + (" dc-half" if half else "")  # chart ids are [a-z_]: a class each
    st.html(embed_page.Picture(((media, narrow),), wide, out.summary, css).picture_html)


def chart_url(chart_id: str, lang: str) -> str:
    """Absolute address of the page that shows a chart, in its default view."""
    return state.share_url(embed_page.CHART_PAGES.get(chart_id, ""), {"lang": "en"} if lang == "en" else {})


def chart_view_url(chart_id: str, lang: str) -> str:
    """The address that reopens the chart exactly as it is on screen: its page with every parameter of the
    view (metric, filters, open tables, language…) and the chart's anchor (``#linee``); outside the pages
    (the interactive embed) the chart's page in ``lang``."""
    path = state.view_path()
    base = chart_url(chart_id, lang) if path is None else state.share_url(path, state.view_query())
    return f"{base}#{chart_id}"


def citation_block(what: str, url: str, lang: str) -> None:
    """«Come citare»: the citation of ``what`` at ``url`` as text, CSL-JSON and BibTeX, each with a copy button
    (publisher and title of the compiled data, data version, today's date as the access date)."""
    cited = catalog.cite(cache.views(), what, url, lang, dt.date.today())
    st.markdown(f"**{t('cite_title', lang)}**")
    text_tab, csl_tab, bib_tab = st.tabs([t("cite_as_text", lang), "CSL-JSON", "BibTeX"])
    text_tab.code(cited.text, language=None, wrap_lines=True)
    csl_tab.code(cited.csl_json, language="json", wrap_lines=True)
    bib_tab.code(cited.bibtex, language="latex", wrap_lines=True)
    st.caption(t("cite_help", lang))


def base_url() -> str:
    """The dashboard's address: PUBLIC_URL when set, else scheme://host[:port] as the browser sees it."""
    return settings.public_url() or state.share_url("", {}).rstrip("/")


def chart_tools(out: ChartOutput, lang: str) -> None:
    """Table, CSV/XLSX, the published PNG/SVG and press kit, the citation and the embed snippets of one chart.

    The pictures, the press kit and the static embed are published for the chart's default view only: another
    view (another metric on /confronti) says so instead of offering a picture of other numbers."""
    table_view(out.display if out.display is not None else out.table, key=f"tbl_{out.chart_id}", lang=lang)
    downloads(out.table, out.chart_id, lang, key=f"dl_{out.chart_id}")
    default = cache.is_default_view(out, lang)
    if default:
        image_downloads(out.chart_id, lang)
    else:
        st.caption(t("images_default_view", lang))
    page = state.view_path()
    citation_block(
        catalog.cited_as(embed_page.CHART_PAGES.get(out.chart_id, "") if page is None else page, out.title, lang),
        chart_view_url(out.chart_id, lang),
        lang,
    )
    with st.popover(t("embed", lang), icon=":material/code:"):
        info = cache.embed_info(out.chart_id, lang) if default else {}
        if info:
            st.markdown(f"**{t('embed_static', lang)}**")
            st.caption(t("embed_static_help", lang))
            st.code(
                embed_page.snippet(
                    out.chart_id, lang, str(info.get("title", out.title)), base_url(), int(info.get("height", 600))
                ),
                language="html",
                wrap_lines=True,
            )
        st.markdown(f"**{t('embed_interactive', lang)}**")
        st.caption(t("embed_help", lang))
        src = state.share_url(
            "/", {"embed": "true", "grafico": out.chart_id, **({"lang": "en"} if lang == "en" else {})}
        )
        st.code(
            f'<iframe src="{src}" title="{html.escape(out.title)}" width="100%" height="520" '
            f'style="border:0" loading="lazy"></iframe>',
            language="html",
            wrap_lines=True,
        )


def image_downloads(chart_id: str, lang: str) -> None:
    """PNG, SVG and the press kit (PNG, SVG, CSV and citation in a ZIP) as published for the data on show;
    a notice instead when the published files are out of date (nothing is drawn in this process)."""
    if not cache.artefacts_ok(lang):
        st.caption(t("images_stale", lang))
        return
    c1, c2, c3 = st.columns(3)
    for col, (fmt_, label, mime, icon) in zip(
        (c1, c2, c3),
        (
            ("png", "download_png", "image/png", ":material/image:"),
            ("svg", "download_svg", "image/svg+xml", ":material/draw:"),
            ("zip", "download_kit", "application/zip", ":material/folder_zip:"),
        ),
    ):
        name = f"{chart_id}-kit.zip" if fmt_ == "zip" else f"{chart_id}.{fmt_}"
        col.download_button(
            t(label, lang),
            data=functools.partial(_published_bytes, chart_id, lang, fmt_),
            file_name=name,
            mime=mime,
            key=f"{fmt_}_{chart_id}",
            on_click="ignore",
            icon=icon,
        )


def _published_bytes(chart_id: str, lang: str, kind: str) -> bytes:
    """A published picture or press kit, read when its download button is clicked (empty if it went away)."""
    return cache.png_bytes(chart_id, lang, kind) or b""


def data_date_text(lang: str) -> str:
    """'25 novembre 2026': the date of the latest data change."""
    return catalog.data_date_text(cache.views(), lang)


def view_title(path: str, params: dict[str, str], lang: str) -> str:
    """What a citation calls a view: the page's name, and the district or comune it opens ('Distretti: Mondovì')."""
    return catalog.view_title(cache.views(), path, params, lang)


def share_link(path: str, lang: str, key: str) -> None:
    """'Copia link e citazione': the absolute URL of the current view (the query string the page just wrote)
    and its citation, each in a code block with Streamlit's copy button."""
    params = state.params()
    url = state.share_url(path, params)
    with st.popover(t("share_button", lang), icon=":material/link:", key=key):
        st.markdown(f"**{t('share_title', lang)}**")
        st.code(url, language=None, wrap_lines=True)
        st.caption(t("share_help", lang))
        citation_block(view_title(path, params, lang), url, lang)


def footer(lang: str, path: str | None = None) -> None:
    """Data date, licences and where the sources are; the link and citation of the current view unless
    ``path`` is None (the map page draws its own inside its fragment, where the URL changes)."""
    st.divider()
    glossary(lang)
    if path is not None:
        share_link(path, lang, key="share_footer")
    st.caption(t("footer", lang, date=data_date_text(lang)))


def glossary(lang: str) -> None:
    """The terms of art the pages use (capofila, tornata, graduatoria…), each with its definition."""
    with st.expander(t("gl_title", lang), icon=":material/menu_book:"):
        st.markdown("\n".join(f"- **{term}**: {text}" for term, text in glossary_terms(lang)))


def optional_notice(lang: str, details: bool = False) -> None:
    """A notice when optional files (timeline, contradictions, ...) failed to load; the app keeps working."""
    ds = cache.dataset()
    if not ds.ok or not ds.notices:
        return
    st.warning(t("optional_notice", lang, tables=", ".join(ds.notice_files)), icon=":material/warning:")
    if details:
        with st.expander(t("optional_problems", lang)):
            st.markdown("\n".join(f"- {esc(p.message(lang))}" for p in ds.notices[: settings.MAX_PROBLEMS_SHOWN]))


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
    return views, lang


def data_error(lang: str) -> None:
    """Explain why required data could not be loaded (no traceback, nothing changed)."""
    ds = cache.dataset()
    st.error(t("data_error", lang))
    for name, probs in ds.problems.items():
        with st.expander(f"{name} ({len(probs)})"):
            for p in probs[: settings.MAX_PROBLEMS_SHOWN]:
                st.text(p.message(lang))
