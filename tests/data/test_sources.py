"""Every source URL of the data can be cited: a well-formed host, a publisher, and the pages the app shows."""

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
def test_every_source_has_a_publisher_and_reads_without_a_bare_scheme(ds, lang):
    for url in _urls(ds):
        c = sources.cite(url, lang)
        assert c.issuer and "/" not in c.issuer and not c.issuer.startswith("www."), url
        label = sources.short_label(c, lang)
        assert "http" not in label and "None" not in label, (url, label)


def test_the_most_cited_outlets_are_named_not_shown_as_domains(ds):
    hosts = [sources.host(u) for u in _urls(ds)]
    top = sorted(set(hosts), key=hosts.count, reverse=True)[:20]
    assert all(sources.issuer(h) != h for h in top), [h for h in top if sources.issuer(h) == h]


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
