"""In a real browser: the /dati update form on a scratch copy of the data, and a view that
comes back after the server connection drops."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pandas as pd
import pytest

from tests.e2e.conftest import settle, tab_of
from tests.scratch import copy_data, snapshot
from tools.browser import AppServer


@pytest.fixture(scope="module")
def scratch_server(tmp_path_factory):
    """One server on a scratch copy for the module: the upload first, then the restart (which stops it)."""
    tmp = tmp_path_factory.mktemp("scratch-server")
    data = copy_data(tmp / "data")
    # Default update settings (local, no DC_UPDATE_TOKEN): the code is generated and printed in the log.
    srv = AppServer(
        log=tmp / "streamlit.log", env={"DC_DATA_DIR": str(data), "DC_UPDATE": "local", "DC_UPDATE_TOKEN": ""}
    )
    srv.start(timeout=90)
    srv.data = data  # type: ignore[attr-defined]
    yield srv
    srv.stop()


@pytest.fixture
def tab(context):
    return tab_of(context(1280, 900))


def grants_file(folder: Path, tmp: Path, amount: str, name: str) -> Path:
    df = pd.read_csv(folder / "grants.csv", dtype="str", keep_default_na=False)
    df.loc[df["grant_id"] == "G001", "amount_eur"] = amount
    out = tmp / name
    out.write_text(df.to_csv(index=False, sep=";"), encoding="utf-8-sig")  # as a spreadsheet would save it
    return out


def choose_table(tab, name: str) -> None:
    box = tab.locator(".st-key-upd_table input")
    box.click()
    box.fill(name)
    tab.keyboard.press("Enter")
    settle(tab)


def terminal_code(log: Path, timeout_s: float = 30) -> str:
    """The update code as the person who started the dashboard reads it in the terminal."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        m = re.search(r"codice di questa esecuzione\n\n\s+(\S+)\n", log.read_text(encoding="utf-8"))
        if m:
            return m.group(1)
        time.sleep(0.2)
    raise AssertionError("no update code in the terminal output")


def test_upload_refused_then_applied_from_the_browser(scratch_server, tab, tmp_path):
    data = scratch_server.data
    before = snapshot(data)
    tab.goto(scratch_server.url + "/dati")
    settle(tab)
    # Same machine, default settings: no upload form until the code from the terminal is entered.
    assert tab.locator(".stFileUploader").count() == 0 and tab.locator(".st-key-upd_table").count() == 0
    code = terminal_code(scratch_server.log_path)
    assert code not in tab.content() and code not in tab.url
    tab.locator(".st-key-upd_token input").fill(code)
    tab.keyboard.press("Enter")
    tab.locator(".st-key-upd_table").wait_for()
    assert code not in tab.content()
    choose_table(tab, "grants")
    upload = tab.locator(".stFileUploader input[type=file]")
    upload.set_input_files(str(grants_file(data, tmp_path, "-5", "negativo.csv")))
    tab.get_by_text("Il file non è stato applicato").wait_for()
    assert "riga 2, colonna amount_eur: importo negativo" in tab.locator("[data-testid=stMain]").inner_text()
    assert snapshot(data) == before

    upload.set_input_files(str(grants_file(data, tmp_path, "1292000", "ufficiale.csv")))
    tab.get_by_text("Anteprima. Righe aggiunte: 0; tolte: 0; modificate: 1").wait_for()
    tab.get_by_text("importi attribuiti ai distretti").first.wait_for()  # the dashboard's figures, drawn after the head
    main = tab.locator("[data-testid=stMain]").inner_text()
    assert "importi attribuiti ai distretti" in main and "importo totale" not in main  # the dashboard's own figures
    assert tab.locator(".st-key-upd_apply button").is_disabled()
    tab.locator(".st-key-upd_confirm label").click()
    tab.locator(".st-key-upd_apply button:not([disabled])").click()
    tab.get_by_text("Aggiornamento applicato").wait_for()
    assert snapshot(data) != before
    tab.goto(scratch_server.url + "/distretti?d=D001")
    settle(tab)
    text = tab.locator("[data-testid=stMain]").inner_text()
    assert "1,3 mln €" in text and "292 mila €" not in text  # the regional funds found for Torino


def test_view_comes_back_after_the_connection_drops(scratch_server, tab):
    sockets: list = []
    received: dict[int, int] = {}

    def on_socket(ws) -> None:
        sockets.append(ws)
        idx = len(sockets) - 1
        received[idx] = 0
        ws.on("framereceived", lambda payload: received.__setitem__(idx, received[idx] + len(payload)))

    tab.on("websocket", on_socket)
    try:
        _comes_back(scratch_server, tab, sockets, received)
    finally:
        tab.remove_listener("websocket", on_socket)  # the tab is the context's, reused


def _comes_back(scratch_server, tab, sockets: list, received: dict[int, int]) -> None:
    tab.goto(scratch_server.url + "/distretti?d=D041&lang=en")
    settle(tab)
    name = tab.locator("h1").first.inner_text()
    first = len(sockets)
    assert first >= 1 and name
    scratch_server.stop()  # the websocket drops (stop() returns once the process has exited)
    restarted = AppServer(port=scratch_server.port, env=scratch_server.env, log=scratch_server.log_path)
    restarted.start(timeout=90)
    try:
        # The client reconnects by itself on a new websocket (to a new server session)...
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and len(sockets) == first:
            tab.wait_for_timeout(250)
        assert len(sockets) > first, "the browser did not reconnect"
        # ...and the next run of the page (here Streamlit's "r" shortcut) is rebuilt from the URL
        # alone: the new session knows nothing else, yet the same district comes back in English.
        tab.mouse.click(700, 60)
        tab.keyboard.press("r")
        while time.monotonic() < deadline and received[len(sockets) - 1] < 5_000:
            tab.wait_for_timeout(250)
        assert received[len(sockets) - 1] >= 5_000, "the new session sent no page"
        settle(tab)
        assert tab.locator("h1").first.inner_text() == name
        assert "d=D041" in tab.url and "lang=en" in tab.url
    finally:
        restarted.stop()
