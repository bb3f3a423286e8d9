"""The box a map label takes in pixels (text widths and heights, where plotly draws a ``textposition``)
and whether boxes meet.

Boxes are the ones plotly draws: a label next to its point is offset exactly as plotly
offsets ``textposition`` text from a marker (:func:`plotly_text_box`), and its height spans
the font's full ascent and descent. Text widths come from Arial/Liberation Sans advance
widths: the dashboard's fonts (Source Sans first) are no wider, so a box computed here is
never smaller than the drawn text. Whether two boxes meet, now or when the map is drawn larger, is
decided here too. Pure geometry in pixels (y grows downwards).
"""

from __future__ import annotations

# Advance widths (thousandths of an em) of Arial / Liberation Sans; other characters use DEFAULT_ADVANCE.
_ADVANCE = {
    **dict.fromkeys("abdeghnopquàèéìòù0123456789", 556),
    **dict.fromkeys("cksvxyz", 500),
    **dict.fromkeys("fjt", 278),
    "i": 222,
    "l": 222,
    "j": 222,
    "m": 833,
    "r": 333,
    "w": 722,
    **dict.fromkeys("ABEKPSVXYÈ", 667),
    **dict.fromkeys("CDHNRU", 722),
    **dict.fromkeys("GOQ", 778),
    "F": 611,
    "T": 611,
    "Z": 611,
    "I": 278,
    "J": 500,
    "L": 556,
    "M": 833,
    "W": 944,
    " ": 278,
    ".": 278,
    ",": 278,
    ":": 278,
    ";": 278,
    "-": 333,
    "(": 333,
    ")": 333,
    "'": 191,
    "’": 222,
    "/": 278,
    "–": 556,
    "—": 1000,
    "·": 278,
    "«": 556,
    "»": 556,
    "&": 667,
}
DEFAULT_ADVANCE = 600
BOLD = 1.1  # bold text is at most this much wider
ASCENT = 0.99  # em above the baseline (Source Sans's line ascent; Liberation Sans's is 0.905)
DESCENT = 0.28  # em below the baseline (Source Sans 0.273, Liberation Sans 0.212)
LINE_SPACING = 1.3  # plotly's distance between the baselines of a label's lines, in ems

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in px, y downwards
_SIGN = {"start": 1, "end": -1, "middle": 0, "bottom": 1, "top": -1}


def text_width(text: str, size_px: float, bold: bool = False) -> float:
    """Width in px of one line of ``text`` at ``size_px`` (an upper bound for the dashboard's fonts)."""
    return sum(_ADVANCE.get(ch, DEFAULT_ADVANCE) for ch in text) * size_px / 1000.0 * (BOLD if bold else 1.0)


def text_box(text: str, size_px: float, bold: bool = False) -> tuple[float, float]:
    r"""(width, height) in px of a possibly multi-line label (lines separated by ``\n``)."""
    lines = text.split("\n")
    height = (ASCENT + DESCENT + (len(lines) - 1) * LINE_SPACING) * size_px
    return max(text_width(line, size_px, bold) for line in lines), height


def plotly_text_box(
    x: float, y: float, text: str, size_px: float, position: str, marker_radius: float = 0.0, bold: bool = False
) -> Box:
    """The box of ``text`` drawn by plotly for a point at (x, y) with ``textposition=position``.

    Plotly moves the text away from a drawn marker of radius ``marker_radius`` by
    ``radius / 0.8 + 1`` px, and puts the first baseline ``0.75 em`` below the anchor, minus
    half the block's height for 'middle' and all of it for 'top' (plotly.js ``textPointPosition``);
    a text-only trace has no marker and no offset.
    """
    h = "end" if "left" in position else "start" if "right" in position else "middle"
    v = "top" if "top" in position else "bottom" if "bottom" in position else "middle"
    r = marker_radius / 0.8 + 1 if marker_radius > 0 else 0.0
    lines = text.split("\n")
    block = (len(lines) - 1) * LINE_SPACING + 1
    dx = _SIGN[h] * r
    dy = size_px * 0.75 + _SIGN[v] * r + (_SIGN[v] - 1) * block * size_px / 2
    width = max(text_width(line, size_px, bold) for line in lines)
    x0 = {"start": x + dx, "end": x + dx - width, "middle": x + dx - width / 2}[h]
    baseline = y + dy
    return (
        x0,
        baseline - ASCENT * size_px,
        x0 + width,
        baseline + ((len(lines) - 1) * LINE_SPACING + DESCENT) * size_px,
    )


def overlaps(a: Box, b: Box, pad: float) -> bool:
    """True if ``a`` and ``b`` come closer than ``pad`` px (touching at ``pad`` is apart)."""
    return not (a[2] + pad <= b[0] or b[2] + pad <= a[0] or a[3] + pad <= b[1] or b[3] + pad <= a[1])


def apart_when_growing(
    a: Box, anchor_a: tuple[float, float], b: Box, anchor_b: tuple[float, float], pad: float
) -> bool:
    """True if ``a`` and ``b`` are apart by ``pad`` and stay apart when the map scales up (k >= 1).

    Each box moves with its anchor (positions scale, sizes do not): the gap along an axis changes by
    (k - 1) × (difference of the anchors), so it can only widen when the anchors are in the same order
    as the boxes on that axis.
    """
    if a[2] + pad <= b[0] and anchor_a[0] <= anchor_b[0]:
        return True
    if b[2] + pad <= a[0] and anchor_b[0] <= anchor_a[0]:
        return True
    if a[3] + pad <= b[1] and anchor_a[1] <= anchor_b[1]:
        return True
    return b[3] + pad <= a[1] and anchor_b[1] <= anchor_a[1]


def segment_hits(p: tuple[float, float], q: tuple[float, float], box: Box, pad: float = 1.0) -> bool:
    """True if the segment p-q passes through ``box`` (grown by ``pad``): Liang-Barsky clipping."""
    x0, y0, x1, y1 = box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad
    dx, dy = q[0] - p[0], q[1] - p[1]
    lo, hi = 0.0, 1.0
    for d, near, far in ((dx, x0 - p[0], x1 - p[0]), (dy, y0 - p[1], y1 - p[1])):
        if abs(d) < 1e-9:
            if near > 0 or far < 0:
                return False
            continue
        t0, t1 = sorted((near / d, far / d))
        lo, hi = max(lo, t0), min(hi, t1)
        if lo > hi:
            return False
    return True
