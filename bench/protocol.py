"""A minimal Streamlit websocket client: what the browser asks, without a browser.

Opens ``/_stcore/stream`` (subprotocol ``streamlit``), sends the ``rerun_script``
message a browser sends on page load, and reads ForwardMsgs until ``script_finished``.
Used by the load test, so 50 sessions cost the client almost nothing and the figures
describe the server.
"""

from __future__ import annotations

import asyncio
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


@dataclass
class Visit:
    path: str
    ready_s: float = 0.0
    ws_bytes: int = 0
    messages: int = 0
    error: str = ""


def cookie_for(base_url: str) -> str:
    """GET the page once (like a browser) and return the cookies set (e.g. nginx's stickiness cookie)."""
    with urllib.request.urlopen(base_url + "/", timeout=30) as resp:
        cookies = resp.headers.get_all("Set-Cookie") or []
    return "; ".join(c.split(";", 1)[0] for c in cookies)


async def load_page(
    base_url: str,
    path: str,
    timeout: float = 120.0,
    hold: asyncio.Event | None = None,
    cookie: str = "",
    ready: asyncio.Event | None = None,
) -> Visit:
    """Open a session, run the page at ``path`` (with its query string), wait for script_finished.

    If ``hold`` is given the websocket stays open until the event is set (live sessions).
    """
    parts = urllib.parse.urlsplit(path)
    page = parts.path.strip("/")
    ws_url = base_url.replace("http", "ws", 1) + "/_stcore/stream"
    visit = Visit(path)
    headers = {"Cookie": cookie} if cookie else {}
    t0 = time.perf_counter()
    try:
        async with websockets.connect(
            ws_url,
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=timeout,
            additional_headers=headers,
            compression=None,
        ) as ws:
            msg = BackMsg()
            msg.rerun_script.query_string = parts.query
            msg.rerun_script.page_name = page
            msg.rerun_script.context_info.timezone = "Europe/Rome"
            msg.rerun_script.context_info.locale = "it-IT"
            await ws.send(msg.SerializeToString())
            while True:
                data = await asyncio.wait_for(ws.recv(), timeout)
                visit.ws_bytes += len(data)
                visit.messages += 1
                fm = ForwardMsg()
                fm.ParseFromString(data)
                if fm.WhichOneof("type") == "script_finished":
                    if fm.script_finished == 2:  # FINISHED_EARLY_FOR_RERUN: the server reruns on its own
                        continue
                    visit.ready_s = time.perf_counter() - t0
                    if fm.script_finished != 0:  # 0 = FINISHED_SUCCESSFULLY
                        visit.error = f"script_finished={fm.script_finished}"
                    break
                if fm.WhichOneof("type") == "delta" and fm.delta.new_element.WhichOneof("type") == "exception":
                    visit.error = "exception: " + fm.delta.new_element.exception.message[:200]
            if ready is not None:
                ready.set()
            if hold is not None:
                await hold.wait()
    except Exception as exc:  # noqa: BLE001 - a failed visit is a figure in the report
        visit.error = f"{type(exc).__name__}: {exc}"[:200]
        visit.ready_s = time.perf_counter() - t0
        if ready is not None:
            ready.set()
    return visit
