"""What counts as a code in a reading view (an internal id, a column name), for the app and data tiers."""

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
