"""Every path and view renders cleanly in a real browser, and passes axe-core (bundled in the
axe-playwright-python wheel, no network): WCAG 2.1 A/AA rules; the test fails on any 'serious' or 'critical'
violation and lists them. One visit per view checks both.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import open_page, renders_cleanly

#: Every page's path, as a visitor opens it first.
PATHS = ["/", "/mappa", "/investimenti", "/distretti", "/comuni", "/confronti", "/dati"]
VIEWS = [
    *PATHS,
    "/mappa?d=D041",
    "/distretti?d=D039",
    "/comuni?c=004003",
    "/?modo=presenta",
    "/?modo=presenta&passo=6",
    "/?embed=true&grafico=linee",
    "/?lang=en",
]
OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
}


@pytest.mark.parametrize("path", VIEWS)
def test_renders_cleanly_with_no_serious_or_critical_violations(page, server, path):
    open_page(page, server, path)
    renders_cleanly(page, heading=path in PATHS)
    result = Axe().run(page, options=OPTIONS)
    bad = [
        (v["id"], v["impact"], len(v["nodes"]), v["nodes"][0]["target"] if v["nodes"] else None)
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, bad
