"""Map label placement by collision avoidance: which names fit, and where.

Plotly draws text where it is told and lets labels run into each other and off the plot.
This module decides, for a map drawn at a known pixel size, where each label goes: it tries
the positions around its point in a fixed order (right, left, above, below, then the
diagonals), then farther away with a leader line, and leaves the label out when nothing
fits, most important labels first. Everything is pure geometry in pixels (y grows
downwards), so it is unit-tested without drawing anything.

Text widths come from Arial/Liberation Sans advance widths: the dashboard's fonts (Source
Sans first) are no wider, so a box computed here is never smaller than the drawn text.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

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
LINE_HEIGHT = 1.2  # line box height in ems


def text_width(text: str, size_px: float) -> float:
    """Width in px of one line of ``text`` at ``size_px`` (an upper bound for the dashboard's fonts)."""
    return sum(_ADVANCE.get(ch, DEFAULT_ADVANCE) for ch in text) * size_px / 1000.0


def text_box(text: str, size_px: float) -> tuple[float, float]:
    """(width, height) in px of a possibly multi-line label (lines separated by ``\\n``)."""
    lines = text.split("\n")
    return max(text_width(line, size_px) for line in lines), len(lines) * size_px * LINE_HEIGHT


@dataclass(frozen=True)
class LabelSpec:
    """A label to place: its text, the point it names (px) and how much it matters (higher first)."""

    key: str
    text: str
    x: float
    y: float
    size_px: float
    priority: float = 0.0
    marker_px: float = 0.0  # radius of the marker drawn at the point (labels keep clear of it)


@dataclass(frozen=True)
class Placed:
    """Where a label went: the box it occupies (px), the plotly anchors of its text, a leader line flag."""

    key: str
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    xanchor: str  # 'left', 'center' or 'right': the side of the text at the anchor point
    yanchor: str  # 'top', 'middle' or 'bottom'
    point_x: float  # the point named by the label
    point_y: float
    leader: bool  # True when the label sits away from its point and needs a line to it

    @property
    def text_x(self) -> float:
        """x of the text anchor (the box edge or centre given by ``xanchor``)."""
        return {"left": self.x0, "center": (self.x0 + self.x1) / 2, "right": self.x1}[self.xanchor]

    @property
    def text_y(self) -> float:
        """y of the text anchor (the box edge or centre given by ``yanchor``)."""
        return {"top": self.y0, "middle": (self.y0 + self.y1) / 2, "bottom": self.y1}[self.yanchor]

    @property
    def plotly_position(self) -> str:
        """The plotly ``textposition`` that draws the text in this box from its point ('top center', …).

        Only meaningful without a leader line (then the text is drawn from its own point).
        """
        vertical = {"bottom": "top", "top": "bottom", "middle": "middle"}[self.yanchor]
        horizontal = {"left": "right", "right": "left", "center": "center"}[self.xanchor]
        return f"{vertical} {horizontal}"


# Offsets of the text box around the point, in order of preference: (dx sign, dy sign) with the anchors
# of the text; "right of the point" reads most naturally for map labels, then left, above, below.
_AROUND = (
    (1, 0, "left", "middle"), (-1, 0, "right", "middle"), (0, -1, "center", "bottom"), (0, 1, "center", "top"),
    (1, -1, "left", "bottom"), (-1, -1, "right", "bottom"), (1, 1, "left", "top"), (-1, 1, "right", "top"),
)


def _box(px: float, py: float, w: float, h: float, xanchor: str, yanchor: str) -> tuple[float, float, float, float]:
    x0 = {"left": px, "center": px - w / 2, "right": px - w}[xanchor]
    y0 = {"top": py, "middle": py - h / 2, "bottom": py - h}[yanchor]
    return x0, y0, x0 + w, y0 + h


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float], pad: float) -> bool:
    return not (a[2] + pad <= b[0] or b[2] + pad <= a[0] or a[3] + pad <= b[1] or b[3] + pad <= a[1])


def place_labels(specs: Iterable[LabelSpec], width: float, height: float, margin: float = 2.0, pad: float = 2.0,
                 obstacles: Sequence[tuple[float, float, float, float]] = (), leaders: bool = True,
                 max_labels: int | None = None) -> list[Placed]:
    """Place labels without overlaps and inside the ``width`` × ``height`` plot, most important first.

    Each label tries the eight positions around its point (next to its marker), then, if
    ``leaders``, the same directions at two and three times the distance with a leader
    line; a label that fits nowhere is left out (never drawn over another). ``obstacles``
    are boxes (x0, y0, x1, y1) no label may cover (legends, other markers). Every marker of
    the specs is an obstacle too; a point outside the plot gets no label. Returns the placed
    labels in priority order.
    """
    ordered = sorted(specs, key=lambda s: (-s.priority, s.key))
    taken: list[tuple[float, float, float, float]] = list(obstacles)
    taken += [(s.x - s.marker_px, s.y - s.marker_px, s.x + s.marker_px, s.y + s.marker_px)
              for s in ordered if s.marker_px > 0]
    out: list[Placed] = []
    for s in ordered:
        if max_labels is not None and len(out) >= max_labels:
            break
        if not (0 <= s.x <= width and 0 <= s.y <= height):
            continue  # the point is off the plot (zoomed to a province): nothing to name
        w, h = text_box(s.text, s.size_px)
        gap = s.marker_px + 3.0
        rings = (1.0, 2.2, 3.4) if leaders else (1.0,)
        for ring in rings:
            placed = None
            for dx, dy, xa, ya in _AROUND:
                dist = gap if ring == 1.0 else gap + ring * s.size_px
                px, py = s.x + dx * dist, s.y + dy * dist
                box = _box(px, py, w, h, xa, ya)
                if box[0] < margin or box[1] < margin or box[2] > width - margin or box[3] > height - margin:
                    continue
                mine = (s.x - s.marker_px, s.y - s.marker_px, s.x + s.marker_px, s.y + s.marker_px)
                if any(_overlaps(box, t, pad) for t in taken if t != mine):
                    continue
                placed = Placed(s.key, s.text, *box, xa, ya, s.x, s.y, leader=ring > 1.0)
                break
            if placed is not None:
                out.append(placed)
                taken.append((placed.x0, placed.y0, placed.x1, placed.y1))
                break
    return out


def any_overlap(placed: Sequence[Placed], pad: float = 0.0) -> bool:
    """True if two placed labels overlap (a check for tests and for callers that add their own)."""
    boxes = [(p.x0, p.y0, p.x1, p.y1) for p in placed]
    return any(_overlaps(a, b, pad) for i, a in enumerate(boxes) for b in boxes[i + 1:])


@dataclass(frozen=True)
class Mercator:
    """The pixel frame of a plotly geo map in Mercator fitted to lon/lat ranges (as plotly fits them).

    The ranges are scaled to fit inside ``width`` × ``height`` keeping the projection's aspect,
    and centred; ``to_px`` and ``to_lonlat`` convert between degrees and px (y downwards).
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

    def to_px(self, lon: float, lat: float) -> tuple[float, float]:
        """Pixel position of a point (y grows downwards)."""
        w, h = self.drawn_size
        ox, oy = (self.width - w) / 2, (self.height - h) / 2
        x = ox + math.radians(lon - self.lon_range[0]) * self.scale
        y = oy + (self._y(self.lat_range[1]) - self._y(lat)) * self.scale
        return x, y

    def to_lonlat(self, x: float, y: float) -> tuple[float, float]:
        """The inverse of :meth:`to_px`."""
        w, h = self.drawn_size
        ox, oy = (self.width - w) / 2, (self.height - h) / 2
        lon = self.lon_range[0] + math.degrees((x - ox) / self.scale)
        merc = self._y(self.lat_range[1]) - (y - oy) / self.scale
        lat = math.degrees(2 * math.atan(math.exp(merc)) - math.pi / 2)
        return lon, lat


def place_on_map(points: Iterable[tuple[str, str, float, float, float]], frame: Mercator, size_px: float,
                 marker_px: float = 0.0, obstacles: Sequence[tuple[float, float, float, float]] = (),
                 leaders: bool = True, project: Callable[[float, float], tuple[float, float]] | None = None
                 ) -> list[Placed]:
    """Place (key, text, lon, lat, priority) labels on a map frame; see :func:`place_labels`."""
    to_px = project or frame.to_px
    specs = []
    for key, text, lon, lat, priority in points:
        x, y = to_px(lon, lat)
        specs.append(LabelSpec(key, text, x, y, size_px, priority, marker_px))
    return place_labels(specs, frame.width, frame.height, obstacles=obstacles, leaders=leaders)
