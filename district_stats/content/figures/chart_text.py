"""Text measurement and label placement for figures drawn once at a known width (the static embeds).

Text widths are estimated for Arial-metric fonts (Liberation Sans, which renders the SVG,
Arial and Helvetica on readers' devices), slightly generously, so a label that is estimated
to fit does fit.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

#: Average advance of a digit or lower-case letter, in em.
CHAR_EM = 0.56
_NARROW_CHARS = set(" .,:;|!il'()[]/-·ftjr")
#: Type sizes (px) of each variant: the narrow one is larger, since it is the one read on a phone.
_TAG = re.compile(r"<[^>]+>")


def text_px(text: object, size: float) -> float:
    """Estimated width in px of the longest line of a plotly text (``<br>`` breaks, tags ignored).

    Arial-metric advances, rounded up: narrow marks 0.3 em, capitals and m/w 0.75 em, the rest
    (digits, lower case) ``CHAR_EM``.
    """
    lines = re.split(r"<br\s*/?>", str(text))
    return max(sum(_advance(ch) for ch in _TAG.sub("", line)) for line in lines) * size


def _advance(ch: str) -> float:
    if ch in _NARROW_CHARS:
        return 0.3
    return 0.75 if ch.isupper() or ch in "mwMW%€@" else CHAR_EM


def wrap(text: object, max_chars: int) -> str:
    """Plotly text broken with ``<br>`` at spaces so no line exceeds ``max_chars`` (long words stay whole)."""
    return _wrap_by(text, lambda line: len(line) > max_chars)


def wrap_px(text: object, max_px: float, size: float) -> str:
    """Like :func:`wrap`, by estimated width in px at font ``size`` instead of characters."""
    return _wrap_by(text, lambda line: text_px(line, size) > max_px)


def _wrap_by(text: object, too_long: Callable[[str], bool]) -> str:
    """Words of ``text`` joined into lines, a new line whenever adding the next word would be ``too_long``."""
    lines: list[str] = []
    cur = ""
    for w in str(text).split():
        if cur and too_long(f"{cur} {w}"):
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    lines.append(cur)
    return "<br>".join(lines)


def _num(v: object) -> float:
    """A number or a date (as nanoseconds) on a plotly axis."""
    return float(v) if isinstance(v, int | float) else float(pd.Timestamp(v).value)


def _label_options(tr: go.Scatter) -> tuple[list[str], str, list[str]]:
    """A trace's label texts (a step line's repeated values left blank), its own text position and the
    positions to try in order: its own, then (markers only) the other side, then leaning left or right."""
    texts = [str(x) for x in tr.text]
    line = "lines" in (tr.mode or "")
    if line and tr.line is not None and tr.line.shape == "hv":
        texts = [t if i == 0 or str(tr.y[i]) != str(tr.y[i - 1]) else "" for i, t in enumerate(texts)]
    base = tr.textposition if isinstance(tr.textposition, str) else "top center"
    vert, flip = base.split()[0], ("bottom" if base.startswith("top") else "top")
    options = (
        [base, f"{vert} left", f"{vert} right"]
        if line
        else [base, f"{flip} center", f"{vert} left", f"{flip} left", f"{vert} right", f"{flip} right"]
    )
    return texts, base, options


def place_point_labels(fig: go.Figure, width: int, s: dict[str, int]) -> go.Figure:
    """Lines and markers with text, placed so no two labels touch and none passes an edge.

    A repeated value on a step line is not labelled again (the step shows it). Each label tries
    its own position first, then (markers only) the other side of its point, then leaning left
    or right; a line's labels never go below their point, where the step rises.
    """
    xr, yr = fig.layout.xaxis.range, fig.layout.yaxis.range
    if not xr:
        return fig
    x0, x1 = _num(xr[0]), _num(xr[1])
    m = fig.layout.margin
    left = m.l or 0
    plot_w = width - left - (m.r or 0)
    plot_h = (fig.layout.height or 360) - 60
    placed: list[tuple[float, float, float, float]] = []  # x0, x1, y0, y1 in px (y up)

    def box(x: object, y: float, txt: str, pos: str) -> tuple[float, float, float, float]:
        cx = (_num(x) - x0) / (x1 - x0) * plot_w
        cy = float(y) / float(yr[1]) * plot_h if yr else 0.0
        w, h = text_px(txt, s["label"]), (1 + txt.count("<br>")) * s["label"] * 1.25
        lo = cx - w / 2 if "center" in pos else (cx - w - 4 if "left" in pos else cx + 4)
        bottom = cy + 6 if pos.startswith("top") else (cy - 6 - h if pos.startswith("bottom") else cy - h / 2)
        return lo, lo + w, bottom, bottom + h

    def cost(b: tuple[float, float, float, float]) -> float:
        """Overflow past the figure's edges (worst), then overlap with the labels already placed."""
        out = max(0.0, -left + 2 - b[0]) + max(0.0, b[1] - (plot_w + (m.r or 0) - 2))
        overlap = sum(
            max(0.0, min(b[1], o[1]) - max(b[0], o[0]) + 6) * max(0.0, min(b[3], o[3]) - max(b[2], o[2]))
            for o in placed
        )
        return out * 1e4 + overlap

    for tr in fig.data:
        if tr.type != "scatter" or tr.text is None or "text" not in (tr.mode or ""):
            continue
        texts, base, options = _label_options(tr)
        where = []
        for i, (x, y, txt) in enumerate(zip(tr.x, tr.y, texts)):
            if not txt:
                where.append(base)
                continue
            pos = min(options, key=lambda o: cost(box(x, y, txt, o)))
            parts = re.split(r"<br\s*/?>", txt)
            taller = "<br>".join(wrap(part, max(7, min(len(p) for p in parts))) for part in parts)
            if cost(box(x, y, txt, pos)) > 0 and taller != txt:  # no room: as narrow as its shortest line
                alt = min(options, key=lambda o: cost(box(x, y, taller, o)))
                if cost(box(x, y, taller, alt)) < cost(box(x, y, txt, pos)):
                    texts[i], txt, pos = taller, taller, alt
            placed.append(box(x, y, txt, pos))
            where.append(pos)
        tr.update(text=texts, textposition=where)
    return fig


def left_labels_px(fig: go.Figure) -> float:
    """Estimated width in px of what the figure draws left of its plot area (category names, or
    value ticks and the axis title), so a caller can fix the left margin instead of letting plotly
    grow it (then text placed at the image's left edge can be positioned exactly)."""
    tick = (fig.layout.yaxis.tickfont.size if fig.layout.yaxis.tickfont else None) or 13
    cats = [
        c
        for tr in fig.data
        if (tr.type == "bar" and tr.orientation == "h") or tr.type == "heatmap"
        for c in (tr.y if tr.y is not None else [])
    ]
    if fig.layout.yaxis.visible is False:
        return 0.0
    if cats:
        return max(text_px(c, tick) for c in cats) + 12
    if any(tr.type in ("scatter", "bar") for tr in fig.data):
        title = 28 if fig.layout.yaxis.title and fig.layout.yaxis.title.text else 0
        return text_px("1000", tick) + title + 12
    return 0.0
