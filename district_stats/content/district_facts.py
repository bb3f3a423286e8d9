"""A district's facts as every screen shows them: the map page's card, the profile, the comune card, the
presenter's story screen and drill-down.

:func:`district_facts` gathers, for one district and language, its badges, the status of its comuni list
and of its listing, its member count, its regional money round by round and its calls for shops, each
with the sources behind it, all worded through :mod:`district_stats.content.text.wording`. Texts are
plain (the app escapes them); nothing is left for a screen to compute.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from district_stats.content import style
from district_stats.content.text import fmt, wording
from district_stats.content.text.i18n import t

#: Confidence levels a listing badge is shown for.
_LEVELS = ("high", "medium", "low")


@dataclass(frozen=True)
class Badge:
    """A short label with its colour (a Streamlit badge colour, see :data:`~.style.BADGE_COLORS`)."""

    text: str
    color: str


@dataclass(frozen=True)
class RoundLine:
    """One funding round open to a district: its name, what was found (or what is missing), its sources."""

    label: str
    text: str
    source_urls: tuple[str, ...]


@dataclass(frozen=True)
class DistrictFacts:
    """One district's facts, worded for one language (plain text).

    ``badges``: type, list status and activity; ``status_lines``: the list status and the activity in
    words; ``listing``: the confidence of the listing (None when unknown); ``rounds``: the district's rows
    of the rounds table (for a table of them); ``listing_urls``: the sources of the listing and status.
    """

    district_id: str
    short_name: str
    name: str
    capofila: str
    capofila_short: str
    population: str
    badges: tuple[Badge, ...]
    status_lines: tuple[str, ...]
    listing: Badge | None
    members_short: str
    members_text: str
    money: wording.MoneyHeadline
    calls: wording.MoneyHeadline
    round_lines: tuple[RoundLine, ...]
    rounds: pd.DataFrame
    listing_urls: tuple[str, ...]
    complete: bool

    def projector_badges(self) -> tuple[Badge, ...]:
        """The badges in the presenter's one colour (:data:`~.style.PRESENTER_BADGE`)."""
        return tuple(Badge(b.text, style.PRESENTER_BADGE) for b in self.badges)


def badges(row: pd.Series, lang: str = "it") -> tuple[Badge, ...]:
    """Type, list status and activity of a district-table row as badges."""
    return tuple(
        Badge(t(str(row[col]), lang), style.badge_color(col, row[col]))
        for col in ("district_type", "members_status", "active_status")
    )


def listing_badge(row: pd.Series, lang: str = "it") -> Badge | None:
    """The confidence of the district's listing and status (it describes those facts, not the money)."""
    level = str(row["confidence"])
    if level not in _LEVELS:
        return None
    return Badge(t("badge_listing", lang, level=t(f"conf_{level}", lang)), style.badge_color("confidence", level))


def round_lines(rounds: pd.DataFrame, lang: str = "it") -> tuple[RoundLine, ...]:
    """One line per round open to the district (rows of the rounds table): name, amount or what is missing."""
    return tuple(
        RoundLine(wording.round_label(r, lang), wording.round_text(r, lang), tuple(r["source_urls"] or ()))
        for _, r in rounds.iterrows()
    )


def split_urls(cell: object) -> tuple[str, ...]:
    """The URLs of a ';'-separated cell, in order ('' and missing cells give none)."""
    return tuple(u for u in str(cell).split(";") if u) if pd.notna(cell) else ()


def facts_of(row: pd.Series, rounds: pd.DataFrame, lang: str = "it") -> DistrictFacts:
    """The facts of a district-table ``row`` with its ``rounds`` (rows of the rounds table)."""
    return DistrictFacts(
        district_id=str(row["district_id"]),
        short_name=str(row["short_name"]),
        name=str(row["district_name"]),
        capofila=str(row["capofila_ente"]),
        capofila_short=str(row["capofila_ente"]).split(" (")[0],
        population=fmt.num(row["population"], lang),
        badges=badges(row, lang),
        status_lines=tuple(wording.status_lines(row, lang)),
        listing=listing_badge(row, lang),
        members_short=wording.members_short(row, lang),
        members_text=wording.members_text(row, lang),
        money=wording.money_headline(rounds, lang),
        calls=wording.calls_headline(row, lang),
        round_lines=round_lines(rounds, lang),
        rounds=rounds,
        listing_urls=tuple(str(row["source_urls"]).split(";")),
        complete=row["members_status"] == "complete",
    )
