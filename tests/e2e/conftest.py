"""One app server and one headless Chromium (Debian's) for all browser tests."""

from __future__ import annotations

import pytest

from tools.browser import AppServer, launch, wait_ready


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
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = launch(pw)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    pg = ctx.new_page()
    pg.set_default_timeout(60_000)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.errors = errors  # type: ignore[attr-defined]
    yield pg
    ctx.close()


def open_page(page, server, path: str) -> None:
    page.goto(server.url + path)
    wait_ready(page)
