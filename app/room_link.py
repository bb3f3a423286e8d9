"""The presenter's link for the room: the address phones can open, its QR code, and a notice when none can.

Nothing is fetched from the network: the machine's network address is the one Streamlit prints as
"Network URL" (a UDP socket's own address, no packet sent).
"""

from __future__ import annotations

import io
from urllib.parse import urlencode

import segno
import streamlit as st
from streamlit import config, net_util
from streamlit.web.server import server_util

from district_stats import settings
from district_stats.room_address import RoomAddress, room_address


def address() -> RoomAddress:
    """Where the audience's phones should go (see :func:`district_stats.room_address.room_address`)."""
    try:
        browser = st.context.url or ""
    except Exception:  # noqa: BLE001 - no browser context (AppTest): no base
        browser = ""
    return room_address(settings.public_url(), browser, net_util.get_internal_ip(),
                        str(config.get_option("server.address") or ""), server_util.get_url)


def link(params: dict[str, str]) -> tuple[str, RoomAddress]:
    """The absolute link to the presenter view with ``params`` for the room, and the address it rests on."""
    where = address()
    return f"{where.base}/?{urlencode(params)}", where


def qr_png(url: str) -> bytes:
    """QR code of ``url`` as PNG, drawn locally (segno), black on white."""
    buf = io.BytesIO()
    # 8 px a module: sharp when shown 160 px wide at 1280x720 and 240 px at 1920x1080
    segno.make(url, error="m").save(buf, kind="png", scale=8, border=2, dark="#000000", light="#FFFFFF")
    return buf.getvalue()
