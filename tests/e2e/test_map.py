"""The map page in a real browser at three sizes (desktop, large screen, phone; each view opened once and
resized): a large region, names that never overlap nor get cut, the legend apart from the map, no toolbar over it;
a district's URL draws its comuni over their neighbours with its card."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import open_page, settle, tab_of

#: The drawn map (the choropleth layer's box), the chart's box and every visible name's box, in page px.
MEASURE_JS = """(root) => {
  const chart = document.querySelector(root + ' [data-testid="stPlotlyChart"]');
  const box = e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
  const shown = e => { for (let x = e; x && x !== chart; x = x.parentElement) {
      if (getComputedStyle(x).display === 'none') return false; } return true; };
  const names = [...chart.querySelectorAll('.scatterlayer text')]
      .filter(t => t.textContent.trim() && shown(t))
      .map(t => [t.textContent, ...box(t), parseFloat(getComputedStyle(t).fontSize), getComputedStyle(t).textShadow]);
  const geo = chart.querySelector('.geo .bg rect') || chart.querySelector('.geolayer');
  return {chart: box(chart), region: box(chart.querySelector('.choroplethlayer')), frame: box(geo), names,
          modebar: !!chart.querySelector('.modebar-container .modebar-group')};
}"""


def measure(page, root: str = ".st-key-map_box") -> dict:
    page.wait_for_function("(r) => document.querySelector(r + ' .choroplethlocation')", arg=root, timeout=30_000)
    return page.evaluate(MEASURE_JS, root)


def overlaps(names: list) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if not (a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2]):
                out.append((a[0], b[0]))
    return out


def cut(names: list, frame: list) -> list[str]:
    return [
        n[0]
        for n in names
        if n[1] < frame[0] - 0.5 or n[2] < frame[1] - 0.5 or n[3] > frame[2] + 0.5 or n[4] > frame[3] + 0.5
    ]


#: (width, height, the region's least height): a desktop, a large screen, a phone.
SIZES = [(1400, 900, 650), (1920, 1080, 800), (390, 844, 0)]
#: The chart's width once plotly has laid it out again for the page's new size (and its names placed for it).
LAID_OUT_JS = """(w) => { const c = document.querySelector('.st-key-map_box [data-testid="stPlotlyChart"]');
  const s = c && c.querySelector('.main-svg'); if (!s) return false;
  const cw = c.getBoundingClientRect().width; return cw <= w && Math.abs(s.getBoundingClientRect().width - cw) < 2; }"""


@pytest.mark.parametrize("path", ["/mappa?esplora=mappa", "/mappa?metrica=fondi", "/mappa?d=D041&esplora=mappa"])
def test_the_map_is_large_and_its_names_are_apart_and_whole(context, server, path):
    """One visit per view, measured at each size: the map's size and the names shown are CSS of the viewport
    (vh heights, one set of names per viewport class), and plotly lays the chart out again for the new width."""
    page = tab_of(context(*SIZES[0][:2]))
    open_page(page, server, path)
    for width, height, min_region_h in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_function(LAID_OUT_JS, arg=width)
        settle(page)
        _check(page, path, width, min_region_h)


def _check(page, path: str, width: int, min_region_h: int) -> None:
    m = measure(page)
    region_w, region_h = m["region"][2] - m["region"][0], m["region"][3] - m["region"][1]
    chart_w = m["chart"][2] - m["chart"][0]
    if "d=" not in path:
        assert region_h >= min_region_h, f"{path} at {width}: the region is {region_w:.0f}×{region_h:.0f} px"
    if width < 640:  # a phone: the map takes the full width
        assert chart_w >= width - 40
    assert len(m["names"]) >= (5 if "d=" in path else 12), (path, width)
    if "d=" in path:  # the district's comuni (11) over its neighbours, and its card beside the map
        page.wait_for_function("() => document.querySelectorAll('.choroplethlocation').length >= 11")
        text = page.locator('[data-testid="stMain"]').inner_text()
        assert "Mondovì" in text and "Capofila" in text
        assert page.evaluate("() => document.querySelectorAll('.choroplethlocation').length") >= 11 + 1
    assert overlaps(m["names"]) == [], (width, overlaps(m["names"])[:5])
    assert cut(m["names"], m["chart"]) == [], (width, cut(m["names"], m["chart"]))
    assert all(n[5] >= 12 for n in m["names"])
    assert all("255, 255, 255" in n[6] for n in m["names"])  # the white halo
    assert not m["modebar"]  # no toolbar over the map
    lb = page.locator(".st-key-map_key").bounding_box()  # the legend, beside or under the map
    rx0, ry0, rx1, ry1 = m["chart"]
    assert lb["x"] >= rx1 - 1 or lb["y"] >= ry1 - 1, "the legend sits beside or under the map, not over it"


def test_zoom_is_off_until_asked_for_and_then_pans(page, server):
    open_page(page, server, "/mappa?esplora=mappa")  # the interactive map (its picture otherwise)
    drag = page.evaluate("() => document.querySelector('.st-key-map_box .js-plotly-plot')._fullLayout.dragmode")
    assert drag not in ("pan", "zoom", "select", "lasso")  # no drag on the map: the page scrolls over it
    box = page.locator(".st-key-map_box").bounding_box()
    main = '[data-testid="stMain"]'
    before = page.evaluate(f"() => document.querySelector('{main}').scrollTop")
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 200)
    page.mouse.wheel(0, 300)
    page.wait_for_function(f"(b) => document.querySelector('{main}').scrollTop > b", arg=before, timeout=10_000)
    page.get_by_text("Zoom e spostamento").click()
    page.wait_for_function(
        "() => { const g = document.querySelector('.st-key-map_box .js-plotly-plot');"
        " return !!g && !!g._fullLayout && g._fullLayout.dragmode === 'pan'"
        " && g._context.scrollZoom !== false; }",
        timeout=30_000,
    )
