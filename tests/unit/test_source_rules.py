"""The sources register's rules on tiny hand-made tables (no committed data involved): one address per row,
dates at their precision, titles and dates that nobody read left empty, nothing read in the future."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from district_stats.data import schema
from district_stats.data.reader import RawTable
from district_stats.data.source_rules import cited_urls, published_date
from district_stats.data.validation import validate

HEADER = [c.name for c in schema.SOURCES.columns]


def row(
    url: str = "https://a.it/x",
    title: str = "Un titolo, letto",
    tb: str = "page",
    pub: str = "2024-05-02",
    prec: str = "day",
    pb: str = "page",
    accessed: str = "2026-12-07",
) -> list[str]:
    return [url, "La Testata", title, tb, pub, prec, pb, accessed, "stampa_locale", "it", ""]


def codes(*rows: list[str]) -> list[str]:
    raw = RawTable("sources.csv", HEADER, [list(r) for r in rows], list(range(2, 2 + len(rows))), ",")
    return [p.code for p in validate(raw, schema.SOURCES).problems]


def test_a_page_read_with_its_title_and_date_is_valid():
    assert (
        codes(row(), row("https://a.it/y", pub="2024-05", prec="month"), row("https://a.it/z", pub="2024", prec="year"))
        == []
    )
    assert codes(row(pub="", prec="none")) == []  # «non indicata»: the page was read and has no date
    assert codes(row(title="", tb="not_verified", pub="", prec="none", pb="not_verified")) == []


@pytest.mark.parametrize(
    "bad,code",
    [
        (row(pub="2024-05", prec="day"), "bad_partial_date"),
        (row(pub="2024-02-31"), "bad_partial_date"),
        (row(pub="24/05/2024"), "bad_partial_date"),
        (row(pub="2024-05-02", prec="none"), "bad_partial_date"),
        (row(pub="2024-05-02", pb="not_verified"), "unverified_date"),
        (row(pub="", prec="none", pb="dossier"), "dossier_without_date"),
        (row(title="", tb="page"), "title_basis_mismatch"),
        (row(title="Un titolo", tb="not_verified"), "title_basis_mismatch"),
        (row(pub="2025-11-09", accessed="2025-11-08"), "published_after_access"),
        (row(accessed=(dt.date.today() + dt.timedelta(days=3)).isoformat()), "date_in_future"),
        (row(url="https://a.it/x;https://b.it/y"), "bad_url"),
        (row(url="a.it/x"), "bad_url"),
    ],
)
def test_bad_rows_are_named(bad, code):
    assert codes(bad) == [code]


def test_a_repeated_address_is_a_duplicate_key():
    assert codes(row(), row()) == ["duplicate_key"]


def test_every_problem_reads_in_both_languages():
    raw = RawTable("sources.csv", HEADER, [row(pub="2024-05", prec="day")], [2], ",")
    p = validate(raw, schema.SOURCES).problems[0]
    assert "2024-05" in p.message("it") and "day" in p.message("en") and p.message("it") != p.message("en")


def test_published_date_reads_each_precision():
    assert published_date("2021", "year") == dt.date(2021, 1, 1)
    assert published_date("2021-07", "month") == dt.date(2021, 7, 1)
    assert published_date("2021-07-24", "day") == dt.date(2021, 7, 24)
    assert published_date(None, "none") is None and published_date(float("nan"), "none") is None
    for text, prec in (("2021-07", "year"), ("", "day"), ("2021", "none"), ("2021-13", "month")):
        with pytest.raises(ValueError):
            published_date(text, prec)


def test_cited_urls_reads_every_urls_column_and_not_the_register():
    tables = {
        "grants": pd.DataFrame({"source_urls": ["https://a.it/1;https://b.it/2", None]}),
        "contradictions": pd.DataFrame({"source_url_a": ["https://a.it/1"], "source_url_b": ["https://c.it/3"]}),
        "sources": pd.DataFrame({"url": ["https://z.it/never"]}),
    }
    assert cited_urls(tables) == {
        "https://a.it/1": {"grants", "contradictions"},
        "https://b.it/2": {"grants"},
        "https://c.it/3": {"contradictions"},
    }
