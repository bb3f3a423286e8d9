"""The words that travel with a district's facts: member-list status, activity status, money per round.

Every screen that shows a district (the profile, the comune card, the map card, the
presenter drill-down and story) takes its wording from here, so a partial list, an
unconfirmed district or an amount the sources do not give reads the same everywhere.
Pure functions of a district-table row (:func:`district_stats.analysis.stats.district_table`)
and of its rounds (:func:`district_stats.analysis.rounds.rounds_table`); texts come from the
catalogue, enum values through generic keys (``activity_<status>``, ``round_status_<status>``,
``list_basis_<basis>``), so a new value needs only a new text.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from district_stats.content.text import fmt
from district_stats.content.text.i18n import TEXT, t


def about(text: str, approximate: object, lang: str = "it") -> str:
    """«circa 8,3 mln €» when ``approximate`` (a total that includes a figure the source rounded), else ``text``."""
    return t("stated_about", lang, value=text) if bool(approximate) and not pd.isna(approximate) else text


def _known(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NA


def members_text(row: pd.Series, lang: str = "it") -> str:
    """How complete the district's member list is, e.g. «9 di 81 comuni noti», «lista completa: 11 comuni».

    When part of the list rests on a candidacy or a founding act (``list_basis`` other than
    'current', ``n_comuni_historic`` comuni, stated in ``list_year``), it says so and how many
    comuni a current source names: «6+17…» reads «23 di 46 comuni noti secondo la candidatura
    del 2021, di cui 6 in una fonte attuale».
    """
    current = int(row["n_comuni_mapped"])
    historic = int(row.get("n_comuni_historic", 0) or 0)
    named = current + historic
    reported = row.get("n_comuni_reported")
    status = str(row["members_status"])
    if status == "complete":
        text = t("members_complete", lang, n=named)
    elif _known(reported):
        text = t(f"members_{status}", lang, mapped=fmt.num(named, lang), n=int(reported))
    else:
        text = t(f"members_{status}_unknown", lang, n=named)
    basis = row.get("list_basis")
    if historic and _known(basis) and str(basis) not in ("", "current"):
        year = row.get("list_year")
        key = f"list_basis_{basis}" if _known(year) else f"list_basis_{basis}_undated"
        if key in TEXT:
            text += " " + t(key, lang, year=int(year) if _known(year) else "")
        text += ", " + (t("members_current_part", lang, n=current) if current else t("members_current_none", lang))
    if status != "complete" and not _known(reported):
        text += "; " + t("members_total_unknown", lang)
    return text


def members_short(row: pd.Series, lang: str = "it") -> str:
    """The member count for a metric: «11», «9 di 81», «solo il capofila» (comuni named by any list;
    :func:`members_text` says which rest on an old list)."""
    status = str(row["members_status"])
    known = bool(pd.notna(row.get("n_comuni_reported")))
    named = int(row["n_comuni_mapped"]) + int(row.get("n_comuni_historic", 0) or 0)
    key = f"members_short_{status}" + ("" if status == "complete" or known else "_unknown")
    return t(
        key,
        lang,
        n=fmt.num(row["n_comuni_reported"] if known and status != "complete" else named, lang),
        mapped=fmt.num(named, lang),
    )


def activity_text(row: pd.Series, lang: str = "it") -> str:
    """Whether the district is active today as far as the sources say (confirmed, unconfirmed, not renewed)."""
    return t(f"activity_{row['active_status']}", lang)


def status_lines(row: pd.Series, lang: str = "it") -> list[str]:
    """The member-list and activity statuses of a district, in the order every screen shows them."""
    return [members_text(row, lang), activity_text(row, lang)]


def membership_sentence(district: pd.Series, role: str, lang: str = "it") -> str:
    """«Fa parte del distretto «X» (urbano), come capofila.», in the tense the district's status allows."""
    return t(
        f"com_in_{district['active_status']}",
        lang,
        name=str(district["short_name"]),
        kind=t(str(district["district_type"]), lang),
        role=t(role, lang),
    )


# --- money per round ---------------------------------------------------------------------------------


def round_label(r: pd.Series, lang: str = "it") -> str:
    """A round's short name in ``lang`` («Progetti strategici 2022-24»)."""
    return str(r["label_en"] if lang == "en" else r["label_it"])


def round_text(r: pd.Series, lang: str = "it") -> str:
    """What the sources give for one round: the amount, or in words what is known instead
    («importo non trovato (sconosciuto, non zero)», «non finanziato · chiesti 200.000 €»).

    A status other than 'found' reads through its catalogue key ``round_status_<status>``, so a
    new status needs only a new text; a requested amount, when known, follows it.
    """
    if r["status"] == "found":  # «circa 300.000 €» when the source rounded it
        return about(fmt.eur(r["amount_eur"], lang), r.get("approximate", False), lang)
    text = t(f"round_status_{r['status']}", lang)
    requested = r.get("requested_eur")
    if _known(requested):
        text += " · " + t("round_requested", lang, requested=fmt.eur(requested, lang))
    return text


@dataclass(frozen=True)
class MoneyHeadline:
    """A district's regional money as a headline: ``value`` for a metric, ``note`` saying what it covers."""

    value: str
    note: str
    found: bool  # False: nothing found, the value is words, not a number
    n_found: int = 0  # rounds with an amount
    n_open: int = 0  # rounds open to the district
    missing: str = ""  # «Progetti strategici 2023-25: importo non trovato, …» ('' when nothing is missing)
    coverage: str = ""  # «importi trovati per 2 delle 5 tornate aperte al distretto» (the note without the list)


def money_headline(rounds: pd.DataFrame, lang: str = "it") -> MoneyHeadline:
    """The regional money found for a district across the rounds open to it, and what is missing.

    ``rounds`` are the district's rows of :func:`~district_stats.analysis.rounds.rounds_table`.
    Never 0 € for an amount that was not found: with nothing found the value is in words.
    """
    rounds = rounds[rounds["status"] != "not_eligible"]  # closed to the district: neither open nor missing
    n_open = len(rounds)
    found = rounds[rounds["status"] == "found"]
    missing = "; ".join(
        f"{round_label(r, lang)}: {round_text(r, lang)}" for _, r in rounds[rounds["status"] != "found"].iterrows()
    )
    if n_open == 0:
        return MoneyHeadline(
            t("money_value_none", lang), t("money_no_rounds", lang), False, coverage=t("money_no_rounds", lang)
        )
    if found.empty:
        nothing = t("money_nothing", lang, n=n_open)
        return MoneyHeadline(t("money_value_none", lang), nothing, False, 0, n_open, missing, nothing)
    coverage = t("money_rounds", lang, found=len(found), n=n_open)
    note = coverage + (" · " + t("money_missing", lang, rounds=missing) if missing else "")
    approx = bool(found["approximate"].any()) if "approximate" in found else False
    return MoneyHeadline(
        about(fmt.eur_short(found["amount_eur"].sum(), lang), approx, lang),
        note,
        True,
        len(found),
        n_open,
        missing,
        coverage,
    )


def calls_headline(row: pd.Series, lang: str = "it") -> MoneyHeadline:
    """The district's calls for shops found in the sources: how many and for how much, or «nessuno trovato»."""
    n = int(row["n_business_calls"])
    if n == 0 or not _known(row["business_calls_eur"]):
        return MoneyHeadline(t("calls_value_none", lang), t("calls_none", lang), False)
    value = about(fmt.eur_short(row["business_calls_eur"], lang), row.get("business_calls_approximate", False), lang)
    return MoneyHeadline(value, t("calls_note", lang, n=n), True)


def round_rows(rounds: pd.DataFrame, lang: str = "it") -> pd.DataFrame:
    """The rounds of one district as a table to read: round, years, what was found, confidence, sources.

    Columns (schema-style names, given human headers by :mod:`~district_stats.content.text.display`):
    round, status_text, confidence (None when nothing was found), source_urls, round_id.
    """
    return pd.DataFrame(
        {
            "round": [round_label(r, lang) for _, r in rounds.iterrows()],
            "status_text": [round_text(r, lang) for _, r in rounds.iterrows()],
            "confidence": [c or None for c in rounds.get("confidence", pd.Series([""] * len(rounds)))],
            "source_urls": [";".join(u) for u in rounds["source_urls"]],
            "round_id": rounds["round_id"],
        }
    )
