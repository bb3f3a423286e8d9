"""Static embed pages: one light, self-contained HTML page per chart and language, and its iframe snippet.

A page is served by the dashboard's static file server at ``/app/static/embed/<id>.html``
(English: ``…/embed/en/<id>.html``) and needs nothing else: no script or style from
outside, no websocket, no web font (system fonts). The chart is inline SVG in two widths
(phone and column, switched by a media query) with its text alternative, the table of its
data, source, licence, a citation and a link to the live view. A few lines of inline script
tell the host page the page's height, so the snippet's iframe grows to fit.

Every data-derived string is escaped here (titles and summaries included); the SVG comes
from plotly (text escaped by plotly) and is tidied by :func:`prepare_svg`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlsplit

import pandas as pd

from district_stats.content.embeds.embed_table import Table
from district_stats.content.text import citation as cite
from district_stats.content.text.i18n import t

#: URL path of the embeds under the dashboard's address (Streamlit static serving).
EMBED_URL = "app/static/embed"
#: Column width (px) from which the wide drawing is shown.
BREAK_PX = 560
#: Widest a chart is drawn (px): in a very wide column its type would otherwise grow past 20 px.
CHART_MAX_PX = 860
#: Dashboard page of each chart (the «Esplora nel dashboard» link); '' is the overview.
CHART_PAGES = {
    "cronologia": "",
    "linee": "investimenti",
    "anni": "investimenti",
    "province": "investimenti",
    "tipo": "investimenti",
    "beneficiari": "investimenti",
    "flusso": "investimenti",
    "bandi_imprese": "investimenti",
    "interventi": "investimenti",
    "ufficiali": "investimenti",
    "dentro_province": "confronti",
    "dentro_classi": "confronti",
    "confronto": "confronti",
    "mappa": "mappa",
}
#: Tells the host page the height of the page (on load and whenever it changes), writes the citation's
#: relative link out in full and today's date as the citation's access date. Must stay under 1 KB.
RESIZE_JS = (
    '(function(){var d=document,P=window.parent;d.querySelectorAll("a.dc-url").forEach(function(a){'
    'a.textContent=a.href});d.querySelectorAll(".dc-acc").forEach(function(e){e.textContent=e.dataset.p+'
    'new Date().toLocaleDateString(d.documentElement.lang,{day:"numeric",month:"long",year:"numeric"})});'
    'if(P===window)return;function s(){P.postMessage({type:"dc-embed-height",'
    'height:Math.ceil(d.documentElement.getBoundingClientRect().height)},"*")}'
    'addEventListener("load",s);if(window.ResizeObserver)new ResizeObserver(s).observe(d.body);'
    'else addEventListener("resize",s)})();'
)
#: Listens for the embeds' height messages in the host page and sizes each iframe (once per page).
LISTENER_JS = (
    'window.dcEmbed||(window.dcEmbed=1,window.addEventListener("message",function(e){var d=e.data;'
    'if(!d||d.type!=="dc-embed-height"||!(d.height>0))return;'
    'document.querySelectorAll("iframe[data-dc-embed]").forEach(function(f){'
    "if(f.contentWindow===e.source)f.height=Math.min(Math.ceil(d.height),20000)})}));"
)
STYLE = (
    "body{margin:0;color:#1A1A1A;background:#FFF;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,"
    "'Helvetica Neue',Arial,'Liberation Sans',sans-serif}main{padding:10px 12px 12px;max-width:980px}"
    "h1{font-size:1.2rem;line-height:1.25;margin:0 0 .3rem}p{margin:.35rem 0}a{color:#005A8C}"
    f".dc-chart{{margin:.5rem 0;max-width:{CHART_MAX_PX}px}}.dc-chart svg{{display:block;width:100%;height:auto}}"
    ".dc-w{display:none}"
    f"@media (min-width:{BREAK_PX}px){{.dc-w{{display:block}}.dc-n{{display:none}}}}"
    ".dc-meta{font-size:.85rem;color:#3A3A3A}.dc-cite{font-size:.85rem;background:#F2F4F7;padding:6px 8px}"
    "details{font-size:.85rem;margin:.4rem 0}.dc-tab{overflow-x:auto}table{border-collapse:collapse}"
    "th,td{padding:2px 8px 2px 0;border-bottom:1px solid #DDD;text-align:left;vertical-align:top}"
    "td.n{text-align:right;white-space:nowrap}"
)
_UID = re.compile(r'id="defs-([0-9a-f]+)"')


@dataclass(frozen=True)
class EmbedChart:
    """Everything a page shows for one chart in one language (plain text; the builder escapes it)."""

    chart_id: str
    lang: str
    title: str
    summary: str
    source: str
    data_date: pd.Timestamp | None
    table: Table
    svg_narrow: str
    svg_wide: str
    sources: tuple[tuple[str, str], ...] = field(default=())  # (label, address) from the sources register
    cited_as: str = ""  # what the citation calls the chart (its page and title); the title when empty


@dataclass(frozen=True)
class Picture:
    """A published drawing as a dashboard page shows it (instead of plotly, until the reader asks for the
    interactive figure): ``sources`` are (media query, address) pairs, the first whose query matches the screen
    is fetched, else ``fallback`` (one file per screen class is downloaded, not one per class); ``alt``: the
    chart's or map's sentence (its text alternative); ``css``: the class of the ``<img>`` (the page sizes it)."""

    sources: tuple[tuple[str, str], ...]
    fallback: str
    alt: str
    css: str = ""

    @property
    def picture_html(self) -> str:
        """The ``<picture>`` element, every value escaped (addresses, queries and the sentence come from the
        published manifest and the data)."""
        tags = "".join(f'<source media="{escape(media)}" srcset="{escape(url)}">' for media, url in self.sources)
        css = f' class="{escape(self.css)}"' if self.css else ""
        return f'<picture>{tags}<img src="{escape(self.fallback)}" alt="{escape(self.alt)}"{css}></picture>'


def page_path(chart_id: str, lang: str, ext: str = "html") -> str:
    """Path of an artefact inside the embed folder: 'linee.html', 'en/linee.png'."""
    return f"{'en/' if lang == 'en' else ''}{chart_id}.{ext}"


def live_url(chart_id: str, lang: str, public_url: str = "") -> str:
    """The chart on its page in the dashboard (``…/investimenti#linee``): absolute under ``public_url``, else
    relative to the embed page (``../../../investimenti#linee`` from ``/app/static/embed/linee.html``)."""
    query = "?lang=en" if lang == "en" else ""
    path = CHART_PAGES.get(chart_id, "") + query + f"#{chart_id}"  # the chart's anchor on its page
    if public_url:
        return f"{public_url.rstrip('/')}/{path}"
    depth = EMBED_URL.count("/") + 1 + (lang == "en")
    return "../" * depth + path


def embed_url(chart_id: str, lang: str, base_url: str = "") -> str:
    """Address of the embed page: ``<base_url>/app/static/embed/…``; root-relative without a base."""
    return f"{base_url.rstrip('/')}/{EMBED_URL}/{page_path(chart_id, lang)}"


def snippet(chart_id: str, lang: str, title: str, base_url: str = "", height: int = 600) -> str:
    """HTML to paste in an article: the iframe (``height`` px until the page reports its own) and the
    few lines that resize it. Works for several embeds on one page."""
    src = escape(embed_url(chart_id, lang, base_url))
    return (
        f'<iframe src="{src}" title="{escape(title)}" style="width:100%;border:0" height="{int(height)}" '
        f'loading="lazy" data-dc-embed></iframe>\n<script>{LISTENER_JS}</script>'
    )


def fallback_height(narrow_svg_height: float) -> int:
    """Iframe height (px) before the page reports its own: the phone layout's chart (drawn 360 px wide,
    shown about 300 px wide) plus the texts (about 620-690 px in a 320 px column, the citation included),
    rounded up to 50 px.
    Too tall leaves a gap; too short would cut the licence line when the script cannot run."""
    return int(-(-(narrow_svg_height * 0.85 + 720) // 50) * 50)


def stable_ids(svg: str, uid: str) -> str:
    """Replace plotly's random id suffix (a new one on every render) with ``uid``: same data, same bytes,
    and two drawings of one page never share an id."""
    m = _UID.search(svg)
    return svg if m is None else re.sub(rf"(?<![0-9.]){m.group(1)}(?![0-9])", uid, svg)


def _round_path(match: re.Match, decimals: int) -> str:
    nums = re.sub(
        r"-?\d+\.\d+",
        lambda n: (
            f"{float(n.group(0)):.{decimals}f}".rstrip("0").rstrip(".") if decimals else str(round(float(n.group(0))))
        ),
        match.group(1),
    )
    return f' d="{nums}"'


def prepare_svg(svg: str, uid: str, label: str, title: str, decimals: int = 1) -> str:
    """A plotly SVG ready to inline: stable ids, no fixed size (scales with its viewBox), paths rounded to
    ``decimals`` (0 for maps: a third of the bytes), links unwrapped, and its text alternative
    (``role="img"``, ``aria-label`` and ``<desc>`` = ``label``, ``<title>`` = ``title``)."""
    out = stable_ids(svg, uid)
    out = re.sub(r' d="([^"]*)"', lambda m: _round_path(m, decimals), out)
    out = re.sub(r"</?a\b[^>]*>", "", out)  # no link inside a picture
    out = re.sub(r"<\?xml[^>]*>\s*", "", out)
    head_end = out.index(">", out.index("<svg")) + 1
    head = re.sub(r'\s(width|height|style)="[^"]*"', "", out[:head_end])
    head = head[:-1] + f' role="img" aria-label="{escape(label)}" focusable="false">'
    return head + f"<title>{escape(title)}</title><desc>{escape(label)}</desc>" + out[head_end:]


def svg_height(svg: str) -> float:
    """Height of an SVG from its viewBox (0 when there is none)."""
    m = re.search(r'viewBox="[\d.\-]+ [\d.\-]+ [\d.]+ ([\d.]+)"', svg)
    return float(m.group(1)) if m else 0.0


def table_html(table: Table) -> str:
    """The table as escaped HTML."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in table.headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="n">{escape(v)}</td>' if n else f"<td>{escape(v)}</td>" for v, n in zip(row, table.numeric)
        )
        + "</tr>"
        for row in table.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _sources(cited: tuple[tuple[str, str], ...], lang: str, limit: int = 4) -> str:
    """Up to ``limit`` source links named by publisher, title and date (``cited``: (label, address) pairs from
    :func:`~district_stats.content.text.sources.labels`); only http(s) addresses become links."""
    links: list[str] = []
    for text, url in cited:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc and len(links) < limit:
            links.append(f'<a href="{escape(url)}" target="_blank" rel="noopener">{escape(text)}</a>')
    more = len(cited) - len(links)
    tail = f" (+{more})" if more > 0 and len(links) == limit else ""
    return f" · {t('emb_sources', lang)}: " + "; ".join(links) + tail if links else ""


def page_html(chart: EmbedChart, public_url: str = "") -> str:
    """The embed page of ``chart`` (self-contained HTML, every text escaped)."""
    lang = chart.lang
    live = live_url(chart.chart_id, lang, public_url)
    head, version, _, licence = cite.parts(cite.reference(chart.cited_as or chart.title, chart.data_date, "", lang))
    # The access date is the reader's: the page's script writes today's date in (left out without a script).
    accessed = t("cite_accessed", lang, date="")
    text = (
        f'{escape(head)} {escape(version)}<span class="dc-acc" data-p="; {escape(accessed)}"></span>. {escape(licence)}'
    )
    files = {ext: f"{chart.chart_id}.{ext}" for ext in ("png", "svg")}
    kit = f"{chart.chart_id}-kit.zip"
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(chart.title)} · Distretti del Commercio</title><style>{STYLE}</style></head><body><main>"
        f"<h1>{escape(chart.title)}</h1><p>{escape(chart.summary)}</p>"
        f'<figure class="dc-chart" style="margin-left:0;margin-right:0"><div class="dc-n">{chart.svg_narrow}</div>'
        f'<div class="dc-w">{chart.svg_wide}</div></figure>'
        f"<details><summary>{escape(t('emb_data', lang, n=len(chart.table.rows)))}</summary>"
        f'<div class="dc-tab">{table_html(chart.table)}</div></details>'
        f'<p class="dc-meta">{escape(chart.source)}{_sources(chart.sources, lang)}</p>'
        f'<p class="dc-meta dc-licence">{escape(cite.licence_line(lang))} '
        f'(<a href="{cite.LICENCE_URL}" target="_blank" rel="noopener">{cite.LICENCE}</a>)</p>'
        f'<p class="dc-cite"><strong>{escape(t("emb_cite", lang))}</strong> {text} '
        f'<a class="dc-url" href="{escape(live)}" target="_blank" rel="noopener">{escape(live)}</a></p>'
        f'<p class="dc-meta"><a href="{escape(live)}" target="_blank" rel="noopener">'
        f"<strong>{escape(t('emb_explore', lang))}</strong></a> · {escape(t('emb_download', lang))}: "
        f'<a href="{files["png"]}" download>PNG</a>, <a href="{files["svg"]}" download>SVG</a>, '
        f'<a href="{kit}" download>{escape(t("emb_kit", lang))}</a></p>'
        f"</main><script>{RESIZE_JS}</script></body></html>\n"
    )


@dataclass(frozen=True)
class IndexEntry:
    """One chart in the index: id, title in the index's language, fallback height of its iframe."""

    chart_id: str
    title: str
    height: int


#: Rewrites the root-relative addresses of the snippets with the address the index is read at
#: (when the build did not know the public address).
_ABSOLUTE_JS = (
    '(function(){var b=new URL("./",location.href).href.replace(/(en\\/)?$/,"");'
    'document.querySelectorAll("textarea").forEach(function(x){'
    f"x.value=x.value.split('src=\"/{EMBED_URL}/').join('src=\"'+b)}})}})();"
)


def _doc(lang: str, title: str, body: str, absolute: bool) -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}textarea{{width:100%;font:12px monospace}}"
        f"h2{{font-size:1.05rem;margin:1.2rem 0 .3rem}}</style></head><body><main><h1>{escape(title)}</h1>"
        f"{body}</main>" + ("" if absolute else f"<script>{_ABSOLUTE_JS}</script>") + "</body></html>\n"
    )


def index_html(entries: list[IndexEntry], lang: str, base_url: str = "") -> str:
    """The list of a language's embeds: title, page, downloads and the snippet to copy."""
    other = "../index.html" if lang == "en" else "en/index.html"
    parts = [
        f"<p>{escape(t('emb_index_intro', lang))}</p>",
        f'<p><a href="snippet.html">{escape(t("emb_snippet_title", lang))}</a> · '
        f'<a href="{other}">{escape(t("emb_other_lang", lang))}</a></p>',
    ]
    for e in entries:
        code = snippet(e.chart_id, lang, e.title, base_url, e.height)
        parts.append(
            f'<h2 id="{escape(e.chart_id)}">{escape(e.title)}</h2><p class="dc-meta">'
            f'<a href="{e.chart_id}.html">{escape(t("emb_page", lang))}</a> · <a href="{e.chart_id}.png">PNG</a> · '
            f'<a href="{e.chart_id}.svg">SVG</a> · <a href="{e.chart_id}-kit.zip">{escape(t("emb_kit", lang))}</a>'
            f'</p><textarea readonly rows="4" aria-label="{escape(t("emb_snippet_title", lang))}">'
            f"{escape(code)}</textarea>"
        )
    return _doc(lang, t("emb_index_title", lang), "".join(parts), bool(base_url))


def snippet_doc_html(example: IndexEntry, lang: str, base_url: str = "") -> str:
    """How the snippet works (for the host page's developers), with one example."""
    code = snippet(example.chart_id, lang, example.title, base_url, example.height)
    body = (
        f"<p>{escape(t('emb_snippet_intro', lang))}</p>"
        f'<textarea readonly rows="6" aria-label="{escape(example.title)}">{escape(code)}</textarea>'
        f"<p>{escape(t('emb_snippet_message', lang))}</p>"
        f'<pre>{{"type": "dc-embed-height", "height": 742}}</pre>'
        f"<p>{escape(t('emb_snippet_fallback', lang))}</p>"
        f'<p><a href="index.html">{escape(t("emb_index_title", lang))}</a></p>'
    )
    return _doc(lang, t("emb_snippet_title", lang), body, bool(base_url))
