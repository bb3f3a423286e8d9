"""The room: a presenter changing steps while the audience's phones open the QR code's page.

    python -m bench.room [--phones 300] [--window 3] [--rounds 1] [--live 150] [--cluster N | --no-files]
                         [--out bench_out]      (or python bench/room.py …)

Starts the dashboard on a free loopback port with its own address as ``PUBLIC_URL`` (so the presenter shows
the QR code and link) and, as ``start.sh`` does, the room's file server next to it (``python -m district_stats
room-files``: the QR code then opens the phone pages there; ``--no-files``: the dashboard serves them), or
``--cluster N`` Streamlit processes behind nginx (deploy/cluster.py: nginx serves them); and a
presenter: headless Chromium (Playwright, Debian's chromium) at 1280×720 on ``?modo=presenta``. Then it
alternates, over the story's screens:

- an idle step: the presenter presses → and the step latency is measured in the page, from the key press
  to the next screen settled (its title shown, the script done, nothing stale, every picture loaded);
- a loaded step: ``--phones`` phones (threads, http.client, real HTTP on loopback, a new connection each,
  gzip accepted) open the address the presenter's QR code shows at that moment, page then picture,
  arriving evenly over ``--window`` seconds; a third of the way into that wave the presenter presses →.

Each round goes through the story once and measures every step twice, back-to-back (idle, back ←
unmeasured, loaded; the order alternates), so screens that differ (0.1–0.5 s) and a drift of the machine's
load fall on both alike; the ratio is given of the medians and as the median of the per-step ratios.
With ``--live N`` it then repeats ``--live-steps`` loaded steps with N phones opening the live phone view
the old way (``?modo=presenta&passo=N&vista=telefono``: a websocket session each, bench/protocol.py, script
run to the end), and counts what one phone downloads for it in a browser (Streamlit's scripts included).

Prints phone p50/p95/max, errors, bytes per phone, the presenter's step latency idle vs loaded (median,
min–max, ratio of medians), the server's CPU seconds per wave, and writes ``OUT/room.json``. Budget (DESIGN
§6): presenter step ≤ 1.2× idle, phones p95 ≤ 1 s on loopback, 0 errors. The phones' client runs on the
same machine (two cores here): on a real network the laptop only serves them. A script, not a test.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]

#: Installed in the presenter's page: the time from a key press to the next screen settled (ms, in the page).
MONITOR_JS = """(ready) => {
  const isReady = new Function('return ' + ready)();
  const s = window.__dcStep = {t0: 0, ms: -1, prev: ''};
  document.addEventListener('keydown', () => {
    s.t0 = performance.now(); s.ms = -1; s.prev = document.querySelector('h1')?.innerText || '';
    const tick = () => {
      const h = document.querySelector('h1');
      if (h && h.innerText && h.innerText !== s.prev && isReady()) { s.ms = performance.now() - s.t0; return; }
      setTimeout(tick, 4);
    };
    setTimeout(tick, 4);
  }, true);
}"""


@dataclass
class Phone:
    """One phone: seconds from its start to the picture received, bytes received (as sent: gzip counts)."""

    seconds: float = 0.0
    bytes: int = 0
    error: str = ""


def pct(values: list[float], q: float) -> float:
    vals = sorted(values)
    return vals[min(len(vals) - 1, int(round(q * (len(vals) - 1))))] if vals else float("nan")


def _get(conn: http.client.HTTPConnection, path: str) -> tuple[bytes, int]:
    conn.request("GET", path, headers={"Accept-Encoding": "gzip", "User-Agent": "room-bench"})
    resp = conn.getresponse()
    raw = resp.read()
    if resp.status != 200:
        raise RuntimeError(f"HTTP {resp.status} for {path}")
    body = gzip.decompress(raw) if resp.getheader("Content-Encoding") == "gzip" else raw
    return body, len(raw)


def phone(url: str, start_at: float) -> Phone:
    """Open the page at ``url`` then its picture, on one new connection, from ``start_at`` (perf_counter)."""
    delay = start_at - time.perf_counter()
    if delay > 0:
        time.sleep(delay)  # the phone's arrival in the wave
    out = Phone()
    t0 = time.perf_counter()
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        page, n = _get(conn, parts.path + (f"?{parts.query}" if parts.query else ""))
        out.bytes += n
        src = re.search(rb'<img src="([^"]+)"', page)
        if src:
            pic = urlsplit(urljoin(url, src.group(1).decode().replace("&amp;", "&")))
            _, n = _get(conn, pic.path + (f"?{pic.query}" if pic.query else ""))
            out.bytes += n
    except Exception as exc:  # noqa: BLE001 - a failed phone is a figure in the report
        out.error = f"{type(exc).__name__}: {exc}"[:160]
    finally:
        conn.close()
    out.seconds = time.perf_counter() - t0
    return out


def phone_wave(url: str, n: int, window: float, pool: ThreadPoolExecutor) -> tuple[list, float]:
    """Start ``n`` phones on ``url`` arriving evenly over ``window`` s; returns their futures and the wave's start."""
    t0 = time.perf_counter() + 0.05
    return [pool.submit(phone, url, t0 + window * i / max(n - 1, 1)) for i in range(n)], t0


def live_wave(base: str, query: str, n: int, window: float) -> threading.Thread:
    """``n`` live phone views the old way (a websocket session each), arriving over ``window`` s, in a thread;
    the results land in the thread's ``visits``."""
    import asyncio

    from bench.protocol import load_page

    async def one(i: int):
        await asyncio.sleep(window * i / max(n - 1, 1))
        return await load_page(base, "/?" + query, timeout=180)

    async def run():
        return await asyncio.gather(*(one(i) for i in range(n)))

    th = threading.Thread(target=lambda: setattr(th, "visits", asyncio.run(run())), daemon=True)
    th.start()
    return th


def cpu_s(pids: list[int]) -> float:
    import psutil

    total = 0.0
    for pid in pids:
        try:
            t = psutil.Process(pid).cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


class Presenter:
    """The presenter's browser: steps by keyboard, the QR code's address, step latency measured in the page."""

    def __init__(self, pw, url: str) -> None:
        from tools.browser import READY_JS, launch, wait_ready

        self.browser = launch(pw)
        self.page = self.browser.new_page(viewport={"width": 1280, "height": 720})
        self.page.set_default_timeout(120_000)
        self.page.goto(url + "/?modo=presenta&passo=1")
        self.wait_ready = wait_ready
        wait_ready(self.page)
        self.page.evaluate(MONITOR_JS, READY_JS)
        self.first = self.title()

    def restart(self) -> None:
        """Back to step 1 (Home), unmeasured."""
        self.page.keyboard.press("Home")
        self.page.wait_for_function("(t) => document.querySelector('h1')?.innerText === t", arg=self.first)
        self.wait_ready(self.page, quiet_ms=300)

    def title(self) -> str:
        return self.page.locator("h1").first.inner_text()

    def qr_url(self) -> str:
        """The address the presenter's link and QR code show for the current screen."""
        found = re.search(r"https?://\S+", self.page.locator(".st-key-pr_link").inner_text())
        if not found:
            raise RuntimeError("the presenter shows no link for the room (is PUBLIC_URL set?)")
        return found.group(0)

    def step(self, key: str = "ArrowRight") -> float:
        """Press ``key`` and return the ms until the next screen settled (measured in the page)."""
        self.page.keyboard.press(key)
        self.page.wait_for_function("() => window.__dcStep.ms >= 0", polling=50)
        ms = float(self.page.evaluate("() => window.__dcStep.ms"))
        self.wait_ready(self.page, quiet_ms=300)  # nothing left moving before the next measurement
        return ms

    def close(self) -> None:
        self.browser.close()


def live_view_bytes(pw, url: str) -> tuple[int, int]:
    """HTTP bytes (on the wire) and websocket bytes of one phone opening the live phone view at ``url``."""
    from tools.browser import launch, wait_ready

    browser = launch(pw)
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    ws, http = [0], [0]
    page.on("websocket", lambda w: w.on("framereceived", lambda p: ws.__setitem__(0, ws[0] + len(p))))
    cdp = ctx.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.on("Network.loadingFinished", lambda e: http.__setitem__(0, http[0] + int(e["encodedDataLength"])))
    page.goto(url)
    wait_ready(page)
    browser.close()
    return http[0], ws[0]


def summary(ms: list[float]) -> dict:
    return {"median_ms": statistics.median(ms), "min_ms": min(ms), "max_ms": max(ms), "n": len(ms)} if ms else {}


def _server(args):
    """The app (one process, or a cluster behind nginx) with its own address as PUBLIC_URL: (base URL, pids, stop)."""
    from tools.browser import AppServer, free_port

    if args.cluster:
        from deploy.cluster import Cluster

        class RoomCluster(Cluster):
            def server_env(self) -> dict[str, str]:  # type: ignore[override]
                return {**Cluster.server_env(), "PUBLIC_URL": self.url}

        cluster = RoomCluster(processes=args.cluster)
        cluster.start()
        import psutil

        nginx = psutil.Process(cluster.nginx.pid)  # type: ignore[union-attr]
        args.proxy_pids = [nginx.pid] + [c.pid for c in nginx.children(recursive=True)]
        return cluster.url, cluster.pids, cluster.stop
    port = free_port()
    env = {"PUBLIC_URL": f"http://127.0.0.1:{port}"}
    files = None
    if args.files:  # as start.sh does: the phone pages from the room's file server, its port told to the dashboard
        files_port = free_port()
        files = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "district_stats",
                "room-files",
                "--address",
                "127.0.0.1",
                "--port",
                str(files_port),
                "--dashboard-port",
                str(port),
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_port(files_port)
        env["DC_ROOM_PORT"] = str(files_port)
        args.proxy_pids = [files.pid]
    srv = AppServer(port=port, env=env, log=args.out / "room-server.log")
    srv.start(timeout=120)

    def stop() -> None:
        srv.stop()
        if files is not None:
            files.terminate()
            files.wait(10)

    return srv.url, [srv.pid], stop  # type: ignore[list-item]


def _wait_port(port: int, timeout: float = 30.0) -> None:
    """Until something answers on 127.0.0.1:``port``."""
    import socket

    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answers on port {port}")


def _measure(pr: Presenter, loaded: bool, args, pids: list[int], pool: ThreadPoolExecutor) -> dict:
    """One step forward, in an idle room or a third of the way into a wave of phones on the QR's page."""
    rec: dict = {"from": pr.title()[:40], "loaded": loaded}
    c0, b0, n0 = cpu_s(pids), cpu_s([os.getpid()]), cpu_s(args.proxy_pids)
    if loaded:
        rec["url"] = url = pr.qr_url()
        futures, t0 = phone_wave(url, args.phones, args.window, pool)
        time.sleep(max(0.0, t0 + args.window / 3 - time.perf_counter()))
        rec["ms"] = pr.step()
        rec["phones"] = [asdict(f.result()) for f in futures]
    else:
        rec["ms"] = pr.step()
    rec["server_cpu_s"], rec["client_cpu_s"] = cpu_s(pids) - c0, cpu_s([os.getpid()]) - b0
    rec["proxy_cpu_s"] = cpu_s(args.proxy_pids) - n0
    print(
        f"  {'loaded' if loaded else 'idle  '} step from «{rec['from']}»: {rec['ms']:.0f} ms"
        + (f", phones p95 {pct([p['seconds'] for p in rec['phones']], 0.95) * 1000:.0f} ms" if loaded else ""),
        flush=True,
    )
    return rec


def run(args) -> dict:
    from playwright.sync_api import sync_playwright

    base, pids, stop = _server(args)
    result: dict = {
        "phones": args.phones,
        "window_s": args.window,
        "cluster": args.cluster,
        "steps": [],
        "files": bool(args.files and not args.cluster),
    }
    pool = ThreadPoolExecutor(max_workers=max(args.phones, 1))
    try:
        with sync_playwright() as pw:
            pr = Presenter(pw, base)
            url = pr.qr_url()
            if "/app/static/" not in url:
                raise SystemExit(
                    f"the QR code opens {url}, not a phone page: the published artefacts do not match "
                    "the data and code on show (python -m district_stats publish)"
                )
            for _ in range(7):  # one unmeasured tour: every screen's caches filled, as after a rehearsal
                pr.step()
            for r in range(args.rounds):
                pr.restart()
                for i in range(7):  # each step twice, idle and loaded, back-to-back (order alternating)
                    first = (i + r) % 2 == 1
                    result["steps"].append(_measure(pr, first, args, pids, pool))
                    pr.step("ArrowLeft")
                    result["steps"].append(_measure(pr, not first, args, pids, pool))
            if args.live:
                result["live"] = []
                for _ in range(args.live_steps):
                    if pr.page.locator(".st-key-pr_next button").is_disabled():
                        pr.restart()
                    step = parse_qs(urlsplit(pr.page.url).query).get("passo", ["1"])[0]
                    query = f"modo=presenta&passo={step}&vista=telefono"
                    c0 = cpu_s(pids)
                    t0 = time.perf_counter()
                    th = live_wave(base, query, args.live, args.window)
                    time.sleep(max(0.0, t0 + args.window / 3 - time.perf_counter()))
                    ms = pr.step()
                    th.join(600)
                    visits = getattr(th, "visits", [])
                    result["live"].append(
                        {
                            "ms": ms,
                            "server_cpu_s": cpu_s(pids) - c0,
                            "visits": [
                                {"seconds": v.ready_s, "ws_bytes": v.ws_bytes, "error": v.error} for v in visits
                            ],
                        }
                    )
                    print(f"  live-view wave ({args.live} phones), step: {ms:.0f} ms", flush=True)
                result["live_view_http_bytes"], result["live_view_ws_bytes"] = live_view_bytes(
                    pw, f"{base}/?modo=presenta&passo=2&vista=telefono"
                )
            pr.close()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        stop()
    return result


def report(res: dict) -> None:
    idle = [s["ms"] for s in res["steps"] if not s["loaded"]]
    loaded = [s["ms"] for s in res["steps"] if s["loaded"]]
    phones = [p for s in res["steps"] if s["loaded"] for p in s["phones"]]
    ok = [p["seconds"] for p in phones if not p["error"]]
    errors = [p["error"] for p in phones if p["error"]]
    per_phone = statistics.mean(p["bytes"] for p in phones if not p["error"]) if ok else 0
    i, lo = summary(idle), summary(loaded)
    print(
        f"\nroom: {res['phones']} phones per wave over {res['window_s']:g} s"
        + (f", {res['cluster']} processes behind nginx" if res["cluster"] else ", one process")
        + (" and the room's file server" if res.get("files") else "")
    )
    print(
        f"  phones: {len(phones)} in all, p50 {pct(ok, 0.5) * 1000:.0f} ms, p95 {pct(ok, 0.95) * 1000:.0f} ms, "
        f"max {max(ok, default=0) * 1000:.0f} ms, errors {len(errors)}"
        + (f" (first: {errors[0]})" if errors else "")
        + f", {per_phone / 1024:.1f} KB per phone"
    )
    print(f"  presenter step idle:   median {i['median_ms']:.0f} ms ({i['min_ms']:.0f}–{i['max_ms']:.0f}, n={i['n']})")
    print(
        f"  presenter step loaded: median {lo['median_ms']:.0f} ms ({lo['min_ms']:.0f}–{lo['max_ms']:.0f}, "
        f"n={lo['n']}) -> {lo['median_ms'] / i['median_ms']:.2f}x idle (budget 1.2x)"
    )
    steps = res["steps"]  # back-to-back pairs: the same step idle and loaded
    paired = [
        (a if a["loaded"] else b)["ms"] / (b if a["loaded"] else a)["ms"] for a, b in zip(steps[::2], steps[1::2])
    ]
    if paired:
        print(
            f"  per step, loaded / idle back-to-back: median {statistics.median(paired):.2f}x (quartiles "
            f"{pct(paired, 0.25):.2f}–{pct(paired, 0.75):.2f}, range {min(paired):.2f}–{max(paired):.2f}, "
            f"{len(paired)} pairs)"
        )
    cpu_idle = statistics.median(s["server_cpu_s"] for s in res["steps"] if not s["loaded"])
    cpu_loaded = statistics.median(s["server_cpu_s"] for s in res["steps"] if s["loaded"])
    client = statistics.median(s["client_cpu_s"] for s in res["steps"] if s["loaded"])
    proxy = statistics.median(s["proxy_cpu_s"] for s in res["steps"] if s["loaded"])
    print(
        f"  Streamlit CPU: {cpu_idle:.2f} s per idle step, {cpu_loaded:.2f} s per loaded step (wave included)"
        + (f"; nginx {proxy:.2f} s per wave" if res["cluster"] else "")
        + (f"; the room's file server {proxy:.2f} s per wave" if res.get("files") else "")
        + f"; the phones' client on this machine: {client:.2f} s per wave"
    )
    res["summary"] = {
        "idle": i,
        "loaded": lo,
        "ratio": lo["median_ms"] / i["median_ms"],
        "paired_ratio": statistics.median(paired) if paired else None,
        "phones_p50_s": pct(ok, 0.5),
        "phones_p95_s": pct(ok, 0.95),
        "phones_max_s": max(ok, default=0),
        "phone_errors": len(errors),
        "bytes_per_phone": per_phone,
        "phones_total": len(phones),
    }
    if res.get("live"):
        visits = [v for w in res["live"] for v in w["visits"]]
        good = [v["seconds"] for v in visits if not v["error"]]
        lm = summary([w["ms"] for w in res["live"]])
        print(
            f"  the old way, {len(visits)} live phone views in {len(res['live'])} waves: p50 {pct(good, 0.5):.2f} s, "
            f"p95 {pct(good, 0.95):.2f} s, errors {len(visits) - len(good)}; presenter step median "
            f"{lm['median_ms']:.0f} ms ({lm['min_ms']:.0f}–{lm['max_ms']:.0f}) -> {lm['median_ms'] / i['median_ms']:.2f}x "
            f"idle; a phone downloads {res['live_view_http_bytes'] / 1e6:.2f} MB + "
            f"{res['live_view_ws_bytes'] / 1024:.0f} KB websocket"
        )
        res["summary"]["live"] = {
            "p50_s": pct(good, 0.5),
            "p95_s": pct(good, 0.95),
            "errors": len(visits) - len(good),
            "presenter": lm,
            "ratio": lm["median_ms"] / i["median_ms"],
        }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--phones", type=int, default=300, help="phones per wave (default 300)")
    ap.add_argument("--window", type=float, default=3.0, help="seconds over which a wave's phones arrive")
    ap.add_argument(
        "--rounds", type=int, default=1, help="rounds through the story: each measures every step idle and loaded"
    )
    ap.add_argument("--live", type=int, default=0, help="also N phones opening the live view the old way")
    ap.add_argument("--live-steps", type=int, default=3)
    ap.add_argument("--cluster", type=int, default=0, help="N Streamlit processes behind nginx (0: one process)")
    ap.add_argument(
        "--no-files",
        dest="files",
        action="store_false",
        help="one process without the room's file server (the dashboard serves the phone pages)",
    )
    ap.add_argument("--out", type=Path, default=ROOT / "bench_out")
    args = ap.parse_args(argv)
    args.proxy_pids = []
    args.out.mkdir(parents=True, exist_ok=True)
    res = run(args)
    report(res)
    (args.out / "room.json").write_text(json.dumps(res, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    if __package__ in (None, ""):  # python bench/room.py: the checkout's packages (bench, deploy, tools)
        sys.path.insert(0, str(ROOT))
    sys.exit(main())
