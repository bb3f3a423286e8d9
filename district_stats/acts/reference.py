"""What an act is read against: the comuni of Piemonte, their known variants, the districts, the calls,
and the official's own answers for names the act prints differently (a mapping ``nome;codice``).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from district_stats.acts.matching import key
from district_stats.data.harmonize import normalise_name
from district_stats.data.loading import load_dataset
from district_stats.data.problems import Problem, problem
from district_stats.paths import DATA_DIR


@dataclass(frozen=True)
class Reference:
    """The tables an act is matched against (frames as loaded by :mod:`district_stats.data.loading`).

    ``comuni``: istat_code, comune_name, province_code; ``aliases``: alias -> istat_code;
    ``districts``: district_id, district_name, short_name, capofila_ente, capofila_istat_code;
    ``funding_lines``: line_id, act, act_date, line_kind.
    """

    comuni: pd.DataFrame
    aliases: dict[str, str]
    districts: pd.DataFrame
    funding_lines: pd.DataFrame

    @classmethod
    def from_tables(cls, tables: dict[str, pd.DataFrame]) -> Reference:
        """From a loaded dataset's tables (``Dataset.tables``)."""
        names = tables.get("comune_name_map")
        aliases = dict(zip(names["alias"], names["istat_code"], strict=True)) if names is not None else {}
        return cls(tables["comuni"], aliases, tables["districts"], tables["funding_lines"])

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Reference:
        """From the data folder (the committed ``data/`` by default)."""
        return cls.from_tables(load_dataset(data_dir or DATA_DIR).tables)


def read_mapping(
    source: dict[str, str] | bytes | str | Path | None, filename: str = "corrispondenze.csv"
) -> tuple[dict[str, str], list[Problem]]:
    """The official's answers for unresolved names: printed name -> ISTAT code or district id.

    ``source`` is a dict, the bytes or text of a small CSV (``nome;codice`` per line, ``;`` or ``,``,
    a header line allowed), or a path to one. Codes: a comune's ISTAT code (6 digits; fewer are
    padded: ``4222`` -> ``004222``), a district id (``D039``), or ``-`` for a name to leave out (a
    union among the members, a district not yet in the table: the reading lists it as skipped). Names are compared normalised
    (case, accents, apostrophes ignored). Returns (mapping, problems); a bad line is a problem
    naming it, never skipped silently.
    """
    if source is None:
        return {}, []
    if isinstance(source, dict):
        pairs = [(str(k), str(v), 0) for k, v in source.items()]
    else:
        if isinstance(source, Path):
            filename = source.name
            try:
                source = source.read_bytes()
            except OSError as exc:
                return {}, [problem("act_mapping_unreadable", filename, detail=exc.strerror or str(exc))]
        pairs = _mapping_lines(_decode(source) if isinstance(source, bytes) else source)
    out: dict[str, str] = {}
    probs: list[Problem] = []
    for name, code, line in pairs:
        clean = _code(code)
        if clean is None or not key(name):
            probs.append(problem("act_mapping_bad", filename, line=line, value=f"{name};{code}"))
        else:
            out[key(name)] = clean
    return out, probs


def _mapping_lines(text: str) -> list[tuple[str, str, int]]:
    """(name, code, line number) of each non-empty line of a mapping file; a line without exactly two
    fields comes back with an empty code (reported as bad by the caller); a header line is skipped."""
    pairs = []
    for n, fields in enumerate(csv.reader(io.StringIO(text), delimiter=";" if ";" in text else ","), start=1):
        if not [f for f in fields if f.strip()]:
            continue
        if len(fields) != 2:
            pairs.append((";".join(fields), "", n))
            continue
        if n == 1 and normalise_name(fields[1]) in ("codice", "code", "istat", "codice istat"):
            continue
        pairs.append((fields[0], fields[1], n))
    return pairs


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252: what Excel writes for «CSV» on an Italian Windows."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _code(text: str) -> str | None:
    t = text.strip().upper()
    if t in ("-", "—", "–"):
        return "-"
    if re.fullmatch(r"D\d{3}", t):
        return t
    if re.fullmatch(r"\d{1,6}", t):
        return t.zfill(6)
    return None
