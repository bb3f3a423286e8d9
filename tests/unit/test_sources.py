"""A source as readers cite it, from the sources register: «Publisher, «Title», date», and in plain words what
nobody verified; never a title or a date made from the address."""

import datetime as dt

import pandas as pd
import pytest

from district_stats.content.text import sources
from district_stats.data.source_rules import SourcePage, register_pages

#: A register in code: a page read with title and date, one with only a month, one with a title and no date on
#: the page, one with a title whose date nobody read, one read by nobody, and a press release.
ROWS = pd.DataFrame(
    {
        "url": [
            "https://www.targatocn.it/2021/07/24/assegnati-i-finanziamenti.html",
            "http://x.it/2021/12/02/slug-here/",
            "https://comune.biella.it/duc",
            "https://100torri.it/p",
            "https://lospiffero.com/ls_article.php?id=9",
            "https://www.regione.piemonte.it/comunicato",
        ],
        "publisher": ["TargatoCN", "Casale Notizie", "Comune di Biella", "100Torri", "Lo Spiffero", "Regione Piemonte"],
        "title": [
            "Assegnati i finanziamenti per otto distretti",
            None,
            "Distretto urbano: il progetto",
            "Chieri bocciata",
            None,
            "Nuovi contributi",
        ],
        "title_basis": ["page", "not_verified", "page", "page", "not_verified", "dossier"],
        "published_date": ["2021-07-24", "2021-12", None, None, None, "2022"],
        "published_precision": ["day", "month", "none", "none", "none", "year"],
        "published_basis": ["page", "page", "page", "not_verified", "not_verified", "dossier"],
        "accessed_date": pd.to_datetime(["2026-12-07"] * 6),
        "source_type": [
            "stampa_locale",
            "stampa_locale",
            "sito_comune",
            "stampa_locale",
            "stampa_locale",
            "comunicato",
        ],
    }
)
REG = register_pages(ROWS)


@pytest.mark.parametrize(
    "url,host",
    [
        ("http://wwwrm1.ansa.it/piemonte/notizie/2022/12/16/x.html", "ansa.it"),
        ("https://www.comune.isoladasti.at.it:443/PagineDelComune?id=8890", "comune.isoladasti.at.it"),
        ("https://WWW.TargatoCN.it/2021/07/02/x", "targatocn.it"),
    ],
)
def test_host_drops_www_mirror_prefixes_and_ports(url, host):
    assert sources.host(url) == host


@pytest.mark.parametrize(
    "i,it,en",
    [
        (
            0,
            "TargatoCN, «Assegnati i finanziamenti per otto distretti», 24 luglio 2021",
            "TargatoCN, “Assegnati i finanziamenti per otto distretti”, 24 July 2021",
        ),
        (
            1,
            "Casale Notizie, articolo, dicembre 2021 (titolo non verificato)",
            "Casale Notizie, article, December 2021 (title not verified)",
        ),
        (
            2,
            "Comune di Biella, «Distretto urbano: il progetto», senza data",
            "Comune di Biella, “Distretto urbano: il progetto”, undated",
        ),
        (3, "100Torri, «Chieri bocciata» (data non verificata)", "100Torri, “Chieri bocciata” (date not verified)"),
        (
            4,
            "Lo Spiffero, articolo (titolo e data non verificati)",
            "Lo Spiffero, article (title and date not verified)",
        ),
        (5, "Regione Piemonte, «Nuovi contributi», 2022", "Regione Piemonte, “Nuovi contributi”, 2022"),
    ],
)
def test_label_says_publisher_title_and_date_or_what_was_not_verified(i, it, en):
    page = sources.cite(ROWS["url"][i], REG)
    assert sources.label(page, "it") == it and sources.label(page, "en") == en


def test_nothing_comes_from_the_address():
    """The address carries a date and a slug: neither shows when the register has none."""
    text = sources.label(sources.cite("https://lospiffero.com/ls_article.php?id=9", REG))
    assert "9" not in text and "ls" not in text.lower()
    slugged = sources.label(sources.cite("http://x.it/2021/12/02/slug-here/", REG))
    assert "slug" not in slugged.lower() and "2 dicembre" not in slugged


def test_an_address_outside_the_register_is_named_by_its_site_only():
    page = sources.cite("https://www.istat.it/classificazioni/codici-statistici/", REG)
    assert not page.registered and page.publisher == "istat.it"
    assert sources.label(page) == "istat.it, pagina (titolo e data non verificati)"


def test_lookup_forgives_scheme_and_trailing_slash_and_citations_dedupe_in_order():
    assert sources.cite("https://x.it/2021/12/02/slug-here", REG).publisher == "Casale Notizie"
    cites = sources.citations(
        [
            f"{ROWS['url'][4]};{ROWS['url'][0]}",
            "http://x.it/2021/12/02/slug-here",
            "https://x.it/2021/12/02/slug-here/",
            "",
            None,
            "not a url",
        ],
        REG,
    )
    assert [c.publisher for c in cites] == ["Lo Spiffero", "TargatoCN", "Casale Notizie"]
    assert sources.labels(ROWS["url"][0], REG)[0] == (sources.label(cites[1]), ROWS["url"][0])


def test_register_pages_reads_dates_at_their_precision():
    assert REG[ROWS["url"][1]].published == dt.date(2021, 12, 1) and REG[ROWS["url"][1]].precision == "month"
    assert REG[ROWS["url"][5]].published == dt.date(2022, 1, 1) and REG[ROWS["url"][5]].precision == "year"
    assert REG[ROWS["url"][4]].published is None and REG[ROWS["url"][4]].accessed == dt.date(2026, 12, 7)
    broken = register_pages(ROWS.assign(published_date=["24/07/2021", *ROWS["published_date"][1:]]))
    assert broken[ROWS["url"][0]].published is None  # a malformed date is dropped, never guessed


def test_verified_share_counts_titles_and_dates_read():
    assert sources.verified_share(REG) == (4, 3, 2, 6)
    assert sources.verified_share({}) == (0, 0, 0, 0)


def test_an_empty_register_still_names_every_source():
    assert sources.label(sources.cite("https://www.ansa.it/x", {})) == "ansa.it, pagina (titolo e data non verificati)"
    assert isinstance(sources.cite("https://a.it", {}), SourcePage)
