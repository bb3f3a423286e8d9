"""``python -m district_stats.validate PATH [--table NAME]``: check a candidate CSV or XLSX.

Checks the file against the declaration of its table in :mod:`district_stats.schema`
(guessed from the file name or the header when ``--table`` is not given) and against
the current data (ISTAT codes of Piemonte, district and line ids, no comune in two
districts). Prints every problem in Italian with file, row and column.

Exit status: 0 valid, 1 invalid, 2 usage error. Never prints a traceback.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from district_stats import schema
from district_stats.io import context_for, load_dataset
from district_stats.problems import Problem, problem
from district_stats.reader import MAX_BYTES, RawTable, mb_text, read_bytes
from district_stats.validation import Result, validate

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


@dataclass
class Check:
    """Outcome of :func:`check_candidate`."""

    spec: schema.TableSpec | None
    raw: RawTable | None
    result: Result | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_candidate(data: bytes, filename: str, table: str | None = None, dataset: object | None = None) -> Check:
    """Read and validate candidate bytes for ``table`` (or the table guessed from the file).

    ``dataset`` (a :class:`district_stats.io.Dataset`) supplies the context; the current
    committed data is loaded when it is None. The candidate's own table is left out of the
    context so that, e.g., a new districts.csv is not checked against the old ids.
    """
    spec = schema.TABLES.get(table) if table else None
    if table and (spec is None or spec.derived):
        return Check(None, None, None, [problem("unknown_table", filename, tables=", ".join(_curated_names()))])
    max_rows = spec.max_rows if spec else 100_000
    raw, probs = read_bytes(data, filename, max_rows=max_rows)
    if raw is None:
        return Check(spec, None, None, probs)
    if spec is None:
        spec = schema.guess_table(filename, raw.header)
        if spec is None:
            return Check(None, raw, None, [problem("unknown_table", filename, tables=", ".join(_curated_names()))])
        if len(raw.rows) > spec.max_rows:
            return Check(spec, raw, None, [problem("too_many_rows", filename, n=len(raw.rows), limit=spec.max_rows)])
    ds = dataset if dataset is not None else load_dataset()
    tables = {k: v for k, v in ds.tables.items() if k != spec.name}  # type: ignore[attr-defined]
    res = validate(raw, spec, context_for(tables))
    return Check(spec, raw, res, res.problems)


def _curated_names() -> list[str]:
    return [s.name for s in schema.CURATED]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m district_stats.validate",
                                 description="Controlla un file CSV o XLSX candidato per una tabella di data/.")
    ap.add_argument("path", help="file CSV o XLSX da controllare")
    ap.add_argument("--table", choices=_curated_names(), help="tabella (altrimenti dedotta dal nome o dalle colonne)")
    ap.add_argument("--lang", choices=("it", "en"), default="it")
    try:
        args = ap.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage message
        return EXIT_USAGE if exc.code else EXIT_OK
    path = Path(args.path)
    if not path.is_file():
        print(f"file non trovato: {path}", file=sys.stderr)
        return EXIT_USAGE
    try:
        size = path.stat().st_size
        # A huge file is refused by its size alone, without reading it into memory.
        data = path.read_bytes() if size <= MAX_BYTES else b""
    except OSError as exc:
        print(f"impossibile leggere {path}: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    if size > MAX_BYTES:
        chk = Check(None, None, None, [problem("file_too_large", path.name, size_mb=mb_text(size), limit_mb=mb_text(MAX_BYTES))])
    else:
        chk = check_candidate(data, path.name, args.table)
    if chk.ok:
        n = len(chk.raw.rows) if chk.raw else 0
        print(f"{path.name}: valido per la tabella {chk.spec.name} ({n} righe)")  # type: ignore[union-attr]
        return EXIT_OK
    table = f" (tabella {chk.spec.name})" if chk.spec else ""
    print(f"{path.name}{table}: {len(chk.problems)} problemi", file=sys.stderr)
    for p in chk.problems:
        print("  - " + p.message(args.lang), file=sys.stderr)
    return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
