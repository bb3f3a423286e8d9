"""What a reader must never see, for the app and data tiers: a code in a reading view (an internal id, a column
name), a raw value (None, nan, true, a lone ?), a zero for an amount not found, «1» with a plural."""

from __future__ import annotations

import re

from district_stats.content.text.safe_text import visible
from district_stats.data import schema

#: Internal ids of the data: funding lines, amounts, changes, contradictions, districts.
ID = re.compile(r"\b(L\d\d[a-z]?(?:-TOT)?|G\d{3}|M\d{3}|C\d\d|D\d{3})\b")
#: Column names of the tables (what a download has; a page says it in words).
COLUMNS = {c.name for spec in schema.TABLES.values() for c in spec.columns if "_" in c.name} | {
    "restates_grant_id",
    "n_approximate",
    "allocated_eur",
    "strategic_eur",
    "n_comuni_mapped",
    "comparable",
}
#: What a page may show that looks like a code: a command (only when the published files are out of date).
ALLOWED = ("python -m district_stats",)


def plain(text: object) -> str:
    """What a reader sees: link targets, addresses and file names dropped, Markdown escapes removed."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", str(text))
    text = re.sub(r"https?://\S+", "", text)
    text = re.sub(r"\b[\w./-]+\.(csv|geojson|yml|json|zip|xlsx)\b", "", text)
    for allowed in ALLOWED:
        text = text.replace(allowed, "")
    return visible(text)


def codes_in(texts: list[str]) -> list[tuple[str, str]]:
    """(code, where) for every id or column name in ``texts``."""
    found = []
    for text in texts:
        found += [(m.group(0), text[max(0, m.start() - 40) : m.end() + 40]) for m in ID.finditer(text)]
        found += [(w, text[:80]) for w in re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", text) if w in COLUMNS]
    return found


#: Raw values a page must never show (Python's and pandas' empties, booleans, a lone question mark).
RAW = re.compile(r"\b(None|nan|NaN|true|false|True|False)\b|\s\?(\s|$)|/ \?")
#: A column name as a table header (``grant_id``): a page says it in words.
MACHINE = re.compile(r"[a-z0-9]+(_[a-z0-9]+)+")
#: «0 €»: an amount not found is never shown as zero.
ZERO = re.compile(r"(?<![\d.,])0 €|€0(?![\d.,])")
#: «1 distretti»: one thing is singular.
ONE = re.compile(r"(?<![\d.,])\b1 (distretti|comuni|tornate|bandi|districts|rounds|calls)\b")


def reading_problems(text: str, where: str) -> list[str]:
    """What is wrong in one shown text (:data:`RAW`, :data:`ZERO`, :data:`ONE`), each named with ``where``."""
    clean = text.replace("\\", "")
    found = []
    if RAW.search(clean):
        found.append(f"{where}: raw value in {clean[:160]!r}")
    if ZERO.search(clean):
        found.append(f"{where}: zero euro in {clean[:160]!r}")
    if ONE.search(clean):
        found.append(f"{where}: plural after 1 in {clean[:160]!r}")
    return found
