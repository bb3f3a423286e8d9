"""The room at 1280x720 and 1920x1080: the address bar is always the view on screen (every move, drill-downs,
the keys that leave them), the QR code is big enough to scan from the back rows (160 px at 1280x720, larger on
a larger screen) and nothing scrolls, the picker's placeholder is whole."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from tests.e2e.conftest import open_page, tab_of
from tests.e2e.screens import SCREENS
from tools.browser import wait_ready

#: True once the presenter's picker no longer holds the keyboard (``app.presenter.BLUR_JS`` after a pick).
GAVE_BACK = "() => !document.activeElement || !document.activeElement.closest('.st-key-pr_nav')"
PLACEHOLDER = {"it": "Distretto o comune…", "en": "District or comune…"}


def _heading(page) -> str:
    return page.locator("h1, h2").first.inner_text()


def test_qr_big_enough_for_the_room_no_scroll_and_the_picker_whole(room_screens):
    """Every screen (the steps, a district's and a comune's drill-down, a step in English) at 1280x720 and
    1920x1080, as measured once by the ``room_screens`` walk."""
    for query in SCREENS:
        for width, height in ((1280, 720), (1920, 1080)):
            got = room_screens[(width, height, query)]
            scale = min(width / 1280, height / 720)
            assert got["scroll"] <= 4, (query, width, got["scroll"])
            w, h, bottom, right = got["qr"]
            assert w >= 160 * scale - 1 and abs(w - h) < 1, (query, width, w)  # 160 px at 1280x720, 240 at 1920x1080
            assert bottom <= height and right <= width, (query, got["qr"])  # whole, on screen
            lang = "en" if "lang=en" in query else "it"
            assert got["placeholder"] == PLACEHOLDER[lang] and got["need"] <= got["room"], (query, got["placeholder"])


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


def test_the_address_bar_is_always_the_view_on_screen(context, room_server):
    """Every move, the drill-downs and the way back included: a link copied at any moment opens what is shown."""
    page = tab_of(context(1280, 720))
    open_page(page, room_server, "/?modo=presenta&passo=5")
    _shows(page, "I bandi", passo="5")
    _pick(page, "Alba-Bra")
    _shows(page, "Alba-Bra", passo="5", d="D039")
    page.wait_for_function(GAVE_BACK)
    page.keyboard.press("Escape")  # the picker gave the keyboard back: Esc returns to the story at once
    _shows(page, "I bandi", passo="5")
    _pick(page, "Mondovì — distretto")
    _shows(page, "Mondovì", passo="5", d="D041")
    _pick(page, "Bra (CN)")
    _shows(page, "Bra", passo="5", c="004029")
    page.locator(".st-key-pr_back button").click()
    _shows(page, "I bandi", passo="5")
    for key in ("ArrowRight", "ArrowLeft", "PageDown"):  # during a drill-down every key returns to its step
        _pick(page, "Mondovì — distretto")
        _shows(page, "Mondovì", passo="5", d="D041")
        page.wait_for_function(GAVE_BACK)  # the picker gives the keyboard back at the end of its run
        page.keyboard.press(key)
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
