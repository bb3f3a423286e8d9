"""Fallback deck for the round table (`python -m district_stats snapshot OUT_DIR [--lang it|en]`).

Built from the published artefacts (``static/embed/``, see :mod:`district_stats.ops.publish`): no
browser and no server, so it works after ``./start.sh`` with only ``requirements.txt`` installed.
For every presenter screen (steps 1..N of ``?modo=presenta``) it writes:

- ``NN_<screen>.png``: the screen's picture as the projector shows it (screens that have one);
- ``NN_<screen>.csv``: the table behind the screen (``;`` separated, UTF-8 with BOM, Italian
  numbers in Italian), so every figure on the slide can be checked;
- ``indice.csv``: step, title, message, source line and file names;
- ``deck.html``: every screen as the projector shows it (title, message, key figures, points,
  picture, source) in one self-contained 16:9 page, pictures inlined, for a laptop where the
  dashboard cannot run (arrow keys, Page Up/Down and clicks move; opens from a USB stick). No
  link or QR code: a room cannot reach a server that is not running.

All or nothing: the files are written into a temporary folder next to ``OUT_DIR``, which takes its
place only when everything is written. ``OUT_DIR`` may be missing, empty or a previous deck; a
folder with other files is refused. When the published pictures were not drawn from the data and
code on show, nothing is written and the message names the command that rebuilds them.
"""

from __future__ import annotations

import base64
import html
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from district_stats import paths
from district_stats.analysis.views import build_views
from district_stats.content import spreadsheets, story
from district_stats.content.story import screen_path
from district_stats.content.text.i18n import t
from district_stats.data.files import replace_folder
from district_stats.data.loading import load_dataset
from district_stats.ops import artefacts

#: Files a deck folder holds (a folder with anything else is not overwritten).
DECK_FILES = ("indice.csv", "deck.html")


class FolderError(ValueError):
    """OUT_DIR holds files that are not a deck: refused, nothing written."""


def check_artefacts(lang: str, data_dir: Path, embed_dir: Path) -> None:
    """Raises RuntimeError (in words, with the command) when the published pictures of ``lang`` cannot be used."""
    why = artefacts.stale_reasons(data_dir, embed_dir).get(lang)
    if why:
        what = {
            "missing": "non sono mai state pubblicate",
            "data": "sono state disegnate da altri dati",
            "code": "sono state disegnate da un'altra versione del programma",
        }
        reasons = " e ".join(what[w] for w in why)
        raise RuntimeError(f"le immagini della presentazione {reasons}: eseguire prima {artefacts.REBUILD_COMMAND}")


def write_deck(
    out: Path,
    lang: str = "it",
    data_dir: Path | None = None,
    embed_dir: Path = artefacts.EMBED_DIR,
    progress: Callable[[str], None] = print,
) -> list[story.Screen]:
    """Write the deck of ``lang`` into ``out`` (all files or none); returns the screens.

    Raises:
        FolderError: if ``out`` exists and holds files that are not a deck.
        RuntimeError: if the data cannot be loaded or the published pictures do not match them.
        OSError: if the folder cannot be written (nothing is left behind).
    """
    data_dir = data_dir or paths.DATA_DIR
    if out.exists() and (
        not out.is_dir() or any(p.name not in DECK_FILES and not _deck_file(p.name) for p in out.iterdir())
    ):
        raise FolderError(f"{out} contiene altri file: scegliere una cartella nuova o vuota")
    ds = load_dataset(data_dir)
    if not ds.ok:
        raise RuntimeError("i dati non si possono caricare: eseguire python -m district_stats validate FILE")
    check_artefacts(lang, data_dir, embed_dir)
    screens = story.screens(build_views(ds), lang)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        rows, images = [], []
        for s in screens:
            progress(f"schermata {s.step} di {len(screens)}: {s.title}…")
            stem = f"{s.step:02d}_{s.screen_id}"
            (tmp / f"{stem}.csv").write_bytes(spreadsheets.to_csv_bytes(s.table, lang))
            source = embed_dir / screen_path(s.screen_id, lang)
            image = source.read_bytes() if source.is_file() else None
            if image is not None:
                (tmp / f"{stem}.png").write_bytes(image)
            images.append(image)
            rows.append(
                {
                    "passo": s.step,
                    "titolo": s.title,
                    "messaggio": s.message,
                    "fonte": s.source,
                    "immagine": f"{stem}.png" if image is not None else "",
                    "tabella": f"{stem}.csv",
                }
            )
        progress("indice e deck.html…")
        (tmp / "indice.csv").write_bytes(spreadsheets.to_csv_bytes(pd.DataFrame(rows), lang))
        (tmp / "deck.html").write_text(deck_html(screens, images, lang), encoding="utf-8")
        replace_folder(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return screens


def _deck_file(name: str) -> bool:
    """'03_soldi.png', '03_soldi.csv': a file of a previous deck."""
    stem, _, ext = name.rpartition(".")
    return ext in ("png", "csv") and stem[:2].isdigit() and stem[2:3] == "_"


#: The slides' look: the presenter's (1280×720, base type 22 px, key figures 64 px, near-black on white),
#: scaled to the window.
STYLE = """html,body{margin:0;height:100%;background:#000;overflow:hidden}
section{display:none;position:absolute;left:50%;top:50%;width:1280px;height:720px;background:#fff;color:#111;
box-sizing:border-box;padding:18px 36px;font:22px/1.3 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;
flex-direction:column;gap:10px}section.on{display:flex}
header{display:flex;justify-content:space-between;align-items:baseline;gap:24px}
h1{font-size:44px;line-height:1.1;margin:0;color:#000}.step{font-weight:600;white-space:nowrap}p{margin:0}
.kpis{display:flex;gap:40px}.kpi b{display:block;font-size:64px;line-height:1.05;font-weight:600;color:#000}
.kpi span{font-size:22px}ul{margin:0;padding-left:1.2em}
.pic{flex:1;min-height:0;display:flex;justify-content:center}.pic img{max-width:100%;max-height:100%;object-fit:contain}
.src{font-size:18px;color:#1A1A1A}"""
#: Arrow keys, Page Up/Down, Home and clicks move; each slide is scaled to fit the window.
SCRIPT = """const s=[...document.querySelectorAll('section')];let i=0;
function fit(){const k=Math.min(innerWidth/1280,innerHeight/720);
s.forEach(x=>x.style.transform='translate(-50%,-50%) scale('+k+')');}
function go(n){s[i].classList.remove('on');i=Math.max(0,Math.min(s.length-1,n));s[i].classList.add('on');}
addEventListener('keydown',e=>{if(['ArrowRight','PageDown',' '].includes(e.key))go(i+1);
else if(['ArrowLeft','PageUp'].includes(e.key))go(i-1);else if(e.key==='Home')go(0);});
addEventListener('click',()=>go(i+1));addEventListener('resize',fit);fit();"""


def slide_html(s: story.Screen, n: int, image: bytes | None, lang: str, first: bool = False) -> str:
    """One screen as the projector shows it (every text escaped)."""
    e = html.escape
    kpis = "".join(f'<div class="kpi"><b>{e(v)}</b><span>{e(k)}</span></div>' for k, v in s.kpis)
    bullets = "".join(f"<li>{e(b)}</li>" for b in s.bullets)
    pic = (
        (
            f'<div class="pic"><img alt="{e(s.message)}" src="data:image/png;base64,'
            f'{base64.b64encode(image).decode()}"></div>'
        )
        if image is not None
        else ""
    )
    step = f"{'Step' if lang == 'en' else 'Passo'} {s.step}/{n}"
    return (
        f'<section{" class=on" if first else ""}><header><h1>{e(s.title)}</h1><span class="step">{step}</span>'
        f"</header><p>{e(s.message)}</p>"
        + (f'<div class="kpis">{kpis}</div>' if kpis else "")
        + (f"<ul>{bullets}</ul>" if bullets else "")
        + pic
        + f'<p class="src">{e(s.source)}</p></section>'
    )


def deck_html(screens: list[story.Screen], images: list[bytes | None], lang: str) -> str:
    """The whole deck in one self-contained page."""
    title = t("deck_title", lang)
    slides = "\n".join(
        slide_html(s, len(screens), img, lang, i == 0) for i, (s, img) in enumerate(zip(screens, images, strict=True))
    )
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{STYLE}</style></head><body>\n{slides}\n<script>{SCRIPT}</script></body></html>\n"
    )
