"""Every source URL of the data can be cited from the sources register: publisher, title and date as read."""

import re
from urllib.parse import urlsplit

import pytest

from district_stats.content.text import sources
from district_stats.data import schema


def _urls(ds) -> set[str]:
    out = set()
    for spec in schema.CURATED:
        for col in spec.columns:
            if col.kind == "urls":
                for cell in ds[spec.name][col.name].dropna():
                    out |= {u for u in str(cell).split(";") if u}
    return out


def test_no_url_points_to_a_mirror_host(ds):
    """'wwwrm1.ansa.it' is a mirror of www.ansa.it: the data cite the real host."""
    bad = sorted(u for u in _urls(ds) if re.match(r"www[^.]", urlsplit(u).hostname or ""))
    assert not bad, bad


@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_source_reads_as_publisher_title_and_date_from_the_register(views, lang):
    """Every cited address is cited from its register row: its publisher, and its title and date exactly when the
    register has them (the words say what was not verified); never a bare address."""
    for url in _urls(views.ds):
        page = sources.cite(url, views.sources)
        assert page.registered, url
        label = sources.label(page, lang)
        assert label.startswith(page.publisher + ", ") and "http" not in label and "None" not in label, label
        assert (page.title in label) if page.title else ("non verificat" in label or "not verified" in label), label
        if page.published is not None:
            assert sources.date_text(page, lang) in label, label


def test_how_many_sources_are_cited_with_title_and_date(views):
    """The figures the report and docs/data.md quote: of the register's pages, how many have a title read on the
    page, a date, and both."""
    titled, dated, both, n = sources.verified_share(views.sources)
    reg = views.ds["sources"]
    assert n == len(reg) and titled == (reg["title_basis"] != "not_verified").sum()
    assert dated == (reg["published_precision"] != "none").sum() and 0 < both <= min(titled, dated)


def test_the_most_cited_outlets_are_named_not_shown_as_domains(views):
    hosts = [sources.host(u) for u in _urls(views.ds)]
    top = sorted(set(hosts), key=hosts.count, reverse=True)[:20]
    named = {sources.host(u): sources.cite(u, views.sources).publisher for u in _urls(views.ds)}
    assert all(named[h] != h for h in top), [h for h in top if named[h] == h]


@pytest.mark.slow  # district_rounds over every district of the committed data (~3 s)
def test_rounds_table_says_what_district_rounds_says_for_every_district(ds, views):
    """The whole-table reading of the rounds matches the one-district rule on the committed data."""
    import pandas as pd

    from district_stats.analysis.rounds import district_rounds

    for did, est in zip(ds["districts"]["district_id"], ds["districts"]["established_round"]):
        one = district_rounds(did, est, ds["grants"], ds["funding_lines"])
        mine = views.district_rounds(did).drop(columns=["district_id", "confidence"])
        pd.testing.assert_frame_equal(one, mine, check_dtype=False)


def test_the_regional_money_of_a_district_is_the_sum_of_its_rounds_found(views):
    """Every euro of ``allocated_eur`` sits in a round the profile lists (nothing counted outside a round)."""
    found = views.rounds[views.rounds["status"] == "found"].groupby("district_id")["amount_eur"].sum()
    table = views.districts.set_index("district_id")["allocated_eur"]
    assert (table.dropna() - found.reindex(table.dropna().index).fillna(0)).abs().max() < 1
    assert set(table[table.isna()].index).isdisjoint(found.index)
