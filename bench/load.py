"""Load test over Streamlit's own websocket protocol (127.0.0.1 only, bounded in time and sessions).

    python bench/load.py [--sessions 50] [--url http://127.0.0.1:PORT] [--server-pids PID ...]

Without --url it starts the dashboard on a free loopback port. Reports:

1. warm page run per path, one session at a time (rerun_script -> script_finished): the
   server time of a rerun plus loopback, median of 5;
2. memory: server RSS (process + children) before and after opening ``--hold`` live sessions,
   and the extra MB per session;
3. concurrency: ``--sessions`` sessions opened at once over the paths, page-ready p50/p95/max
   against the single-session median of the same paths, and errors.

With --url pointing at nginx (deploy/run_cluster.sh) it load-tests the scale-out set-up; give
--server-pids of the Streamlit processes to include their memory.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

import psutil

from bench.protocol import cookie_for, load_page
from tools.browser import AppServer

PATHS = [
    "/",
    "/mappa",
    "/mappa?d=D041",
    "/investimenti",
    "/distretti",
    "/distretti?d=D041",
    "/comuni?c=004003",
    "/confronti",
    "/dati",
    "/?modo=presenta&passo=3",
]


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            p = psutil.Process(pid)
            total += p.memory_info().rss + sum(c.memory_info().rss for c in p.children(recursive=True))
        except psutil.NoSuchProcess:
            pass
    return total / 1024 / 1024


def pct(values: list[float], q: float) -> float:
    vals = sorted(values)
    return vals[min(len(vals) - 1, int(round(q * (len(vals) - 1))))]


async def warm_runs(url: str, paths: list[str], n: int, sticky: bool) -> dict[str, float]:
    out = {}
    for path in paths:
        cookie = cookie_for(url) if sticky else ""
        await load_page(url, path, cookie=cookie)  # warm caches for this path
        times = [(await load_page(url, path, cookie=cookie)).ready_s for _ in range(n)]
        out[path] = statistics.median(times)
    return out


async def concurrent(url: str, paths: list[str], sessions: int, sticky: bool) -> list:
    cookies = [cookie_for(url) if sticky else "" for _ in range(sessions)]
    tasks = [load_page(url, paths[i % len(paths)], cookie=cookies[i]) for i in range(sessions)]
    return await asyncio.gather(*tasks)


async def warm_every_process(url: str, paths: list[str], clients: int = 8) -> None:
    """Behind the sticky proxy each cookie lands on one process: warm every path from several
    cookies so that every process has its caches filled before memory is sampled."""
    for _ in range(clients):
        cookie = cookie_for(url)
        for path in paths:
            await load_page(url, path, cookie=cookie)


async def hold_sessions(url: str, n: int, pids: list[int], sticky: bool) -> tuple[float, float]:
    """RSS before, and with ``n`` sessions connected after their first page run."""
    if sticky:
        await warm_every_process(url, PATHS)
    before = rss_mb(pids)
    release = asyncio.Event()
    readies = [asyncio.Event() for _ in range(n)]
    cookies = [cookie_for(url) if sticky else "" for _ in range(n)]
    tasks = [
        asyncio.create_task(load_page(url, PATHS[i % len(PATHS)], hold=release, cookie=cookies[i], ready=readies[i]))
        for i in range(n)
    ]
    await asyncio.wait_for(asyncio.gather(*(r.wait() for r in readies)), 300)
    await asyncio.sleep(2.0)  # let the server settle before sampling
    after = rss_mb(pids)
    release.set()
    await asyncio.gather(*tasks)
    return before, after


def browser_render_ms(bench_json: Path, single: dict[str, float]) -> float | None:
    """Median over paths of (browser settle time - server page run) from bench/run.py, or None."""
    import json

    try:
        pages = json.loads(bench_json.read_text(encoding="utf-8"))["ours"]["pages"]
    except (OSError, KeyError, ValueError):
        return None
    diffs = [pages[p]["settle_ms"] - single[p] * 1000 for p in single if p in pages]
    return statistics.median(diffs) if diffs else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", default=None)
    ap.add_argument("--sessions", type=int, default=50)
    ap.add_argument("--hold", type=int, default=30, help="live sessions for the memory figure")
    ap.add_argument("--server-pids", type=int, nargs="*", default=None)
    ap.add_argument("--sticky", action="store_true", help="get a cookie per client first (nginx stickiness)")
    ap.add_argument(
        "--bench-json",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "bench_out" / "bench.json",
        help="output of bench/run.py, for the browser drawing time",
    )
    args = ap.parse_args()
    srv = None
    url = args.url
    pids = args.server_pids or []
    if url is None:
        srv = AppServer()
        t0 = time.perf_counter()
        health = srv.start()
        first = asyncio.run(load_page(srv.url, "/"))
        print(
            f"cold start: health {health:.2f} s; first page run done {time.perf_counter() - t0:.2f} s "
            f"after process start ({first.error or 'ok'})"
        )
        url, pids = srv.url, [srv.pid]
    try:
        print(f"\n1. warm page runs, one session at a time ({url})")
        single = asyncio.run(warm_runs(url, PATHS, 5, args.sticky))
        for path, s in single.items():
            print(f"   {path:<28}{s * 1000:>8.0f} ms")
        base = statistics.median(single.values())
        print(f"   median over paths: {base * 1000:.0f} ms")

        print(f"\n2. memory with {args.hold} live sessions")
        before, after = asyncio.run(hold_sessions(url, args.hold, pids, args.sticky))
        print(f"   server RSS {before:.0f} MB -> {after:.0f} MB: {(after - before) / args.hold:.1f} MB per session")

        print(f"\n3. {args.sessions} sessions at once")
        t0 = time.perf_counter()
        visits = asyncio.run(concurrent(url, PATHS, args.sessions, args.sticky))
        wall = time.perf_counter() - t0
        ok = [v.ready_s for v in visits if not v.error]
        errors = [v.error for v in visits if v.error]
        print(f"   done in {wall:.1f} s; errors {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
        if ok:
            print(
                f"   server page-ready p50 {pct(ok, 0.5) * 1000:.0f} ms, p95 {pct(ok, 0.95) * 1000:.0f} ms, "
                f"max {max(ok) * 1000:.0f} ms; single-session median {base * 1000:.0f} ms "
                f"(server-only ratio p95/single = {pct(ok, 0.95) / base:.1f})"
            )
            render = browser_render_ms(args.bench_json, single)
            if render is not None:
                # Each visitor's browser draws the page on its own machine; only the server is shared.
                p95_ready = pct(ok, 0.95) * 1000 + render
                one = base * 1000 + render
                print(
                    f"   page-ready as a visitor sees it (server + {render:.0f} ms of browser drawing, from "
                    f"bench/run.py): single {one:.0f} ms, p95 under load {p95_ready:.0f} ms -> "
                    f"{p95_ready / one:.2f} x (budget 3 x)"
                )
    finally:
        if srv:
            srv.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
