"""Presenter mode in a real browser, in the room (the server with a public address): projector sizes and
contrast, the pictures, keyboard steps with the step in the address bar, offline and nothing requested
from outside. The screens are measured once for every test (the ``room_screens`` fixture)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.conftest import open_page, settle, tab_of
from tests.e2e.screens import STEPS


def title(page) -> str:
    return page.locator("h1").first.inner_text()


@pytest.mark.parametrize("width,height", [(1024, 768), (1280, 720), (1920, 1080)])
def test_projector_sizes_no_scroll_and_contrast(room_screens, width, height):
    scale = min(width / 1280, height / 720)  # the type follows the screen (22 px at 1280x720, never less)
    for step in STEPS:
        m = room_screens[(width, height, step)]
        assert m["exceptions"] == 0 and not m["errors"], (step, m["errors"])
        assert m["scroll"] <= 4, f"{step} scrolls by {m['scroll']}px at {width}x{height}"
        assert m["base"] >= 22 and m["base"] >= 22 * scale - 1
        assert m["sidebar_hidden"]
        assert all(size >= 56 for size in m["metrics"])
        assert not m["low_contrast"], f"{step}: {m['low_contrast'][:5]}"
        assert m["truncated"] == [], f"{step}: a button is cut at {width}x{height}"


def test_the_map_fills_two_thirds_of_the_projector_and_scales_with_it(room_screens):
    sizes = {}
    for width, height in ((1280, 720), (1920, 1080)):
        for step in ("passo=2", "passo=6"):
            pictures = [
                i
                for i in room_screens[(width, height, step)]["images"]
                if not i[3].startswith("Apri") and "QR" not in i[3]
            ]
            assert pictures, step
            sizes[(width, step)] = pictures[0]
    w2, h2, natural2, _ = sizes[(1280, "passo=2")]
    assert h2 >= 520 and abs(w2 - natural2 / 2) <= 8  # 1:1 at 1280x720: the region 480+ px tall, names 18 px
    assert sizes[(1280, "passo=6")][1] >= 470  # Mondovì's map: 480 px, the district's comuni 420+ px
    for step in ("passo=2", "passo=6"):  # 1920x1080 is the same layout 1.5x larger, not a 1280 layout in a corner
        assert sizes[(1920, step)][1] >= 1.45 * sizes[(1280, step)][1]


def test_screens_show_the_published_pictures(room_screens):
    for where, name in (("passo=3", "presenter/soldi.png"), ("passo=2", "presenter/mappa.png"), ("passo=5&d=D041", "")):
        m = room_screens[(1280, 720, where)]
        assert m["drawn"], where
        assert not name or any(f"/app/static/embed/{name}?v=" in s for s in m["srcs"]), m["srcs"]
        assert m["plotly"] == 0, where  # pictures, not live figures
        if name:  # the projector picture (drawn at 2x, shown 1:1 at 1280x720), not the phone's
            shown, natural = m["wide"]
            assert natural >= 1200 and abs(shown - natural / 2) <= 8, (shown, natural)


def only_this_server(ctx, server, error: str = "failed") -> list[str]:
    """Refuse (with ``error``) every request of ``ctx`` that is not for the local server; the returned
    list collects the refused addresses (``ctx.unroute("**/*")`` ends it)."""
    refused: list[str] = []

    def route(r):
        if r.request.url.startswith(server.url):
            r.continue_()
        else:
            refused.append(r.request.url)
            r.abort(error)

    ctx.route("**/*", route)
    return refused


def test_keyboard_steps_offline_and_nothing_requested_from_outside(context, room_server):
    """The whole story by keyboard with only the laptop's own server reachable from the first request (the venue
    network down, or never there): every screen draws its picture from this machine, the step is in the
    address bar, Home goes back to the cover; then the other pages, still with nothing from outside.

    (Chromium's offline emulation would also cut the websocket to 127.0.0.1, which a pulled cable
    does not, so the drop is emulated by refusing every request that is not for the local server.)
    """
    ctx = context(1280, 720)  # the room's context: its one tab, shared with the walk of the screens
    pg = tab_of(ctx)
    pg.goto("about:blank")  # the route holds from the very first request of the walk
    refused = only_this_server(ctx, room_server, "internetdisconnected")
    try:
        _walk_offline(pg, room_server)
    finally:
        ctx.unroute("**/*")
    assert refused == [], refused  # nothing even tried to reach the internet


def _walk_offline(pg, room_server) -> None:
    open_page(pg, room_server, "/?modo=presenta")
    titles = [title(pg)]
    assert titles == ["La rete oggi"]
    for step in range(2, 9):
        pg.keyboard.press("ArrowRight")
        pg.wait_for_function(
            f"() => {{ const h = document.querySelector('h1'); return !!h && h.innerText !== {titles[-1]!r}; }}"
        )
        settle(pg)
        titles.append(title(pg))
        assert pg.locator('[data-testid="stException"]').count() == 0
        if step == 4:
            assert parse_qs(urlsplit(pg.url).query)["passo"] == ["4"]
        if step != 8:  # every screen but the last has a picture, served by this machine
            pg.wait_for_function(
                "() => [...document.querySelectorAll('[data-testid=\"stImage\"] img')]"
                ".some(i => i.offsetParent && i.complete && i.naturalWidth > 300)"
            )
    assert len(set(titles)) == 8 and "Cosa manca" in titles[-1]
    pg.keyboard.press("ArrowLeft")
    pg.wait_for_url(re.compile(r"passo=7"))
    pg.keyboard.press("Home")
    pg.wait_for_function("() => document.querySelector('h1')?.innerText === 'La rete oggi'")
    pg.wait_for_url(lambda u: "passo" not in u, timeout=15_000)  # step 1 is the default: not written
    for path in ("/mappa", "/distretti?d=D041", "/investimenti"):
        open_page(pg, room_server, path)
        assert pg.locator('[data-testid="stException"]').count() == 0
