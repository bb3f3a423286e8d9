"""Page benchmark in a real headless Chromium: ours side by side with an empty page and the naive apps.

    python bench/run.py [--runs 3] [--naive-dir ../shared/bench] [--compare-dir DIR] [--out bench_out]

For every app it starts a fresh ``streamlit run`` on a free loopback port and reports:

- cold start: process start -> ``/_stcore/health`` ok, and -> first page settled;
- per path, after one untimed visit that warms the server's caches, median over ``--runs`` visits,
  each in a fresh browser context (cold browser cache):
  settle time (goto -> script done, charts drawn, DOM quiet), websocket bytes received,
  HTTP bytes (CDP encodedDataLength: on the wire), and the ratio to the empty page;
- a rerun on /mappa (colour by funding): settle time and websocket bytes.

``--compare-dir`` also measures the dashboard of another checkout (e.g. ``git archive main`` unpacked in a
folder) as ``before``, in the same run and against the same empty page, so ratios compare directly.

It prints a table and writes ``OUT/bench.json``. It is a script, not a test: timings depend
on the machine, ratios much less. Software WebGL (SwiftShader) makes any WebGL view slow here.
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
from tools.browser import AppServer, launch, wait_ready

PATHS = ["/", "/mappa", "/mappa?d=D041", "/investimenti", "/distretti?d=D041", "/comuni?c=004003", "/confronti",
         "/dati", "/?modo=presenta", "/?modo=presenta&passo=2"]


def visit(browser, url: str, action=None) -> dict:
    """One visit in a fresh context; optionally run ``action(page)`` after settling and measure the rerun."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    page = ctx.new_page()
    ws_bytes = [0]
    http_bytes = [0]

    def on_ws(ws):
        ws.on("framereceived", lambda payload: ws_bytes.__setitem__(0, ws_bytes[0] + len(payload)))

    page.on("websocket", on_ws)
    cdp = ctx.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.on("Network.loadingFinished", lambda e: http_bytes.__setitem__(0, http_bytes[0] + int(e["encodedDataLength"])))
    t0 = time.perf_counter()
    page.goto(url)
    wait_ready(page, quiet_ms=500)
    out = {"settle_ms": (time.perf_counter() - t0) * 1000, "ws_bytes": ws_bytes[0], "http_bytes": http_bytes[0],
           "exceptions": page.locator('[data-testid="stException"]').count()}
    if action is not None:
        before = ws_bytes[0]
        t1 = time.perf_counter()
        action(page)
        wait_ready(page, quiet_ms=500)
        out["rerun_ms"] = (time.perf_counter() - t1) * 1000
        out["rerun_ws_bytes"] = ws_bytes[0] - before
    ctx.close()
    return out


def colour_by_funding(page) -> None:
    page.get_by_role("radio", name="Fondi strategici tracciati").click()
    page.wait_for_url(lambda u: "metrica=fondi" in u, timeout=30_000)


def measure_app(pw, script: str, paths: list[str], runs: int, cwd: Path, log: Path) -> dict:
    srv = AppServer(script=script, cwd=cwd, log=log)
    t0 = time.perf_counter()
    health_s = srv.start(timeout=120)
    browser = launch(pw)
    result: dict = {"script": script, "cold_health_s": health_s, "pages": {}}
    try:
        first = visit(browser, srv.url + paths[0])
        result["cold_first_page_s"] = time.perf_counter() - t0
        result["pages"][paths[0] + " (first visit)"] = first
        for path in paths:
            action = colour_by_funding if path == "/mappa" else None
            visit(browser, srv.url + path)  # warm the server's caches for this path (not timed)
            visits = [visit(browser, srv.url + path, action if i == 0 else None) for i in range(runs)]
            agg = {k: statistics.median(v[k] for v in visits) for k in ("settle_ms", "ws_bytes", "http_bytes")}
            agg["exceptions"] = max(v["exceptions"] for v in visits)
            if action is not None:
                agg["rerun_ms"] = visits[0]["rerun_ms"]
                agg["rerun_ws_bytes"] = visits[0]["rerun_ws_bytes"]
            result["pages"][path] = agg
            print(f"  {script} {path}: {agg['settle_ms']:.0f} ms, ws {agg['ws_bytes'] / 1024:.1f} KB, "
                  f"http {agg['http_bytes'] / 1024:.0f} KB", flush=True)
    finally:
        browser.close()
        srv.stop()
    return result


def print_table(results: dict) -> None:
    base = results["empty"]["pages"]["/"]["settle_ms"]
    print()
    print(f"empty Streamlit page: {base:.0f} ms (the 1.00x baseline of this run)")
    hdr = f"{'app':<14}{'path':<28}{'settle ms':>10}{'x empty':>9}{'ws KB':>10}{'http KB':>9}{'exc':>5}"
    print(hdr)
    print("-" * len(hdr))
    for name, res in results.items():
        for path, m in res["pages"].items():
            print(f"{name:<14}{path[:27]:<28}{m['settle_ms']:>10.0f}{m['settle_ms'] / base:>9.2f}"
                  f"{m['ws_bytes'] / 1024:>10.1f}{m['http_bytes'] / 1024:>9.0f}{m['exceptions']:>5}")
            if "rerun_ms" in m:
                print(f"{name:<14}{'  rerun: colour by funding':<28}{m['rerun_ms']:>10.0f}{'':>9}"
                      f"{m['rerun_ws_bytes'] / 1024:>10.1f}")
        print(f"{name:<14}{'cold start (health / first page)':<28}{res['cold_health_s'] * 1000:>10.0f}"
              f"{res['cold_first_page_s'] * 1000:>9.0f} ms")
    print()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--naive-dir", type=Path, default=ROOT.parent / "shared" / "bench",
                    help="folder with naive_plotly_app.py / naive_pydeck_app.py (skipped if missing)")
    ap.add_argument("--paths", nargs="+", default=PATHS)
    ap.add_argument("--compare-dir", type=Path, default=None,
                    help="another checkout whose dashboard.py is measured too, as 'before'")
    ap.add_argument("--out", type=Path, default=ROOT / "bench_out")
    args = ap.parse_args()
    args.naive_dir = args.naive_dir.resolve()  # the naive apps run with their own folder as cwd
    args.out.mkdir(parents=True, exist_ok=True)
    results: dict = {}
    with sync_playwright() as pw:
        results["empty"] = measure_app(pw, str(ROOT / "bench" / "empty_app.py"), ["/"], args.runs, ROOT,
                                       args.out / "empty.log")
        if args.compare_dir is not None:
            results["before"] = measure_app(pw, "dashboard.py", args.paths, args.runs, args.compare_dir.resolve(),
                                            args.out / "before.log")
        results["ours"] = measure_app(pw, "dashboard.py", args.paths, args.runs, ROOT, args.out / "ours.log")
        for name in ("naive_plotly_app.py", "naive_pydeck_app.py"):
            script = args.naive_dir / name
            if script.exists():
                results[name.replace("_app.py", "")] = measure_app(pw, str(script), ["/"], args.runs, args.naive_dir,
                                                                   args.out / f"{name}.log")
    (args.out / "bench.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
