"""Phone pages for the room: one static HTML page per presenter screen and per district drill-down.

A round table has 100–300 people and the presenter's QR code invites all of them at once. A live
Streamlit view costs each phone about 2.9 MB of scripts and a script run on the venue laptop; these pages
cost one small file and the screen's phone picture, served as plain files (Streamlit's static serving
on the laptop, nginx straight from disk in the cluster). Part of the artefact build: :func:`render`
runs after :func:`district_stats.ops.presenter_art.render` and writes, inside ``embed/``:

- ``presenter/<screen_id>-phone.html`` next to ``presenter/<screen_id>-phone.png``: the step, the title
  and the sentence, the picture (alt text: the sentence), the figures and bullets the screen shows,
  the source line with its date, the licence, and «Apri la versione interattiva» (the live phone view,
  one tap away, by a relative link that works under any base path);
- ``presenter/members/<district_id>-phone.html``: the same for a district opened during the talk;
- ``presenter/index.html``: the screens in order;
- English under ``en/``.

No script, inline CSS only, every value escaped (:func:`html.escape`: data never becomes markup), each
page with its picture at most :data:`BUDGET` bytes (the picture is re-encoded smaller if it must be).
"""

from __future__ import annotations

import hashlib
import io
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from html import escape
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd

from district_stats.analysis.views import Views
from district_stats.content import catalog, story
from district_stats.content.embeds.embed_page import EMBED_URL
from district_stats.content.figures import screen_sizes
from district_stats.content.text import citation, sources, wording
from district_stats.content.text.i18n import t

#: Most bytes a phone downloads for one screen: the page and its picture.
BUDGET = 150 * 1024
#: Dark text on white (≥ 7:1), one column readable from 320 px, a link big enough for a thumb.
STYLE = (
    "body{margin:0;background:#FFF;color:#111;font:17px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,"
    "'Helvetica Neue',Arial,'Liberation Sans',sans-serif}main{max-width:560px;margin:0 auto;padding:12px 14px 28px}"
    "h1{font-size:1.45rem;line-height:1.2;margin:.15rem 0 .5rem;color:#000}p{margin:.45rem 0}"
    "img{display:block;width:100%;height:auto;margin:.7rem 0}a{color:#004C75}"
    ".st{margin:0;font-size:.9rem;font-weight:600}ul{padding-left:1.2rem}li{margin:.3rem 0}"
    ".k{list-style:none;padding:0;margin:.6rem 0}.k li{margin:0 0 .55rem}"
    ".k b{display:block;font-size:1.55rem;line-height:1.15;color:#000}"
    ".m{font-size:.85rem;color:#222}.go{margin:1rem 0}.go a{display:block;padding:.8rem 1rem;border-radius:6px;"
    "background:#00466B;color:#FFF;font-weight:600;text-align:center;text-decoration:none}"
)


@dataclass(frozen=True)
class Page:
    """What one phone page shows (plain text: :func:`page_html` escapes every value).

    ``picture`` is the picture's address relative to the page ('' for none) and ``size`` its CSS size in
    px; ``kpis`` are (label, value) pairs, ``notes`` small lines under them; ``live``, ``index`` and
    ``other`` are the addresses of the live phone view, the list of screens and the other language.
    """

    lang: str
    title: str
    message: str
    source: str
    live: str
    step: str = ""
    picture: str = ""
    size: tuple[int, int] = (0, 0)
    alt: str = ""
    kpis: tuple[tuple[str, str], ...] = field(default=())
    bullets: tuple[str, ...] = field(default=())
    notes: tuple[str, ...] = field(default=())
    links: tuple[tuple[str, str], ...] = field(default=())  # (address, label) of the sources
    index: str = ""
    other: str = ""


# The pages' addresses live with the story (the app asks for them without loading this builder).
screen_page, members_page, index_page = story.screen_page, story.members_page, story.index_page


def other_lang(lang: str) -> str:
    """The other language of the two."""
    return "it" if lang == "en" else "en"


def relative(target: str, page: str) -> str:
    """Address of ``target`` as seen from ``page`` (both paths inside ``embed/``)."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def live_url(page: str, query: dict[str, str]) -> str:
    """The dashboard's address with ``query``, relative to ``page`` (served at ``/app/static/embed/<page>``):
    ``../../../../?modo=presenta&passo=3&vista=telefono`` works under any base path or host."""
    depth = EMBED_URL.count("/") + 1 + page.count("/")
    return "../" * depth + "?" + urlencode(query)


def png_size(data: bytes, scale: int = screen_sizes.IMAGE_SCALE) -> tuple[int, int]:
    """CSS size in px (width, height) of a PNG drawn at ``scale`` device pixels per px; (0, 0) if not a PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or len(data) < 24:
        return 0, 0
    return int.from_bytes(data[16:20], "big") // scale, int.from_bytes(data[20:24], "big") // scale


def page_html(p: Page) -> str:
    """The phone page (self-contained HTML: no script, inline CSS, every value escaped)."""
    lang = p.lang
    parts = [
        f'<p class="st">{escape(p.step)}</p>' if p.step else "",
        f"<h1>{escape(p.title)}</h1>",
        f"<p>{escape(p.message)}</p>" if p.message else "",
    ]
    if p.picture:
        w, h = p.size
        dims = f' width="{int(w)}" height="{int(h)}"' if w and h else ""
        parts.append(f'<img src="{escape(p.picture)}"{dims} alt="{escape(p.alt or p.message)}">')
    if p.kpis:
        parts.append(
            '<ul class="k">'
            + "".join(f"<li>{escape(label)}<b>{escape(value)}</b></li>" for label, value in p.kpis)
            + "</ul>"
        )
    parts += [f'<p class="m">{escape(n)}</p>' for n in p.notes]
    if p.bullets:
        parts.append("<ul>" + "".join(f"<li>{escape(b)}</li>" for b in p.bullets) + "</ul>")
    links = ", ".join(f'<a href="{escape(u)}" rel="noopener">{escape(label)}</a>' for u, label in p.links)
    parts.append(
        f'<p class="m">{escape(p.source)}' + (f" · {escape(t('emb_sources', lang))}: {links}" if links else "") + "</p>"
    )
    parts.append(f'<p class="m">{escape(citation.licence_line(lang))}</p>')
    parts.append(f'<p class="go"><a href="{escape(p.live)}">{escape(t("ph_live", lang))}</a></p>')
    nav = [
        f'<a href="{escape(u)}">{escape(label)}</a>'
        for u, label in ((p.index, t("ph_all_screens", lang)), (p.other, t("emb_other_lang", lang)))
        if u
    ]
    if nav:
        parts.append(f'<p class="m">{" · ".join(nav)}</p>')
    return _doc(lang, p.title, "".join(parts))


def _doc(lang: str, title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)} · {escape(t('app_title', lang))}</title><style>{STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>\n"
    )


def index_html(entries: list[tuple[str, str, str]], lang: str, live: str, other: str = "") -> str:
    """The list of screens: (step label, title, page address) each, the live story and the other language."""
    items = "".join(
        f'<li><a href="{escape(href)}">{escape(step + " · " if step else "")}{escape(title)}</a></li>'
        for step, title, href in entries
    )
    body = (
        f"<h1>{escape(t('ph_index_title', lang))}</h1><ul>{items}</ul>"
        f'<p class="go"><a href="{escape(live)}">{escape(t("ph_live", lang))}</a></p>'
        + (f'<p class="m"><a href="{escape(other)}">{escape(t("emb_other_lang", lang))}</a></p>' if other else "")
    )
    return _doc(lang, t("ph_index_title", lang), body)


def fit_picture(png: bytes, room: int) -> bytes:
    """``png`` itself when it fits in ``room`` bytes, else a smaller re-encoding (fewer colours, then fewer
    pixels) that does; the smallest tried when none does. Returns ``png`` if Pillow is missing."""
    if len(png) <= room:
        return png
    try:
        from PIL import Image
    except ImportError:
        return png
    best = png
    with Image.open(io.BytesIO(png)) as im:
        rgb = im.convert("RGB")
        for scale, colours in ((1.0, 64), (1.0, 32), (0.75, 32), (0.5, 32)):
            size = (max(1, round(rgb.width * scale)), max(1, round(rgb.height * scale)))
            small = rgb.resize(size, Image.Resampling.LANCZOS) if scale != 1.0 else rgb
            q = small.quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
            buf = io.BytesIO()
            q.save(buf, "PNG", optimize=True)
            if len(buf.getvalue()) < len(best):
                best = buf.getvalue()
            if len(best) <= room:
                break
    return best


def district_page(
    d: pd.Series, rounds: pd.DataFrame, lang: str, source: str, live: str, register: sources.Register | None = None
) -> Page:
    """The content of a district's page (its name, status, capofila, money found, calls, sources) without its
    picture and links between pages; ``d`` is a row of ``Views.districts``, ``rounds`` its rounds, ``register``
    the sources register its sources are cited from (``views.sources``)."""
    head = wording.money_headline(rounds, lang)
    calls = wording.calls_headline(d, lang)
    capofila = str(d.get("capofila_ente") or "").split(" (")[0]
    cited = sources.labels(str(d.get("source_urls") or ""), register or {}, lang)[:3]
    name = str(d["short_name"])
    return Page(
        lang,
        name,
        " · ".join(wording.status_lines(d, lang)),
        source,
        live,
        alt=t("prof_map_alt", lang, name=name),
        kpis=((t("money_label", lang), head.value), (t("calls_label", lang), calls.value)),
        notes=tuple(x for x in (head.note, f"{t('col_capofila', lang)}: {capofila}" if capofila else "") if x),
        links=tuple((url, text) for text, url in cited),
    )


def screen_content(s: story.Screen, views: Views, lang: str, n: int, live: str) -> Page:
    """The content of a story screen's page (step, title, sentence, figures, bullets, source) without its
    picture and links between pages; the district screen adds the money and calls the presenter shows."""
    kpis, notes = s.kpis, tuple[str, ...]()
    d = views.district(story.STORY_DISTRICT) if s.kind == "district" else None
    if d is not None:
        head = wording.money_headline(views.district_rounds(story.STORY_DISTRICT), lang)
        kpis = (
            *kpis,
            (t("money_label", lang), head.value),
            (t("calls_label", lang), wording.calls_headline(d, lang).value),
        )
        notes = (head.note,)
    return Page(
        lang,
        s.title,
        s.message,
        s.source,
        live,
        step=t("pr_step", lang, step=s.step, n=n) if s.step else "",
        kpis=kpis,
        bullets=s.bullets,
        notes=notes,
    )


def live_query(lang: str, **params: str) -> dict[str, str]:
    """The live phone view's URL parameters, in the order the presenter writes them."""
    return {"modo": "presenta", **params, **({"lang": "en"} if lang == "en" else {}), "vista": "telefono"}


def write_page(folder: Path, rel: str, page: Page, rel_png: str, missing_note: str = "") -> int:
    """Write ``page`` at ``rel`` in ``folder`` with the picture ``rel_png`` (re-encoded smaller when page and
    picture would pass :data:`BUDGET`); ``missing_note`` is said when the picture was not drawn.

    Returns the bytes a phone downloads: the page and its picture.
    """
    png = folder / rel_png if rel_png else None
    data = png.read_bytes() if png is not None and png.is_file() else b""
    if data:
        size, src = png_size(data), relative(rel_png, rel)
        draft = page_html(replace(page, picture=f"{src}?v={'0' * 10}", size=size))
        fitted = fit_picture(data, BUDGET - len(draft.encode("utf-8")))
        if fitted != data:
            png.write_bytes(fitted)  # type: ignore[union-attr]
            data = fitted
        page = replace(page, picture=f"{src}?v={hashlib.md5(data).hexdigest()[:10]}", size=size)
    elif missing_note:
        page = replace(page, notes=(*page.notes, missing_note))
    html = page_html(page).encode("utf-8")
    (folder / rel).parent.mkdir(parents=True, exist_ok=True)
    (folder / rel).write_bytes(html)
    return len(html) + len(data)


def render(
    views: Views, langs: tuple[str, ...], folder: Path, progress: Callable[[str], None] = print
) -> dict[str, int]:
    """Write the phone pages of ``langs`` into ``folder`` (the embed folder being built, where the presenter's
    pictures are already drawn). Returns the bytes per page with its picture, by path inside ``folder``."""
    out: dict[str, int] = {}
    mapped = set(views.ds["district_geo"]["district_id"])
    for lang in langs:
        progress(f"pagine per i telefoni ({lang})…")
        steps = story.screens(views, lang)
        cover = story.cover(views, lang)
        entries = []
        for s in ([cover] if cover is not None else []) + steps:
            rel = screen_page(s.screen_id, lang)
            page = screen_content(s, views, lang, len(steps), live_url(rel, live_query(lang, passo=str(s.step))))
            page = _linked(page, rel, screen_page(s.screen_id, other_lang(lang)), lang)
            missing = t("geo_missing", lang) if story.geo_files(s) else ""
            out[rel] = write_page(folder, rel, page, story.screen_path(s.screen_id, lang, narrow=True), missing)
            entries.append((page.step, s.title, relative(rel, index_page(lang))))
        source = catalog.source_line(views, lang, "srcl_story_acts")
        for did, row in views.districts.set_index("district_id", drop=False).sort_index().iterrows():
            rel = members_page(str(did), lang)
            page = district_page(
                row,
                views.district_rounds(str(did)),
                lang,
                source,
                live_url(rel, live_query(lang, d=str(did))),
                views.sources,
            )
            page = _linked(page, rel, members_page(did, other_lang(lang)), lang)
            missing = t("geo_missing" if did in mapped else "prof_no_map", lang)
            out[rel] = write_page(folder, rel, page, story.members_path(did, lang, narrow=True), missing)
        home = index_page(lang)
        html = index_html(
            entries, lang, live_url(home, live_query(lang, passo="1")), relative(index_page(other_lang(lang)), home)
        )
        (folder / home).parent.mkdir(parents=True, exist_ok=True)
        (folder / home).write_text(html, encoding="utf-8")
    return out


def _linked(page: Page, rel: str, other: str, lang: str) -> Page:
    """``page`` with its links to the list of screens and to the other language."""
    return replace(page, index=relative(index_page(lang), rel), other=relative(other, rel))
