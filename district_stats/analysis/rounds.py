"""Funding rounds of every district at once, and the counts that say how much of a district's money is known.

:func:`district_rounds` says, for one district, what the sources
give for each round it could take part in; here it is run for every district, so the list,
the map, the comparisons and the profiles all read the same answer. A round without an
amount in the sources is *unknown*: it is counted as missing, never as zero.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from district_stats.analysis.money import approximate, countable, summable_lines

#: Confidence levels from the most to the least sure (the weakest row used decides a round's level).
_CONFIDENCE_ORDER = ("high", "medium", "low")
_COLUMNS = (
    "round_id",
    "label_it",
    "label_en",
    "start_year",
    "end_year",
    "district_amounts",
    "status",
    "amount_eur",
    "requested_eur",
    "approximate",
    "grant_ids",
    "source_urls",
)


#: Status of one district in one funding round, as far as the sources say: an allocated amount
#: was found; the district was not financed (a ranking or the press says so); only a requested
#: amount is known; nothing was found (unknown, never zero).
ROUND_STATUS = ("found", "requested", "not_found", "not_financed", "not_eligible")


def rounds_table(districts: pd.DataFrame, grants: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """What the sources say about every district in every round open to it.

    One row per (district, round open to its round of establishment), with the columns and
    statuses documented in :func:`district_rounds`, plus
    ``district_id`` in front and ``confidence``: the weakest confidence of the grant rows
    behind the round's figure (empty when nothing was found). Amounts are EUR; NaN means the
    sources give no amount, never zero. A round closed to districts already funded in an
    earlier round (``closed_to_funded_in``) reads 'not_eligible' for a district whose earlier
    round was found, unless an amount is found for it too.
    """
    rounds = round_lines(lines)
    member_of = {m: r for r, ids in zip(rounds["line_id"], rounds["member_ids"]) for m in ids}
    g = countable(grants)
    g = g[
        g["amount_kind"].isin(["allocated", "requested", "not_financed"])
        & g["line_id"].isin(member_of)
        & g["district_id"].isin(districts["district_id"])  # one district's rounds read only its rows
    ]
    g = g.assign(round_id=g["line_id"].map(member_of))
    by_key = {k: part for k, part in g.groupby(["district_id", "round_id", "amount_kind"])}
    conf = dict(zip(grants["grant_id"], grants["confidence"])) if "confidence" in grants else {}
    open_to = [set(str(c).split(";")) if isinstance(c, str) else set() for c in rounds["eligible_rounds"]]
    closed_col = rounds["closed_to_funded_in"] if "closed_to_funded_in" in rounds else pd.Series("", index=rounds.index)
    closed_if = {
        lid: {x for x in str(c).split(";") if x} if isinstance(c, str) else set()
        for lid, c in zip(rounds["line_id"], closed_col)
    }
    funded = {(did, rid) for (did, rid, kind) in by_key if kind == "allocated"}
    # What each group of rows says, computed once (a loop over every district x round on frames took seconds).
    facts = {
        k: _Facts(
            float(part["amount_eur"].sum()),
            bool(approximate(part).any()),
            tuple(part["grant_id"]),
            tuple(u for cell in part["source_urls"].dropna() for u in str(cell).split(";")),
        )
        for k, part in by_key.items()
    }
    records = rounds.to_dict("records")
    rows = []
    for did, est in zip(districts["district_id"], districts["established_round"]):
        for r, eligible in zip(records, open_to):
            if est not in eligible:
                continue
            alloc = facts.get((did, r["line_id"], "allocated"))
            refused = facts.get((did, r["line_id"], "not_financed"))
            asked = facts.get((did, r["line_id"], "requested"))
            if alloc is not None:
                status, used = "found", [alloc]
            elif any((did, earlier) in funded for earlier in closed_if[r["line_id"]]):
                status, used = "not_eligible", []  # closed to districts funded in an earlier round
            elif refused is not None:  # an outcome the sources state: the project was not financed
                status, used = "not_financed", [refused, asked] if asked is not None else [refused]
            else:
                status, used = ("requested", [asked]) if asked is not None else ("not_found", [])
            ids = tuple(i for f in used for i in f.grant_ids)
            rows.append(
                {
                    "district_id": did,
                    "round_id": r["line_id"],
                    "label_it": r["label_it"],
                    "label_en": r["label_en"],
                    "start_year": r["start_year"],
                    "end_year": r["end_year"],
                    "district_amounts": r["district_amounts"],
                    "status": status,
                    "amount_eur": alloc.amount_eur if alloc is not None else float("nan"),
                    "requested_eur": asked.amount_eur if asked is not None else float("nan"),
                    "approximate": bool(alloc is not None and alloc.approximate),
                    "grant_ids": ids,
                    "source_urls": tuple(dict.fromkeys(u for f in used for u in f.urls if u)),
                    "confidence": _weakest([conf.get(i) for i in ids]),
                }
            )
    return pd.DataFrame(rows, columns=["district_id", *_COLUMNS, "confidence"])


class _Facts(NamedTuple):
    """What one district's rows of one kind in one round say: their sum (EUR), whether a figure is rounded,
    their ids and their sources (in row order)."""

    amount_eur: float
    approximate: bool
    grant_ids: tuple[str, ...]
    urls: tuple[str, ...]


def _weakest(levels: list[object]) -> str:
    known = [lv for lv in levels if lv in _CONFIDENCE_ORDER]
    return max(known, key=_CONFIDENCE_ORDER.index) if known else ""


def round_counts(rounds: pd.DataFrame) -> pd.DataFrame:
    """Per district: how many rounds were open to it and what the sources say about each.

    Index ``district_id``. Columns: ``n_rounds_open``, ``n_rounds_<status>`` for every status
    of :data:`ROUND_STATUS` (and any other status present),
    ``n_rounds_missing`` (open rounds without a found amount), ``n_strategic_open``,
    ``n_strategic_found`` (strategic-project calls only) and ``found_eur`` (EUR, the sum of the
    found rounds; NaN when none was found).
    """
    statuses = list(dict.fromkeys([*ROUND_STATUS, *rounds["status"].unique()]))
    g = rounds.groupby("district_id")
    out = pd.DataFrame({"n_rounds_open": g.size()})
    for s in statuses:
        out[f"n_rounds_{s}"] = (rounds["status"] == s).groupby(rounds["district_id"]).sum()
    # A round the district could not enter is not open to it: neither counted as open nor as missing.
    out["n_rounds_open"] -= out.get("n_rounds_not_eligible", 0)
    out["n_rounds_missing"] = out["n_rounds_open"] - out["n_rounds_found"]
    strategic = rounds["district_amounts"] == "strategic_call"
    out["n_strategic_open"] = (strategic & (rounds["status"] != "not_eligible")).groupby(rounds["district_id"]).sum()
    out["n_strategic_found"] = (strategic & (rounds["status"] == "found")).groupby(rounds["district_id"]).sum()
    found = rounds[rounds["status"] == "found"]
    out["found_eur"] = found.groupby("district_id")["amount_eur"].sum(min_count=1)
    return out.fillna({c: 0 for c in out.columns if c.startswith("n_")}).astype(
        {c: int for c in out.columns if c.startswith("n_")}
    )


def round_lines(lines: pd.DataFrame) -> pd.DataFrame:
    """The funding rounds a district can receive money from, in time order.

    A round is a line whose per-district amounts are summed and whose parent (if any) is not
    itself summed: ``L01-TOT`` (set-up, with its tranches ``L01a``…), ``L02`` (first
    activities), each strategic call, the new-district lines. Columns of ``lines`` plus
    ``member_ids`` (the round's own id and its children's).
    """
    summed = set(summable_lines(lines))
    parent = lines["parent_line_id"].fillna("")
    is_round = lines["line_id"].isin(summed) & ~parent.isin(summed)
    out = lines[is_round].copy()
    children: dict[str, list[str]] = {}
    for lid, par in zip(lines["line_id"], parent, strict=True):  # one pass: a mask per round took most of a page run
        children.setdefault(par, []).append(lid)
    out["member_ids"] = [tuple([lid, *children.get(lid, [])]) for lid in out["line_id"]]
    return out.sort_values(["start_year", "line_id"]).reset_index(drop=True)


def line_names(lines: pd.DataFrame) -> pd.DataFrame:
    """The name readers see for each funding line's per-district amounts: a tranche or call of a round
    (``L01``, ``L01a``… of the set-up round) is named by its round («Contributi di istituzione 2021-22»), so
    the same money has one name in the rounds, the amounts and the tables. Columns: line_id, label_it,
    label_en."""
    rounds = round_lines(lines)
    labels = dict(zip(lines["line_id"], zip(lines["label_it"], lines["label_en"], strict=True), strict=True))
    owner = {m: r for r, ids in zip(rounds["line_id"], rounds["member_ids"]) for m in ids}
    rows = [(lid, *labels[owner.get(lid, lid)]) for lid in lines["line_id"]]
    return pd.DataFrame(rows, columns=["line_id", "label_it", "label_en"])


def round_status_key(status: str) -> str:
    """Text-catalogue key of a round status (``t(round_status_key(s), lang)``).

    Raises:
        ValueError: for a status not in :data:`ROUND_STATUS`.
    """
    if status not in ROUND_STATUS:
        raise ValueError(f"unknown round status {status!r}")
    return f"round_status_{status}"


def district_rounds(
    district_id: str, established_round: str, grants: pd.DataFrame, lines: pd.DataFrame
) -> pd.DataFrame:
    """What the sources say a district received in each round it could take part in.

    One row per round open to districts of ``established_round`` (``eligible_rounds`` of
    ``funding_lines``): ``status`` is 'found' (an allocated amount, summed without
    restatements), 'not_financed' (a grant row of kind ``not_financed`` records that the
    district's project was rejected or not financed in that round), 'requested' (only an
    application amount is known), 'not_eligible' (the round was closed to districts already
    funded in an earlier round, ``closed_to_funded_in``, and this one was) or 'not_found' (no
    amount in the sources: *unknown*, never zero). ``amount_eur`` is NaN unless found;
    ``requested_eur`` is the requested amount when known; ``approximate`` is True when the
    found amount includes a rounded press figure (it reads «circa»). ``grant_ids``/``source_urls``
    are those of the rows behind the status. Columns: round_id, label_it, label_en, start_year,
    end_year, district_amounts, status, amount_eur, requested_eur, approximate, grant_ids,
    source_urls.
    """
    one = pd.DataFrame({"district_id": [district_id], "established_round": [established_round]})
    return rounds_table(one, grants, lines).drop(columns=["district_id", "confidence"])
