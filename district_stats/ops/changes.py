"""What an update changes, row by row, by name: the district, the comune or the call, the field, old -> new.

A preview that lists keys («G125») makes the official confirm blind; here every added, removed or
changed row is described by what a person recognises: the district's name, the comune or the funding
line, the column that changes with its value before and after. Values are kept raw (as the table
writes them); :mod:`district_stats.ops.preview` puts them in words and numbers for a language.

Also: the districts whose list of comuni changes (:class:`DistrictChange`), drawn before and after
by the preview's maps.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from district_stats.analysis.stats import listed_now
from district_stats.data import schema

ACTIONS = ("added", "removed", "changed", "not_in_act")
#: The column that says what an added or removed row was (its amount, its role...).
SUMMARY = {
    "district_members": "role",
    "grants": "amount_eur",
    "funding_lines": "amount_eur",
    "districts": "members_status",
}


@dataclass(frozen=True)
class RowChange:
    """One row added or removed, or one field of a row changed (``column`` '' for a whole row).

    ``district`` is the district's name ('' for tables without one); ``item`` the comune's name, the
    funding line's id (``item_kind`` 'line'), a cited address ('url') or the row's key ('row');
    ``detail`` (column, value) pairs that tell rows of one district and line apart (a grant's kind and year).
    """

    action: str
    table: str
    key: str
    district_id: str = ""
    district: str = ""
    item: str = ""
    item_kind: str = ""
    column: str = ""
    old: str = ""
    new: str = ""
    detail: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DistrictChange:
    """A district whose comuni change: ISTAT codes on a current list before and after; ``not_in_act`` the
    members an act does not list (kept unless the official removes them)."""

    district_id: str
    name: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    not_in_act: tuple[str, ...] = ()
    comuni: tuple[tuple[str, str], ...] = ()  # (ISTAT code, name) of every comune named before or after

    @property
    def added(self) -> tuple[str, ...]:
        return tuple(c for c in self.after if c not in set(self.before))

    @property
    def removed(self) -> tuple[str, ...]:
        return tuple(c for c in self.before if c not in set(self.after))


def raw(value: object) -> str:
    """A cell as the table writes it: '' for missing, whole floats without '.0', dates as YYYY-MM-DD."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return value.date().isoformat()
    try:
        if pd.isna(value):  # pandas' own missing values (pd.NA in nullable columns)
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def keys_of(frame: pd.DataFrame, spec: schema.TableSpec) -> pd.Series:
    """Each row's key as text (the key columns joined by '/': ``D039/004003``, ``G021``)."""
    cols = [frame[c].astype("str") for c in spec.key]
    out = cols[0]
    for col in cols[1:]:
        out = out + "/" + col
    return out


def _records(frame: pd.DataFrame, spec: schema.TableSpec, keys: Iterable[str]) -> dict[str, dict]:
    wanted = set(keys)
    if not wanted:
        return {}
    k = keys_of(frame, spec)
    part = frame[k.isin(wanted)]
    return dict(zip(k[k.isin(wanted)], part.to_dict("records"), strict=True))


def _where(spec: schema.TableSpec, rec: dict, names: Mapping[str, str]) -> dict:
    """district_id, district, item, item_kind and detail of one row."""
    did = raw(rec.get("district_id")) if "district_id" in rec else ""
    out: dict = {"district_id": did, "district": names.get(did, did) if did else ""}
    if spec.name == "district_members":
        out |= {"item": raw(rec.get("comune_name")), "item_kind": "comune"}
    elif spec.name == "grants":
        out |= {
            "item": raw(rec.get("line_id")),
            "item_kind": "line",
            "detail": (("amount_kind", raw(rec.get("amount_kind"))), ("year", raw(rec.get("year")))),
        }
    elif spec.name == "funding_lines":
        out |= {"item": raw(rec.get("line_id")), "item_kind": "line"}
    elif spec.name == "districts":
        out |= {"district": raw(rec.get("district_name")) or did, "item_kind": "district"}
    elif spec.name == "sources":
        out |= {"item": raw(rec.get("url")), "item_kind": "url"}
    else:
        out |= {"item": "/".join(raw(rec.get(c)) for c in spec.key), "item_kind": "row"}
    return out


def row_changes(
    spec: schema.TableSpec,
    before: pd.DataFrame,
    after: pd.DataFrame,
    added: list[str],
    removed: list[str],
    changed: list[str],
    names: Mapping[str, str],
) -> list[RowChange]:
    """Every added and removed row and every changed field, by name (``names``: district id -> name),
    sorted by district, then comune or line, then key."""
    out: list[RowChange] = []
    summary = SUMMARY.get(spec.name, "")
    old, new = _records(before, spec, [*removed, *changed]), _records(after, spec, [*added, *changed])
    for action, keys, side in (("added", added, new), ("removed", removed, old)):
        for key in keys:
            rec = side[key]
            value = raw(rec.get(summary)) if summary else ""
            out.append(
                RowChange(
                    action,
                    spec.name,
                    key,
                    column=summary,
                    old=value if action == "removed" else "",
                    new=value if action == "added" else "",
                    **_where(spec, rec, names),
                )
            )
    for key in changed:
        where = _where(spec, new[key], names)
        for col in spec.column_names:
            a, b = raw(old[key].get(col)), raw(new[key].get(col))
            if a != b:
                out.append(RowChange("changed", spec.name, key, column=col, old=a, new=b, **where))
    rank = {a: i for i, a in enumerate(ACTIONS)}
    return sorted(
        out, key=lambda c: (c.district == "", c.district.casefold(), c.item.casefold(), c.key, rank[c.action])
    )


def district_changes(
    before: pd.DataFrame,
    after: pd.DataFrame,
    names: Mapping[str, str],
    also: Iterable[str] = (),
    not_in_act: Mapping[str, tuple[str, ...]] | None = None,
) -> list[DistrictChange]:
    """Districts whose comuni on a current list differ between two ``district_members`` tables (and the
    districts in ``also``, e.g. those an act covers), in id order."""

    def listed(frame: pd.DataFrame) -> dict[str, tuple[str, ...]]:
        cur = listed_now(frame)
        return {str(d): tuple(sorted(g["istat_code"].astype("str"))) for d, g in cur.groupby("district_id")}

    a, b = listed(before), listed(after)
    wanted = {d for d in set(a) | set(b) if a.get(d, ()) != b.get(d, ())} | set(also)
    missing = not_in_act or {}
    comune = {
        **dict(zip(before["istat_code"].astype("str"), before["comune_name"].astype("str"), strict=True)),
        **dict(zip(after["istat_code"].astype("str"), after["comune_name"].astype("str"), strict=True)),
    }
    out = []
    for d in sorted(wanted):
        codes = sorted(set(a.get(d, ())) | set(b.get(d, ())))
        out.append(
            DistrictChange(
                d,
                names.get(d, d),
                a.get(d, ()),
                b.get(d, ()),
                tuple(missing.get(d, ())),
                tuple((c, comune.get(c, c)) for c in codes),
            )
        )
    return out
