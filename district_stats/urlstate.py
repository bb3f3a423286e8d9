"""URL state: which query parameters each view understands, how they are checked and written.

Pure functions, so every hostile case (unknown ids, very long values, HTML/JS,
repeated keys) is unit-tested without a browser. A value is accepted only if it is
one of a known set (or matches a strict pattern); anything else falls back to the
default and yields a notice naming the parameter. Only values different from the
default are written back, with short Italian keys.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

MAX_VALUE_LEN = 240  # longer values are refused outright (the longest is the list of open tables, ``tabelle``)


def clean_value(value: object) -> str:
    """A URL value as it is looked up: invisible and format characters removed (Unicode category Cf:
    zero-width spaces and joiners U+200B-U+200D, marks U+200E/U+200F, bidirectional embeddings and
    overrides U+202A-U+202E and isolates U+2066-U+2069, U+2060-U+2064, the BOM U+FEFF, the soft
    hyphen U+00AD...), then the whitespace around it.

    A link copied from a document or a chat often carries such characters around an id; they are not
    part of it, and a reader cannot see them, so ``?c=\u202e004003\u200b`` opens comune 004003.
    """
    return "".join(ch for ch in str(value) if unicodedata.category(ch) != "Cf").strip()


@dataclass(frozen=True)
class Param:
    """One URL parameter: its default and a check that returns the clean value or None."""

    key: str
    default: str
    check: Callable[[str], str | None]


def one_of(options: Iterable[str]) -> Callable[[str], str | None]:
    """Accept exactly one of ``options`` (case-sensitive)."""
    allowed = frozenset(options)
    return lambda v: v if v in allowed else None


def pattern(regex: str) -> Callable[[str], str | None]:
    """Accept values that fully match ``regex``."""
    rx = re.compile(regex)
    return lambda v: v if rx.fullmatch(v) else None


def int_range(lo: int, hi: int) -> Callable[[str], str | None]:
    """Accept an integer between ``lo`` and ``hi`` (inclusive), written without sign or leading zeros."""

    def check(v: str) -> str | None:
        # ASCII digits only: str.isdigit() also accepts '２' or '²'.
        return v if re.fullmatch(r"0|[1-9][0-9]{0,8}", v) and lo <= int(v) <= hi else None

    return check


def istat_code(known: Iterable[str]) -> Callable[[str], str | None]:
    """Accept an ISTAT code of a known comune; '1272' is read as '001272'."""
    codes = frozenset(known)

    def check(v: str) -> str | None:
        if not re.fullmatch(r"[0-9]{1,6}", v):
            return None
        code = v.zfill(6)
        return code if code in codes else None

    return check


@dataclass(frozen=True)
class Notice:
    """A parameter that was ignored: ``reason`` is 'invalid', 'too_long' or 'repeated'."""

    key: str
    value: str
    reason: str


def parse(raw: Mapping[str, str | list[str]], params: Iterable[Param]) -> tuple[dict[str, str], list[Notice]]:
    """Read the parameters a view knows from ``raw`` query params.

    Returns (values for every param, defaults filled in; notices). Repeated keys use
    the first value and yield a 'repeated' notice. Unknown keys are ignored silently
    (other views or Streamlit itself may use them). Keys and values are read through
    :func:`clean_value`.
    """
    raw = clean_params(raw)
    values: dict[str, str] = {}
    notices: list[Notice] = []
    for p in params:
        got = raw.get(p.key)
        if got is None:
            values[p.key] = p.default
            continue
        items = [got] if isinstance(got, str) else list(got)
        if not items:
            values[p.key] = p.default
            continue
        if len(items) > 1:
            notices.append(Notice(p.key, "", "repeated"))
        value = items[0]
        if len(value) > MAX_VALUE_LEN:
            notices.append(Notice(p.key, value[:20] + "…", "too_long"))
            values[p.key] = p.default
            continue
        clean = p.check(value) if value != "" else (p.default if p.default == "" else None)
        if clean is None:
            notices.append(Notice(p.key, value, "invalid"))
            values[p.key] = p.default
        else:
            values[p.key] = clean
    return values, notices


def clean_params(raw: Mapping[str, str | list[str]]) -> dict[str, list[str]]:
    """Every key and value through :func:`clean_value`; values of keys that become equal are joined."""
    out: dict[str, list[str]] = {}
    for key, got in raw.items():
        items = [got] if isinstance(got, str) else list(got)
        out.setdefault(clean_value(key), []).extend(clean_value(v) for v in items)
    return out


def encode(values: Mapping[str, str], params: Iterable[Param]) -> dict[str, str]:
    """Only the values that differ from their default, in the params' order."""
    out: dict[str, str] = {}
    for p in params:
        v = values.get(p.key, p.default)
        if v is not None and v != p.default:
            out[p.key] = v
    return out
