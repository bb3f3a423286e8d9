"""Names printed in an act -> ISTAT codes and district ids, never guessed.

Comuni go through the project's harmonisation (:class:`district_stats.data.harmonize.Harmonizer`:
official name, the aliases of ``data/comune_name_map.csv``, case/accents/apostrophes/hyphens
ignored), then abbreviations («S. Albano Stura» -> «Sant'Albano Stura») and the province when the
act prints one (homonyms). Districts are matched by name, short name or capofila, with the
generic words of their names left out («Distretto Urbano del Commercio di Bra» -> «bra»).
A name that matches nothing, or more than one, is *unresolved*: it comes back with its closest
suggestions (rapidfuzz) and a score, and the official's mapping (``nome;codice``) settles it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz, process

from district_stats.acts.model import Suggestion
from district_stats.data.harmonize import Harmonizer, normalise_name
from district_stats.data.schema.base import PROVINCES

#: Words that every district name shares: left out when names are compared.
GENERIC = frozenset(
    (
        "distretto",
        "distretti",
        "urbano",
        "urbani",
        "diffuso",
        "diffusi",
        "commercio",
        "commerciale",
        "del",
        "della",
        "delle",
        "dei",
        "degli",
        "dell",
        "di",
        "d",
        "e",
        "il",
        "la",
        "le",
        "lo",
        "l",
        "duc",
        "ddc",
        "comune",
        "citta",
        "unione",
        "montana",
        "comuni",
        "dc",
        "and",
        "turistico",
    )
)
_ABBREV = {"s": ("san", "santa", "santo", "sant"), "s ta": ("santa",), "s to": ("santo",), "s m": ("santa maria",)}
_QUOTES = re.compile(r"[«»\"“”„()\[\]]")
_PROVINCE_SUFFIX = re.compile(r"\s*\(\s*([A-Za-z]{2})\s*\)\s*$")
MIN_SCORE = 55.0


def _score(a: str, b: str, **_: object) -> float:
    # token_set rewards a name printed short («Sommariva Bosco»), ratio breaks the ties it leaves
    return (fuzz.token_set_ratio(a, b) + fuzz.ratio(a, b)) / 2


def key(text: str) -> str:
    """A name as compared: :func:`normalise_name` without quotes or brackets («"Porta della Langa"»)."""
    return normalise_name(_QUOTES.sub(" ", text))


def core(text: str) -> str:
    """A district's distinctive words: «Distretto Diffuso del Commercio Alba-Bra» -> «alba bra»."""
    return " ".join(w for w in key(text).split() if w not in GENERIC)


def split_province(name: str) -> tuple[str, str]:
    """«Alba (CN)» -> («Alba», «CN»); a name without a province suffix -> (name, '')."""
    m = _PROVINCE_SUFFIX.search(name)
    if m and m.group(1).upper() in _PROVINCES:
        return name[: m.start()].strip(), m.group(1).upper()
    return name.strip(), ""


_PROVINCES = tuple(PROVINCES)
#: The official's answer for a name that is not a comune or district of the table (a union among the
#: members, a district not yet in districts.csv): leave it out, and say so.
SKIP = "-"


def province_code(text: str) -> str:
    """«CN», «(CN)», «Cuneo», «Verbano-Cusio-Ossola» -> the province code; '' when it is none of Piemonte's."""
    t = text.strip().strip("()").strip()
    if t.upper() in PROVINCES:
        return t.upper()
    by_name = {normalise_name(name): code for code, name in PROVINCES.items()}
    return by_name.get(normalise_name(t), "")


@dataclass(frozen=True)
class ComuneMatch:
    """``istat_code`` when resolved, else None with ``suggestions``; ``how`` says which rule matched."""

    istat_code: str | None
    how: str
    suggestions: tuple[Suggestion, ...] = ()


class ComuneMatcher:
    """Comune names -> ISTAT codes (see the module docstring).

    Args:
        comuni: frame with istat_code, comune_name, province_code (the comuni of Piemonte).
        aliases: alias -> istat_code (``data/comune_name_map.csv``).
        mapping: the official's own answers, normalised name -> istat_code (first, always wins).
    """

    def __init__(self, comuni: pd.DataFrame, aliases: dict[str, str], mapping: dict[str, str] | None = None) -> None:
        self.names = dict(zip(comuni["istat_code"], comuni["comune_name"], strict=True))
        self.province = dict(zip(comuni["istat_code"], comuni["province_code"], strict=True))
        self.harmonizer = Harmonizer(self.names, aliases)
        self.mapping = mapping or {}
        self._choices = {code: normalise_name(name) for code, name in self.names.items()}
        self._by_norm: dict[str, list[str]] = {}
        for code, norm in self._choices.items():
            self._by_norm.setdefault(norm, []).append(code)
        self._aliases = {normalise_name(a): c for a, c in aliases.items()}

    def match(self, name: str, province: str = "") -> ComuneMatch:
        """Match one printed name (with the province the act gives, if any). Never raises."""
        if key(name) in self.mapping:
            return ComuneMatch(self.mapping[key(name)], "mapping")
        candidates = self._candidates(name)
        if province:
            in_prov = [c for c in candidates if self.province.get(c) == province]
            if candidates and not in_prov:  # the act's province says another comune: ask, do not pick
                return ComuneMatch(None, "province", self.suggest(name, province, first=candidates))
            candidates = in_prov
        if len(candidates) == 1:
            return ComuneMatch(candidates[0], "name")
        return ComuneMatch(
            None, "ambiguous" if candidates else "unmatched", self.suggest(name, province, first=candidates)
        )

    def _candidates(self, name: str) -> list[str]:
        norm = normalise_name(name)
        if len(self._by_norm.get(norm, [])) > 1:
            return sorted(self._by_norm[norm])  # homonyms: the province must settle it
        m = self.harmonizer.match(name)
        if m.istat_code:
            return [m.istat_code]
        if m.candidates:
            return list(m.candidates)
        if norm in self._aliases:
            return [self._aliases[norm]]
        words = norm.split()
        for n_words in (2, 1):
            head = " ".join(words[:n_words])
            if head in _ABBREV and len(words) > n_words:
                found = {
                    self.harmonizer.match(f"{full} {' '.join(words[n_words:])}").istat_code for full in _ABBREV[head]
                } - {None}
                if found:
                    return sorted(found)  # type: ignore[arg-type]
        return []

    def suggest(
        self, name: str, province: str = "", first: list[str] | None = None, limit: int = 3
    ) -> tuple[Suggestion, ...]:
        """Up to ``limit`` closest comuni (those in ``province`` first), each with a 0-100 score."""
        key = normalise_name(name)
        pool = {c: n for c, n in self._choices.items() if not province or self.province[c] == province}
        found = process.extract(key, pool or self._choices, scorer=_score, limit=limit + len(first or []))
        scored = {code: float(score) for _, score, code in found if score >= MIN_SCORE}
        for code in first or []:
            scored[code] = max(scored.get(code, 0.0), _score(key, self._choices[code]))
        best = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return tuple(
            Suggestion(code, f"{self.names[code]} ({self.province[code]})", round(score)) for code, score in best
        )


class DistrictMatcher:
    """District names (or capofila names) -> district ids.

    Each district is known by its name, the parts of it in brackets, its short name and its
    capofila; a printed name matches when its normalised form, or its distinctive words
    (:func:`core`), equal one of those of exactly one district.
    """

    def __init__(self, districts: pd.DataFrame, mapping: dict[str, str] | None = None) -> None:
        self.mapping = mapping or {}
        self.labels = dict(zip(districts["district_id"], districts["short_name"], strict=True))
        self._full: dict[str, set[str]] = {}
        self._core: dict[str, set[str]] = {}
        self._capofila: dict[str, set[str]] = {}
        self._choices: dict[tuple[str, int], str] = {}
        for row in districts.itertuples(index=False):
            did = str(row.district_id)
            names = [str(row.district_name), str(row.short_name), *_bracketed(str(row.district_name))]
            for k, text in enumerate(names):
                self._full.setdefault(key(text), set()).add(did)
                if core(text):
                    self._core.setdefault(core(text), set()).add(did)
                self._choices[(did, k)] = core(text) or key(text)
            for text in _capofila_names(str(row.capofila_ente)):
                self._capofila.setdefault(core(text) or key(text), set()).add(did)

    def match(self, name: str, capofila: str = "") -> tuple[str | None, str, tuple[Suggestion, ...]]:
        """(district_id or None, how, suggestions) for a printed district name and/or its capofila.

        In order: the official's mapping; the full name; its distinctive words against each district's
        names; its distinctive words against the capofila («Distretto del Commercio di Alba» -> the
        district whose capofila is Alba). Only a printed capofila *without* a district name is matched
        by the capofila column: when both are printed and the name matches nothing, the name is asked for.
        """
        printed = key(name)
        cap = re.sub(r"^\s*comune\s+di\s+", "", capofila, flags=re.IGNORECASE)
        for text in (name, cap):
            if key(text) in self.mapping:
                return self.mapping[key(text)], "mapping", ()
        rules: tuple[tuple[set[str] | None, str], ...]
        if printed:
            rules = (
                (self._full.get(printed), "name"),
                (self._core.get(core(name)), "name"),
                (self._capofila.get(core(name)), "capofila"),
            )
        else:
            rules = ((self._capofila.get(core(cap) or key(cap)), "capofila"),)
        for found, how in rules:
            if found and len(found) == 1:
                return next(iter(found)), how, ()
            if found:
                return None, "ambiguous", self.suggest(name or cap, first=sorted(found))
        return None, "unmatched", self.suggest(name or cap)

    def suggest(self, name: str, limit: int = 3, first: list[str] | None = None) -> tuple[Suggestion, ...]:
        """Up to ``limit`` closest districts with a 0-100 score (best label of each district); the
        districts in ``first`` (those an ambiguous name fits) always among them."""
        query = core(name) or key(name)
        found = process.extract(query, self._choices, scorer=_score, limit=limit * 6)
        best = {did: max(_score(query, c) for (d, _), c in self._choices.items() if d == did) for did in first or []}
        for _, score, (did, _) in found:
            if score >= MIN_SCORE:
                best[did] = max(best.get(did, 0.0), float(score))
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return tuple(Suggestion(did, f"{did} {self.labels[did]}", round(score)) for did, score in ranked)


def _bracketed(name: str) -> list[str]:
    """«Vivi Rivarolo (Distretto Urbano … Canavese)» -> ['Vivi Rivarolo', 'Distretto Urbano … Canavese']."""
    inner = re.findall(r"\(([^()]*)\)", name)
    outer = re.sub(r"\([^()]*\)", " ", name)
    return [p.strip(' "“”') for p in [outer, *inner] if p.strip()]


def _capofila_names(text: str) -> list[str]:
    """Capofila as written, without dates in brackets; «non indicato dalle fonti» is no name."""
    out = []
    for part in text.split(";"):
        clean = re.sub(r"\([^()]*\)", " ", part).strip()
        if clean and "non indicato" not in clean.lower():
            out.append(clean)
    return out
