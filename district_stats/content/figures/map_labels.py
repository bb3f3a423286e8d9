"""Map label placement by collision avoidance: which names fit, and where.

Plotly draws text where it is told and lets labels run into each other and off the plot.
This module decides, for a map drawn at a known pixel size, where each label goes: it tries
the positions around its point in a fixed order (right, left, above, below, then the
diagonals), then farther away with a leader line, and leaves the label out when nothing
fits, most important labels first. Everything is pure geometry in pixels (y grows
downwards), so it is unit-tested without drawing anything.

Boxes are the ones plotly draws: a label next to its point is offset exactly as plotly
offsets ``textposition`` text from a marker (:func:`plotly_text_box`), and its height spans
the font's full ascent and descent. Text widths come from Arial/Liberation Sans advance
widths: the dashboard's fonts (Source Sans first) are no wider, so a box computed here is
never smaller than the drawn text.

A map shown in a browser is drawn at a size only the browser knows. With ``grow=True`` the
labels are placed for the *smallest* size a map can be drawn at and stay apart at every larger
size (a wider column, a taller screen, a zoom): two labels are kept apart along an axis on
which their anchors are in the same order as their boxes, so when the map scales up around
any point their gap can only widen.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

# Advance widths (thousandths of an em) of Arial / Liberation Sans; other characters use DEFAULT_ADVANCE.
_ADVANCE = {
    **dict.fromkeys("abdeghnopquàèéìòù0123456789", 556), **dict.fromkeys("cksvxyz", 500),
    **dict.fromkeys("fjt", 278), "i": 222, "l": 222, "j": 222, "m": 833, "r": 333, "w": 722,
    **dict.fromkeys("ABEKPSVXYÈ", 667), **dict.fromkeys("CDHNRU", 722), **dict.fromkeys("GOQ", 778),
    "F": 611, "T": 611, "Z": 611, "I": 278, "J": 500, "L": 556, "M": 833, "W": 944,
    " ": 278, ".": 278, ",": 278, ":": 278, ";": 278, "-": 333, "(": 333, ")": 333, "'": 191, "’": 222,
    "/": 278, "–": 556, "—": 1000, "·": 278, "«": 556, "»": 556, "&": 667,
}
DEFAULT_ADVANCE = 600
BOLD = 1.1  # bold text is at most this much wider
ASCENT = 0.99  # em above the baseline (Source Sans's line ascent; Liberation Sans's is 0.905)
DESCENT = 0.28  # em below the baseline (Source Sans 0.273, Liberation Sans 0.212)
LINE_SPACING = 1.3  # plotly's distance between the baselines of a label's lines, in ems

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in px, y downwards

#: Positions next to the point in order of preference: "right of the point" reads most naturally for map
#: labels, then left, above, below, then the diagonals.
AROUND = ("middle right", "middle left", "top center", "bottom center",
          "top right", "top left", "bottom right", "bottom left")
#: For names of areas (a comune's name over its own polygon): centred on the area first.
ON_AREA = ("middle center", "top center", "bottom center", "middle right", "middle left")
_DIRECTION = {"middle right": (1, 0), "middle left": (-1, 0), "top center": (0, -1), "bottom center": (0, 1),
              "top right": (1, -1), "top left": (-1, -1), "bottom right": (1, 1), "bottom left": (-1, 1)}
_SIGN = {"start": 1, "end": -1, "middle": 0, "bottom": 1, "top": -1}


def text_width(text: str, size_px: float, bold: bool = False) -> float:
    """Width in px of one line of ``text`` at ``size_px`` (an upper bound for the dashboard's fonts)."""
    return sum(_ADVANCE.get(ch, DEFAULT_ADVANCE) for ch in text) * size_px / 1000.0 * (BOLD if bold else 1.0)


def text_box(text: str, size_px: float, bold: bool = False) -> tuple[float, float]:
    r"""(width, height) in px of a possibly multi-line label (lines separated by ``\n``)."""
    lines = text.split("\n")
    height = (ASCENT + DESCENT + (len(lines) - 1) * LINE_SPACING) * size_px
    return max(text_width(line, size_px, bold) for line in lines), height


def plotly_text_box(x: float, y: float, text: str, size_px: float, position: str, marker_radius: float = 0.0,
                    bold: bool = False) -> Box:
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
    return (x0, baseline - ASCENT * size_px, x0 + width,
            baseline + ((len(lines) - 1) * LINE_SPACING + DESCENT) * size_px)


@dataclass(frozen=True)
class LabelSpec:
    """A label to place: its text, the point it names (px) and how much it matters (higher first).

    ``marker_px`` is the radius of the marker drawn at the point (0: none, the text is drawn from the
    point itself); ``positions`` are the places next to the point to try, in order.
    """

    key: str
    text: str
    x: float
    y: float
    size_px: float
    priority: float = 0.0
    marker_px: float = 0.0
    positions: tuple[str, ...] = AROUND
    bold: bool = False


@dataclass(frozen=True)
class Placed:
    """Where a label went: its box (px), the plotly ``textposition`` and the point the text is drawn from.

    Without a leader line the text is drawn from the named point itself (``anchor`` = ``point``);
    with one, from the far end of the line, by a text-only trace.
    """

    key: str
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    position: str
    anchor_x: float
    anchor_y: float
    point_x: float
    point_y: float
    leader: bool
    size_px: float = 12.0
    bold: bool = False

    @property
    def box(self) -> Box:
        """(x0, y0, x1, y1)."""
        return self.x0, self.y0, self.x1, self.y1


def _overlaps(a: Box, b: Box, pad: float) -> bool:
    return not (a[2] + pad <= b[0] or b[2] + pad <= a[0] or a[3] + pad <= b[1] or b[3] + pad <= a[1])


def _apart_when_growing(a: Box, anchor_a: tuple[float, float], b: Box, anchor_b: tuple[float, float],
                        pad: float) -> bool:
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


def _segment_hits(p: tuple[float, float], q: tuple[float, float], box: Box, pad: float = 1.0) -> bool:
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


def _candidates(s: LabelSpec, leaders: bool) -> Iterable[tuple[Box, str, float, float, bool]]:
    """(box, textposition, anchor x, anchor y, leader?) in order of preference."""
    for pos in s.positions:
        yield plotly_text_box(s.x, s.y, s.text, s.size_px, pos, s.marker_px, s.bold), pos, s.x, s.y, False
    if not leaders:
        return
    for ring in (1.6, 2.8, 4.0):
        dist = s.marker_px + ring * s.size_px
        for pos in AROUND:
            dx, dy = _DIRECTION[pos]
            norm = math.hypot(dx, dy)
            ax, ay = s.x + dx / norm * dist, s.y + dy / norm * dist
            yield plotly_text_box(ax, ay, s.text, s.size_px, pos, 0.0, s.bold), pos, ax, ay, True


@dataclass
class _Board:
    """The places taken on a picture while labels are placed: boxes, each with the point it moves with when
    the picture is drawn larger, and leader lines; labels stay ``margin`` px inside ``bounds``."""

    bounds: Box
    margin: float
    pad: float
    grow: bool
    taken: list[tuple[Box, tuple[float, float]]]
    lines: list[tuple[tuple[float, float], tuple[float, float]]] = field(default_factory=list)

    def free(self, box: Box, anchor: tuple[float, float]) -> bool:
        """Nothing taken is under ``box`` (nor comes under it when the picture grows, with ``grow``)."""
        if self.grow:
            return all(_apart_when_growing(box, anchor, b, a, self.pad) for b, a in self.taken)
        return not any(_overlaps(box, b, self.pad) for b, _ in self.taken)

    def inside(self, box: Box) -> bool:
        """``box`` lies inside the bounds by the margin."""
        bx0, by0, bx1, by1 = self.bounds
        m = self.margin
        return box[0] >= bx0 + m and box[1] >= by0 + m and box[2] <= bx1 - m and box[3] <= by1 - m

    def blocked(self, s: LabelSpec, marker: Box, box: Box, anchor: tuple[float, float], leader: bool) -> bool:
        """The place is off the plot, over a label or its own marker, across a leader line, or (at the end
        of a leader) its leader crosses a label."""
        if not self.inside(box) or not self.free(box, anchor) or (s.marker_px > 0 and _overlaps(box, marker, 0.0)):
            return True
        if any(_segment_hits(p, q, box) for p, q in self.lines):
            return True
        return leader and any(_segment_hits((s.x, s.y), anchor, b, 0.0) for b, _ in self.taken)


def _best_place(board: _Board, s: LabelSpec, marker: Box, leaders: bool, dots: list[Box]
                ) -> tuple[Box, str, float, float, bool] | None:
    """Where the label of ``s`` goes: next to the point rather than at the end of a leader; then a place that
    leaves the ``dots`` still to be named visible; then the first place in the order of preference. None when
    no place is free."""
    fits: list[tuple[bool, bool, int, tuple[Box, str, float, float, bool]]] = []
    for box, pos, ax, ay, leader in _candidates(s, leaders):
        if board.blocked(s, marker, box, (ax, ay), leader):
            continue
        clean = not any(_overlaps(box, d, board.pad) for d in dots)
        fits.append((not leader, clean, -len(fits), (box, pos, ax, ay, leader)))
        if clean and not leader:
            break
    return max(fits)[3] if fits else None


def place_labels(specs: Iterable[LabelSpec], width: float, height: float, margin: float = 2.0, pad: float = 2.0,
                 obstacles: Sequence[Box] = (), leaders: bool = True, max_labels: int | None = None,
                 grow: bool = False, bounds: Box | None = None) -> list[Placed]:
    """Place labels without overlaps and inside the plot, most important first.

    Each label tries its positions next to its point, then, if ``leaders``, the eight
    directions at three growing distances with a leader line from the point; a label that
    fits nowhere is left out (never drawn over another). ``obstacles`` are boxes no label may
    cover (a legend); every marker of the specs is one too, and no leader line crosses a
    label. Labels stay inside ``bounds`` (default: the ``width`` × ``height`` plot) by
    ``margin``; a point outside gets no label. With ``grow`` the labels also stay apart
    when the picture is drawn larger (see the module docstring). Returns the placed labels
    in priority order.
    """
    ordered = sorted(specs, key=lambda s: (-s.priority, s.key))
    bx0, by0, bx1, by1 = bounds if bounds is not None else (0.0, 0.0, width, height)
    # Every occupied box with the point it moves with when the map grows.
    board = _Board((bx0, by0, bx1, by1), margin, pad, grow,
                   [(o, ((o[0] + o[2]) / 2, (o[1] + o[3]) / 2)) for o in obstacles])
    out: list[Placed] = []
    # The dots of the points not named yet: a name should leave them visible when it can.
    dots = {s.key: (s.x - s.marker_px, s.y - s.marker_px, s.x + s.marker_px, s.y + s.marker_px)
            for s in ordered if s.marker_px > 0}
    pending = set(dots)
    for s in ordered:
        if max_labels is not None and len(out) >= max_labels:
            break
        if not (bx0 <= s.x <= bx1 and by0 <= s.y <= by1):
            continue  # the point is off the plot (zoomed to a province): nothing to name
        # The marker is drawn only with its label: it must not cover a label placed before it.
        marker = (s.x - s.marker_px, s.y - s.marker_px, s.x + s.marker_px, s.y + s.marker_px)
        if s.marker_px > 0 and not board.free(marker, (s.x, s.y)):
            continue
        pending.discard(s.key)
        best = _best_place(board, s, marker, leaders, [dots[k] for k in pending])
        if best is not None:
            box, pos, ax, ay, leader = best
            out.append(Placed(s.key, s.text, *box, pos, ax, ay, s.x, s.y, leader, s.size_px, s.bold))
            board.taken.append((box, (ax, ay)))
            if s.marker_px > 0:
                board.taken.append((marker, (s.x, s.y)))
            if leader:
                board.lines.append(((s.x, s.y), (ax, ay)))
    return out


def any_overlap(placed: Sequence[Placed], pad: float = 0.0) -> bool:
    """True if two placed labels overlap (a check for tests and for callers that add their own)."""
    boxes = [p.box for p in placed]
    return any(_overlaps(a, b, pad) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def scaled(placed: Sequence[Placed], k: float, cx: float, cy: float) -> list[Placed]:
    """The labels as drawn when the map is ``k`` times larger around (cx, cy): anchors move, boxes keep
    their size (what a browser shows in a larger column); for tests of ``grow``."""
    out = []
    for p in placed:
        ax, ay = cx + (p.anchor_x - cx) * k, cy + (p.anchor_y - cy) * k
        dx, dy = ax - p.anchor_x, ay - p.anchor_y
        out.append(Placed(p.key, p.text, p.x0 + dx, p.y0 + dy, p.x1 + dx, p.y1 + dy, p.position, ax, ay,
                          cx + (p.point_x - cx) * k, cy + (p.point_y - cy) * k, p.leader, p.size_px, p.bold))
    return out


@dataclass(frozen=True)
class Mercator:
    """The pixel frame of a plotly geo map in Mercator fitted to lon/lat ranges (as plotly fits them).

    Plotly scales the range box to fit inside ``width`` × ``height`` keeping the projection's
    aspect, and puts the middle of the ranges (arithmetic mean of the longitudes and of the
    latitudes) at the centre of the frame; ``to_px`` and ``to_lonlat`` convert between degrees
    and px (y downwards).
    """

    lon_range: tuple[float, float]
    lat_range: tuple[float, float]
    width: float
    height: float

    @staticmethod
    def _y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    @property
    def scale(self) -> float:
        """Pixels per radian of longitude."""
        dx = math.radians(self.lon_range[1] - self.lon_range[0])
        dy = self._y(self.lat_range[1]) - self._y(self.lat_range[0])
        return min(self.width / dx, self.height / dy)

    @property
    def drawn_size(self) -> tuple[float, float]:
        """(width, height) in px actually covered by the lon/lat ranges."""
        dx = math.radians(self.lon_range[1] - self.lon_range[0])
        dy = self._y(self.lat_range[1]) - self._y(self.lat_range[0])
        return dx * self.scale, dy * self.scale

    @property
    def region_box(self) -> Box:
        """The box (px) of the lon/lat ranges inside the frame (clipped to the frame)."""
        x0, y0 = self.to_px(self.lon_range[0], self.lat_range[1])
        x1, y1 = self.to_px(self.lon_range[1], self.lat_range[0])
        return max(0.0, x0), max(0.0, y0), min(self.width, x1), min(self.height, y1)

    def _centre(self) -> tuple[float, float]:
        return (self.lon_range[0] + self.lon_range[1]) / 2, (self.lat_range[0] + self.lat_range[1]) / 2

    def to_px(self, lon: float, lat: float) -> tuple[float, float]:
        """Pixel position of a point (y grows downwards)."""
        clon, clat = self._centre()
        x = self.width / 2 + math.radians(lon - clon) * self.scale
        y = self.height / 2 - (self._y(lat) - self._y(clat)) * self.scale
        return x, y

    def to_lonlat(self, x: float, y: float) -> tuple[float, float]:
        """The inverse of :meth:`to_px`."""
        clon, clat = self._centre()
        lon = clon + math.degrees((x - self.width / 2) / self.scale)
        merc = self._y(clat) - (y - self.height / 2) / self.scale
        lat = math.degrees(2 * math.atan(math.exp(merc)) - math.pi / 2)
        return lon, lat


def place_on_map(points: Iterable[tuple[str, str, float, float, float]], frame: Mercator, size_px: float,
                 marker_px: float = 0.0, obstacles: Sequence[Box] = (), leaders: bool = True,
                 project: Callable[[float, float], tuple[float, float]] | None = None, grow: bool = False,
                 positions: tuple[str, ...] = AROUND, bold: Iterable[str] = (), big: Iterable[str] = ()
                 ) -> list[Placed]:
    """Place (key, text, lon, lat, priority) labels on a map frame; see :func:`place_labels`.

    With ``grow`` the labels stay inside the lon/lat ranges (which grow with the map) rather
    than the frame. Keys in ``bold`` are set in bold, keys in ``big`` 2 px larger with a marker
    twice the size (the capofila of a district).
    """
    to_px = project or frame.to_px
    bold_keys, big_keys = set(bold), set(big)
    specs = []
    for key, text, lon, lat, priority in points:
        x, y = to_px(lon, lat)
        large = key in big_keys
        specs.append(LabelSpec(key, text, x, y, size_px + (2 if large else 0), priority,
                               marker_px * 2 if large and marker_px else marker_px, positions, key in bold_keys))
    bounds = frame.region_box if grow else None
    return place_labels(specs, frame.width, frame.height, obstacles=obstacles, leaders=leaders, grow=grow,
                        bounds=bounds)
