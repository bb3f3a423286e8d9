"""Check a candidate CSV or XLSX for a table of data/ (`python -m district_stats validate PATH [--table NAME]`).

Checks the file against the declaration of its table in :mod:`district_stats.data.schema`
(guessed from the file name or the header when ``--table`` is not given) and against
the current data (ISTAT codes of Piemonte, district and line ids, no comune in two
districts). Prints every problem in Italian with file, row and column.

Exit status: 0 valid, 1 invalid, 2 usage error. Never prints a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

from district_stats.data import schema
from district_stats.data.loading import Dataset, context_for, load_dataset
from district_stats.data.problems import Problem, problem
from district_stats.data.reader import RawTable, read_bytes
from district_stats.data.validation import Result, validate


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


def check_candidate(data: bytes, filename: str, table: str | None = None, dataset: Dataset | None = None) -> Check:
    """Read and validate candidate bytes for ``table`` (or the table guessed from the file).

    ``dataset`` (a :class:`district_stats.data.loading.Dataset`) supplies the context; the current
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
    tables = {k: v for k, v in ds.tables.items() if k != spec.name}
    res = validate(raw, spec, context_for(tables))
    return Check(spec, raw, res, res.problems)


def _curated_names() -> list[str]:
    return [s.name for s in schema.CURATED]
