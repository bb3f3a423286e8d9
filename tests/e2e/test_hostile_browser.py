"""Only a browser can tell: hostile values create no link, image or bold text once rendered.

AppTest and the unit oracle check the Markdown and the figures; here the real renderer runs (GFM
autolinks, directives, plotly's pseudo-HTML, selectbox options) and the DOM is counted.
"""

from __future__ import annotations

from urllib.parse import quote

import pandas as pd
import pytest

from district_stats.content.text.safe_text import plain
from district_stats.ops import update
from tests.e2e.conftest import open_page, tab_of
from tests.markup import HOSTILE
from tests.scratch import copy_data
from tools.browser import AppServer

LINKS = "() => [...document.querySelectorAll('[data-testid=stMain] a[href]')].map(a => a.getAttribute('href'))"
EVIL_DOM = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  // In-page heading anchors (href="#slug-of-the-heading") are Streamlit's own, not links made by a value.
  const bad = main.querySelectorAll('a[href*="evil"]:not([href^="#"]), a[href^="javascript"], img[src="x"],'
                                    + ' .main-svg a, .main-svg tspan[style*="80px"], .main-svg [style*="font-size: 80px"]');
  const marked = [...main.querySelectorAll('strong, em, del, b, a:not([href^="#"])')]
    .filter(e => e.textContent.includes('EVIL'));
  return bad.length + marked.length;
}"""


@pytest.fixture
def tab(context):
    """The tab for a test on the hostile server (this module never needs the session's server)."""
    return tab_of(context())


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text().replace("\u2060", "")


@pytest.fixture(scope="module")
def unknown_code_links(context, hostile_server) -> list[str]:
    """The links of the comune card for an unknown code: what a hostile code's card must have, no more."""
    page = tab_of(context())
    open_page(page, hostile_server, "/comuni?c=999999")
    return page.evaluate(LINKS)


@pytest.mark.parametrize(
    "name", ["md_link", "autolink_www", "autolink_http", "autolink_mail", "html", "icons", "javascript_url"]
)
def test_a_hostile_comune_code_shows_literally_and_adds_no_link(tab, hostile_server, unknown_code_links, name):
    page = tab
    baseline = unknown_code_links
    value = HOSTILE[name]
    open_page(page, hostile_server, "/comuni?c=" + quote(value, safe=""))
    assert page.evaluate(LINKS) == baseline
    assert page.evaluate(EVIL_DOM) == 0
    assert plain(value)[:20] in main_text(page)


def test_a_hostile_chart_id_in_the_embed_view_adds_no_link(tab, hostile_server):
    page = tab
    open_page(page, hostile_server, "/?embed=true&grafico=linee")
    baseline = page.evaluate(LINKS)
    open_page(page, hostile_server, "/?embed=true&grafico=" + quote("www.evil.example http://evil.example", safe=""))
    assert page.evaluate(LINKS) == baseline and page.evaluate(EVIL_DOM) == 0
    assert "www.evil.example" in main_text(page)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile-e2e")
    data = copy_data(tmp / "data")
    df = pd.read_csv(data / "districts.csv", dtype="str", keep_default_na=False)
    row = df.index[df["district_id"] == "D041"][0]
    df.loc[row, "short_name"] = "[EVIL](https://evil.example) www.evil.example **EVIL**"
    df.loc[row, "district_name"] = '<span style="font-size:80px">EVIL</span><a href="https://evil.example">EVIL</a>'
    df.loc[row, "capofila_ente"] = "EVIL@evil.example :material/warning:"
    plan = update.plan_update(
        "districts",
        df.to_csv(index=False, lineterminator="\n").encode(),
        "[EVIL](javascript:alert(1)) www.evil.example.csv",
        data,
    )
    assert plan.ok
    update.apply_update(plan, data, rebuild=False)
    srv = AppServer(log=tmp / "streamlit.log", env={"DC_DATA_DIR": str(data), "DC_UPDATE": "off"})
    srv.start(timeout=90)
    yield srv
    srv.stop()


@pytest.mark.parametrize(
    "path",
    [
        "/distretti?d=D041",
        "/mappa?d=D041",
        "/comuni?c=004130",
        "/dati",
        "/?modo=presenta&d=D041",
        "/?modo=presenta&passo=6",
    ],
)
def test_hostile_names_from_an_official_file_render_as_text(tab, hostile_server, path):
    page = tab
    open_page(page, hostile_server, path)
    assert page.evaluate(EVIL_DOM) == 0, path
    assert not [
        h for h in page.evaluate(LINKS) if ("evil" in h and not h.startswith("#")) or h.startswith("javascript")
    ]
    if path.startswith("/mappa"):  # the district picker lists the names: open it
        page.locator(".st-key-u_d input").click()
        page.wait_for_selector('[role="option"]')
        assert (
            page.evaluate("() => document.querySelectorAll('[role=listbox] a[href], [role=listbox] strong').length")
            == 0
        )
    if path != "/dati":
        assert "EVIL" in main_text(page)
