"""The room's file server: published files only, read-only, with their types; anything else to the dashboard."""

from __future__ import annotations

import http.client
import threading

import pytest

from district_stats.ops import room_files
from district_stats.ops.artefacts import EMBED_URL


@pytest.fixture
def embed(tmp_path):
    root = tmp_path / "embed"
    (root / "presenter").mkdir(parents=True)
    (root / "presenter" / "rete-phone.html").write_text("<p>rete</p>", encoding="utf-8")
    (root / "presenter" / "rete-phone.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "secret.txt").write_text("no", encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "path,found",
    [
        (f"{EMBED_URL}/presenter/rete-phone.html?v=0123456789", "rete-phone.html"),
        (f"{EMBED_URL}/presenter/rete-phone.png", "rete-phone.png"),
        (f"{EMBED_URL}/presenter/", None),  # a folder: no listing
        (f"{EMBED_URL}/presenter/missing.html", None),
        (f"{EMBED_URL}/../secret.txt", None),
        (f"{EMBED_URL}/%2e%2e/secret.txt", None),
        (f"{EMBED_URL}/presenter/..%5c..%5csecret.txt", None),
        ("/?modo=presenta&passo=2&vista=telefono", None),
        ("/app/static/embedded/x.html", None),
    ],
)
def test_only_published_files_are_served(embed, path, found):
    got = room_files.file_for(path, embed)
    assert (got.name if got else None) == found


def test_types_and_redirects():
    assert room_files.content_type(room_files.Path("a.html")) == "text/html; charset=utf-8"
    assert room_files.content_type(room_files.Path("a.svg")) == "image/svg+xml"
    assert room_files.redirect_to("192.168.1.20:8502", "/?passo=2", 8501) == "http://192.168.1.20:8501/?passo=2"
    assert room_files.redirect_to("[fe80::1]:8502", "/", 8600) == "http://[fe80::1]:8600/"
    assert room_files.redirect_to("", "/", 8501) == "http://localhost:8501/"


def test_a_phone_gets_the_page_and_the_live_view_by_redirect(embed):
    server = room_files.make_server("127.0.0.1", 0, 8501, embed)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", f"{EMBED_URL}/presenter/rete-phone.html?v=abc")
        resp = conn.getresponse()
        assert (resp.status, resp.read()) == (200, b"<p>rete</p>")  # and the connection stays open for the picture
        assert resp.getheader("Content-Type") == "text/html; charset=utf-8"
        assert resp.getheader("Cache-Control") == room_files.VERSIONED_CACHE
        assert resp.getheader("Server").startswith(room_files.FILES_SERVER)
        conn.request("GET", "/?modo=presenta&passo=2&vista=telefono", headers={"Host": f"192.168.1.20:{port}"})
        resp = conn.getresponse()
        resp.read()
        assert (resp.status, resp.getheader("Location")) == (
            302,
            "http://192.168.1.20:8501/?modo=presenta&passo=2&vista=telefono",
        )
        conn.request("POST", f"{EMBED_URL}/presenter/rete-phone.html", body=b"x")
        assert conn.getresponse().status == 501  # read-only
        conn.close()
    finally:
        server.shutdown()
        server.server_close()
