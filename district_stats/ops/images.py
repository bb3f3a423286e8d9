"""Chart images: PNG and SVG of plotly figures, drawn by kaleido with the local Chromium.

Kept apart from the table downloads because it manages a browser process: only the
commands that render images (and, until the artefact build replaces it, the app's
image downloads) import it.
"""

from __future__ import annotations

import io
import os
import shutil
import warnings
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

from district_stats import settings
from district_stats.content.figures.chart_text import left_labels_px
from district_stats.paths import ROOT


def _find_chromium() -> str | None:
    for cand in (
        settings.browser_path(),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        shutil.which("google-chrome"),
    ):
        if cand and Path(cand).exists():
            return cand
    return None


_SERVER_STARTED = False


def _kaleido_ready() -> None:
    """Use the local Chromium, keep it running between images, and never fetch plotly's world map."""
    global _SERVER_STARTED
    chromium = _find_chromium()
    if chromium is None:
        raise RuntimeError("Chromium non trovato: installare il pacchetto Debian 'chromium'")
    os.environ.setdefault("BROWSER_PATH", chromium)
    pio.defaults.topojson = (ROOT / "static" / "topojson").as_uri() + "/"
    if not _SERVER_STARTED:
        import kaleido

        kaleido.start_sync_server(silence_warnings=True)
        _SERVER_STARTED = True


def figure_png(fig: go.Figure, width: int, height: int, scale: float = 1.0) -> bytes:
    """Plain PNG of ``fig`` at ``width``×``height`` px (for presenter screens and the snapshot deck).

    Raises:
        RuntimeError: if no Chromium is installed.
    """
    _kaleido_ready()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # plotly warns that kaleido's server ignores per-call options
        return go.Figure(fig).to_image(format="png", width=width, height=height, scale=scale)


def figure_svg(fig: go.Figure, width: int, height: int) -> str:
    """Plain SVG text of ``fig`` at ``width``×``height`` px (for the static embeds).

    Raises:
        RuntimeError: if no Chromium is installed.
    """
    _kaleido_ready()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return go.Figure(fig).to_image(format="svg", width=width, height=height).decode("utf-8")


def figure_image(
    fig: go.Figure,
    title: str,
    source: str,
    fmt: str = "png",
    width: int = 1200,
    height: int | None = None,
    credit: str = "",
) -> bytes:
    """Render ``fig`` to PNG or SVG with the title on top and the source line at the bottom
    (and ``credit``, e.g. the licence line, under it when given), both from the image's left edge.

    Uses kaleido with the local Chromium (no network). Raises RuntimeError if no
    Chromium is installed.
    """
    _kaleido_ready()
    out = go.Figure(fig)
    extra = 26 if credit else 0
    h = height or int(out.layout.height or 500) + 130 + extra
    # A fixed left margin (room for the axis labels) instead of plotly's automatic one, so the source
    # lines can start at the image's left edge like the title.
    left = 20 + round(left_labels_px(out))
    right = 30
    out.update_yaxes(automargin=False)
    out.update_layout(
        title={"text": f"<b>{title}</b>", "x": 0.01, "xanchor": "left", "y": 0.98, "font": {"size": 22}},
        margin={"t": 90, "b": 70 + extra, "l": left, "r": right},
        height=h,
        width=width,
    )
    x = -(left - 20) / max(width - left - right, 1)
    lines = [(source, -52), (credit, -76)] if credit else [(source, -55)]
    for text, shift in lines:
        out.add_annotation(
            text=text,
            xref="paper",
            yref="paper",
            x=x,
            y=0,
            yshift=shift,
            showarrow=False,
            xanchor="left",
            yanchor="bottom",
            font={"size": 13, "color": "#333333"},
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return out.to_image(format=fmt, width=width, height=h, scale=1 if fmt == "svg" else 2)


def compact_png(png: bytes) -> bytes:
    """The same picture with at most 256 colours (median cut, no dithering: white stays pure white).

    Chart images are flat colours and anti-aliased text: a third of the bytes, no visible change.
    Returns ``png`` unchanged if Pillow (a dependency of Streamlit) is missing.
    """
    try:
        from PIL import Image
    except ImportError:
        return png
    with Image.open(io.BytesIO(png)) as im:
        small = im.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buf = io.BytesIO()
    small.save(buf, "PNG", optimize=True)
    return buf.getvalue()
