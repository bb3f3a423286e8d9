"""The sources register: every cited address has exactly one row, titles and dates come from the pages
(never from the address), and what nobody read stays empty and says so."""

import datetime as dt
import re
from urllib.parse import unquote, urlsplit

import pandas as pd
import pytest

from district_stats.content.text import sources
from district_stats.data import schema
from district_stats.data.source_rules import cited_urls, published_date


def _plain(text: str) -> str:
    """Lower case with single spaces: a title read on a page keeps its punctuation, accents and apostrophes."""
    return " ".join(unquote(str(text)).lower().split())


def _slug_title(url: str) -> str:
    """The title the address-only citations once made from a URL's last words-only path segment (what a title
    read on the page must not be): ids, dates, extensions and leading article numbers removed."""
    for seg in reversed([s for s in urlsplit(url).path.split("/") if s]):
        seg = re.sub(r"\.(html?|php|aspx?|md)$", "", seg)
        seg = re.sub(r"([_-][0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}|[-_]\d{3,})$", "", seg)
        seg = re.sub(r"^\d{4}-\d\d-\d\d-", "", seg)
        words = [w for w in re.split(r"[-_+]+", seg) if w]
        while words and re.fullmatch(r"[a-zA-Z]?\d+", words[0]):
            words = words[1:]
        if len(words) >= 3 and sum(w.isalpha() for w in words) >= 3:
            return " ".join(words)
    return ""


def _slugs(url: str) -> set[str]:
    """Every text the address itself offers: each path segment and query value with its dashes read as spaces,
    and the slug title the address-only citations made («…protocollo dintesa…», «Lanima del commercio»)."""
    parts = urlsplit(url)
    out = {_plain(_slug_title(url))}
    for seg in [*parts.path.split("/"), *re.split(r"[&=]", parts.query)]:
        seg = re.sub(r"\.(html?|php|aspx?|md)$", "", seg)
        seg = re.sub(r"[-_](\d{3,}|[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12})$", "", seg)
        out.add(_plain(re.sub(r"[-_+]+", " ", seg)))
    return {s for s in out if s}


def test_every_cited_address_has_one_row_and_every_row_is_cited(ds):
    cited = set(cited_urls(ds.tables))
    reg = ds["sources"]["url"]
    assert reg.is_unique
    missing, orphans = sorted(cited - set(reg)), sorted(set(reg) - cited)
    assert not missing, f"{len(missing)} cited addresses have no row in data/sources.csv: {missing[:5]}"
    assert not orphans, f"{len(orphans)} rows of data/sources.csv are cited by no table: {orphans[:5]}"


def test_the_register_covers_every_table_that_cites():
    names = {spec.name for spec in schema.CURATED if any(c.kind == "urls" for c in spec.columns)}
    assert {
        "districts",
        "district_members",
        "funding_lines",
        "grants",
        "headline_figures",
        "timeline",
        "contradictions",
        "line_interventions",
        "known_gaps",
    } == names


#: What the notes say when a title read on the page has exactly the words of its address.
SAME_WORDS = "same words as its address"


def test_no_title_is_made_from_the_address(ds):
    """A title that reads exactly like its address is accepted only when it was read on the page and the row
    says so (some outlets build the address from the headline); anything else came from the address."""
    reg = ds["sources"].dropna(subset=["title"])
    made = [
        (r.url, r.title)
        for r in reg.itertuples()
        if _plain(r.title) in _slugs(r.url) and not (r.title_basis == "page" and SAME_WORDS in str(r.notes))
    ]
    assert not made, made
    assert not [r.url for r in reg.itertuples() if SAME_WORDS in str(r.notes) and _plain(r.title) not in _slugs(r.url)]


def test_basis_and_precision_agree(ds):
    reg = ds["sources"]
    titled = reg["title"].fillna("") != ""
    assert (titled == (reg["title_basis"] != "not_verified")).all()
    unverified = reg["published_basis"] == "not_verified"
    assert (reg.loc[unverified, "published_precision"] == "none").all()
    assert reg.loc[unverified, "published_date"].isna().all()
    # «non indicata» only for a page that was read: the dossier never stands for a missing date.
    assert not ((reg["published_basis"] == "dossier") & (reg["published_precision"] == "none")).any()
    # A page read here was read on its accessed date; everything else carries the dossier's access date.
    read = (reg["title_basis"] == "page") | (reg["published_basis"] == "page")
    assert (reg.loc[read, "accessed_date"] >= pd.Timestamp("2026-12-01")).all()


def test_dates_are_real_and_not_in_the_future(ds):
    today = pd.Timestamp(dt.date.today())
    for r in ds["sources"].itertuples():
        day = published_date(r.published_date, r.published_precision)  # raises on a malformed date
        assert r.accessed_date <= today, r.url
        if day is not None:
            assert pd.Timestamp(day) <= r.accessed_date, (r.url, r.published_date, r.accessed_date)
            assert day.year >= 2019, (r.url, r.published_date)


def test_publishers_are_names_not_hosts(ds):
    reg = ds["sources"]
    for r in reg.itertuples():
        host = sources.host(r.url)
        assert r.publisher.strip() and r.publisher != host, r.url
        if r.source_type == "altro" and "." in r.publisher:  # an aggregator keeps its site name, said to be one
            assert "aggregatore" in r.publisher or "copia" in r.publisher, r.url


@pytest.mark.parametrize(
    "url,publisher,source_type",
    [
        (
            "https://www.regione.piemonte.it/web/pinforma/notizie/nuovi-contributi-per-distretti-urbani-commercio",
            "Regione Piemonte",
            "comunicato",
        ),
        ("https://123ru.net/foreign/405395582", "123ru.net (aggregatore)", "altro"),
        ("https://relazione.ambiente.piemonte.it/2024/distretti-del-commercio", "Regione Piemonte", "atto"),
    ],
)
def test_known_publishers_and_kinds(ds, url, publisher, source_type):
    row = ds["sources"].set_index("url").loc[url]
    assert (row["publisher"], row["source_type"]) == (publisher, source_type)


def test_the_data_doc_says_how_much_of_the_register_was_read(ds):
    """docs/data.md quotes the register's figures: rows, titles read, dates by basis."""
    from district_stats.paths import ROOT

    reg = ds["sources"]
    doc = " ".join((ROOT / "docs" / "data.md").read_text(encoding="utf-8").split())
    read = reg["notes"].fillna("").str.contains("Stored copy").sum()  # read, with or without a title or date
    by_basis = reg["published_basis"].value_counts()
    said = (
        f"{len(reg)} addresses, {read} of them read on a stored copy: {(reg['title_basis'] == 'page').sum()} "
        f"titles and {by_basis.get('page', 0)} dates read on the page, {by_basis.get('dossier', 0)} dates "
        f"from the dossier, {by_basis.get('not_verified', 0)} dates not verified"
    )
    assert said in doc, said
