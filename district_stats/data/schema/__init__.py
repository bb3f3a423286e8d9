"""Column dictionary: every table of ``data/`` declared once.

The loaders (:mod:`district_stats.data.loading`), the validation CLI, the update flow, the
README's column dictionary and the data tests all read these declarations, so a
column is described, typed and constrained in exactly one place. Building blocks are
in :mod:`.base`; the tables are declared by group in :mod:`.district_tables` (districts and comuni),
:mod:`.money_tables` (lines, grants, announced figures, interventions) and :mod:`.record_tables` (timeline,
contradictions, known gaps, changelog); the sources register is in :mod:`.register`.
"""

from __future__ import annotations

from district_stats.data.schema.base import *  # noqa: F403 - the public vocabulary of the schema
from district_stats.data.schema.base import Column, TableSpec
from district_stats.data.schema.district_tables import (
    COMUNE_NAME_MAP,
    COMUNI,
    DISTRICT_GEO,
    DISTRICT_MEMBERS,
    DISTRICTS,
)
from district_stats.data.schema.money_tables import FUNDING_LINES, GRANTS, HEADLINE_FIGURES, INTERVENTIONS_TABLE
from district_stats.data.schema.record_tables import CHANGELOG, CONTRADICTIONS, KNOWN_GAPS, TIMELINE
from district_stats.data.schema.register import SOURCES

#: Curated tables that officials may replace through the update flow, in load order.
CURATED: tuple[TableSpec, ...] = (
    DISTRICTS,
    DISTRICT_MEMBERS,
    FUNDING_LINES,
    GRANTS,
    HEADLINE_FIGURES,
    TIMELINE,
    CONTRADICTIONS,
    INTERVENTIONS_TABLE,
    COMUNE_NAME_MAP,
    KNOWN_GAPS,
    SOURCES,
    CHANGELOG,
)
DERIVED: tuple[TableSpec, ...] = (COMUNI, DISTRICT_GEO)
TABLES: dict[str, TableSpec] = {t.name: t for t in CURATED + DERIVED}


__all__ = ["Column", "TableSpec", "CURATED", "DERIVED", "TABLES", "get_table", "guess_table"]


def get_table(name: str) -> TableSpec:
    """Return the spec of table ``name``.

    Raises:
        KeyError: if no table has that name.
    """
    return TABLES[name]


def guess_table(filename: str, header: list[str]) -> TableSpec | None:
    """Guess which curated table a candidate file is meant to replace.

    By file stem first (``districts.csv`` -> districts), then by the best overlap of
    column names (at least half of the spec's columns). Returns None if nothing fits.
    """
    stem = filename.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()
    for spec in CURATED:
        if stem == spec.name or stem.startswith(spec.name + "_") or stem.startswith(spec.name + "-"):
            return spec
    cols = {h.strip().lower() for h in header}
    best, best_score = None, 0.0
    for spec in CURATED:
        score = len(cols & set(spec.column_names)) / len(spec.columns)
        if score > best_score:
            best, best_score = spec, score
    return best if best_score >= 0.5 else None
