"""One app server and one headless Chromium (Debian's) for all browser tests.

The browser tests are one ``xdist_group`` (tests/conftest.py): they run on one worker, so the server, the
browser and every module's own server start once. Tests open their pages in browser contexts shared by
size (:func:`context`), each with one tab that every test reuses (:func:`tab_of`): the app's scripts and
styles are downloaded and compiled once per size, not once per test. A test that watches or blocks
requests, or needs a phone's touch or no script, makes its own context.
"""

from __future__ import annotations

import pytest

from tools.browser import AppServer, free_port, launch, wait_ready

#: Quiet time after a finished run of the script before a page counts as settled (``wait_ready``). The
#: readiness condition already waits for the run to finish and for charts, pictures and maps to be drawn.
QUIET_MS = 300


def pytest_collection_modifyitems(items):
    # Browser and server tests are the slow tier: `pytest -m "not slow"` leaves them out.
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    srv = AppServer(log=log)
    srv.start(timeout=90)
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def room_server(tmp_path_factory):
    """The dashboard with a public address, as in the room: the presenter shows the QR code and the phone link.
    Every presenter test uses it (they run in one half, :data:`tests.conftest.E2E_HALF`, so that half starts one
    server: when no phone can open the link, the notice is checked in tests/app/test_presenter_room.py)."""
    port = free_port()
    srv = AppServer(
        port=port,
        env={"PUBLIC_URL": f"http://127.0.0.1:{port}"},
        log=tmp_path_factory.mktemp("room_server") / "streamlit.log",
    )
    srv.start(timeout=90)
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = launch(pw)
        yield b
        b.close()


def new_context(browser, **options):
    """A browser context (downloads accepted) whose :func:`tab_of` goes back to ``options``' viewport."""
    ctx = browser.new_context(accept_downloads=True, **options)
    ctx.dc_viewport = options.get("viewport")
    return ctx


@pytest.fixture(scope="session")
def context(browser):
    """``context(width, height)``: the session's browser context of that viewport (downloads accepted)."""
    made: dict[tuple[int, int], object] = {}

    def get(width: int = 1400, height: int = 900):
        if (width, height) not in made:
            made[(width, height)] = new_context(browser, viewport={"width": width, "height": height})
        return made[(width, height)]

    yield get
    for ctx in made.values():
        ctx.close()


#: Every tab :func:`tab_of` has opened in the session.
_TABS: list = []


def tab_of(ctx):
    """The one tab of ``ctx``, handed to each test in turn with its viewport back to the context's and no script
    errors recorded yet (``tab.errors`` collects them); every ``goto`` opens a new Streamlit session.

    Why one tab and not a new one per test: a new tab starts a new renderer process, which compiles the app's
    scripts again. Measured on eight pages loaded twice (8 December 2026, idle two-core machine): a new tab
    per load took 3,8 CPU-s and 2,3 s, the same tab 1,4-1,6 CPU-s and 1,2-1,4 s. After each module the tabs
    go blank (:func:`_tabs_blank_after_each_module`).
    """
    pg = getattr(ctx, "dc_tab", None)
    if pg is None or pg.is_closed():
        pg = ctx.new_page()
        pg.set_default_timeout(60_000)
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.errors = errors  # type: ignore[attr-defined]
        ctx.dc_tab = pg
        _TABS.append(pg)
    else:
        pg.errors.clear()
        if ctx.dc_viewport and pg.viewport_size != ctx.dc_viewport:
            pg.set_viewport_size(ctx.dc_viewport)
    return pg


@pytest.fixture(scope="module", autouse=True)
def _tabs_blank_after_each_module():
    """A module's own server stops with the module: the tabs left on its pages would keep calling it (Streamlit
    reconnects) for the rest of the session, so they go to ``about:blank``."""
    yield
    for pg in _TABS:
        if not pg.is_closed():
            pg.goto("about:blank")


@pytest.fixture(scope="session")
def room_screens(context, room_server):
    """Every presenter screen opened once in the room and measured at the projector sizes
    (:func:`tests.e2e.screens.walk_screens`): ``{(width, height, query): measures}``."""
    from tests.e2e import screens  # it imports this module's helpers

    return screens.walk_screens(context(*screens.SIZES[0]), room_server)


@pytest.fixture
def page(context, server):
    return tab_of(context())


def settle(page) -> None:
    """Wait until the page's script has run and what it drew has stopped moving."""
    wait_ready(page, quiet_ms=QUIET_MS)


def open_page(page, server, path: str) -> None:
    page.goto(server.url + path)
    settle(page)


def renders_cleanly(page, heading: bool = True) -> None:
    """No exception box, a heading (when ``heading``: the pages have one, a chart for an iframe has none),
    no script error and no traceback on the page."""
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not heading or page.locator("h1").count() >= 1
    assert not page.errors, page.errors
    assert "Traceback" not in page.locator('[data-testid="stMain"]').inner_text()
