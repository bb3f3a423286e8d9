"""Page benchmark in a real headless Chromium: ours side by side with an empty page and the naive apps.

    python bench/run.py [--starts 3] [--runs 3] [--naive-dir ../shared/bench] [--compare-dir DIR] [--out bench_out]

Every app is started ``--starts`` times (a fresh ``streamlit run`` on a free loopback port each time, the
apps one after the other within each start, so a drift of the machine's load falls on all of them), and
for every path of each start it measures, each visit in a fresh browser context (cold browser cache):

- cold: the first visit of the path after the server started (its figures and caches built for it);
- warm: the median of ``--runs`` visits after that;
- settle time: from goto to the page's last change before 500 ms of quiet (script done, charts and map
  canvases drawn, pictures loaded; the quiet window itself is not counted, as in ``bench/embeds.py`` and
  ``../shared/bench/measure_app.py``), websocket
  bytes received, HTTP bytes (CDP encodedDataLength: on the wire);
- where the time goes (warm visits, medians): when the script finished in the browser (its last run) and
  how many script runs the browser saw,
  the server's own page run (bench/protocol.py: rerun_script -> script_finished over the websocket, no
  browser; median of 3), plotly's first draw (from the first chart element in the page to every chart
  drawn), main-thread long tasks (JavaScript: React, plotly), pictures (count, bytes, last one loaded);
- cold start of the server: process start -> ``/_stcore/health``, and -> first page settled;
- a rerun on /mappa (colour by funding): settle time and websocket bytes.

Figures are the median over the starts with their spread (min–max), and the ratio of each median to the
empty page's median of the same run, cold and warm. ``--compare-dir`` also measures the dashboard of another
checkout (e.g. ``git archive main`` unpacked in a folder) as ``before``, in the same run.

It prints a table and writes ``OUT/bench.json``. It is a script, not a test: timings depend on the
machine, ratios much less. Software WebGL (SwiftShader) makes any WebGL view slow here.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # python bench/run.py: the checkout's bench package (bench/protocol.py)
    sys.path.insert(0, str(ROOT))

from bench.protocol import load_page  # noqa: E402
from tools.browser import AppServer, launch, settled_at  # noqa: E402

PATHS = [
    "/",
    "/mappa",
    "/mappa?d=D041",
    "/investimenti",
    "/distretti",
    "/distretti?d=D041",
    "/comuni",
    "/comuni?c=004003",
    "/confronti",
    "/dati",
    "/?modo=presenta",
    "/?modo=presenta&passo=2",
]

#: Installed before each visit: when the script finished (last time), when the first chart appeared and when
#: every chart was drawn, the main thread's long tasks (ms since the navigation started).
TIMING_JS = """(() => {
  const T = window.__dcT = {script: 0, chart: 0, drawn: 0, long: 0, runs: 0, state: ''};
  try { new PerformanceObserver(l => { for (const e of l.getEntries()) T.long += e.duration; })
        .observe({type: 'longtask', buffered: true}); } catch (e) {}
  const look = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    const state = app ? app.getAttribute('data-test-script-state') : '';
    if (state === 'running' && T.state !== 'running') T.runs += 1;
    if (state === 'notRunning') T.script = performance.now();
    T.state = state || T.state;
    const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]');
    if (charts.length && !T.chart) T.chart = performance.now();
    if (charts.length && !T.drawn && [...charts].every(c => c.querySelector('.main-svg'))) T.drawn = performance.now();
  };
  new MutationObserver(look).observe(document, {subtree: true, childList: true, attributes: true,
                                                attributeFilter: ['data-test-script-state']});
})();"""
IMAGES_JS = """() => { const r = performance.getEntriesByType('resource').filter(e => e.initiatorType === 'img');
  return [r.length, r.reduce((s, e) => s + (e.encodedBodySize || 0), 0), Math.max(0, ...r.map(e => e.responseEnd))]; }"""
FIGURES = (
    "settle_ms",
    "ws_bytes",
    "http_bytes",
    "script_ms",
    "runs",
    "plotly_ms",
    "long_ms",
    "img_n",
    "img_bytes",
    "img_ms",
)


def visit(browser, url: str, action=None) -> dict:
    """One visit in a fresh context; optionally run ``action(page)`` after settling and measure the rerun."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    ctx.add_init_script(TIMING_JS)
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
    last_change = settled_at(page, quiet_ms=500)
    out = {
        "ws_bytes": ws_bytes[0],
        "http_bytes": http_bytes[0],
        "exceptions": page.locator('[data-testid="stException"]').count(),
    }
    tm = page.evaluate("() => window.__dcT")
    out.update(
        script_ms=tm["script"],
        runs=tm["runs"],
        plotly_ms=tm["drawn"] - tm["chart"] if tm["drawn"] else 0.0,
        long_ms=tm["long"],
    )
    out["img_n"], out["img_bytes"], out["img_ms"] = page.evaluate(IMAGES_JS)
    # Up to the page's last change (the start of the quiet window, not its end), or the last picture loaded
    # if that came later (a picture does not change the DOM when it arrives).
    out["settle_ms"] = max((last_change - t0) * 1000, out["img_ms"])
    if action is not None:
        before = ws_bytes[0]
        t1 = time.perf_counter()
        action(page)
        out["rerun_ms"] = (settled_at(page, quiet_ms=500) - t1) * 1000
        out["rerun_ws_bytes"] = ws_bytes[0] - before
    ctx.close()
    return out


def colour_by_funding(page) -> None:
    page.get_by_role("radio", name="Fondi strategici tracciati").click()
    page.wait_for_url(lambda u: "metrica=fondi" in u, timeout=30_000)


async def server_runs(url: str, paths: list[str], n: int = 3) -> dict[str, float]:
    """The server's own page run per path (ms, median of ``n``, caches warm): no browser involved."""
    return {p: statistics.median([(await load_page(url, p)).ready_s * 1000 for _ in range(n)]) for p in paths}


def measure_app(pw, script: str, paths: list[str], runs: int, cwd: Path, log: Path) -> dict:
    """One server start: cold and warm visits of every path (see the module docstring)."""
    srv = AppServer(script=script, cwd=cwd, log=log)
    t0 = time.perf_counter()
    health_s = srv.start(timeout=120)
    browser = launch(pw)
    result: dict = {"script": script, "cold_health_s": health_s, "pages": {}}
    try:
        for i, path in enumerate(paths):
            action = colour_by_funding if path == "/mappa" else None
            cold = visit(browser, srv.url + path)
            if i == 0:
                result["cold_first_page_s"] = time.perf_counter() - t0
            visits = [visit(browser, srv.url + path, action if i == 0 else None) for i in range(runs)]
            agg = {k: statistics.median(v[k] for v in visits) for k in FIGURES}
            agg["cold_ms"] = cold["settle_ms"]
            agg["exceptions"] = max(v["exceptions"] for v in [cold, *visits])
            if action is not None:
                agg["rerun_ms"] = visits[0]["rerun_ms"]
                agg["rerun_ws_bytes"] = visits[0]["rerun_ws_bytes"]
            result["pages"][path] = agg
        if Path(script).name == "dashboard.py":
            with ThreadPoolExecutor(1) as pool:  # Playwright's sync API holds this thread's event loop
                runs_ms = pool.submit(asyncio.run, server_runs(srv.url, paths)).result()
            for path, ms in runs_ms.items():
                result["pages"][path]["server_ms"] = ms
        for path, m in result["pages"].items():
            print(
                f"  {Path(script).name} {path}: cold {m['cold_ms']:.0f} ms, warm {m['settle_ms']:.0f} ms, "
                f"ws {m['ws_bytes'] / 1024:.1f} KB, http {m['http_bytes'] / 1024:.0f} KB",
                flush=True,
            )
    finally:
        browser.close()
        srv.stop()
    return result


def combine(starts: list[dict]) -> dict:
    """Medians over the server starts of one app, with the spread (min, max) of the settle times."""
    out: dict = {"script": starts[0]["script"], "starts": len(starts), "pages": {}}
    for key in ("cold_health_s", "cold_first_page_s"):
        out[key] = statistics.median(s[key] for s in starts)
    for path in starts[0]["pages"]:
        rows = [s["pages"][path] for s in starts]
        m = {k: statistics.median(r[k] for r in rows) for k in rows[0] if k != "exceptions"}
        m["exceptions"] = max(r["exceptions"] for r in rows)
        for k in ("settle_ms", "cold_ms"):
            m[k + "_spread"] = (min(r[k] for r in rows), max(r[k] for r in rows))
        out["pages"][path] = m
    return out


def print_table(results: dict) -> None:
    empty = results["empty"]["pages"]["/"]
    base, cold_base = empty["settle_ms"], empty["cold_ms"]
    n = results["empty"]["starts"]
    print(
        f"\nmedians of {n} server start(s); empty Streamlit page: warm {base:.0f} ms "
        f"({empty['settle_ms_spread'][0]:.0f}–{empty['settle_ms_spread'][1]:.0f}), cold {cold_base:.0f} ms "
        f"({empty['cold_ms_spread'][0]:.0f}–{empty['cold_ms_spread'][1]:.0f}): the 1.00x baselines of this run"
    )
    hdr = (
        f"{'app':<10}{'path':<26}{'warm ms (spread)':>19}{'x':>6}{'cold ms (spread)':>19}{'x':>6}{'ws KB':>8}"
        f"{'http KB':>8}{'script':>7}{'runs':>5}{'server':>7}{'plotly':>7}{'long':>6}{'img n/KB/ms':>15}{'exc':>4}"
    )
    print(hdr)
    print("-" * len(hdr))
    for name, res in results.items():
        for path, m in res["pages"].items():
            warm = f"{m['settle_ms']:.0f} ({m['settle_ms_spread'][0]:.0f}–{m['settle_ms_spread'][1]:.0f})"
            cold = f"{m['cold_ms']:.0f} ({m['cold_ms_spread'][0]:.0f}–{m['cold_ms_spread'][1]:.0f})"
            img = f"{m['img_n']:.0f}/{m['img_bytes'] / 1024:.0f}/{m['img_ms']:.0f}"
            print(
                f"{name:<10}{path[:25]:<26}{warm:>19}{m['settle_ms'] / base:>6.2f}{cold:>19}"
                f"{m['cold_ms'] / cold_base:>6.2f}{m['ws_bytes'] / 1024:>8.1f}{m['http_bytes'] / 1024:>8.0f}"
                f"{m['script_ms']:>7.0f}{m['runs']:>5.0f}{m.get('server_ms', float('nan')):>7.0f}{m['plotly_ms']:>7.0f}"
                f"{m['long_ms']:>6.0f}{img:>15}{m['exceptions']:>4}"
            )
            if "rerun_ms" in m:
                print(
                    f"{name:<10}{'  rerun: colour by funding':<26}{m['rerun_ms']:>19.0f}{'':>31}"
                    f"{m['rerun_ws_bytes'] / 1024:>8.1f}"
                )
        print(
            f"{name:<10}{'cold start (health / first page)':<26}{res['cold_health_s'] * 1000:>19.0f}"
            f"{res['cold_first_page_s'] * 1000:>25.0f} ms"
        )
    print(
        "script: script done in the browser (ms, last of 'runs' script runs seen); server: the page run alone; plotly: first chart element -> "
        "every chart drawn; long: main-thread long tasks; img: pictures loaded (last at ms); all warm, ms\n"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--starts", type=int, default=3, help="server starts per app (figures: median over them)")
    ap.add_argument("--runs", type=int, default=3, help="warm visits per path and start")
    ap.add_argument(
        "--naive-dir",
        type=Path,
        default=ROOT.parent / "shared" / "bench",
        help="folder with naive_plotly_app.py / naive_pydeck_app.py (skipped if missing)",
    )
    ap.add_argument("--paths", nargs="+", default=PATHS)
    ap.add_argument(
        "--compare-dir",
        type=Path,
        default=None,
        help="another checkout whose dashboard.py is measured too, as 'before'",
    )
    ap.add_argument("--out", type=Path, default=ROOT / "bench_out")
    args = ap.parse_args()
    args.naive_dir = args.naive_dir.resolve()  # the naive apps run with their own folder as cwd
    args.out.mkdir(parents=True, exist_ok=True)
    apps = [("empty", str(ROOT / "bench" / "empty_app.py"), ["/"], ROOT)]
    if args.compare_dir is not None:
        apps.append(("before", "dashboard.py", args.paths, args.compare_dir.resolve()))
    apps.append(("ours", "dashboard.py", args.paths, ROOT))
    for name in ("naive_plotly_app.py", "naive_pydeck_app.py"):
        if (args.naive_dir / name).exists():
            apps.append((name.replace("_app.py", ""), str(args.naive_dir / name), ["/"], args.naive_dir))
    raw: dict[str, list[dict]] = {name: [] for name, *_ in apps}
    with sync_playwright() as pw:
        for start in range(args.starts):
            print(f"server start {start + 1} of {args.starts}", flush=True)
            for name, script, paths, cwd in apps:
                raw[name].append(measure_app(pw, script, paths, args.runs, cwd, args.out / f"{name}.log"))
    results = {name: combine(starts) for name, starts in raw.items()}
    (args.out / "bench.json").write_text(json.dumps({**results, "raw_starts": raw}, indent=1), encoding="utf-8")
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
