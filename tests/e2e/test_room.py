"""The room in a real browser: the presenter's QR and phone link open the screen's static phone page (no
script), and the live phone view is one tap away from it.

Needs the committed artefacts to match the data and code (like tests/data/test_embeds.py): until
``python -m district_stats publish`` has run, the presenter links to the live view and this test fails.
"""

from __future__ import annotations

import re
import urllib.request

import pytest

from tests.e2e.conftest import new_context, settle, tab_of
from tests.e2e.screens import IMAGES_JS


def fetch(url: str) -> tuple[bytes, str]:
    with urllib.request.urlopen(url, timeout=15) as r:
        return r.read(), r.headers.get("Content-Type", "")


#: A phone as in the room, touch and no mouse.
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="module")
def no_script_phone(browser):
    """A phone with scripts off (the static page must read without them), one tab for the module's visits."""
    ctx = new_context(browser, java_script_enabled=False, **PHONE)
    yield tab_of(ctx)
    ctx.close()


@pytest.fixture(scope="module")
def phone(browser):
    """A phone with scripts on (the live view), one tab for the module's visits."""
    ctx = new_context(browser, **PHONE)
    yield tab_of(ctx)
    ctx.close()


@pytest.mark.parametrize(
    ("query", "heading"),
    [("passo=3", "I soldi"), ("passo=5&d=D041", "Mondovì"), ("passo=2&lang=en", "The map of the districts")],
)
def test_the_qr_opens_the_static_phone_page_and_the_live_view_is_one_tap_away(
    no_script_phone, phone, room_server, room_screens, query, heading
):
    """The projector's link and QR code (as measured by the ``room_screens`` walk) lead to a static page with no
    script; from it the live phone view (no keys, no QR code, no picker: the phone follows, it does not steer)."""
    screen = room_screens[(1280, 720, query)]
    url = re.search(r"http://\S+", screen["link"]).group(0)
    assert re.search(r"/app/static/embed/(en/)?presenter/\S+-phone\.html\?v=[0-9a-f]{10}$", url), url
    assert screen["qr_alt"].endswith(url), (screen["qr_alt"], url)  # the QR code carries the same address

    body, kind = fetch(url)  # what a phone downloads: a page and its picture, no script
    page_html = body.decode("utf-8")
    assert kind.startswith("text/html") and "<script" not in page_html and heading in page_html
    src = re.search(r'<img src="([^"]+)"', page_html).group(1)
    picture, kind = fetch(urllib.parse.urljoin(url, src))
    assert kind == "image/png" and len(body) + len(picture) <= 150 * 1024

    pg = no_script_phone  # readable without any script
    pg.goto(url)
    assert pg.locator("img").evaluate("e => e.complete && e.naturalWidth > 0")
    assert pg.evaluate("() => document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    href = pg.locator("p.go a").get_attribute("href")

    pg = phone
    pg.goto(url)
    pg.locator("p.go a").click()  # «Apri la versione interattiva»
    settle(pg)
    assert "vista=telefono" in pg.url and "modo=presenta" in pg.url and href.startswith("../")
    assert heading in pg.locator('[data-testid="stMain"]').inner_text()
    assert pg.locator('[data-testid="stException"]').count() == 0
    shown = pg.evaluate(IMAGES_JS)  # [width, height, natural width, alt] of each picture shown
    assert not [i for i in shown if "QR" in i[3]]
    if "d=" not in query:  # a step's picture, full width
        assert shown and shown[0][0] >= 340, shown
    buttons = " ".join(pg.locator("button").all_inner_texts())
    assert "←" not in buttons and "→" not in buttons and "Home" not in buttons
    assert pg.locator('input[role="combobox"]').count() == 0  # no picker
