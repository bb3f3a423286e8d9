"""Static embeds in a host page: the snippet's iframe grows to its content at 320 and 1200 px, nothing is
cut (the licence line shows inside the iframe), and nothing is requested from outside the machine."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from district_stats.content.embeds import embed_page
from district_stats.ops import artefacts
from tests.e2e.test_a11y import OPTIONS

HOST = """<!doctype html><html lang="it"><head><meta charset="utf-8"><title>Articolo</title></head>
<body style="margin:0"><h1>Un articolo</h1><p>Testo prima del grafico.</p>
<div id="col" style="width:{width}px">{snippet}</div><p id="after">Testo dopo il grafico.</p></body></html>"""


def _host(browser, server, chart_id: str, width: int, lang: str = "it"):
    ctx = browser.new_context(viewport={"width": 1300, "height": 900})
    page = ctx.new_page()
    outside: list[str] = []
    sockets: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((server.url, "about:", "data:")) else outside.append(r.url))
    page.on("websocket", lambda ws: sockets.append(ws.url))
    fallback = artefacts.read_manifest()["embeds"][embed_page.page_path(chart_id, lang)]["height"]
    code = embed_page.snippet(chart_id, lang, chart_id, server.url, height=fallback)
    page.set_content(HOST.format(width=width, snippet=code), wait_until="load")
    frame = page.locator("iframe").element_handle().content_frame()
    frame.wait_for_url(f"**/{embed_page.page_path(chart_id, lang)}")  # a lazy iframe starts after the host's load
    frame.wait_for_load_state("load")
    return ctx, page, frame, outside, sockets


def _wait_fitted(page, frame) -> float:
    """Wait until the iframe's height is the height its page reports; returns it."""
    content = frame.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
    page.wait_for_function("h => +document.querySelector('iframe').height === h", arg=content, timeout=15_000)
    return content


@pytest.mark.parametrize("chart_id", ["linee", "flusso", "mappa"])
@pytest.mark.parametrize("width", [320, 1200])
def test_iframe_grows_to_its_content_and_nothing_is_cut(browser, server, chart_id, width):
    ctx, page, frame, outside, sockets = _host(browser, server, chart_id, width)
    try:
        fallback = artefacts.read_manifest()["embeds"][embed_page.page_path(chart_id, "it")]["height"]
        height = _wait_fitted(page, frame)
        if width == 320:  # the snippet's own height shows everything on a phone even without its script
            assert height <= fallback
        assert frame.evaluate("document.documentElement.scrollHeight") <= height
        box = page.locator("iframe").bounding_box()
        licence = frame.locator(".dc-licence")
        assert licence.is_visible()
        lb = licence.bounding_box()
        assert box["y"] <= lb["y"] and lb["y"] + lb["height"] <= box["y"] + box["height"] + 0.5
        shown, hidden = (".dc-n svg", ".dc-w svg") if width < embed_page.BREAK_PX else (".dc-w svg", ".dc-n svg")
        assert frame.locator(shown).is_visible() and not frame.locator(hidden).is_visible()
        svg_width = frame.locator(shown).bounding_box()["width"]
        assert svg_width >= min(width - 24, embed_page.CHART_MAX_PX) - 1  # scales to the column, no fixed width
        assert svg_width <= min(width, embed_page.CHART_MAX_PX)
        assert not outside and not sockets
    finally:
        ctx.close()


def test_iframe_follows_a_narrower_column(browser, server):
    ctx, page, frame, outside, _ = _host(browser, server, "flusso", 1200, "en")
    try:
        wide = _wait_fitted(page, frame)
        page.evaluate("document.getElementById('col').style.width = '320px'")
        frame.wait_for_function("document.documentElement.clientWidth <= 320")
        narrow = _wait_fitted(page, frame)
        assert narrow != wide  # the phone layout has its own height (taller text, shorter chart)
        assert frame.locator(".dc-licence").is_visible() and not outside
    finally:
        ctx.close()


@pytest.mark.parametrize("path", ["linee.html", "en/flusso.html", "mappa.html", "index.html"])
def test_static_embed_pages_have_no_serious_accessibility_violation(page, server, path):
    page.goto(f"{server.url}/{embed_page.EMBED_URL}/{path}", wait_until="load")
    result = Axe().run(page, options=OPTIONS)
    bad = [
        (v["id"], v["impact"], v["nodes"][0]["target"] if v["nodes"] else None)
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, bad
