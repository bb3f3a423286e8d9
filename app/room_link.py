"""The presenter's link for the room: the address phones can open, its QR code, and a notice when none can.

Nothing is fetched from the network: the machine's network address is the one Streamlit prints as
"Network URL" (a UDP socket's own address, no packet sent).
"""

from __future__ import annotations

import http.client
import io
import time
from urllib.parse import urlencode

import segno
import streamlit as st
from streamlit import config, net_util
from streamlit.web.server import server_util

from district_stats import settings
from district_stats.ops import on_show
from district_stats.room_address import FILES_SERVER, RoomAddress, files_base, room_address


def address() -> RoomAddress:
    """Where the audience's phones should go (see :func:`district_stats.room_address.room_address`)."""
    try:
        browser = st.context.url or ""
    except Exception:  # noqa: BLE001 - no browser context (AppTest): no base
        browser = ""
    return room_address(
        settings.public_url(),
        browser,
        net_util.get_internal_ip(),
        str(config.get_option("server.address") or ""),
        server_util.get_url,
    )


def link(params: dict[str, str]) -> tuple[str, RoomAddress]:
    """The absolute link to the presenter view with ``params`` for the room, and the address it rests on."""
    where = address()
    return f"{where.base}/?{urlencode(params)}", where


def page_url(where: RoomAddress, page: str) -> str:
    """The absolute address of a published phone page (``page``: its address under the dashboard): on the room's
    file server when one answers next to the dashboard (``DC_ROOM_PORT``), else on the dashboard itself."""
    port = settings.room_port()
    room = port if port is not None and _files_up(port) else None
    return files_base(where, room, int(config.get_option("server.port") or 8501)) + page


_CHECKED: dict[int, tuple[float, bool]] = {}  # port -> (when, answered), re-asked at most every 5 s


def _files_up(port: int) -> bool:
    """True when the room's file server answers on this machine's ``port`` (a HEAD of its manifest; a stopped
    or foreign server sends the phones to the dashboard instead, never to a dead address)."""
    now = time.monotonic()
    when, up = _CHECKED.get(port, (-10.0, False))
    if now - when < 5.0:
        return up
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=0.5)
    try:
        conn.request("HEAD", on_show.manifest_address())
        resp = conn.getresponse()
        up = resp.status == 200 and (resp.getheader("Server") or "").startswith(FILES_SERVER)
    except OSError:
        up = False
    finally:
        conn.close()
    _CHECKED[port] = (now, up)
    return up


def qr_png(url: str) -> bytes:
    """QR code of ``url`` as PNG, drawn locally (segno), black on white."""
    buf = io.BytesIO()
    # 8 px a module: sharp when shown 160 px wide at 1280x720 and 240 px at 1920x1080
    segno.make(url, error="m").save(buf, kind="png", scale=8, border=2, dark="#000000", light="#FFFFFF")
    return buf.getvalue()
