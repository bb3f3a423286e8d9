"""The map is drawn, invalid values fall back, downloads work, a phone sees each page's main picture first and
the phone drawings (every path renders cleanly and its link restores it, copied from «Copia link» too:
checked with its accessibility scan in test_a11y)."""

from __future__ import annotations

import io
import re
import zipfile

import pandas as pd
import pytest

from district_stats.data.loading import load_dataset
from district_stats.ops import artefacts
from tests.e2e.conftest import new_context, open_page, settle, tab_of


def body_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def test_map_is_drawn_not_blank_and_clicking_a_district_opens_its_card(page, server):
    open_page(page, server, "/mappa?esplora=mappa")  # the interactive map (its published picture otherwise)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    # Choropleth polygons are SVG paths: the districts layer draws one per mapped district.
    page.wait_for_function("() => document.querySelectorAll('.choroplethlocation').length > 90", timeout=30_000)
    n = page.evaluate("() => document.querySelectorAll('.choroplethlocation').length")
    assert n > 90
    png = chart.screenshot()
    from PIL import Image

    im = Image.open(io.BytesIO(png)).convert("RGB")
    colors = im.getcolors(maxcolors=1_000_000)
    non_white = sum(c for c, rgb in colors if rgb != (255, 255, 255))
    assert non_white / (im.width * im.height) > 0.05
    # The label points of the biggest districts are clickable markers with the district name.
    point = page.locator(".st-key-map_box .scattergeo .point").filter(visible=True).first  # this screen's set
    point.click(force=True)
    page.wait_for_function("() => document.body.innerText.includes('Apri la scheda completa')", timeout=30_000)
    page.wait_for_url(re.compile(r"[?&]d=D\d{3}"), timeout=15_000)  # the URL follows the click


def test_invalid_params_fall_back_with_a_notice(page, server):
    open_page(page, server, "/mappa?prov=%3Cscript%3Ealert(1)%3C/script%3E&d=D999")
    text = body_text(page)
    assert "non è valido" in text
    assert "prov=" not in page.url and "d=" not in page.url
    assert not page.errors


def test_geojson_and_chart_image_downloads(page, server, tmp_path):
    import json

    open_page(page, server, "/dati")
    with page.expect_download() as dl:
        page.get_by_role("button", name=re.compile("Distretti \\(GeoJSON\\)")).click()
    p = tmp_path / "d.geojson"
    dl.value.save_as(p)
    data = json.loads(p.read_text(encoding="utf-8"))
    assert len(data["features"]) > 90 and "short_name" in data["features"][0]["properties"]

    open_page(page, server, "/")
    page.get_by_text("Tabella, download, citazione e incorpora").first.click()
    settle(page)
    with page.expect_download(timeout=90_000) as dl2:
        page.get_by_role("button", name=re.compile("Immagine PNG")).first.click()
    img = tmp_path / "c.png"
    dl2.value.save_as(img)
    assert img.read_bytes() == (artefacts.EMBED_DIR / "cronologia.png").read_bytes()  # the published file
    with page.expect_download(timeout=90_000) as dl3:
        page.get_by_role("button", name=re.compile("Kit per la stampa")).first.click()
    kit = tmp_path / "kit.zip"
    dl3.value.save_as(kit)
    with zipfile.ZipFile(kit) as z:
        assert set(z.namelist()) == {
            "cronologia.png",
            "cronologia.svg",
            "cronologia.csv",
            "citazione.txt",
            "citazione.json",
            "citazione.bib",
        }


def _drawn(locator) -> bool:
    return all(i.evaluate("e => e.complete && e.naturalWidth > 0") for i in locator.all())


def _src(page, chart_id: str) -> str:
    return page.locator(f"img.dc-{chart_id}").evaluate("i => i.currentSrc")


def test_investments_show_the_published_drawings_downloads_read_back_and_esplora_swaps_in_plotly(
    page, server, tmp_path
):
    open_page(page, server, "/investimenti?tabelle=importi")  # the per-district amounts, opened by the URL
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 0  # plotly's script is not even loaded
    drawings = page.locator("img.dc-chart")
    assert drawings.count() == 9 and _drawn(drawings)
    # One file per chart: the column drawing at full width, the phone drawing in the two half-width columns.
    assert "/linee-w.svg" in _src(page, "linee") and "/province-n.svg" in _src(page, "province")
    loaded = page.evaluate("() => performance.getEntriesByType('resource').filter(e => e.name.includes('.svg')).length")
    assert loaded == 9
    alt = page.locator("img.dc-linee").get_attribute("alt")
    assert alt and alt in body_text(page)  # the one-sentence summary, read aloud in place of the picture
    # The per-district amounts table's downloads give back the grants with the same totals.
    buttons = page.get_by_role("button", name=re.compile("Scarica CSV"))
    with page.expect_download() as dl:
        buttons.last.click()
    path = tmp_path / "importi.csv"
    dl.value.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig")
    grants = load_dataset()["grants"]
    assert len(frame) == len(grants)
    assert frame["amount_eur"].sum() == pytest.approx(grants["amount_eur"].sum())

    with page.expect_download() as dl2:
        page.get_by_role("button", name=re.compile("Scarica XLSX")).last.click()
    x = tmp_path / "importi.xlsx"
    dl2.value.save_as(x)
    xl = pd.read_excel(x)
    assert xl["amount_eur"].sum() == pytest.approx(grants["amount_eur"].sum())

    # «Esplora» swaps the drawing for the live figure.
    page.locator(".st-key-ex_flusso").get_by_text("Esplora").click()
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')
    settle(page)
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 1
    assert page.locator("img.dc-flusso").count() == 0
    assert "esplora=flusso" in page.url  # a shared link opens it the same way


#: A phone's browser (390×844, as an iPhone 13 reports itself) and each page's main picture.
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 3,
    "user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.0 Mobile/15E148 Safari/604.1",
}
CHART = 'img.dc-chart, [data-testid="stPlotlyChart"]'  # the published picture, or the live chart
MAIN_PICTURE = {
    "/": '[data-testid="stMetric"]',
    "/mappa": ".st-key-map_box",
    "/mappa?d=D041": ".st-key-map_box",
    "/investimenti": CHART,
    "/distretti": '[data-testid="stMarkdownContainer"] table',
    "/distretti?d=D041": '[data-testid="stMetric"]',
    "/comuni?c=004003": '[data-testid="stAlert"]',
    "/confronti": CHART,
    "/dati": "h2, h3",
    "/?embed=true&grafico=linee": "img.dc-linee",
}
FOLDED = {
    "/mappa": "map_filters",
    "/mappa?d=D041": "map_filters",
    "/confronti": "cmp_filters",
    "/distretti": "dist_filters",
}


@pytest.fixture(scope="module")
def phone(browser):
    """One phone for the module's phone visits (one tab: each visit a new session, the scripts already loaded)."""
    ctx = new_context(browser, **PHONE)
    yield ctx
    ctx.close()


@pytest.mark.parametrize("path", list(MAIN_PICTURE))
def test_a_phone_sees_the_main_picture_on_the_first_screen(phone, server, path):
    pg = tab_of(phone)
    open_page(pg, server, path)
    top = pg.locator(MAIN_PICTURE[path]).first.bounding_box()
    assert top is not None and top["y"] < 844, f"{path}: the main picture starts at {top} px"
    if path in FOLDED:  # the filters are one folded control above it, saying what is chosen
        folded = pg.locator(f".st-key-{FOLDED[path]}")
        assert folded.count() == 1 and "Filtri:" in folded.inner_text()
        assert not pg.get_by_text("Provincia", exact=True).first.is_visible()
    if path == "/":  # the published phone drawing, within the phone's width
        assert "/cronologia-n.svg" in _src(pg, "cronologia")
        box = pg.locator("img.dc-cronologia").bounding_box()
        assert box and box["width"] <= 390
    if "embed=" in path:  # the interactive embed: the phone drawing (every label whole) instead of plotly's bars
        assert "/linee-n.svg" in _src(pg, "linee") and pg.locator("img.dc-linee").is_visible()
        assert not pg.locator('[data-testid="stPlotlyChart"]').is_visible()
