"""Scale-out set-up: two Streamlit processes behind nginx (Debian package) with sticky sessions."""

from __future__ import annotations

import asyncio
import re
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.protocol import cookie_for, load_page
from deploy.cluster import Cluster
from tests.e2e.conftest import settle
from tests.scratch import copy_tree


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, views):
    """Two processes behind nginx, which serves a scratch copy of static/ with the room's phone pages built
    into it (from the committed phone pictures, whether or not the committed pages are up to date)."""
    from district_stats.ops import phone_pages
    from district_stats.paths import ROOT

    static = tmp_path_factory.mktemp("static") / "static"
    copy_tree(ROOT / "static", static)
    phone_pages.render(views, ("it", "en"), static / "embed", progress=lambda m: None)
    with Cluster(processes=2, static_dir=static) as c:
        yield c


def upstream(url: str, cookie: str = "") -> str:
    req = urllib.request.Request(url + "/_stcore/health", headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.headers.get("X-Upstream")


def test_new_clients_are_spread_and_each_client_sticks(cluster):
    seen = {upstream(cluster.url) for _ in range(20)}
    assert len(seen) == 2  # both processes serve new clients
    for _ in range(3):
        cookie = cookie_for(cluster.url)
        assert cookie.startswith("dc_node=")
        assert len({upstream(cluster.url, cookie) for _ in range(10)}) == 1


def test_websocket_sessions_work_through_nginx(cluster):
    async def run():
        cookies = [cookie_for(cluster.url) for _ in range(8)]
        return await asyncio.gather(
            *[
                load_page(cluster.url, p, cookie=c)
                for p, c in zip(["/", "/mappa", "/distretti?d=D041", "/comuni?c=004003"] * 2, cookies)
            ]
        )

    # Playwright's sync API keeps an event loop in this thread: run the asyncio client in another one.
    with ThreadPoolExecutor(1) as pool:
        visits = pool.submit(asyncio.run, run()).result(timeout=180)
    assert all(not v.error for v in visits), [v.error for v in visits]
    assert all(v.ws_bytes > 1000 for v in visits)


def test_phone_pages_are_files_served_by_nginx_never_by_streamlit(cluster):
    """300 phones opening the QR reach no Streamlit process: nginx answers from disk (no X-Upstream)."""
    base = f"{cluster.url}/app/static/embed/presenter/"
    with urllib.request.urlopen(base + "soldi-phone.html", timeout=10) as r:
        page = r.read().decode("utf-8")
        assert r.status == 200 and r.headers["Content-Type"] == "text/html; charset=utf-8"
        assert r.headers.get("X-Upstream") is None and "max-age=" in r.headers.get("Cache-Control", "")
    assert "<script" not in page and 'class="go"' in page
    src = re.search(r'<img src="([^"]+)"', page).group(1)
    with urllib.request.urlopen(base + src, timeout=10) as r:
        picture = r.read()
        assert r.headers["Content-Type"] == "image/png" and r.headers.get("X-Upstream") is None
    assert len(page.encode("utf-8")) + len(picture) <= 150 * 1024
    with urllib.request.urlopen(f"{cluster.url}/_stcore/health", timeout=10) as r:
        assert r.headers.get("X-Upstream")  # the app itself is still proxied


def test_browser_through_nginx_draws_the_map(browser, cluster):
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    page = ctx.new_page()
    page.goto(cluster.url + "/mappa?d=D041&esplora=mappa")  # the live map (its published picture otherwise)
    settle(page)
    page.wait_for_function("() => document.querySelectorAll('.choroplethlocation').length >= 11")
    assert "Mondovì" in page.locator('[data-testid="stMain"]').inner_text()
    cookies = {c["name"] for c in ctx.cookies()}
    assert "dc_node" in cookies
    ctx.close()


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
def test_a_signal_stops_nginx_and_every_streamlit_process(sig, tmp_path):
    """deploy/cluster.py as an operator runs it: a signal leaves no process running and no port held."""
    import os
    import re
    import signal
    import socket
    import subprocess
    import sys
    import time

    import psutil

    from district_stats.paths import ROOT
    from tools.browser import free_port

    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "deploy" / "cluster.py"),
            "--processes",
            "2",
            "--port",
            str(port),
            "--host",
            "127.0.0.1",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
    )
    try:
        line = proc.stdout.readline()  # printed once nginx answers the health check
        assert "dietro nginx" in line and "aggiornamenti dal browser disattivati" in line, line
        ports = [int(p) for p in re.search(r"\(([\d, ]+)\)", line).group(1).split(",")] + [port]
        children = psutil.Process(proc.pid).children(recursive=True)
        assert len(children) >= 3  # two Streamlit processes, nginx master (+ worker)
        assert upstream(f"http://127.0.0.1:{port}")
        os.kill(proc.pid, getattr(signal, sig))
        assert proc.wait(60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    _gone, alive = psutil.wait_procs(children, timeout=30)
    assert not [p for p in alive if p.status() != psutil.STATUS_ZOMBIE], alive
    for p in ports:
        deadline = time.monotonic() + 10
        while True:
            with socket.socket() as s:
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                try:
                    s.bind(("127.0.0.1", p))
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
            time.sleep(0.2)
