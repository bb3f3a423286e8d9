"""The words of a page as lines, phrases and borderless tables (tables with no ruling, read by position).

A *phrase* is a run of words on one line with ordinary spacing between them; columns of a
borderless table are separated by wider gaps. A borderless table starts at a line whose phrases
are column names (:func:`district_stats.acts.headers.header_roles`); the edge between two columns
is the white river the lines below leave between them (data wider than its column name, numbers
aligned to the right); each following line is split into the columns, until a line that does not
fit them (a paragraph across them) or a wide vertical gap. Lines that continue a cell (a wrapped district
name) come out as rows with the other columns empty; :mod:`district_stats.acts.rows` joins them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from district_stats.acts.headers import header_roles, merge_header


@dataclass(frozen=True)
class Phrase:
    """Words of one line close enough to be one cell's text."""

    text: str
    x0: float
    x1: float


@dataclass
class Line:
    """One printed line of a page (outside ruled tables), split into phrases."""

    page: int
    top: float
    bottom: float
    size: float
    phrases: list[Phrase] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.phrases)


@dataclass
class Segment:
    """A table, or the part of one on one page: rows of cell texts, the first may be its header."""

    page: int
    top: float
    bottom: float
    rows: list[list[str]]
    ruled: bool


def lines_of(words: Sequence[dict], page: int) -> list[Line]:
    """Group pdfplumber words (with ``size``) into lines (same baseline) and phrases (ordinary gaps)."""
    out: list[Line] = []
    for w in sorted(words, key=lambda w: (round(float(w["top"]), 0), float(w["x0"]))):
        size = float(w.get("size") or 10.0)
        if out and abs(float(w["top"]) - out[-1].top) <= max(2.0, 0.3 * size):
            line = out[-1]
        else:
            line = Line(page, float(w["top"]), float(w["bottom"]), size)
            out.append(line)
        line.bottom = max(line.bottom, float(w["bottom"]))
        line.size = max(line.size, size)
        line.phrases.append(Phrase(str(w["text"]), float(w["x0"]), float(w["x1"])))
    for line in out:
        line.phrases = _phrases(sorted(line.phrases, key=lambda p: p.x0), line.size)
    return out


def _phrases(words: list[Phrase], size: float) -> list[Phrase]:
    merged: list[Phrase] = []
    for w in words:
        if merged and w.x0 - merged[-1].x1 <= 0.9 * size:
            last = merged[-1]
            merged[-1] = Phrase(f"{last.text} {w.text}", last.x0, max(last.x1, w.x1))
        else:
            merged.append(w)
    return merged


def _header_at(lines: list[Line], i: int) -> tuple[list[Phrase], int] | None:
    """The header phrases starting at line ``i`` and how many lines they take (1, or 2 when the header
    wraps), or None when line ``i`` is not a header."""
    one = lines[i].phrases
    ok_one = header_roles([p.text for p in one]) is not None
    if i + 1 < len(lines) and lines[i + 1].top - lines[i].bottom < lines[i].size:
        two = _merge_lines(one, lines[i + 1].phrases)
        roles_two = header_roles([p.text for p in two]) if two else None
        if (
            two
            and roles_two is not None
            and (not ok_one or _named(roles_two) > _named(header_roles([p.text for p in one])))
        ):
            return two, 2
    return (one, 1) if ok_one else None


def _named(roles: list[str | None] | None) -> int:
    return sum(r is not None for r in roles or [])


def _merge_lines(first: list[Phrase], second: list[Phrase]) -> list[Phrase] | None:
    cols = [[p] for p in first]
    for p in second:
        hit = [k for k, c in enumerate(cols) if _overlap(p, c[0]) > 0]
        if len(hit) != 1:
            return None
        cols[hit[0]].append(p)
    texts = merge_header([c[0].text for c in cols], [" ".join(p.text for p in c[1:]) for c in cols])
    return [Phrase(t, min(p.x0 for p in c), max(p.x1 for p in c)) for t, c in zip(texts, cols, strict=True)]


def _overlap(a: Phrase, b: Phrase) -> float:
    return max(0.0, min(a.x1, b.x1) - max(a.x0, b.x0))


Bounds = list[tuple[float, float]]


def borderless(
    lines: list[Line], page: int, carry: Bounds | None = None
) -> tuple[list[Segment], set[int], Bounds | None]:
    """Borderless tables among ``lines`` (one page, top to bottom), the indexes of the lines they use, and
    the columns to try at the top of the next page when the last table runs to the bottom of this one.

    ``carry`` is that from the page before: a table whose header is not repeated goes on at the first
    lines of this page that fit its columns (the page's own heading lines are skipped).
    """
    segments: list[Segment] = []
    used: set[int] = set()
    last: tuple[int, Bounds] | None = None
    i = _continued(lines, page, carry, segments, used) if carry else 0
    if segments:
        last = (max(used), carry)  # type: ignore[assignment]
    while i < len(lines):
        head = _header_at(lines, i)
        if head is None:
            i += 1
            continue
        phrases, n = head
        block = _block(lines, i + n, lines[i + n - 1].bottom)
        bounds = _cuts(phrases, [lines[j].phrases for j in block])
        rows, taken = [[p.text for p in phrases]], list(range(i, i + n))
        for j in block:
            cells = _split(lines[j].phrases, bounds)
            if cells is None:
                break
            rows.append(cells)
            taken.append(j)
        if len(rows) > 1:
            segments.append(Segment(page, lines[i].top, lines[taken[-1]].bottom, rows, ruled=False))
            used.update(taken)
            last = (taken[-1], bounds)
        i = max(taken[-1] + 1, i + 1)
    runs_on = last is not None and last[0] >= len(lines) - 3  # only a footer after it
    return segments, used, (last[1] if runs_on and last else None)


def _continued(lines: list[Line], page: int, carry: Bounds, segments: list[Segment], used: set[int]) -> int:
    """Rows at the top of a page that go on with the previous page's table; the index to go on from."""
    for start in range(min(len(lines), 6)):
        if _header_at(lines, start) is not None:
            return start
        cells = _split(lines[start].phrases, carry)
        if cells is None or sum(1 for c in cells if c) < 2:
            continue
        rows, taken = [], []
        for j in [start, *_block(lines, start + 1, lines[start].bottom)]:
            cells = _split(lines[j].phrases, carry)
            if cells is None:
                break
            rows.append(cells)
            taken.append(j)
        segments.append(Segment(page, lines[start].top, lines[taken[-1]].bottom, rows, ruled=False))
        used.update(taken)
        return taken[-1] + 1
    return 0


def _block(lines: list[Line], start: int, prev_bottom: float) -> list[int]:
    """Lines from ``start`` up to a wide vertical gap or the next header: where the table's rows can be."""
    out: list[int] = []
    pitches: list[float] = []
    for j in range(start, len(lines)):
        gap = lines[j].top - prev_bottom
        limit = max(2.2 * lines[j].size, 2.0 * (sorted(pitches)[len(pitches) // 2] if pitches else 0))
        if gap > limit or _header_at(lines, j) is not None:
            break
        out.append(j)
        pitches.append(max(gap, 0.0))
        prev_bottom = lines[j].bottom
    return out


def _cuts(header: list[Phrase], rows: list[list[Phrase]]) -> list[tuple[float, float]]:
    """Column ranges: between two header cells, the edge that the fewest phrases of the rows cross (the white
    river between the columns; the closest to the right-hand header when several are as good)."""
    phrases = [p for row in rows for p in row]
    edges = []
    for a, b in zip(header, header[1:], strict=False):
        lo, hi = a.x0 + 1.0, max(b.x0, min(b.x1, b.x0 + 0.6 * (b.x1 - b.x0)))
        options = {b.x0 - 0.5, *(p.x1 + 0.5 for p in phrases if lo < p.x1 + 0.5 < hi)}
        crossing = {x: sum(1 for p in phrases if p.x0 < x < p.x1) for x in options if lo < x <= hi}
        edges.append(min(crossing, key=lambda x: (crossing[x], abs(x - b.x0))) if crossing else (a.x1 + b.x0) / 2)
    return list(zip([float("-inf"), *edges], [*edges, float("inf")], strict=True))


def _split(phrases: list[Phrase], bounds: list[tuple[float, float]]) -> list[str] | None:
    """A line's phrases put in their columns; None when a phrase lies mostly across a column edge."""
    cells = [""] * len(bounds)
    for p in phrases:
        width = max(p.x1 - p.x0, 0.1)
        inside = [max(0.0, min(p.x1, r) - max(p.x0, left)) for left, r in bounds]
        k = max(range(len(bounds)), key=lambda c: inside[c])
        if inside[k] < 0.75 * width:
            return None
        cells[k] = f"{cells[k]} {p.text}".strip()
    return cells
