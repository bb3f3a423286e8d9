"""Everything the pages show, computed once per content of the tables from a :class:`Dataset`.

The app caches one :class:`Views` per data version and every page, chart, embed,
presenter screen and snapshot reads from it, so a number is computed in one place.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from district_stats.analysis import money, rounds, stats
from district_stats.data.loading import Dataset
from district_stats.data.memo import Memo
from district_stats.data.source_rules import SourcePage, register_pages


@dataclass(frozen=True)
class Views:
    """Aggregates derived from one data version (treat every frame as read-only)."""

    ds: Dataset
    coverage: stats.Coverage
    districts: pd.DataFrame  # stats.district_table
    rounds: pd.DataFrame  # rounds.rounds_table: every district x every funding round open to it
    recon: money.Reconstruction
    reserve: money.BusinessReserve
    by_line: pd.DataFrame
    by_year: pd.DataFrame
    traced_share: pd.DataFrame
    traced_province: pd.DataFrame
    traced_type: pd.DataFrame
    calls: pd.DataFrame
    beneficiaries: pd.DataFrame
    flow: pd.DataFrame
    interventions: pd.DataFrame
    paid: pd.DataFrame
    inside_province: pd.DataFrame
    inside_size: pd.DataFrame
    headlines: dict[str, pd.Series]
    sources: Mapping[str, SourcePage]  # the sources register by address: what every source shown is cited from

    @property
    def version(self) -> str:
        return self.ds.version

    def headline(self, figure_id: str) -> pd.Series:
        """One row of headline_figures.

        Raises:
            KeyError: if there is no such figure.
        """
        return self.headlines[figure_id]

    @functools.cached_property
    def _district_rows(self) -> dict[str, pd.Series]:
        # pages ask for one district at a time, dozens of times a run: one pass, not one mask per question
        rows: dict[str, pd.Series] = {}
        for i, did in enumerate(self.districts["district_id"]):
            rows.setdefault(did, self.districts.iloc[i])
        return rows

    @functools.cached_property
    def _rounds_by_district(self) -> dict[str, pd.DataFrame]:
        return {
            str(did): part.reset_index(drop=True)
            for did, part in self.rounds.groupby("district_id", sort=False, observed=True)
        }

    @functools.cached_property
    def line_names(self) -> pd.DataFrame:
        """The name readers see for each funding line (:func:`rounds.line_names`: its round's), computed once."""
        return rounds.line_names(self.ds["funding_lines"])

    def district(self, district_id: str) -> pd.Series | None:
        """The district_table row of one district, or None."""
        return self._district_rows.get(district_id)

    def residents_urls(self) -> tuple[str, ...]:
        """Sources of the residents (ISTAT, and the package that carries its tables here), from the data."""
        row = self.headlines.get("population_2023")
        return () if row is None else tuple(u for u in str(row["source_urls"]).split(";") if u)

    def district_rounds(self, district_id: str) -> pd.DataFrame:
        """The funding rounds open to one district with what the sources say (rounds.rounds_table rows)."""
        part = self._rounds_by_district.get(district_id)
        return self.rounds.iloc[:0].reset_index(drop=True) if part is None else part.copy()

    def comune(self, istat_code: str) -> pd.Series | None:
        """The comuni row of one comune, or None."""
        c = self.ds["comuni"]
        row = c[c["istat_code"] == istat_code]
        return None if row.empty else row.iloc[0]


#: Aggregates by the content of the tables they were computed from (:attr:`Dataset.content`).
_BUILT: Memo[Views] = Memo(4)


def build_views(ds: Dataset) -> Views:
    """Every aggregate of ``ds``: computed once per content of its tables (another folder or data version with the
    same tables gets the same aggregates, with its own ``ds``).

    Raises:
        ValueError: if the funding tables lack what the totals need.
    """
    if not ds.content:
        return _compute(ds)
    return dataclasses.replace(_BUILT.get(ds.content, lambda: _compute(ds)), ds=ds)


def _compute(ds: Dataset) -> Views:
    d, m, c, g = ds["districts"], ds["district_members"], ds["comuni"], ds["grants"]
    lines, heads = ds["funding_lines"], ds["headline_figures"]
    round_frame = rounds.rounds_table(d, g, lines)
    table = stats.district_table(d, m, c, g, ds["district_geo"], ds["contradictions"], lines, round_frame)
    strategic = money.strategic_lines(lines)
    active = stats.active_districts(d)
    return Views(
        ds=ds,
        coverage=stats.coverage(c, m, d),
        districts=table,
        rounds=round_frame,
        recon=money.reconstruction(lines),
        reserve=money.business_reserve(lines, heads),
        by_line=money.by_line(lines),
        by_year=money.by_year(lines),
        traced_share=money.traced_share(g, lines),
        traced_province=money.traced_by(g, active, "province_code", strategic),
        traced_type=money.traced_by(g, active, "district_type", strategic),
        calls=money.traced_calls(g, d),
        beneficiaries=money.beneficiaries(lines, heads),
        flow=money.flow_links(lines, heads),
        interventions=money.interventions_matrix(ds["line_interventions"], lines),
        paid=money.allocated_vs_paid(g).merge(d[["district_id", "short_name"]], on="district_id", how="left"),
        inside_province=stats.inside_outside(c, m, d, "province_code"),
        inside_size=stats.inside_outside(c, m, d, "size_class"),
        headlines={str(r["figure_id"]): r for _, r in heads.iterrows()},
        sources=register_pages(ds["sources"]) if "sources" in ds.tables else {},
    )
