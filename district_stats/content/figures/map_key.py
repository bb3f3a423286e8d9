"""A map's legend: its entries and colour scale, drawn into a picture beside or under the map, or as HTML
beside the map page's map (:func:`key_html`)."""

from __future__ import annotations

import html
from dataclasses import dataclass

import plotly.graph_objects as go

from district_stats.content import style
from district_stats.content.figures.text_boxes import text_width
from district_stats.content.text import fmt, safe_text
from district_stats.content.text.i18n import t


@dataclass(frozen=True)
class KeyEntry:
    """One legend entry: a fill (``kind`` 'fill'), a line sample ('line') or the capofila's star ('star')."""

    label: str
    color: str
    kind: str = "fill"
    outline: str = style.OUTLINE


@dataclass(frozen=True)
class Scale:
    """A continuous colour scale in the legend: its title and range."""

    title: str
    low: float
    high: float


@dataclass(frozen=True)
class MapKey:
    """A map's legend: entries, then (money maps) a colour scale."""

    entries: tuple[KeyEntry, ...]
    scale: Scale | None = None


def label_lines(label: str, max_chars: int | None) -> list[str]:
    """A legend label cut at spaces into lines of at most ``max_chars`` characters (None: one line)."""
    if max_chars is None:
        return [label]
    lines: list[str] = []
    for word in label.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= max_chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def legend_height(key: MapKey, font_px: int, max_chars: int | None = None) -> float:
    """Height (px) of a vertical legend of ``key``: one row per entry (and per wrapped line), then the scale."""
    extra = sum(len(label_lines(e.label, max_chars)) - 1 for e in key.entries)
    return len(key.entries) * font_px * 1.75 + extra * font_px * 1.3 + 10 + (90 if key.scale else 0)


def legend_width(key: MapKey, font_px: int, max_chars: int | None = None) -> float:
    """Width (px) of a vertical legend of ``key``: its widest (wrapped) label plus the swatch, at least 110 px."""
    widths = [text_width(line, font_px) for e in key.entries for line in label_lines(e.label, max_chars)]
    return max(widths + [110.0]) + 56


def key_traces(key: MapKey, font_px: int, geo: bool, max_chars: int | None = None) -> list[go.Scattergeo | go.Scatter]:
    """Legend-only traces (no data) for the entries of ``key`` (labels wrapped at ``max_chars``)."""
    make = go.Scattergeo if geo else go.Scatter
    where = {"lon": [None], "lat": [None]} if geo else {"x": [None], "y": [None]}
    out = []
    for e in key.entries:
        name = "<br>".join(safe_text.plotly(line) for line in label_lines(e.label, max_chars))
        if e.kind == "line":
            out.append(make(**where, mode="lines", line={"color": style.BLACK, "width": 4}, name=name))
        else:
            star = e.kind == "star"
            out.append(
                make(
                    **where,
                    mode="markers",
                    name=name,
                    marker={
                        "symbol": "star" if star else "square",
                        "size": 18 if star else 16,
                        "color": "#FFFFFF" if star else e.color,
                        "line": {"color": style.INK if star else e.outline, "width": 1.5},
                    },
                )
            )
    return out


def colorbar(scale: Scale, font_px: int, horizontal: bool) -> dict:
    """Plotly colour-bar settings of a money map's ``scale``: under the map (``horizontal``) or beside it."""
    bar = {
        "title": {"text": scale.title, "font": {"size": font_px}},
        "tickfont": {"size": font_px - 1},
        "thickness": 16,
        "lenmode": "pixels",
        "len": 220 if horizontal else 150,
        "xanchor": "left",
        "x": 0.0,
        "yanchor": "bottom",
        "y": 0.0,
        "outlinewidth": 1,
        "outlinecolor": style.OUTLINE,
    }
    if horizontal:
        bar.update(
            orientation="h", title={"text": scale.title.replace("<br>", " "), "side": "top", "font": {"size": font_px}}
        )
    return bar


#: Looks of :func:`key_html` (scoped to its box; sizes as the map's legend in the pictures).
KEY_CSS = """<style>
.dc-key ul { list-style: none; margin: 0; padding: 0; }
.dc-key li { display: flex; align-items: center; gap: 0.5rem; margin: 0 0 0.25rem 0; font-size: 15px; line-height: 1.25;
  color: #1A1A1A; }
.dc-key-fill { flex: 0 0 16px; height: 16px; border: 1.5px solid; box-sizing: border-box; }
.dc-key-line { flex: 0 0 22px; height: 4px; background: #000000; }
.dc-key-star { flex: 0 0 18px; font-size: 20px; line-height: 16px; text-align: center; color: #1A1A1A; }
.dc-key-scale { margin-top: 0.5rem; max-width: 240px; font-size: 15px; color: #1A1A1A; }
.dc-key-bar { height: 16px; border: 1px solid #595959; margin: 0.2rem 0; }
.dc-key-ends { display: flex; justify-content: space-between; font-size: 14px; }
</style>"""


def key_html(key: MapKey, lang: str) -> str:
    """The legend of a map page's map as a short HTML list (beside the map on a computer, under it on a phone).

    Plain HTML rather than a second plotly figure: the page settles sooner (measured with bench/run.py) and
    the text reflows with the column. Labels are escaped; the money scale's ends use the page's number format.
    """
    rows = []
    for e in key.entries:
        label = html.escape(safe_text.plain(e.label))
        if e.kind == "line":
            swatch = '<span class="dc-key-line"></span>'
        elif e.kind == "star":  # the capofila's outlined star, as drawn on the map
            swatch = '<span class="dc-key-star">\u2606</span>'
        else:
            swatch = f'<span class="dc-key-fill" style="background:{e.color};border-color:{e.outline}"></span>'
        rows.append(f"<li>{swatch}<span>{label}</span></li>")
    scale = ""
    if key.scale:
        stops = ", ".join(f"{color} {pos * 100:.0f}%" for pos, color in style.SEQUENTIAL)
        title = html.escape(safe_text.plain(key.scale.title.replace("<br>", " ")))
        ends = "".join(f"<span>{fmt.num(v, lang, 2)}</span>" for v in (key.scale.low, key.scale.high))
        scale = (
            f'<div class="dc-key-scale"><div>{title}</div>'
            f'<div class="dc-key-bar" style="background:linear-gradient(90deg, {stops})"></div>'
            f'<div class="dc-key-ends">{ends}</div></div>'
        )
    aria = html.escape(t("map_key_alt", lang), quote=True)
    return f'{KEY_CSS}<div class="dc-key" role="group" aria-label="{aria}"><ul>{"".join(rows)}</ul>{scale}</div>'
