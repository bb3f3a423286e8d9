"""Headless Chromium helpers (Playwright driving Debian's ``chromium``): start an app server,
wait until a Streamlit page has settled, take full-page screenshots.

Shared by the screenshot tool, the snapshot deck, the benchmark and the e2e tests.
``playwright install`` is never needed: the system Chromium is used.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from district_stats.paths import ROOT

CHROME_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

READY_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  // 'notRunning' only once a run of the script has finished ('initial' before the first one starts, then
  // 'running' or 'rerunRequested'): the page is not ready before its script has run.
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSkeleton"],[data-testid="stAppSkeleton"]')) return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  for (const p of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    if (!p.querySelector('.main-svg')) return false;
  }
  for (const i of document.querySelectorAll('[data-testid="stImage"] img')) {
    if (!i.complete) return false;  // published drawings and pictures are fetched as files: count their load
  }
  for (const d of document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')) {
    const c = d.querySelector('canvas');
    if (!c || c.width === 0 || c.width < Math.floor(c.clientWidth * 0.9)) return false;
  }
  return !!document.querySelector('[data-testid="stMain"]');
}"""


def chromium_path() -> str:
    """Path of Debian's chromium (or another Chromium on PATH).

    Raises:
        FileNotFoundError: if none is installed.
    """
    for cand in (
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if cand and os.path.exists(cand):
            return cand
    raise FileNotFoundError("chromium not found: apt-get install chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """``streamlit run <script>`` (default dashboard.py) on a free loopback port, stopped by PID (never by name)."""

    def __init__(
        self,
        port: int | None = None,
        extra_args: list[str] | None = None,
        cwd: Path = ROOT,
        log: Path | None = None,
        script: str = "dashboard.py",
        env: dict[str, str] | None = None,
    ) -> None:
        self.port = port or free_port()
        self.env = env or {}  # extra environment variables (e.g. DC_DATA_DIR, DC_UPDATE)
        self.script = script
        self.cwd = cwd
        self.extra = extra_args or []
        self.log_path = log
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> float:
        """Start and wait for /_stcore/health; return seconds to healthy.

        Raises:
            RuntimeError: if the server does not become healthy in time.
        """
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            self.script,
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            *self.extra,
        ]
        out = open(self.log_path, "w", encoding="utf-8") if self.log_path else subprocess.DEVNULL
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(
            cmd, cwd=self.cwd, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **self.env}
        )
        while time.perf_counter() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}")
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return time.perf_counter() - t0
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("server did not become healthy")

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.proc = None

    def __enter__(self) -> AppServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def launch(pw, **kwargs):
    """A headless Chromium browser from a ``sync_playwright()`` handle."""
    return pw.chromium.launch(executable_path=chromium_path(), args=CHROME_ARGS, headless=True, **kwargs)


def wait_ready(page, timeout_ms: int = 60_000, quiet_ms: int = 600) -> None:
    """Wait until the Streamlit script is done, charts are drawn and the DOM is quiet for ``quiet_ms``."""
    settled_at(page, timeout_ms, quiet_ms)


def settled_at(page, timeout_ms: int = 60_000, quiet_ms: int = 600, poll_s: float = 0.1) -> float:
    """Like :func:`wait_ready`; returns the ``time.perf_counter()`` of the page's last change (benchmarks
    measure load times up to it, not up to the end of the quiet wait)."""
    page.wait_for_function(READY_JS, timeout=timeout_ms, polling=100)
    deadline = time.perf_counter() + timeout_ms / 1000
    last, stable_since = None, time.perf_counter()
    while time.perf_counter() < deadline:
        sig = page.evaluate(
            "() => [document.querySelector('[data-testid=\"stMain\"]')?.innerText.length,"
            " document.getElementsByTagName('*').length]"
        )
        if sig != last:
            last, stable_since = sig, time.perf_counter()
        elif time.perf_counter() - stable_since >= quiet_ms / 1000 and page.evaluate(READY_JS):
            return stable_since
        time.sleep(poll_s)
    raise TimeoutError("page did not settle")


def full_screenshot(page, path: Path, max_height: int = 9000) -> None:
    """Screenshot of the whole page: Streamlit scrolls inside stMain, so stretch the viewport first."""
    vp = page.viewport_size
    height = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
        " return m ? m.scrollHeight : document.body.scrollHeight; }"
    )
    page.set_viewport_size({"width": vp["width"], "height": min(max(height, vp["height"]), max_height)})
    time.sleep(0.4)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(vp)
