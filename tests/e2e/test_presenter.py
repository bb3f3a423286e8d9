"""Presenter mode in a real browser: keyboard steps, projector sizes and contrast, QR, offline, embeds."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.conftest import new_tab, open_page, settle

CONTRAST_JS = """() => {
  const lum = c => { const m = c.match(/\\d+(\\.\\d+)?/g).map(Number); const [r,g,b] = m.slice(0,3).map(v => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126*r + 0.7152*g + 0.0722*b; };
  const bgOf = el => { for (let e = el; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
      if (c && !c.endsWith(', 0)') && c !== 'transparent') return c; } return 'rgb(255, 255, 255)'; };
  const out = [];
  const walker = document.createTreeWalker(document.querySelector('[data-testid="stMain"]'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement; const txt = walker.currentNode.textContent.trim();
    if (!txt || !el.offsetParent) continue;
    if (el.closest('button[disabled], [aria-disabled="true"], input, [data-testid="stSelectbox"]')) continue;
    const cs = getComputedStyle(el); let op = 1;
    for (let e = el; e; e = e.parentElement) op *= parseFloat(getComputedStyle(e).opacity || '1');
    const a = lum(cs.color), b = lum(bgOf(el));
    let ratio = (Math.max(a,b) + 0.05) / (Math.min(a,b) + 0.05);
    if (op < 1) ratio = 1 + (ratio - 1) * op;  // a rough, conservative discount for faded text
    out.push([txt.slice(0, 40), Math.round(ratio * 10) / 10, parseFloat(cs.fontSize)]);
  }
  return out;
}"""


@pytest.fixture
def projector(context, server):
    pg = new_tab(context(1280, 720))
    yield pg
    pg.close()


def title(page) -> str:
    return page.locator("h1").first.inner_text()


def test_story_steps_by_keyboard_and_step_is_in_the_url(projector, server):
    open_page(projector, server, "/?modo=presenta")
    assert title(projector) == "La rete oggi"
    titles = [title(projector)]
    for _ in range(3):
        projector.keyboard.press("ArrowRight")
        projector.wait_for_function(
            f"() => {{ const h = document.querySelector('h1'); return !!h && h.innerText !== {titles[-1]!r}; }}"
        )
        settle(projector)
        titles.append(title(projector))
    assert len(set(titles)) == 4
    assert parse_qs(urlsplit(projector.url).query)["passo"] == ["4"]
    projector.keyboard.press("ArrowLeft")
    projector.wait_for_url(re.compile(r"passo=3"))
    projector.keyboard.press("Home")
    projector.wait_for_function("() => document.querySelector('h1')?.innerText === 'La rete oggi'")
    projector.wait_for_url(lambda u: "passo" not in u, timeout=15_000)  # step 1 is the default: not written


IMAGES_JS = """() => [...document.querySelectorAll('[data-testid="stImage"] img')].filter(i => i.offsetParent)
  .map(i => { const b = i.getBoundingClientRect(); return [b.width, b.height, i.naturalWidth, i.alt]; })"""
TRUNCATED_JS = """() => [...document.querySelectorAll('button p')].filter(p => p.offsetParent && p.scrollWidth > p.clientWidth + 1)
  .map(p => p.innerText)"""


SIZES = ((1280, 720), (1024, 768), (1920, 1080))
STEPS = range(0, 9)
NEXT_FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def _measure(page, step: int) -> dict:
    """What the projector tests check on one screen at the page's current size."""
    return {
        "scroll": page.evaluate(
            "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
            " return m.scrollHeight - m.clientHeight; }"
        ),
        "base": page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)"),
        "sidebar_hidden": page.locator('[data-testid="stSidebar"]').is_hidden(),
        "metrics": [
            v.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
            for v in page.locator('[data-testid="stMetricValue"] p').all()
        ],
        "low_contrast": [t for t in page.evaluate(CONTRAST_JS) if t[1] < 7.0],
        "truncated": page.evaluate(TRUNCATED_JS),
        "images": page.evaluate(IMAGES_JS),
        "text": page.locator('[data-testid="stMain"]').inner_text(),
        **pictures(page),
    }


def pictures(page) -> dict:
    """The screen's pictures: all drawn, their addresses, no live figure, the projector picture's sizes."""
    imgs = page.locator('[data-testid="stImage"] img')
    wide = page.locator(".st-key-pr_wide img")
    return {
        "drawn": all(i.evaluate("e => e.complete && e.naturalWidth > 0") for i in imgs.all()),
        "srcs": [i.get_attribute("src") or "" for i in imgs.all()],
        "plotly": page.locator('[data-testid="stPlotlyChart"]').count(),
        "wide": wide.first.evaluate("e => [e.getBoundingClientRect().width, e.naturalWidth]") if wide.count() else None,
    }


@pytest.fixture(scope="module")
def walk(context, server) -> dict[tuple[int, int, int], dict]:
    """Every screen of the story (``passo`` 0 to 8) opened once at 1280x720 and measured there, then at
    1024x768 and 1920x1080 (the layout is CSS of the viewport: vw/vh sizes and media queries, so the same
    page resized lays out as a page opened at that size): ``{(width, height, step): measures}``."""
    page = new_tab(context(*SIZES[0]))
    out = {}
    try:
        for step in STEPS:
            page.set_viewport_size({"width": SIZES[0][0], "height": SIZES[0][1]})
            open_page(page, server, f"/?modo=presenta&passo={step}")
            for width, height in SIZES:
                page.set_viewport_size({"width": width, "height": height})
                page.evaluate(NEXT_FRAME)  # the new size laid out and painted
                page.wait_for_function(
                    "() => [...document.querySelectorAll('[data-testid=\"stImage\"] img')].every(i => i.complete)"
                )
                out[(width, height, step)] = _measure(page, step)
    finally:
        page.close()
    return out


@pytest.mark.parametrize("width,height", [(1024, 768), (1280, 720), (1920, 1080)])
def test_projector_sizes_no_scroll_and_contrast(walk, width, height):
    scale = min(width / 1280, height / 720)  # the type follows the screen (22 px at 1280x720, never less)
    for step in STEPS:
        m = walk[(width, height, step)]
        assert m["scroll"] <= 4, f"step {step} scrolls by {m['scroll']}px at {width}x{height}"
        assert m["base"] >= 22 and m["base"] >= 22 * scale - 1
        assert m["sidebar_hidden"]
        assert all(size >= 56 for size in m["metrics"])
        assert not m["low_contrast"], f"step {step}: {m['low_contrast'][:5]}"
        assert m["truncated"] == [], f"step {step}: a button is cut at {width}x{height}"


def test_the_map_fills_two_thirds_of_the_projector_and_scales_with_it(walk):
    sizes = {}
    for width, height in ((1280, 720), (1920, 1080)):
        for step in (2, 6):
            pictures = [
                i for i in walk[(width, height, step)]["images"] if not i[3].startswith("Apri") and "QR" not in i[3]
            ]
            assert pictures, step
            sizes[(width, step)] = pictures[0]
    w2, h2, natural2, _ = sizes[(1280, 2)]
    assert h2 >= 520 and abs(w2 - natural2 / 2) <= 8  # 1:1 at 1280x720: the region 480+ px tall, names 18 px
    assert sizes[(1280, 6)][1] >= 470  # Mondovì's map: 480 px, the district's comuni 420+ px
    for step in (2, 6):  # 1920x1080 is the same layout 1.5x larger, not a 1280 layout in a corner
        assert sizes[(1920, step)][1] >= 1.45 * sizes[(1280, step)][1]


def test_qr_and_short_link_point_to_the_current_view(walk):
    """The test server listens on 127.0.0.1 only: no phone could open a link, so the moderator is told."""
    m = walk[(1280, 720, 3)]
    assert "solo per questo computer" in m["text"].lower()
    assert not [i for i in m["images"] if "QR" in i[3]]


def test_screens_show_the_published_pictures(walk, projector, server):
    open_page(projector, server, "/?modo=presenta&d=D041")
    for where, name, m in (
        ("passo=3", "presenter/soldi.png", walk[(1280, 720, 3)]),
        ("passo=2", "presenter/mappa.png", walk[(1280, 720, 2)]),
        ("d=D041", "", pictures(projector)),
    ):
        assert m["drawn"], where
        assert not name or any(f"/app/static/embed/{name}?v=" in s for s in m["srcs"]), m["srcs"]
        assert m["plotly"] == 0, where  # pictures, not live figures
        if name:  # the projector picture (drawn at 2x, shown 1:1 at 1280x720), not the phone's
            shown, natural = m["wide"]
            assert natural >= 1200 and abs(shown - natural / 2) <= 8, (shown, natural)


def test_drill_down_and_back_to_the_story(projector, server):
    open_page(projector, server, "/?modo=presenta&passo=5&d=D039")
    assert "Alba-Bra" in projector.locator('[data-testid="stMain"]').inner_text()
    projector.keyboard.press("Escape")
    projector.wait_for_function("() => document.querySelector('h1')?.innerText.startsWith('I bandi')")
    projector.wait_for_url(lambda u: "d=" not in u and "passo=5" in u, timeout=15_000)


@pytest.mark.parametrize("key", ["ArrowRight", "ArrowLeft", "PageDown"])
def test_arrows_during_a_drill_down_return_to_the_step_it_left(projector, server, key):
    open_page(projector, server, "/?modo=presenta&passo=5&d=D041")
    projector.keyboard.press(key)
    projector.wait_for_function("() => document.querySelector('h1')?.innerText.startsWith('I bandi')")
    projector.wait_for_url(lambda u: "d=" not in u and "passo=5" in u, timeout=15_000)


def test_the_phone_view_has_no_keys_and_no_qr(browser, server):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    open_page(page, server, "/?modo=presenta&passo=2&vista=telefono")
    assert page.locator('[data-testid="stException"]').count() == 0
    pictures = page.evaluate(IMAGES_JS)
    assert pictures and not [i for i in pictures if "QR" in i[3]]
    assert pictures[0][0] >= 340  # the phone picture, full width
    buttons = " ".join(page.locator("button").all_inner_texts())
    assert "←" not in buttons and "→" not in buttons and "Home" not in buttons
    assert page.locator('input[role="combobox"]').count() == 0  # no picker
    ctx.close()


def only_this_server(ctx, server, error: str = "failed") -> list[str]:
    """Refuse (with ``error``) every request of ``ctx`` that is not for the local server; the returned
    list collects the refused addresses."""
    refused: list[str] = []

    def route(r):
        if r.request.url.startswith(server.url):
            r.continue_()
        else:
            refused.append(r.request.url)
            r.abort(error)

    ctx.route("**/*", route)
    return refused


def test_presenter_works_offline_after_the_first_load(browser, server):
    """The venue network drops after the first load: only the laptop's own server stays reachable.

    (Chromium's offline emulation would also cut the websocket to 127.0.0.1, which a pulled cable
    does not, so the drop is emulated by refusing every request that is not for the local server.)
    """
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    pg = ctx.new_page()
    open_page(pg, server, "/?modo=presenta")
    refused = only_this_server(ctx, server, "internetdisconnected")
    for step in range(2, 9):
        before = title(pg)
        pg.keyboard.press("ArrowRight")
        pg.wait_for_function(
            f"() => {{ const h = document.querySelector('h1'); return !!h && h.innerText !== {before!r}; }}"
        )
        settle(pg)
        assert pg.locator('[data-testid="stException"]').count() == 0
        if step != 8:  # every screen but the last has a picture, served by this machine
            pg.wait_for_function(
                "() => [...document.querySelectorAll('[data-testid=\"stImage\"] img')]"
                ".some(i => i.offsetParent && i.complete && i.naturalWidth > 300)"
            )
    assert "Cosa manca" in title(pg)
    assert refused == []  # nothing even tried to reach the internet
    ctx.close()


def test_no_request_leaves_the_machine_from_the_start(browser, server):
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    blocked = only_this_server(ctx, server)
    pg = ctx.new_page()
    for path in ("/?modo=presenta", "/?modo=presenta&passo=2", "/mappa", "/distretti?d=D041", "/investimenti"):
        open_page(pg, server, path)
        assert pg.locator('[data-testid="stException"]').count() == 0
    assert blocked == [], blocked
    ctx.close()


def test_embed_view_shows_one_chart_with_source_and_licence(page, server):
    open_page(page, server, "/?embed=true&grafico=flusso")
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "Il percorso dei fondi per le imprese" in text
    assert "CC BY 4.0" in text and "Fonte:" in text
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 1
    assert (
        page.locator('[data-testid="stSidebar"]').count() == 0 or page.locator('[data-testid="stSidebar"]').is_hidden()
    )
