"""The preview of an update or a restore in words and figures: the same content for the form and the command line.

:func:`view` turns a plan (:mod:`district_stats.ops.plan`) into plain objects for one language: the table of
changes by name (district, comune or call, field with its human name, old -> new; rows added, removed or not
in the act), the dashboard's own figures before -> after (:mod:`district_stats.ops.effects`), one line per
district whose comuni change (its map: :func:`change_map`), and what the apply will do besides. Every value
is plain text: the form escapes it where Markdown would read it, a table cell shows it as typed.
:func:`preview_text` is the same for the command line (a line instead of each map).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go

from district_stats.content.figures.change_map import change_map as draw_change_map
from district_stats.content.text import display, fmt, safe_text
from district_stats.content.text.i18n import t
from district_stats.data import schema
from district_stats.data.files import file_md5
from district_stats.geo import geojson
from district_stats.ops.changes import DistrictChange, RowChange
from district_stats.ops.effects import FigureDelta, Value
from district_stats.ops.plan import Plan

MAX_ROWS_TEXT = 40  # change rows printed on the command line (the count says how many there are)
MAX_MAPS = 8  # districts drawn (the others are named in a line)
CELL = 90  # characters of a value shown in a cell (a list of addresses is cut, the table keeps it whole)
#: Each figure labelled as on the dashboard (the overview's KPIs; the coverage line of /dati).
LABEL_KEYS = {
    "districts": "pvf_districts",
    "comuni": "kpi_comuni",
    "residents": "kpi_residents",
    "complete": "pvf_complete",
    "calls": "kpi_calls",
    "total": "kpi_total",
}
URL_COLUMNS = frozenset(c.name for spec in schema.TABLES.values() for c in spec.columns if c.kind == "urls")
COLUMNS = ("pv_col_action", "pv_col_district", "pv_col_item", "pv_col_field", "pv_col_old", "pv_col_new")


@dataclass(frozen=True)
class FigureLine:
    """One figure of the dashboard before -> after, in words (``changed`` False: the update leaves it)."""

    label: str
    before: str
    after: str
    changed: bool


@dataclass(frozen=True)
class MapLine:
    """A district whose comuni change: the sentence that sums it up and what its map is built from."""

    district_id: str
    text: str
    change: DistrictChange


@dataclass(frozen=True)
class PreviewView:
    """Everything a preview shows, plain text for one language (see the module docstring)."""

    head: str
    counts: str
    act_lines: list[str]
    columns: list[str]
    rows: list[list[str]]
    figures: list[FigureLine]
    maps: list[MapLine]
    notes: list[str]  # what the update leaves as it is (a district's list status)
    repairs: list[str]  # what the apply repairs on the way (a damaged sidecar rebuilt)


@dataclass(frozen=True)
class NameChoice:
    """A name of the act left to resolve, for the form: the name as printed, where, and the choices
    (code, label) best first; plain text."""

    name: str
    kind: str  # 'comune' or 'district'
    pages: str
    options: list[tuple[str, str]]
    printed: str  # the name exactly as read: the key of the official's answer (never shown)


def _value(column: str, raw: str, lang: str) -> str:
    if raw == "":
        return "–"
    if column.endswith("_eur"):
        try:
            return fmt.eur(float(raw), lang, 2)
        except ValueError:
            return safe_text.plain(raw, CELL)
    if column in display.ENUM_COLUMNS:
        return safe_text.plain(display.enum_text(column, raw, lang), CELL)
    if raw in ("true", "false"):
        return t("yes" if raw == "true" else "no", lang)
    if column in URL_COLUMNS:  # a list of addresses reads as a list
        raw = raw.replace(";", "; ")
    return safe_text.plain(raw, CELL)


def _lines(plan: Plan, lang: str) -> dict[str, str]:
    return {f.line_id: (f.label_en if lang == "en" else f.label_it) for f in plan.figures if f.line_id}


def _item(c: RowChange, lines: dict[str, str], lang: str) -> str:
    if c.item_kind == "line":
        label = lines.get(c.item, "")
        text = f"{label} ({c.item})" if label else c.item
        extra = [_value(col, v, lang) for col, v in c.detail if v]
        return safe_text.plain(" · ".join([text, *extra]), 160)
    return safe_text.plain(c.item, 160) if c.item else "–"


def field_name(table: str, column: str, lang: str = "it") -> str:
    """A column as a person reads it: the dashboard's header, else the schema's description up to its first
    bracket or colon («Codice ISTAT del comune capofila»)."""
    head = display.header(column, lang)
    spec = schema.TABLES.get(table)
    if head != column or spec is None or column not in spec.column_names:
        return head
    col = next(c for c in spec.columns if c.name == column)
    text = col.description_en if lang == "en" else col.description_it
    return re.split(r"\s*[(:;]", text, maxsplit=1)[0].strip() or column


def _row(c: RowChange, plan: Plan, lines: dict[str, str], lang: str) -> list[str]:
    district = c.district if c.table == plan.table or c.district else t("pv_register", lang)
    return [
        t(f"pv_action_{c.action}", lang),
        safe_text.plain(district, 120) or "–",
        _item(c, lines, lang),
        field_name(c.table, c.column, lang) if c.column else "–",
        _value(c.column, c.old, lang),
        _value(c.column, c.new, lang),
    ]


def _num(v: float, lang: str) -> str:
    return fmt.num(v, lang)


def _figure_text(key: str, v: Value | None, lang: str) -> str:
    if v is None:
        return "–"
    if key in ("comuni", "residents"):
        return f"{fmt.num(v.value, lang)} ({fmt.pct(v.share, lang)})"
    if key == "complete":
        return fmt.count_of(int(v.value), int(v.n or 0), lang)
    if key == "calls":
        return t("pvf_calls_value", lang, n=int(v.n or 0), value=fmt.eur(v.value, lang))
    if key == "total":
        return fmt.eur(v.value, lang)
    if key.startswith("line:"):
        if math.isnan(v.total):
            return t("pvf_line_value_no_total", lang, n=int(v.n or 0), traced=fmt.eur(v.value, lang))
        return t(
            "pvf_line_value",
            lang,
            n=int(v.n or 0),
            traced=fmt.eur(v.value, lang),
            total=fmt.eur(v.total, lang),
            share=fmt.pct(v.share, lang),
        )
    return _num(v.value, lang)


def _figure(f: FigureDelta, lang: str) -> FigureLine:
    if f.line_id:
        label = t("pvf_line", lang, line=safe_text.plain((f.label_en if lang == "en" else f.label_it) or f.line_id, 80))
    else:
        label = t(LABEL_KEYS[f.key], lang)
    return FigureLine(label, _figure_text(f.key, f.before, lang), _figure_text(f.key, f.after, lang), f.changed)


def _map_line(d: DistrictChange, lang: str) -> MapLine:
    text = t(
        "pv_map_line",
        lang,
        name=safe_text.plain(d.name, 80),
        before=len(d.before),
        after=len(d.after),
        added=len(d.added),
        removed=len(d.removed),
    )
    if d.not_in_act:
        text += t("pv_map_not_in_act", lang, n=len(d.not_in_act))
    return MapLine(d.district_id, text, d)


def note_lines(plan: Plan, lang: str = "it", repairs: bool | None = None) -> list[str]:
    """What the apply will do besides the table, and what it leaves as it is (plain text, one line each);
    ``repairs`` True or False: only the repairs (a damaged sidecar rebuilt) or only the others. A parameter
    named ``*_key`` is a text key shown in ``lang`` (a list status: «lista comuni parziale»)."""
    out = []
    for key, params in plan.notes:
        if repairs is not None and key.startswith("upd_note") != repairs:
            continue
        words = {k.removesuffix("_key"): (t(v, lang) if k.endswith("_key") else v) for k, v in params.items()}
        out.append(t(key, lang, **words))
    return out


def _head(plan: Plan, lang: str) -> str:
    if plan.restore_of:
        return t("upd_restore_head", lang, name=plan.restore_of, table=plan.table)
    if plan.act is not None:
        return t(
            "pv_head_act",
            lang,
            file=safe_text.filename(plan.filename),
            table=plan.table,
            url=safe_text.plain(plan.act.url, 300),
        )
    return f"{safe_text.filename(plan.filename)} → {plan.table}"


def view(plan: Plan, lang: str = "it") -> PreviewView:
    """The preview of a valid plan in ``lang`` (see :class:`PreviewView`)."""
    lines = _lines(plan, lang)
    counts = t(
        "upd_preview",
        lang,
        added=len(plan.added),
        removed=len(plan.removed),
        changed=len(plan.changed),
        same=plan.n_unchanged,
    )
    act_lines = [safe_text.plain(s, 600) for s in plan.report.summary(lang)] if plan.report is not None else []
    return PreviewView(
        _head(plan, lang),
        counts,
        act_lines,
        [t(c, lang) for c in COLUMNS],
        [_row(c, plan, lines, lang) for c in plan.rows],
        [_figure(f, lang) for f in plan.figures],
        [_map_line(d, lang) for d in plan.districts],
        note_lines(plan, lang, repairs=False),
        note_lines(plan, lang, repairs=True),
    )


def name_choices(plan: Plan, lang: str = "it") -> list[NameChoice]:
    """The act's names left to resolve with their suggestions (the form's one choice per name)."""
    if plan.reading is None:
        return []
    out = []
    for u in plan.reading.unresolved:
        options = [
            (s.code, t("pv_suggestion", lang, label=safe_text.plain(s.label, 80), code=s.code, score=s.score))
            for s in u.suggestions
        ]
        out.append(
            NameChoice(safe_text.plain(u.name, 120), u.kind, ", ".join(str(p) for p in u.pages), options, u.name)
        )
    return out


_GEO: dict[tuple[str, str], dict | None] = {}


def _comuni_geo(data_dir: Path) -> dict | None:
    """The derived GeoJSON of every comune, read once per file version."""
    path = geojson.derived_path(data_dir, "comuni.geojson")
    try:
        key = (str(path), file_md5(path))
    except OSError:
        return None
    if key not in _GEO:
        _GEO.clear()
        _GEO[key] = geojson.read(data_dir, "comuni.geojson")
    return _GEO[key]


def change_map(line: MapLine, data_dir: Path, lang: str = "it") -> go.Figure | None:
    """The before/after map of one district of the preview (None when the geometry cannot be read)."""
    geo = _comuni_geo(data_dir)
    if geo is None:
        return None
    d = line.change
    return draw_change_map(d.before, d.after, dict(d.comuni), geo, d.name, d.not_in_act, lang)


def unresolved_lines(plan: Plan, lang: str = "it") -> list[str]:
    """One line per name of the act left to resolve, with its closest matches («Sommariva Bosco → Sommariva del
    Bosco (CN)? 004205, 94%»), plain text; [] when there is none."""
    if plan.reading is None:
        return []
    out = []
    for u in plan.reading.unresolved:
        pages = ", ".join(str(p) for p in u.pages)
        hints = "; ".join(
            t("pv_suggestion", lang, label=safe_text.plain(s.label, 80), code=s.code, score=s.score)
            for s in u.suggestions
        )
        out.append(
            t(
                "pv_unresolved" if hints else "pv_unresolved_none",
                lang,
                name=safe_text.plain(u.name, 80),
                pages=pages,
                hints=hints,
            )
        )
    return out


def problem_lines(plan: Plan, lang: str = "it") -> list[str]:
    """What stops the plan, plain text: the problems, then each unresolved name with its suggestions."""
    names = unresolved_lines(plan, lang)
    probs = plan.reading.problems if plan.reading is not None and names else plan.problems
    return [safe_text.plain(p.message(lang)) for p in probs] + names  # a name read from a PDF stays one line


def preview_text(plan: Plan, lang: str = "it") -> str:
    """The preview (or the problems) as plain text, for the command line and logs."""
    if not plan.ok:
        head = t("pv_problems_head", lang, file=safe_text.filename(plan.filename), n=len(problem_lines(plan, lang)))
        lines = ["  - " + line for line in problem_lines(plan, lang)]
        hint = [t("pv_unresolved_hint", lang)] if unresolved_lines(plan, lang) else []
        return "\n".join([head, *lines, *hint])
    v = view(plan, lang)
    out = [f"{v.head}", f"  {v.counts}"] + [f"  {s}" for s in v.act_lines]
    if v.rows:
        out.append(t("pv_changes_title", lang) + ":")
        for r in v.rows[:MAX_ROWS_TEXT]:
            field = f" · {r[3]}: {r[4]} → {r[5]}" if r[3] != "–" else ""
            out.append(f"  [{r[0]}] {r[1]} · {r[2]}{field}")
        if len(v.rows) > MAX_ROWS_TEXT:
            out.append("  " + t("pv_more_rows", lang, n=len(v.rows) - MAX_ROWS_TEXT))
    out.append(t("pv_figures_title", lang) + ":")
    for f in v.figures:
        out.append(
            f"  {f.label}: {f.before} → {f.after}" if f.changed else f"  {f.label}: {f.after} " + t("pv_same", lang)
        )
    out += ["  " + t("pv_map_prefix", lang) + " " + m.text for m in v.maps]
    out += ["  " + line for line in [*v.notes, *v.repairs]]
    return "\n".join(out)
