"""The room at 1280x720 and 1920x1080: the address bar is always the view on screen, the QR code is big enough to
scan from the back rows (160 px at 1280x720, larger on a larger screen) and nothing scrolls, the picker's
placeholder is whole."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from tests.e2e.conftest import open_page
from tools.browser import wait_ready

SIZES = [(1280, 720), (1920, 1080)]
NEXT_FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
ROOM_JS = """() => { const m = document.querySelector('[data-testid="stMain"]');
  const q = document.querySelector('.st-key-pr_qr img'); const b = q && q.getBoundingClientRect();
  const i = document.querySelector('.st-key-pr_nav [data-testid="stSelectbox"] input');
  const cs = getComputedStyle(i); const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
  const room = i.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  return {scroll: m.scrollHeight - m.clientHeight, qr: b ? [b.width, b.height, b.bottom, b.right] : null,
          placeholder: i.placeholder, need: ctx.measureText(i.placeholder).width, room: room}; }"""


def _query(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}


def _heading(page) -> str:
    return page.locator("h1, h2").first.inner_text()


def test_qr_big_enough_for_the_room_no_scroll_and_the_picker_whole(browser, room_server):
    """Each screen opened once at 1280x720, then measured at every size of SIZES: the layout is CSS of the
    viewport (vw/vh sizes, media queries), so the page resized lays out as a page opened at that size."""
    ctx = browser.new_context(viewport={"width": SIZES[0][0], "height": SIZES[0][1]})
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    for query in [f"passo={n}" for n in range(9)] + ["passo=5&d=D041", "passo=5&c=004135"]:
        page.set_viewport_size({"width": SIZES[0][0], "height": SIZES[0][1]})
        open_page(page, room_server, f"/?modo=presenta&{query}")
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            page.evaluate(NEXT_FRAME)  # the new size laid out and painted
            got = page.evaluate(ROOM_JS)
            scale = min(width / 1280, height / 720)
            assert got["scroll"] <= 4, (query, width, got)
            w, h, bottom, right = got["qr"]
            assert w >= 160 * scale - 1 and abs(w - h) < 1, (query, width, w)  # 160 px at 1280x720, 240 at 1920x1080
            assert bottom <= height and right <= width, (query, got["qr"])  # whole, on screen
            assert got["placeholder"] == "Distretto o comune…" and got["need"] <= got["room"], (query, got)
    ctx.close()


def _pick(page, text: str) -> None:
    page.locator(".st-key-pr_nav [data-testid='stSelectbox']").click()
    page.keyboard.type(text)
    page.locator("[role='option']").first.wait_for()
    page.locator("[role='option']").first.click()


def _shows(page, heading: str, **params: str) -> None:
    """Wait until the screen shows ``heading``, then check the address bar holds exactly ``params`` (and modo)."""
    page.wait_for_function(
        "h => [...document.querySelectorAll('h1, h2')].some(e => e.innerText.startsWith(h))", arg=heading
    )
    wait_ready(page)
    page.wait_for_url(
        lambda u: {k: v[0] for k, v in parse_qs(urlsplit(u).query).items()} == {"modo": "presenta", **params},
        timeout=15_000,
    )
    assert _heading(page).startswith(heading)


def test_the_address_bar_is_always_the_view_on_screen(browser, room_server):
    """Every move, the drill-downs and the way back included: a link copied at any moment opens what is shown."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    open_page(page, room_server, "/?modo=presenta&passo=5")
    _shows(page, "I bandi", passo="5")
    _pick(page, "Alba-Bra")
    _shows(page, "Alba-Bra", passo="5", d="D039")
    page.keyboard.press("Escape")  # the picker gave the keyboard back: Esc returns to the story at once
    _shows(page, "I bandi", passo="5")
    _pick(page, "Mondovì — distretto")
    _shows(page, "Mondovì", passo="5", d="D041")
    _pick(page, "Bra (CN)")
    _shows(page, "Bra", passo="5", c="004029")
    page.locator(".st-key-pr_back button").click()
    _shows(page, "I bandi", passo="5")
    page.keyboard.press("ArrowRight")
    _shows(page, "Una storia", passo="6")
    page.keyboard.press("ArrowRight")
    _shows(page, "Dentro e fuori", passo="7")
    page.keyboard.press("ArrowLeft")
    _shows(page, "Una storia", passo="6")
    page.keyboard.press("Home")
    _shows(page, "La rete oggi")
    link = page.locator(".st-key-pr_link").inner_text()
    qr = page.locator(".st-key-pr_qr img").get_attribute("alt") or ""
    url = re.search(r"http://\S+", link).group(0)
    assert qr.endswith(url)  # the QR code carries the link written beside it
    ctx.close()
