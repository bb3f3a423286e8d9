"""Every page and view renders cleanly in a real browser, passes axe-core (bundled in the
axe-playwright-python wheel, no network): WCAG 2.1 A/AA rules, failing on any 'serious' or 'critical'
violation, and its link restores it (nothing dropped from the address, nothing added; «Copia link» gives it
with its citation where the page has one). One visit per view checks all of it; that a second visit of the same
link gives the same page is checked without a browser (tests/app/test_pages.py).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import open_page, renders_cleanly

#: Every page (a filtered view of each, the comune search as a visitor opens it first), the drill-downs, the
#: presenter, an embed and the English switch.
VIEWS = [
    "/",
    "/mappa?metrica=fondi&prov=CN",
    "/investimenti?prov=TO&anno=2023",
    "/distretti?tipo=diffuso&q=Monferrato",
    "/comuni",
    "/comuni?c=004003",
    "/confronti?metrica=per_comune&gruppo=district_type",
    "/dati?prov=AL",
    "/mappa?d=D041",
    "/distretti?d=D039&lang=en",
    "/?modo=presenta",
    "/?modo=presenta&passo=6",
    "/?embed=true&grafico=flusso",
    "/?lang=en",
]
#: Views whose «Copia link» button is checked (its widget key).
SHARE = {
    "/mappa?metrica=fondi&prov=CN": "share_map",
    "/confronti?metrica=per_comune&gruppo=district_type": "share_footer",
}
OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
}


def _text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


@pytest.mark.parametrize("path", VIEWS)
def test_renders_cleanly_with_no_serious_or_critical_violations_and_its_link_restores_it(page, server, path):
    open_page(page, server, path)
    renders_cleanly(page, heading="modo=" not in path and "embed=" not in path)
    result = Axe().run(page, options=OPTIONS)
    bad = [
        (v["id"], v["impact"], len(v["nodes"]), v["nodes"][0]["target"] if v["nodes"] else None)
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, bad
    if "embed=" in path:  # one chart with its source and licence; on a computer plotly (the drawing is for phones)
        text = _text(page)
        assert "Il percorso dei fondi per le imprese" in text and "CC BY 4.0" in text and "Fonte:" in text
        assert page.locator('[data-testid="stPlotlyChart"]').count() == 1
        assert page.locator('[data-testid="stPlotlyChart"]').is_visible()
        assert not page.locator(".st-key-phone_drawing img").is_visible()
        sidebar = page.locator('[data-testid="stSidebar"]')
        assert sidebar.count() == 0 or sidebar.is_hidden()
    asked = parse_qs(urlsplit(path).query)
    assert parse_qs(urlsplit(page.url).query) == asked  # nothing dropped, nothing added
    if path in SHARE:
        copied_link_is_the_view(page, server, path, SHARE[path])


def copied_link_is_the_view(page, server, path: str, key: str) -> None:
    """«Copia link» gives the view's address and a citation that ends with it."""
    page.locator(f".st-key-{key} button").first.click()
    link = page.locator("[data-testid=stPopoverBody] code").first.inner_text().strip()
    assert link.startswith(server.url + path.split("?")[0])
    assert parse_qs(urlsplit(link).query) == parse_qs(urlsplit(path).query)
    cite = page.locator("[data-testid=stPopoverBody] code").nth(1).inner_text().strip()
    assert (
        cite.startswith(
            ("Distretti del Commercio, «Distretti del Commercio", "Distretti del Commercio, “Distretti del Commercio")
        )
        and "CC BY 4.0" in cite
        and cite.endswith(link)
    )
