"""Comune names -> ISTAT codes.

Sources spell comuni in many ways ("Castagnole Lanze", "Sant’Ambrogio", "Tronzano").
A name is matched, in order, by: exact official name; an alias from
``data/comune_name_map.csv``; a normalised form of the official name (case, accents,
apostrophes, hyphens and spacing ignored). A normalised form shared by two comuni is
ambiguous and never matched silently.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@functools.lru_cache(maxsize=16_384)  # every table's validation normalises the 1,180 official names again
def normalise_name(name: str) -> str:
    """Lower-case, accent-free, apostrophe/hyphen-insensitive form of a comune name.

    >>> normalise_name("Sant’Ambrogio di Torino") == normalise_name("sant ambrogio di torino")
    True
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower()
    for ch in "’‘`´'-.,/":
        text = text.replace(ch, " ")
    return " ".join(text.split())


@dataclass(frozen=True)
class Match:
    """Result of matching one name: ``status`` is exact, alias, normalised, ambiguous or unmatched."""

    name: str
    istat_code: str | None
    status: str
    candidates: tuple[str, ...] = ()


class Harmonizer:
    """Match comune names against the official list plus an alias table.

    Args:
        official: istat_code -> official ISTAT name (the comuni of Piemonte).
        aliases: alias as written in sources -> istat_code.
    """

    def __init__(self, official: Mapping[str, str], aliases: Mapping[str, str] | None = None) -> None:
        self.official = dict(official)
        self._by_name = {name: code for code, name in self.official.items()}
        self.aliases = dict(aliases or {})
        self._by_norm: dict[str, list[str]] = defaultdict(list)
        for code, name in self.official.items():
            self._by_norm[normalise_name(name)].append(code)
        self.used_aliases: set[str] = set()

    def match(self, name: str) -> Match:
        """Match one name; never raises."""
        clean = " ".join(name.replace("’", "'").split())
        if clean in self._by_name:
            return Match(name, self._by_name[clean], "exact")
        if clean in self.aliases:
            self.used_aliases.add(clean)
            return Match(name, self.aliases[clean], "alias")
        codes = self._by_norm.get(normalise_name(clean), [])
        if len(codes) == 1:
            return Match(name, codes[0], "normalised")
        if len(codes) > 1:
            return Match(name, None, "ambiguous", tuple(sorted(codes)))
        return Match(name, None, "unmatched")

    def match_all(self, names: Iterable[str]) -> list[Match]:
        """Match several names (order kept)."""
        return [self.match(n) for n in names]

    def unused_aliases(self) -> list[str]:
        """Aliases never used by :meth:`match` since this object was created."""
        return sorted(set(self.aliases) - self.used_aliases)

    def ambiguous_names(self) -> dict[str, list[str]]:
        """Normalised names shared by more than one official comune."""
        return {k: v for k, v in self._by_norm.items() if len(v) > 1}
