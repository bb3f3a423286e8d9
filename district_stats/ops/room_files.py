"""The room's file server: the published phone pages and pictures, served by a small process of their own.

A round table's 100–300 phones open the presenter's QR code within a few seconds. Served by the dashboard's
own process, each of their ≈600 requests costs that process about 3 ms of CPU under the same interpreter
lock as the presenter's session (bench/room.py measured the presenter's step 1.3–1.8× slower); served by
this process, they cost the dashboard nothing. ``start.sh`` / ``start.ps1`` start it next to the dashboard
(``python -m district_stats room-files``) and tell the dashboard its port (``DC_ROOM_PORT``), so the QR
code points at it (:func:`district_stats.room_address.files_base`).

What it serves, read-only: the files under ``static/embed/`` at the address the dashboard gives them
(``/app/static/embed/…``), with their content type and caching headers; no directory listing, nothing
outside that folder, GET and HEAD only. Any other address (the phone page's «Apri la versione interattiva»
link, ``/?modo=presenta…``) is redirected to the same address on the dashboard's port, so the live view
stays one tap away. Standard library only (``http.server``): it runs wherever the dashboard runs.
"""

from __future__ import annotations

import http.server
import mimetypes
import posixpath
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlsplit

from district_stats.ops.artefacts import EMBED_DIR, EMBED_URL
from district_stats.room_address import FILES_SERVER

#: Content types by extension (the platform's own table may lack or misname some, e.g. on Windows).
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".json": "application/json",
    ".zip": "application/zip",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
#: A file asked for with its md5 (``?v=…``, as the dashboard links them) never changes at that address.
VERSIONED_CACHE = "public, max-age=86400"
#: Without it, a phone asks again after a minute (a republish replaces the files while the talk goes on).
PLAIN_CACHE = "public, max-age=60"


def file_for(path: str, root: Path = EMBED_DIR, prefix: str = EMBED_URL) -> Path | None:
    """The published file a request path names (``/app/static/embed/presenter/rete-phone.html``), or None: not
    under ``prefix``, a folder, missing, or outside ``root`` once resolved (``..``, links, encoded slashes)."""
    clean = unquote(urlsplit(path).path)
    if not clean.startswith(prefix + "/") or "\\" in clean or "\0" in clean:
        return None
    rel = posixpath.normpath(clean[len(prefix) + 1 :])
    if rel.startswith(("..", "/")) or rel == ".":
        return None
    target = (root / rel).resolve()
    base = root.resolve()
    if base not in target.parents or not target.is_file():
        return None
    return target


def content_type(path: Path) -> str:
    """The Content-Type of a published file (a generic binary type for an unknown extension)."""
    return TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def redirect_to(host_header: str, path: str, dashboard_port: int) -> str:
    """The dashboard's address for a request that is not a published file: the same host as the phone used,
    the dashboard's port, the same path and query."""
    host = (host_header or "localhost").strip()
    if host.startswith("["):  # [::1]:8502
        name = host[: host.index("]") + 1] if "]" in host else host
    else:
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return f"http://{name}:{dashboard_port}{path if path.startswith('/') else '/' + path}"


class RoomHandler(http.server.BaseHTTPRequestHandler):
    """GET and HEAD of published files; a redirect to the dashboard for anything else."""

    server_version = FILES_SERVER  # the dashboard checks it before sending the phones here
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def __init__(self, *args, root: Path, dashboard_port: int, **kwargs) -> None:
        self.root = root
        self.dashboard_port = dashboard_port
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        """Quiet: 600 requests a wave would flood the terminal that shows the dashboard's messages."""

    def do_HEAD(self) -> None:
        """Headers only (http.server calls the method by the request's verb)."""
        self._answer(body=False)

    def do_GET(self) -> None:
        """The file, or a redirect to the dashboard."""
        self._answer(body=True)

    def _answer(self, body: bool) -> None:
        target = file_for(self.path, self.root)
        if target is None:
            self.send_response(302)
            self.send_header("Location", redirect_to(self.headers.get("Host", ""), self.path, self.dashboard_port))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        try:
            data = target.read_bytes()
        except OSError:  # replaced by a republish between the check and the read
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", content_type(target))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", VERSIONED_CACHE if "v=" in urlsplit(self.path).query else PLAIN_CACHE)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(data)


def make_server(
    address: str, port: int, dashboard_port: int, root: Path = EMBED_DIR
) -> http.server.ThreadingHTTPServer:
    """The file server bound to ``address``:``port`` (not yet serving: call ``serve_forever``).

    Raises:
        OSError: if the port cannot be bound (in use, not allowed).
    """
    handler = partial(RoomHandler, root=root, dashboard_port=dashboard_port)
    server = http.server.ThreadingHTTPServer((address, port), handler)
    server.daemon_threads = True
    return server
