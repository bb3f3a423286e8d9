"""Fallback deck for the round table (`python -m district_stats snapshot OUT_DIR [--lang it|en]`).

Writes, for every presenter screen (steps 1..N of ``?modo=presenta``):

- ``NN_<screen>.png``: the screen as the projector shows it (1280×720, headless Chromium);
- ``NN_<screen>.csv``: the table behind the screen (``;`` separated, UTF-8 with BOM, Italian
  numbers in Italian), so every figure on the slide can be checked;
- ``indice.csv``: step, title, message, source line and file names;
- ``deck.html``: the PNGs in order in one self-contained page (arrow keys move), for a laptop
  where the dashboard cannot run.

It starts its own app server on a free loopback port unless ``--url`` names a running one.
The slides of its own server carry no buttons or QR code (a QR code to a server that is gone
would mislead the room); ``--public-url`` keeps them, pointing to the address the room will use.
Exit status: 0 written, 1 failed (message on stderr), 2 usage error.

Requires Playwright (``requirements-dev.txt``) and Debian's ``chromium``.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

import pandas as pd

from district_stats.analysis.views import build_views
from district_stats.content import downloads, story
from district_stats.data.loading import load_dataset

SIZE = {"width": 1280, "height": 720}


def write_tables(out: Path, lang: str) -> list[story.Screen]:
    """The CSV behind each screen and the index; returns the screens (in order)."""
    ds = load_dataset()
    if not ds.ok:
        raise RuntimeError("i dati non si possono caricare: eseguire python -m district_stats validate FILE")
    screens = story.screens(build_views(ds), lang)
    rows = []
    for s in screens:
        stem = f"{s.step:02d}_{s.screen_id}"
        (out / f"{stem}.csv").write_bytes(downloads.to_csv_bytes(s.table, lang))
        rows.append({"passo": s.step, "titolo": s.title, "messaggio": s.message, "fonte": s.source,
                     "immagine": f"{stem}.png", "tabella": f"{stem}.csv"})
    (out / "indice.csv").write_bytes(downloads.to_csv_bytes(pd.DataFrame(rows), lang))
    return screens


def capture(out: Path, screens: list[story.Screen], url: str, lang: str) -> list[Path]:
    """Screenshot every step of the presenter story at 1280×720."""
    from playwright.sync_api import sync_playwright

    from tools.browser import launch, wait_ready

    paths = []
    with sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_page(viewport=SIZE, device_scale_factor=1)
        for s in screens:
            query = f"?modo=presenta&passo={s.step}" + ("&lang=en" if lang == "en" else "")
            page.goto(url.rstrip("/") + "/" + query)
            wait_ready(page)
            path = out / f"{s.step:02d}_{s.screen_id}.png"
            page.screenshot(path=str(path))
            paths.append(path)
        browser.close()
    return paths


def write_deck(out: Path, screens: list[story.Screen], images: list[Path], lang: str) -> Path:
    """One HTML file with the images inlined (works from a USB stick, no server, no network)."""
    slides = "\n".join(
        f'<section{" class=on" if i == 0 else ""}><img alt="{html.escape(s.title)}: {html.escape(s.message)}" '
        f'src="data:image/png;base64,{base64.b64encode(p.read_bytes()).decode()}"></section>'
        for i, (s, p) in enumerate(zip(screens, images, strict=True)))
    title = "Distretti del Commercio" + (" – deck" if lang == "en" else " – presentazione")
    page = f"""<!doctype html><html lang="{lang}"><meta charset="utf-8"><title>{title}</title>
<style>html,body{{margin:0;height:100%;background:#000}}section{{display:none;height:100%;align-items:center;
justify-content:center}}section.on{{display:flex}}img{{max-width:100%;max-height:100%}}</style>
{slides}
<script>const s=[...document.querySelectorAll('section')];let i=0;
function go(n){{s[i].classList.remove('on');i=Math.max(0,Math.min(s.length-1,n));s[i].classList.add('on');}}
addEventListener('keydown',e=>{{if(['ArrowRight','PageDown',' '].includes(e.key))go(i+1);
else if(['ArrowLeft','PageUp'].includes(e.key))go(i-1);else if(e.key==='Home')go(0);}});
addEventListener('click',()=>go(i+1));</script></html>"""
    path = out / "deck.html"
    path.write_text(page, encoding="utf-8")
    return path
