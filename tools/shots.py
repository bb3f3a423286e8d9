"""Screenshots of pages in headless Chromium: ``python tools/shots.py OUT_DIR URL_PATH... [--width W --height H]``.

Starts the app (unless --url is given), opens each path, waits until it settles and saves
a full-page PNG named after the path and the viewport. Used to look at every page at
desktop (1400), presenter (1280x720) and phone (390) widths.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tools.browser import AppServer, full_screenshot, launch, wait_ready


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--width", type=int, default=1400)
    ap.add_argument("--height", type=int, default=900)
    ap.add_argument("--url", default=None, help="use a running app instead of starting one")
    ap.add_argument("--viewport-only", action="store_true")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    server = None
    base = args.url
    if base is None:
        server = AppServer()
        server.start()
        base = server.url
    try:
        with sync_playwright() as pw:
            browser = launch(pw)
            for path in args.paths:
                page = browser.new_page(viewport={"width": args.width, "height": args.height})
                page.goto(base + path)
                wait_ready(page)
                name = re.sub(r"[^A-Za-z0-9]+", "_", path).strip("_") or "root"
                target = args.out / f"{name}_{args.width}x{args.height}.png"
                if args.viewport_only:
                    page.screenshot(path=str(target))
                else:
                    full_screenshot(page, target)
                print(target)
                page.close()
            browser.close()
    finally:
        if server:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
