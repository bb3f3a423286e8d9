"""One count per concept: what the map draws, which member lists are incomplete, how much of the strategic
calls the per-district amounts account for.

Every page, the presenter, the embeds and the map's legend count with these functions, so «91 distretti
disegnati» beside a legend of 45 + 38 + 7 + 1 and «24 liste incomplete» on the overview and on /dati are
the same numbers by construction (a data test compares what each place shows). Coverage of the comuni is
:func:`district_stats.analysis.stats.coverage`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


def is_drawn(table: pd.DataFrame) -> pd.Series:
    """Districts of the district table the region map draws: those with a label point, i.e. at least one
    comune on a current list (a district that did not renew included, in grey)."""
    return table["label_lon"].notna()


def is_active(table: pd.DataFrame) -> pd.Series:
    """Districts not reported as not renewed (listed today, confirmed or not)."""
    return table["active_status"] != "not_renewed"


def is_incomplete(table: pd.DataFrame) -> pd.Series:
    """Districts whose member list is incomplete today: partial, the capofila only, or complete only as a
    candidacy or founding list (comuni named only there are not drawn nor counted). The map's thick outline."""
    historic = table["n_comuni_historic"] if "n_comuni_historic" in table else pd.Series(0, index=table.index)
    return (table["members_status"] != "complete") | (historic.fillna(0) > 0)


@dataclass(frozen=True)
class MapCounts:
    """What a region map of the district-table rows draws (see :func:`map_counts`)."""

    n_drawn: int  # districts drawn
    n_drawn_active: int  # of which active
    n_drawn_not_renewed: int  # of which not renewed (grey)
    n_drawn_incomplete: int  # of which with a thick outline (incomplete list)
    n_active: int  # active districts in the rows, drawn or not
    n_comuni: int  # comuni drawn in active districts (each comune is in one district)

    @property
    def n_active_not_drawn(self) -> int:
        """Active districts without a comune on a current list: in the data, not on the map."""
        return self.n_active - self.n_drawn_active


def map_counts(table: pd.DataFrame) -> MapCounts:
    """The counts of the map of ``table`` (the district table, or the rows a filter leaves)."""
    drawn, active = is_drawn(table), is_active(table)
    return MapCounts(
        n_drawn=int(drawn.sum()),
        n_drawn_active=int((drawn & active).sum()),
        n_drawn_not_renewed=int((drawn & ~active).sum()),
        n_drawn_incomplete=int((drawn & is_incomplete(table)).sum()),
        n_active=int(active.sum()),
        n_comuni=int(table.loc[active, "n_comuni_mapped"].sum()),
    )


@dataclass(frozen=True)
class Traced:
    """How much of the strategic calls the per-district amounts found account for (EUR); ``approximate``: the
    traced sum includes a rounded press figure, so it and its share read «circa»."""

    traced_eur: float
    total_eur: float
    approximate: bool

    @property
    def share(self) -> float:
        """traced / total (NaN without a total)."""
        return self.traced_eur / self.total_eur if self.total_eur else float("nan")


def traced_total(traced_share: pd.DataFrame) -> Traced:
    """The three strategic calls together, from :func:`district_stats.analysis.money.traced_share`."""
    approx = traced_share["n_approximate"].sum() > 0 if "n_approximate" in traced_share else False
    return Traced(float(traced_share["traced_eur"].sum()), float(traced_share["line_total_eur"].sum()), bool(approx))
