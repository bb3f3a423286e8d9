"""Static embeds against an empty Streamlit page and the interactive embed, loaded as a phone would.

    python bench/embeds.py [--runs 3] [--cpu 4] [--mbps 9] [--latency-ms 40] [--out bench_out]

Headless Chromium at 390 px, CPU slowed down ``--cpu`` times (CDP ``Emulation.setCPUThrottlingRate``)
and the network limited to ``--mbps`` down and up with ``--latency-ms`` of latency
(``Network.emulateNetworkConditions``). Every visit is in a fresh browser context (cold cache),
after one untimed visit that warms the servers; the median of ``--runs`` is reported.

- load time: from the navigation to the page being complete: for a static embed the ``load``
  event (HTML, inline SVG and script, nothing else to fetch); for a Streamlit page the last
  change of the page before it settles (script done, charts drawn, DOM quiet for 0.5 s, the
  quiet time not counted);
- bytes: HTTP bytes on the wire (CDP ``encodedDataLength``) plus websocket frames received;
- the ratio of each load time to the empty page's of the same run.

Targets (issue 16): every static embed at most 300 KB and at most 0.5x the empty page.
It is a script, not a test: timings depend on the machine, ratios much less.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from district_stats.paths import ROOT
from tools.browser import AppServer, launch, settled_at

STATIC = ["/app/static/embed/linee.html", "/app/static/embed/flusso.html", "/app/static/embed/mappa.html"]
INTERACTIVE = "/?embed=true&grafico=linee"
BUDGET_KB, BUDGET_RATIO = 300, 0.5


def _settled_ms(page, t0: float, timeout_s: float = 120.0, quiet_s: float = 0.5) -> float:
    """Wait until a Streamlit page has settled; ms from ``t0`` (``time.perf_counter()``) to its last change."""
    return (settled_at(page, int(timeout_s * 1000), int(quiet_s * 1000), poll_s=0.05) - t0) * 1000


def visit(browser, url: str, static: bool, args: argparse.Namespace) -> dict:
    """One throttled visit in a fresh context: load time (ms) and bytes received."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    http, ws = [0], [0]
    cdp = ctx.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    rate = args.mbps * 1_000_000 / 8
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": args.latency_ms, "downloadThroughput": rate, "uploadThroughput": rate},
    )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": args.cpu})
    cdp.on("Network.loadingFinished", lambda e: http.__setitem__(0, http[0] + int(e["encodedDataLength"])))
    page.on("websocket", lambda s: s.on("framereceived", lambda p: ws.__setitem__(0, ws[0] + len(p))))
    t0 = time.perf_counter()
    if static:
        page.goto(url, wait_until="load", timeout=300_000)
        ms = (time.perf_counter() - t0) * 1000
        assert page.locator("svg[role=img]").first.count() == 1, url
    else:
        page.goto(url, wait_until="commit", timeout=300_000)
        ms = _settled_ms(page, t0, timeout_s=300)
    ctx.close()
    return {"load_ms": ms, "http_bytes": http[0], "ws_bytes": ws[0]}


def measure(browser, url: str, static: bool, args: argparse.Namespace) -> dict:
    visit(browser, url, static, args)  # warm the server (untimed)
    runs = [visit(browser, url, static, args) for _ in range(args.runs)]
    return {k: statistics.median(r[k] for r in runs) for k in ("load_ms", "http_bytes", "ws_bytes")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cpu", type=float, default=4.0, help="CPU slow-down factor (default 4)")
    ap.add_argument("--mbps", type=float, default=9.0, help="network speed, megabit/s (default 9)")
    ap.add_argument("--latency-ms", type=float, default=40.0)
    ap.add_argument("--out", type=Path, default=ROOT / "bench_out")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict] = {}
    empty = AppServer(script=str(ROOT / "bench" / "empty_app.py"), log=args.out / "embeds-empty.log")
    app = AppServer(log=args.out / "embeds-app.log")
    empty.start(timeout=120)
    app.start(timeout=120)
    try:
        with sync_playwright() as pw:
            browser = launch(pw)
            try:
                print("pagina vuota di Streamlit…", flush=True)
                results["empty Streamlit page"] = measure(browser, empty.url + "/", False, args)
                print("grafico interattivo (embed=true)…", flush=True)
                results[INTERACTIVE] = measure(browser, app.url + INTERACTIVE, False, args)
                for path in STATIC:
                    print(f"{path}…", flush=True)
                    results[path] = measure(browser, app.url + path, True, args)
            finally:
                browser.close()
    finally:
        app.stop()
        empty.stop()
    base = results["empty Streamlit page"]["load_ms"]
    print(f"\n390 px, CPU {args.cpu:g}x slower, {args.mbps:g} Mbps, {args.latency_ms:g} ms; median of {args.runs}")
    hdr = f"{'page':<34}{'load ms':>9}{'x empty':>9}{'KB':>9}  target"
    print(hdr + "\n" + "-" * len(hdr))
    for name, m in results.items():
        kb = (m["http_bytes"] + m["ws_bytes"]) / 1024
        ratio = m["load_ms"] / base
        ok = "" if name not in STATIC else ("ok" if kb <= BUDGET_KB and ratio <= BUDGET_RATIO else "MISSED")
        print(f"{name:<34}{m['load_ms']:>9.0f}{ratio:>9.2f}{kb:>9.1f}  {ok}")
    (args.out / "embeds.json").write_text(
        json.dumps({"settings": vars(args) | {"out": str(args.out)}, "results": results}, indent=1), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
