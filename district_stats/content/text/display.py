"""Tables as a person reads them: human headers, translated values, sources by name, ids last.

Every table drawn on a page goes through :func:`humanize`, so no screen shows ``grant_id``,
``allocated`` or ``true``. Numbers stay numbers (the page formats them, Italian or English, and
sorting stays numeric); :attr:`Display.formats` says how. Downloads keep the raw table with the
schema's column names (they must go back into the update flow), so this is for the eyes only.

Headers come from the catalogue key ``h_<column>``; values of an enum column from
``<column>_<value>`` or ``<value>`` (so a new enum value needs only a new text); ``confidence``
from ``conf_<level>``; booleans are «sì»/«no».
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from district_stats.content.text import fmt, safe_text, sources
from district_stats.content.text.i18n import TEXT, t
from district_stats.data import schema
from district_stats.data.source_rules import SourcePage

#: Columns holding internal codes: left to the downloads (a reading view names things; the CSV keeps the codes
#: to quote a row and to load it back). The ISTAT code is a public code and stays (last).
ID_COLUMNS = (
    "district_id",
    "grant_id",
    "line_id",
    "round_id",
    "figure_id",
    "event_id",
    "contradiction_id",
    "istat_code",
    "line_ids",
    "reference_line_ids",
    "reference_grant_ids",
)
#: Columns whose values are enum codes, translated through the catalogue.
ENUM_COLUMNS = frozenset(
    {c.name for spec in schema.TABLES.values() for c in spec.columns if c.enum} | {"beneficiary", "kind"}
)
#: Columns whose header names a term of art: the header carries the glossary definition.
TERMS = {
    "line_id": "linea",
    "line": "linea",
    "round": "tornata",
    "capofila_ente": "capofila",
    "rank": "graduatoria",
    "strategic_eur": "bandi_strategici",
    "established_round": "tornata",
    "is_minimum": "riserva_minima",
    "rebuilt_eur": "ricostruito",
}
_PAIRS = ("label", "description", "topic", "note")


@dataclass(frozen=True)
class Display:
    """A table ready to show: ``frame`` has human headers; ``formats`` maps a header to 'eur', 'eur2',
    'int', 'pct', 'date' or 'year'; ``links`` are URL columns; ``help`` maps headers to definitions."""

    frame: pd.DataFrame
    formats: dict[str, str] = field(default_factory=dict)
    links: tuple[str, ...] = ()
    help: dict[str, str] = field(default_factory=dict)


def header(column: str, lang: str = "it") -> str:
    """Human header of a column: ``h_<column>``, else the column's own text (an enum value such as
    ``formazione``), else the name unchanged (a test fails on that)."""
    if f"h_{column}" in TEXT:
        return t(f"h_{column}", lang)
    return t(column, lang) if column in TEXT else column


def enum_text(column: str, value: object, lang: str = "it") -> object:
    """A code of an enum column in words: ``<column>_<value>``, ``conf_<value>`` or ``<value>`` from the catalogue."""
    if not isinstance(value, str) or not value:
        return value
    for key in (*((f"conf_{value}",) if column == "confidence" else ()), f"{column}_{value}", value):
        entry = TEXT.get(key, {}).get("it")
        if isinstance(entry, str) and "{" not in entry:  # a sentence template is not a value's name
            return t(key, lang)
    return value


def yes_no(value: object, lang: str = "it") -> object:
    """True/False as «sì»/«no» (missing stays missing)."""
    if isinstance(value, bool) or (hasattr(value, "dtype") and str(getattr(value, "dtype", "")) == "bool"):
        return t("yes" if value else "no", lang)
    return value


def _kind(column: str, series: pd.Series) -> str | None:
    if column.endswith("_eur"):
        return "eur"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "date"
    if column.startswith("share"):
        return "pct"
    if column in ("year", "start_year", "end_year", "rank", "population_year", "stated_year", "list_year"):
        return "year"
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        return "int" if pd.api.types.is_integer_dtype(series) or column.startswith(("n_", "pop")) else "eur2"
    return None


def humanize(
    frame: pd.DataFrame,
    lang: str = "it",
    values: Mapping[str, Callable[[object], object]] | None = None,
    headers: Mapping[str, str] | None = None,
    drop: tuple[str, ...] = (),
    formats: Mapping[str, str] | None = None,
    link_columns: tuple[str, ...] = (),
    register: sources.Register | None = None,
    keep_ids: bool = False,
) -> Display:
    """The table ``frame`` (schema-style column names) as a person reads it.

    ``values`` maps a column to a function giving the words for its values (e.g. a province
    code to its name); ``headers`` overrides headers by column; ``drop`` leaves columns out;
    ``formats`` overrides number formats by column; ``link_columns`` are further columns holding
    one URL each. ``label_it``/``label_en`` (and the other
    it/en pairs) become one column in ``lang``; ``source_urls`` becomes the first source as readers cite it
    (publisher, title, date: :func:`~district_stats.content.text.sources.label`, from ``register``, the
    sources register) plus a link; internal code columns are left out (``keep_ids``: kept, at the end), the
    ISTAT code goes last.
    """
    values, headers, overrides = dict(values or {}), dict(headers or {}), dict(formats or {})
    codes = [] if keep_ids else [c for c in ID_COLUMNS if c != "istat_code"]
    out = frame.drop(columns=[c for c in (*drop, *codes) if c in frame.columns]).copy()
    for stem in _PAIRS:
        keep, other = (f"{stem}_en", f"{stem}_it") if lang == "en" else (f"{stem}_it", f"{stem}_en")
        if keep in out.columns:
            out = out.drop(columns=[c for c in (other,) if c in out.columns]).rename(columns={keep: stem})
    links: list[str] = [c for c in link_columns if c in out.columns]
    if "source_urls" in out.columns:
        cites = [sources.citations(cell, register or {}) for cell in out["source_urls"]]
        pos = list(out.columns).index("source_urls")
        out = out.drop(columns="source_urls")
        out.insert(pos, "source", [_cite_cell(c, lang) for c in cites])
        out.insert(pos + 1, "source_link", [c[0].url if c else None for c in cites])
        links.append("source_link")
    if "province_code" in out.columns and "province_code" not in values:
        values["province_code"] = lambda c: schema.PROVINCES.get(str(c), c)
    for col in out.columns:
        if col in values:
            out[col] = [values[col](v) if _present(v) else v for v in out[col]]
        elif pd.api.types.is_bool_dtype(out[col]):
            out[col] = [yes_no(bool(v), lang) if _present(v) else None for v in out[col]]  # NA: not applicable
        elif col in ENUM_COLUMNS:
            out[col] = [enum_text(col, v, lang) for v in out[col]]
        elif any(isinstance(v, (tuple, list)) for v in out[col]):
            out[col] = [", ".join(map(str, v)) if isinstance(v, (tuple, list)) else v for v in out[col]]
    ids = [c for c in out.columns if c in ID_COLUMNS]
    out = out[[c for c in out.columns if c not in ids] + ids]
    names = {c: headers.get(c) or header(c, lang) for c in out.columns}
    kinds = {names[c]: overrides.get(c) or _kind(c, out[c]) for c in out.columns if c not in values}
    helps = {names[c]: t(f"gl_{TERMS[c]}", lang) for c in out.columns if c in TERMS}
    shown = out.rename(columns=names)
    shown.columns.name = None
    return Display(shown, {h: k for h, k in kinds.items() if k}, tuple(names[c] for c in links), helps)


def _present(value: object) -> bool:
    return not (value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)))


def _cite_cell(cites: list[SourcePage], lang: str) -> str | None:
    if not cites:
        return None
    more = f" (+{len(cites) - 1})" if len(cites) > 1 else ""
    return sources.label(cites[0], lang) + more


def markdown_table(shown: Display, lang: str = "it") -> str:
    """A short table (a few rows) as a Markdown table: every value escaped (:func:`safe_text.md`), numbers in
    ``lang``'s format and right-aligned, an amount that is missing «non trovato», links «apri ↗» (http(s)
    only), code columns left to the download. No grid to load in the browser, nothing to sort.
    """
    frame = shown.frame
    codes = {header(c, lang) for c in ID_COLUMNS}
    cols = [c for c in frame.columns if c not in codes]

    def cell(col: str, value: object) -> str:
        if col in shown.links:
            ok = isinstance(value, str) and re.fullmatch(r"https?://[^\s()<>]+", value)
            return f"[{safe_text.md(t('open_link', lang))}]({value})" if ok else "–"
        return safe_text.md(fmt.cell(value, shown.formats.get(col), lang))

    right = {c for c in cols if shown.formats.get(c) in ("eur", "eur2", "int", "pct")}
    lines = [
        "| " + " | ".join(safe_text.md(c) for c in cols) + " |",
        "|" + "|".join("---:" if c in right else ":---" for c in cols) + "|",
    ]
    lines += [
        "| " + " | ".join(cell(c, v) for c, v in zip(cols, rec)) + " |"
        for rec in frame[cols].itertuples(index=False, name=None)
    ]
    return "\n".join(lines)
