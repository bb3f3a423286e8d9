"""Read a CSV or XLSX file into raw text cells, refusing what cannot be read safely.

Nothing here interprets values: :mod:`district_stats.validation` does that against a
:class:`~district_stats.data.schema.TableSpec`. This module only answers "can these bytes be
read as a table, and how?" (encoding, separator, number style), and reports every
reason it cannot as a :class:`~district_stats.problems.Problem`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from district_stats import settings
from district_stats.data.problems import Problem, problem

MAX_BYTES = 20 * 1024 * 1024  # uploads above 20 MB are refused before parsing
SEPARATORS = (";", ",", "\t")


@dataclass
class RawTable:
    """Cells as text. ``rows[i]`` is spreadsheet row ``row_numbers[i]`` (header = row 1)."""

    filename: str
    header: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    separator: str  # ";", ",", "\t" or "xlsx"

    @property
    def number_style(self) -> str:
        """'it' (1.234,56) for ';'-separated files, 'intl' (1234.56) otherwise."""
        return "it" if self.separator == ";" else "intl"


def read_path(path: Path | str, max_rows: int = 100_000) -> tuple[RawTable | None, list[Problem]]:
    """Read a file from disk; see :func:`read_bytes`."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            return None, [problem("file_too_large", p.name, size_mb=mb_text(size), limit_mb=mb_text(MAX_BYTES))]
        data = p.read_bytes()
    except OSError as exc:
        return None, [
            problem(
                "bad_xlsx" if p.suffix.lower() == ".xlsx" else "malformed",
                p.name,
                line=0,
                detail=exc.strerror or str(exc),
            )
        ]
    return read_bytes(data, p.name, max_rows=max_rows)


def read_bytes(data: bytes, filename: str, max_rows: int = 100_000) -> tuple[RawTable | None, list[Problem]]:
    """Parse ``data`` (the bytes of ``filename``) as a CSV or XLSX table.

    Accepts UTF-8 (with or without BOM) and UTF-16 with BOM; separators ';', ',' or
    tab; XLSX (first sheet, values only). Returns (table, []) or (None, problems).
    Never raises on bad content.
    """
    name = Path(filename).name or "file"
    if len(data) > MAX_BYTES:
        return None, [problem("file_too_large", name, size_mb=mb_text(len(data)), limit_mb=mb_text(MAX_BYTES))]
    if not data.strip():
        return None, [problem("file_empty", name)]
    ext = Path(name).suffix.lower()
    if data[:4] == b"PK\x03\x04" or ext in (".xlsx", ".xlsm"):
        return _read_xlsx(data, name, max_rows)
    if ext not in ("", ".csv", ".txt", ".tsv"):
        return None, [problem("unknown_format", name, ext=ext)]
    text, probs = _decode(data, name)
    if text is None:
        return None, probs
    return _read_csv_text(text, name, max_rows)


def mb_text(n: int) -> str:
    """Bytes as Italian-formatted megabytes with one decimal ('20,0')."""
    return f"{n / 1024 / 1024:.1f}".replace(".", ",")


def _decode(data: bytes, name: str) -> tuple[str | None, list[Problem]]:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            return None, [problem("encoding", name, line=1)]
    if b"\x00" in data[:4096]:
        return None, [problem("binary", name)]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        # Control bytes other than tab/CR/LF mean this is not a text file at all.
        if sum(b < 9 or 13 < b < 32 for b in data[:4096]) > 8:
            return None, [problem("binary", name)]
        return None, [problem("encoding", name, line=line)]


def sniff_separator(header_line: str) -> str | None:
    """Return the separator used in a header line, or None if it has none of ';', ',', tab."""
    counts = {sep: _count_outside_quotes(header_line, sep) for sep in SEPARATORS}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] > 0 else None


def _count_outside_quotes(line: str, sep: str) -> int:
    n, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == sep and not quoted:
            n += 1
    return n


def _read_csv_text(text: str, name: str, max_rows: int) -> tuple[RawTable | None, list[Problem]]:
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    sep = sniff_separator(first_line)
    if sep is None:
        return None, [problem("separator", name, row=1)]
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=sep, strict=True)
    rows: list[list[str]] = []
    numbers: list[int] = []
    header: list[str] | None = None
    record = 0
    try:
        for fields in reader:
            record += 1
            if header is None:
                header = [f.strip().lower() for f in fields]
                continue
            if not any(f.strip() for f in fields):
                continue  # blank line: not a row
            if len(rows) >= max_rows:
                return None, [problem("too_many_rows", name, n=f"> {max_rows}", limit=max_rows)]
            rows.append([f.strip() for f in fields])
            numbers.append(record)
    except csv.Error as exc:
        return None, [problem("malformed", name, line=reader.line_num, detail=str(exc))]
    if header is None:
        return None, [problem("file_empty", name)]
    if not rows:
        return None, [problem("header_only", name)]
    return RawTable(name, header, rows, numbers, sep), []


def _read_xlsx(data: bytes, name: str, max_rows: int) -> tuple[RawTable | None, list[Problem]]:
    try:
        from openpyxl import load_workbook  # only for .xlsx files: reading a CSV never loads it

        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        ws = wb.worksheets[0]
    except Exception as exc:  # noqa: BLE001 - any corrupt workbook must become a message
        return None, [problem("bad_xlsx", name, detail=type(exc).__name__)]
    try:
        read = _sheet_rows(ws, name, max_rows)
    except Exception as exc:  # noqa: BLE001
        return None, [problem("bad_xlsx", name, detail=type(exc).__name__)]
    finally:
        wb.close()
    if isinstance(read, list):
        return None, read
    header, rows, numbers = read
    if header is None:
        return None, [problem("file_empty", name)]
    # Excel pads rows to the used range: drop trailing empty header cells and their columns.
    while header and not header[-1]:
        header.pop()
    rows = [r[: len(header)] + [""] * (len(header) - len(r)) for r in rows]
    if not rows:
        return None, [problem("header_only", name)]
    return RawTable(name, header, rows, numbers, "xlsx"), []


def _sheet_rows(ws, name: str, max_rows: int) -> tuple[list[str] | None, list[list[str]], list[int]] | list[Problem]:
    """The header (the first non-empty row, lower case), the non-empty rows and their spreadsheet numbers of
    a worksheet; or the problems: a formula anywhere (cells must hold values), more than ``max_rows`` rows."""
    probs: list[Problem] = []
    header: list[str] | None = None
    rows: list[list[str]] = []
    numbers: list[int] = []
    for r_idx, row in enumerate(ws.iter_rows(), start=1):
        cells = []
        for cell in row:
            if getattr(cell, "data_type", None) == "f":
                probs.append(problem("formula", name, row=r_idx, cell=getattr(cell, "coordinate", "?")))
            cells.append(_cell_text(cell.value))
        if header is None:
            header = [c.strip().lower() for c in cells] if any(cells) else None
            continue
        if not any(c.strip() for c in cells):
            continue
        if len(rows) >= max_rows:
            return [problem("too_many_rows", name, n=f"> {max_rows}", limit=max_rows)]
        rows.append(cells)
        numbers.append(r_idx)
    return probs[: settings.MAX_PROBLEMS_SHOWN] if probs else (header, rows, numbers)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()
