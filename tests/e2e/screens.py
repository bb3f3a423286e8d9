"""The presenter's screens as the room sees them, opened once each and measured at the projector sizes.

One walk (:func:`walk_screens`, the ``room_screens`` fixture of tests/e2e/conftest.py) serves every test that
reads a screen without acting on it: the projector sizes and contrast and the pictures (test_presenter), the
QR code and the picker (test_room_view), the link the QR carries (test_room). Each screen is opened once at
1280x720 and measured there, then at the other sizes: the layout is CSS of the viewport (vw/vh sizes, media
queries), so the same page resized lays out as a page opened at that size.
"""

from __future__ import annotations

from tests.e2e.conftest import open_page, tab_of

#: The projector sizes: the room's laptop (1280x720), an old 4:3 projector, a full-HD screen.
SIZES = ((1280, 720), (1024, 768), (1920, 1080))
STEPS = tuple(f"passo={n}" for n in range(9))
#: Every step, two drill-downs (a district, a comune) and a step in English.
SCREENS = (*STEPS, "passo=5&d=D041", "passo=5&c=004135", "passo=2&lang=en")

NEXT_FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
CONTRAST_JS = """() => {
  const lum = c => { const m = c.match(/\\d+(\\.\\d+)?/g).map(Number); const [r,g,b] = m.slice(0,3).map(v => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126*r + 0.7152*g + 0.0722*b; };
  const bgOf = el => { for (let e = el; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
      if (c && !c.endsWith(', 0)') && c !== 'transparent') return c; } return 'rgb(255, 255, 255)'; };
  const out = [];
  const walker = document.createTreeWalker(document.querySelector('[data-testid="stMain"]'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement; const txt = walker.currentNode.textContent.trim();
    if (!txt || !el.offsetParent) continue;
    if (el.closest('button[disabled], [aria-disabled="true"], input, [data-testid="stSelectbox"]')) continue;
    const cs = getComputedStyle(el); let op = 1;
    for (let e = el; e; e = e.parentElement) op *= parseFloat(getComputedStyle(e).opacity || '1');
    const a = lum(cs.color), b = lum(bgOf(el));
    let ratio = (Math.max(a,b) + 0.05) / (Math.min(a,b) + 0.05);
    if (op < 1) ratio = 1 + (ratio - 1) * op;  // a rough, conservative discount for faded text
    out.push([txt.slice(0, 40), Math.round(ratio * 10) / 10, parseFloat(cs.fontSize)]);
  }
  return out;
}"""
IMAGES_JS = """() => [...document.querySelectorAll('[data-testid="stImage"] img')].filter(i => i.offsetParent)
  .map(i => { const b = i.getBoundingClientRect(); return [b.width, b.height, i.naturalWidth, i.alt]; })"""
TRUNCATED_JS = """() => [...document.querySelectorAll('button p')].filter(p => p.offsetParent && p.scrollWidth > p.clientWidth + 1)
  .map(p => p.innerText)"""
ROOM_JS = """() => { const m = document.querySelector('[data-testid="stMain"]');
  const q = document.querySelector('.st-key-pr_qr img'); const b = q && q.getBoundingClientRect();
  const i = document.querySelector('.st-key-pr_nav [data-testid="stSelectbox"] input');
  const cs = getComputedStyle(i); const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
  const room = i.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  return {scroll: m.scrollHeight - m.clientHeight, qr: b ? [b.width, b.height, b.bottom, b.right] : null,
          placeholder: i.placeholder, need: ctx.measureText(i.placeholder).width, room: room}; }"""


SCREEN_JS = """() => { const one = s => document.querySelector(s), all = s => [...document.querySelectorAll(s)];
  const size = e => parseFloat(getComputedStyle(e).fontSize);
  const side = one('[data-testid="stSidebar"]'), box = side && side.getBoundingClientRect();
  const imgs = all('[data-testid="stImage"] img'), wide = one('.st-key-pr_wide img'), qr = one('.st-key-pr_qr img');
  return {base: size(document.documentElement),
    sidebar_hidden: !box || !box.width || !box.height || getComputedStyle(side).visibility === 'hidden',
    metrics: all('[data-testid="stMetricValue"] p').map(size),
    text: one('[data-testid="stMain"]').innerText, heading: one('h1, h2').innerText,
    link: one('.st-key-pr_link')?.innerText ?? '', qr_alt: qr?.getAttribute('alt') ?? '',
    exceptions: all('[data-testid="stException"]').length,
    drawn: imgs.every(i => i.complete && i.naturalWidth > 0), srcs: imgs.map(i => i.getAttribute('src') || ''),
    plotly: all('[data-testid="stPlotlyChart"]').length,
    wide: wide ? [wide.getBoundingClientRect().width, wide.naturalWidth] : null}; }"""


MEASURE_JS = (
    f"() => ({{...({SCREEN_JS})(), ...({ROOM_JS})(), contrast: ({CONTRAST_JS})(), truncated: ({TRUNCATED_JS})(),"
    f" images: ({IMAGES_JS})()}})"
)


def measure(page) -> dict:
    """What the room's tests check on one screen at the page's current size: its type and metric sizes, whether
    the sidebar is hidden, text below 7:1 contrast, cut buttons, the pictures (all drawn, their addresses and
    sizes, the projector picture's shown and natural width, no live figure), the text, the link and QR code
    (one call into the page: each call costs more than what it measures)."""
    got = page.evaluate(MEASURE_JS)
    got["low_contrast"] = [t for t in got.pop("contrast") if t[1] < 7.0]
    got["errors"] = [*page.errors]
    return got


def walk_screens(ctx, server) -> dict[tuple[int, int, str], dict]:
    """Every screen of :data:`SCREENS` opened once and measured at every size of :data:`SIZES`:
    ``{(width, height, query): measures}``."""
    page = tab_of(ctx)
    out = {}
    for query in SCREENS:
        page.set_viewport_size({"width": SIZES[0][0], "height": SIZES[0][1]})
        open_page(page, server, f"/?modo=presenta&{query}")
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            page.evaluate(NEXT_FRAME)  # the new size laid out and painted
            page.wait_for_function(
                "() => [...document.querySelectorAll('[data-testid=\"stImage\"] img')].every(i => i.complete)"
            )
            out[(width, height, query)] = measure(page)
    return out
