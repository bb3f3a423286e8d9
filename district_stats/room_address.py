"""Which address the audience's phones can open: the presenter's link and QR code in a real room.

The moderator usually opens the dashboard on the laptop itself (``http://localhost:8501``), an
address no phone in the room can reach. Pure decision, unit-tested: the caller supplies what it
knows (``PUBLIC_URL``, the browser's address, the machine's network address as Streamlit prints
it for "Network URL", the address the server listens on).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

#: The ``Server`` header of the room's file server (:mod:`district_stats.ops.room_files`).
FILES_SERVER = "room-files"
_LOOPBACK_HOSTS = {"localhost", "::1", "[::1]", "0:0:0:0:0:0:0:1", "ip6-localhost"}


def is_loopback(host: str | None) -> bool:
    """True for an address only this machine can open (localhost, 127.x.x.x, ::1) or an empty one."""
    if not host:
        return True
    h = host.strip().lower().split("%")[0]
    return h in _LOOPBACK_HOSTS or h.startswith("127.")


@dataclass(frozen=True)
class RoomAddress:
    """Where the phones should go: ``base`` (scheme://host:port[/path], no trailing slash, '' if unknown),
    whether a phone in the room can reach it, and ``why`` ('public_url', 'browser', 'network',
    'loopback': only this machine has an address, 'bound': the server listens on this machine only)."""

    base: str
    reachable: bool
    why: str


def _base_of(url: str) -> str:
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def room_address(
    public_url: str, browser_url: str, internal_ip: str | None, bind_address: str, network_url: Callable[[str], str]
) -> RoomAddress:
    """The address the audience should open, most reliable first.

    ``PUBLIC_URL`` when set (a reverse proxy, a name); else the address in the moderator's browser
    when it is not the machine's own loopback (a network address, or a proxy); else the machine's
    network address
    (``network_url(ip)`` adds scheme, port and base path). When the server listens on a loopback
    address only (``server.address = 127.0.0.1``) or the machine has no network address, no phone
    can reach it: ``reachable`` is False and the moderator is told.
    """
    if public_url:
        return RoomAddress(public_url.rstrip("/"), True, "public_url")
    browser = _base_of(browser_url)
    if browser and not is_loopback(urlsplit(browser).hostname):
        return RoomAddress(browser, True, "browser")  # the moderator came in by a network address (or a proxy)
    if bind_address and is_loopback(bind_address):
        return RoomAddress(browser, False, "bound")
    if internal_ip and not is_loopback(internal_ip):
        return RoomAddress(network_url(internal_ip).rstrip("/"), True, "network")
    return RoomAddress(browser, False, "loopback")


def files_base(where: RoomAddress, room_port: int | None, dashboard_port: int) -> str:
    """Where the phones fetch the published phone pages: the room's file server (``room_port``, same host) when
    the room's address leads straight to this dashboard (its port is ``dashboard_port``: the machine's network
    address, the moderator's browser, or a ``PUBLIC_URL`` naming the laptop); else ``where.base`` (a proxy,
    which serves the files itself; no file server; or no address the phones can reach)."""
    parts = urlsplit(where.base)
    try:
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:  # a malformed port in PUBLIC_URL: leave the address as it is
        return where.base
    if room_port is None or not where.reachable or port != dashboard_port:
        return where.base
    host = parts.hostname or ""
    name = f"[{host}]" if ":" in host else host
    return f"{parts.scheme}://{name}:{room_port}"
