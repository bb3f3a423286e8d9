"""Map label placement by collision avoidance: which names fit, and where.

Plotly draws text where it is told and lets labels run into each other and off the plot.
This module decides, for a map drawn at a known pixel size, where each label goes: it tries
the positions around its point in a fixed order (right, left, above, below, then the
diagonals), then farther away with a leader line, and leaves the label out when nothing
fits, most important labels first. Everything is pure geometry in pixels (y grows
downwards), so it is unit-tested without drawing anything.

A label's box is the one plotly draws (:mod:`~district_stats.content.figures.text_boxes`); a map's frame in
pixels is a :class:`~district_stats.content.figures.mercator.Mercator`.

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

from district_stats.content.figures.mercator import Mercator
from district_stats.content.figures.text_boxes import Box, apart_when_growing, overlaps, plotly_text_box, segment_hits

#: Positions next to the point in order of preference: "right of the point" reads most naturally for map
#: labels, then left, above, below, then the diagonals.
AROUND = (
    "middle right",
    "middle left",
    "top center",
    "bottom center",
    "top right",
    "top left",
    "bottom right",
    "bottom left",
)
#: For names of areas (a comune's name over its own polygon): centred on the area first.
ON_AREA = ("middle center", "top center", "bottom center", "middle right", "middle left")
_DIRECTION = {
    "middle right": (1, 0),
    "middle left": (-1, 0),
    "top center": (0, -1),
    "bottom center": (0, 1),
    "top right": (1, -1),
    "top left": (-1, -1),
    "bottom right": (1, 1),
    "bottom left": (-1, 1),
}


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
            return all(apart_when_growing(box, anchor, b, a, self.pad) for b, a in self.taken)
        return not any(overlaps(box, b, self.pad) for b, _ in self.taken)

    def inside(self, box: Box) -> bool:
        """``box`` lies inside the bounds by the margin."""
        bx0, by0, bx1, by1 = self.bounds
        m = self.margin
        return box[0] >= bx0 + m and box[1] >= by0 + m and box[2] <= bx1 - m and box[3] <= by1 - m

    def blocked(self, s: LabelSpec, marker: Box, box: Box, anchor: tuple[float, float], leader: bool) -> bool:
        """The place is off the plot, over a label or its own marker, across a leader line, or (at the end
        of a leader) its leader crosses a label."""
        if not self.inside(box) or not self.free(box, anchor) or (s.marker_px > 0 and overlaps(box, marker, 0.0)):
            return True
        if any(segment_hits(p, q, box) for p, q in self.lines):
            return True
        return leader and any(segment_hits((s.x, s.y), anchor, b, 0.0) for b, _ in self.taken)


def _best_place(
    board: _Board, s: LabelSpec, marker: Box, leaders: bool, dots: list[Box]
) -> tuple[Box, str, float, float, bool] | None:
    """Where the label of ``s`` goes: next to the point rather than at the end of a leader; then a place that
    leaves the ``dots`` still to be named visible; then the first place in the order of preference. None when
    no place is free."""
    fits: list[tuple[bool, bool, int, tuple[Box, str, float, float, bool]]] = []
    for box, pos, ax, ay, leader in _candidates(s, leaders):
        if board.blocked(s, marker, box, (ax, ay), leader):
            continue
        clean = not any(overlaps(box, d, board.pad) for d in dots)
        fits.append((not leader, clean, -len(fits), (box, pos, ax, ay, leader)))
        if clean and not leader:
            break
    return max(fits)[3] if fits else None


def place_labels(
    specs: Iterable[LabelSpec],
    width: float,
    height: float,
    margin: float = 2.0,
    pad: float = 2.0,
    obstacles: Sequence[Box] = (),
    leaders: bool = True,
    max_labels: int | None = None,
    grow: bool = False,
    bounds: Box | None = None,
) -> list[Placed]:
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
    board = _Board(
        (bx0, by0, bx1, by1), margin, pad, grow, [(o, ((o[0] + o[2]) / 2, (o[1] + o[3]) / 2)) for o in obstacles]
    )
    out: list[Placed] = []
    # The dots of the points not named yet: a name should leave them visible when it can.
    dots = {
        s.key: (s.x - s.marker_px, s.y - s.marker_px, s.x + s.marker_px, s.y + s.marker_px)
        for s in ordered
        if s.marker_px > 0
    }
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
    return any(overlaps(a, b, pad) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def scaled(placed: Sequence[Placed], k: float, cx: float, cy: float) -> list[Placed]:
    """The labels as drawn when the map is ``k`` times larger around (cx, cy): anchors move, boxes keep
    their size (what a browser shows in a larger column); for tests of ``grow``."""
    out = []
    for p in placed:
        ax, ay = cx + (p.anchor_x - cx) * k, cy + (p.anchor_y - cy) * k
        dx, dy = ax - p.anchor_x, ay - p.anchor_y
        out.append(
            Placed(
                p.key,
                p.text,
                p.x0 + dx,
                p.y0 + dy,
                p.x1 + dx,
                p.y1 + dy,
                p.position,
                ax,
                ay,
                cx + (p.point_x - cx) * k,
                cy + (p.point_y - cy) * k,
                p.leader,
                p.size_px,
                p.bold,
            )
        )
    return out


def place_on_map(
    points: Iterable[tuple[str, str, float, float, float]],
    frame: Mercator,
    size_px: float,
    marker_px: float = 0.0,
    obstacles: Sequence[Box] = (),
    leaders: bool = True,
    project: Callable[[float, float], tuple[float, float]] | None = None,
    grow: bool = False,
    positions: tuple[str, ...] = AROUND,
    bold: Iterable[str] = (),
    big: Iterable[str] = (),
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
        specs.append(
            LabelSpec(
                key,
                text,
                x,
                y,
                size_px + (2 if large else 0),
                priority,
                marker_px * 2 if large and marker_px else marker_px,
                positions,
                key in bold_keys,
            )
        )
    bounds = frame.region_box if grow else None
    return place_labels(
        specs, frame.width, frame.height, obstacles=obstacles, leaders=leaders, grow=grow, bounds=bounds
    )
