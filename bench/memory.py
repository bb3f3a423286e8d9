"""Memory of one dashboard process after the full tour: every page, every presenter screen, drill-downs.

    python -m bench.memory [--compare-dir DIR] [--url http://127.0.0.1:PORT --server-pids PID] [--districts N]

Without --url it starts the dashboard on a free loopback port. It visits, one session at a time
over Streamlit's own websocket protocol (bench/protocol.py: the server runs every page exactly as for a
browser), every page of the dashboard, every presenter screen in Italian and English (projector and phone
images are produced then), the presenter drill-down of ``--districts`` districts and the interactive
embeds, and reports the server's RSS (the process and all its children, e.g. a renderer's browser):

- after start-up (first page run);
- after the tour, and the highest value sampled during it;
- the child processes alive at the end.

``--compare-dir`` runs the same tour first on the dashboard of another checkout (e.g. ``git archive main``
unpacked in a folder, measured as ``before``), so the report gives before -> after from one run.

Budget (issue 16): under 400 MB after the tour. Prints a line per step and writes ``OUT/memory.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

import psutil

from bench.load import PATHS, rss_mb
from bench.protocol import load_page
from district_stats.paths import ROOT
from tools.browser import AppServer

BUDGET_MB = 400


def tour_paths(n_screens: int, districts: list[str]) -> list[str]:
    """Every page (both languages), every presenter step (both languages), drill-downs and embeds."""
    pages = [p for p in PATHS if "modo=presenta" not in p] + ["/distretti", "/dati"]
    out = pages + [p + ("&" if "?" in p else "?") + "lang=en" for p in pages]
    for lang in ("", "&lang=en"):
        out += [f"/?modo=presenta&passo={i}{lang}" for i in range(1, n_screens + 1)]
        out += [f"/?modo=presenta&d={d}{lang}" for d in districts]
    out += [f"/?embed=true&grafico={cid}" for cid in ("linee", "flusso", "mappa")]
    return out


def children(pids: list[int]) -> list[str]:
    out = []
    for pid in pids:
        try:
            out += [f"{c.pid} {c.name()}" for c in psutil.Process(pid).children(recursive=True)]
        except psutil.NoSuchProcess:
            pass
    return out


async def tour(url: str, paths: list[str], pids: list[int]) -> tuple[float, list[str]]:
    """Visit every path; return the highest RSS sampled after each visit and the failed visits."""
    peak, errors = 0.0, []
    for i, path in enumerate(paths, 1):
        visit = await load_page(url, path)
        if visit.error:
            errors.append(f"{path}: {visit.error}")
        peak = max(peak, rss_mb(pids))
        if i % 10 == 0 or i == len(paths):
            print(f"   {i} di {len(paths)} viste, RSS {rss_mb(pids):.0f} MB", flush=True)
    return peak, errors


def measure(url: str | None, pids: list[int], paths: list[str], cwd: Path = ROOT, label: str = "") -> dict:
    """The tour on a running server (``url``) or on one started here from ``cwd``."""
    srv = None
    if url is None:
        srv = AppServer(cwd=cwd)
        srv.start(timeout=120)
        url, pids = srv.url, [srv.pid]  # type: ignore[list-item]
    try:
        asyncio.run(load_page(url, "/"))
        start = rss_mb(pids)
        print(f"{label or 'dashboard'}: dopo l'avvio (prima pagina) {start:.0f} MB", flush=True)
        t0 = time.perf_counter()
        peak, errors = asyncio.run(tour(url, paths, pids))
        time.sleep(2.0)  # let the server settle before the last sample
        after = rss_mb(pids)
        kids = children(pids)
        print(
            f"{label or 'dashboard'}: giro completo ({len(paths)} viste in {time.perf_counter() - t0:.0f} s) "
            f"{after:.0f} MB (massimo {peak:.0f} MB; budget {BUDGET_MB} MB); processi figli: {len(kids)}; "
            f"errori: {len(errors)}",
            flush=True,
        )
        for e in errors[:5]:
            print("   " + e)
    finally:
        if srv:
            srv.stop()
    return {
        "start_mb": start,
        "after_tour_mb": after,
        "peak_mb": peak,
        "views": len(paths),
        "children": kids,
        "errors": errors,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", default=None)
    ap.add_argument("--server-pids", type=int, nargs="*", default=None)
    ap.add_argument("--districts", type=int, default=6, help="districts opened in the presenter drill-down")
    ap.add_argument("--compare-dir", type=Path, default=None, help="another checkout, measured first as 'before'")
    ap.add_argument("--out", type=Path, default=ROOT / "bench_out")
    args = ap.parse_args()
    from district_stats.analysis.views import build_views
    from district_stats.content import story
    from district_stats.data.loading import load_dataset

    views = build_views(load_dataset())
    n_screens = len(story.screens(views, "it"))
    districts = list(views.districts["district_id"])[: args.districts]
    paths = tour_paths(n_screens, districts)
    doc: dict = {"budget_mb": BUDGET_MB}
    if args.compare_dir is not None:
        doc["before"] = measure(None, [], paths, args.compare_dir.resolve(), "before")
    doc["ours"] = measure(args.url, args.server_pids or [], paths, ROOT, "ours")
    if "before" in doc:
        print(
            f"\nmemoria dopo il giro: {doc['before']['after_tour_mb']:.0f} MB -> {doc['ours']['after_tour_mb']:.0f} MB "
            f"(budget {BUDGET_MB} MB)"
        )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "memory.json").write_text(json.dumps(doc, indent=1), encoding="utf-8")
    ours = doc["ours"]
    return 0 if ours["after_tour_mb"] < BUDGET_MB and not ours["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
