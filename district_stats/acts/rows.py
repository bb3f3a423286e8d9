"""Table segments and headings -> the act's rows, each cell named by its column's role.

- A segment whose first row is a header (:func:`~district_stats.acts.headers.header_roles`, or its
  first two rows when the header wraps) starts a table; a segment without one continues the
  previous table when it has as many columns (a table across pages whose header is not repeated).
  A header repeated on the next page (or anywhere in the table) is dropped.
- A district named once, in a heading above its list («Distretto del Commercio di Alba – comuni
  aderenti:»), applies to the rows below it until the next such heading.
- A list of comuni written in the text («Comuni aderenti: Alba, Bra e Cherasco.», possibly over several
  lines, possibly after the district's name on the same line) is read as a one-column table.
- A row that continues the previous one (a wrapped cell: the item column empty, or for a ranking no
  number at all) is joined to it; a row whose district cell is empty takes the district of the row
  above (a merged cell).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from district_stats.acts.headers import header_roles, merge_header
from district_stats.acts.layout import Line, Segment
from district_stats.acts.matching import core
from district_stats.acts.text import clean_cell
from district_stats.data.harmonize import normalise_name

_HEADING_CUT = re.compile(r"\s+[–—-]\s+|:")
_INLINE = re.compile(
    r"\b(?:comuni|enti)(?:\s+(?:aderenti|partecipanti|associati|del\s+distretto))?\s*:\s*"
    r"(?P<list>\S.*)$",
    re.IGNORECASE,
)
_NUMBERING = re.compile(r"^\s*(?:\d{1,3}|[a-zA-Z])\s*[.)]\s+")


@dataclass
class RawRow:
    """One row as printed: ``cells`` maps role -> text on one line; ``heading`` the district heading above."""

    page: int
    cells: dict[str, str]
    heading: str = ""
    table: int = 0


@dataclass
class Tables:
    """The rows of every recognised table, plus the first rows of the tables not recognised."""

    rows: list[RawRow] = field(default_factory=list)
    roles: list[list[str | None]] = field(default_factory=list)  # per recognised table
    unrecognised: list[str] = field(default_factory=list)


def heading_district(text: str) -> str:
    """The district a heading names, or '' when the line is not such a heading.

    «Distretto del Commercio di Alba – comuni aderenti:» -> «Distretto del Commercio di Alba»; a line
    must name a single district («distretto», not «distretti») in at most 20 words.
    """
    words = normalise_name(text).split()
    if not words or len(words) > 20 or not ({"distretto", "duc", "ddc"} & set(words)):
        return ""
    parts = [p.strip() for p in _HEADING_CUT.split(_NUMBERING.sub("", text)) if p.strip()]
    named = [p for p in parts if {"distretto", "duc", "ddc"} & set(normalise_name(p).split()) and core(p)]
    return named[0] if named else ""  # «Distretto del Commercio» alone (a running page header) names none


def inline_list(text: str) -> tuple[str, str] | None:
    """(district named before it, the list) for a line such as «Distretto X – comuni aderenti: Alba, Bra, Cherasco»
    or «Comuni aderenti: Alba, Bra e Cherasco»; None when the line holds no such list."""
    m = _INLINE.search(text)
    if not m or ("," not in m.group("list") and " e " not in m.group("list")):
        return None
    return heading_district(text[: m.start()]), m.group("list")


def collect(segments: list[Segment], lines: list[Line]) -> Tables:
    """Read the tables (and the inline lists of comuni) of a document in order (see the module docstring)."""
    items: list[tuple[int, float, int, Line | Segment]] = [(ln.page, ln.top, 0, ln) for ln in lines]
    items += [(s.page, s.top, 1, s) for s in segments]
    items.sort(key=lambda it: (it[0], it[1], it[2]))
    out = Tables()
    roles: list[str | None] | None = None
    heading = ""
    k = 0
    while k < len(items):
        item = items[k][3]
        k += 1
        if isinstance(item, Line):
            found_list = inline_list(item.text)
            heading = heading_district(item.text) or heading
            if found_list is not None:
                text, k = _continue_list(found_list[1], item, items, k)
                out.roles.append(["comune"])
                out.rows.append(
                    RawRow(item.page, {"comune": text.rstrip(".;")}, found_list[0] or heading, len(out.roles) - 1)
                )
                roles = None
            continue
        roles = _segment(item, roles, heading, out)
    return out


def _continue_list(text: str, line: Line, items: list, k: int) -> tuple[str, int]:
    """An inline list going on over the next lines of the paragraph, until a full stop or a gap."""
    prev = line
    while k < len(items) and not text.rstrip().endswith((".", ";")):
        nxt = items[k][3]
        if (
            not isinstance(nxt, Line)
            or nxt.page != prev.page
            or nxt.top - prev.bottom > 0.8 * prev.size
            or ":" in nxt.text
            or heading_district(nxt.text)
        ):
            break
        text, prev, k = f"{text} {nxt.text}", nxt, k + 1
    return text, k


def _find_header(rows: list[list[str]]) -> tuple[list[str | None] | None, int]:
    """(roles, first data row) when one of the first three rows (or two of them together, a header printed
    on two rows) is a header; a title row spanning the table above it is skipped. (None, 0) otherwise."""
    for k in range(min(3, len(rows))):
        found = header_roles(rows[k])
        if found is not None:
            return found, k + 1
        if k + 1 < len(rows) and header_roles(merge_header(rows[k], rows[k + 1])) is not None:
            return header_roles(merge_header(rows[k], rows[k + 1])), k + 2
    return None, 0


def _segment(item: Segment, roles: list[str | None] | None, heading: str, out: Tables) -> list[str | None] | None:
    """Add one table segment's rows to ``out``; return the roles in force after it.

    In a ruled list of comuni a row with a single filled cell naming a district (a row across the table) is the
    district of the rows under it.
    """
    found, start = _find_header(item.rows)
    if found is not None:
        roles = found
        out.roles.append(roles)
    elif roles is None or len(item.rows[0]) != len(roles):
        out.unrecognised.append(" | ".join(clean_cell(c) for c in item.rows[0] if clean_cell(c))[:120])
        return None
    group = ""
    for cells in item.rows[start:]:
        if header_roles(cells) == roles:
            continue  # the header again (a page break inside the table)
        filled = [clean_cell(c) for c in cells if clean_cell(c)]
        if (
            item.ruled and "comune" in roles and len(filled) == 1 and heading_district(filled[0])
        ):  # no comune is a «Distretto …»
            group = heading_district(filled[0])
            continue
        named = {r: clean_cell(c) for r, c in zip(roles, cells, strict=False) if r and r != "other"}
        if group and "district" in named and not named["district"]:
            named["district"] = group
        if any(named.values()):
            out.rows.append(
                RawRow(item.page, named, group or ("" if "district" in roles else heading), len(out.roles) - 1)
            )
    return roles


_NUMERIC = ("amount", "score", "rank")


def join_wrapped(rows: list[RawRow], item: str) -> list[RawRow]:
    """Join continuation rows into the row above and fill empty district cells from it.

    ``item`` is the role each real row must have: 'comune' for member lists, 'district' for rankings.
    A ranking row without any number (position, score, amount) continues the row above; a member
    row without a comune, or with only a comune while the row above had other cells (a province, a
    number), continues it.
    """
    out: list[RawRow] = []
    for row in rows:
        prev = out[-1] if out and out[-1].table == row.table else None
        if prev is not None and _continues(row, prev, item):
            for role, text in row.cells.items():
                if text:
                    prev.cells[role] = clean_cell(f"{prev.cells.get(role, '')} {text}")
            continue
        if prev is not None and "district" in row.cells and not row.cells["district"] and row.cells.get(item):
            row.cells["district"] = prev.cells.get("district", "")
        out.append(row)
    return out


def _continues(row: RawRow, prev: RawRow, item: str) -> bool:
    filled = {r for r, t in row.cells.items() if t}
    if item == "district":
        return not filled & set(_NUMERIC) and bool(set(prev.cells) & set(_NUMERIC))
    if not row.cells.get(item):
        return True
    others = {r for r, t in prev.cells.items() if t and r not in (item, "district")}
    return filled == {item} and bool(others)
