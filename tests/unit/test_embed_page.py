"""The static embed page builder: escaping, required parts, size budget, nothing loaded from outside."""

import re

import pandas as pd
import pytest

from district_stats.content.embeds import embed_page
from district_stats.content.embeds.embed_table import Table, from_display, readable
from district_stats.content.text.display import humanize

EVIL = '<script>alert("x")</script>&'
SYNTH_SVG = (
    '<svg class="main-svg" xmlns="http://www.w3.org/2000/svg" width="360" height="200" style="" '
    'viewBox="0 0 360 200"><defs id="defs-1a2b3c"><clipPath id="clip1a2b3cxyplot"><rect/></clipPath></defs>'
    '<path d="M0.123456,5.987654L10.5,20.25Z" clip-path="url(#clip1a2b3cxyplot)"/>'
    '<a xlink:href="https://evil.example/"><text>label</text></a></svg>'
)


def _chart(
    title: str = "Titolo", summary: str = "Sintesi.", lang: str = "it", svg: str = SYNTH_SVG
) -> embed_page.EmbedChart:
    table = Table(["Voce", "Importo"], [[EVIL, "1.000 €"]], [False, True])
    return embed_page.EmbedChart(
        "linee",
        lang,
        title,
        summary,
        f"Fonte: {EVIL}",
        pd.Timestamp("2026-11-25"),
        table,
        embed_page.prepare_svg(svg, "linee-n", summary, title),
        embed_page.prepare_svg(svg, "linee-w", summary, title),
        (
            ("Regione Piemonte, «Un atto», 3 marzo 2022", "https://www.regione.piemonte.it/atto"),
            (EVIL, "javascript:alert(1)"),
        ),
    )


def test_every_data_string_is_escaped():
    page = embed_page.page_html(_chart(title=EVIL, summary=EVIL))
    assert "<script>alert" not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;" in page
    assert page.count("<script>") == 1  # only the resize script
    assert "javascript:" not in page  # a source that is not http(s) is not a link


def test_required_parts_are_there():
    page = embed_page.page_html(_chart())
    for part in (
        '<html lang="it">',
        'name="viewport"',
        "<h1>Titolo</h1>",
        "<p>Sintesi.</p>",
        'role="img"',
        'aria-label="Sintesi."',
        "<desc>Sintesi.</desc>",
        "<title>Titolo</title>",
        "<details>",
        "<table>",
        "Licenza CC BY 4.0",
        "Distretti del Commercio – dati da fonti pubbliche",
        "Come citare:",
        "Distretti del Commercio, «Distretti del Commercio – dati da fonti pubbliche: Titolo». Versione dei "
        'dati: 25 novembre 2026<span class="dc-acc" data-p="; consultato: "></span>. Licenza CC BY 4.0.',
        "Esplora nel dashboard",
        'href="../../../investimenti#linee"',
        'href="linee.png"',
        'href="linee-kit.zip"',
        "dc-embed-height",
        "ResizeObserver",
        'class="dc-n"',
        'class="dc-w"',
        '<a href="https://www.regione.piemonte.it/atto" target="_blank" rel="noopener">Regione Piemonte, '
        "«Un atto», 3 marzo 2022</a>",
        "toLocaleDateString",
    ):
        assert part in page, part
    en = embed_page.page_html(_chart(lang="en"), public_url="https://dash.example.org/")
    assert "Explore in the dashboard" in en and 'href="https://dash.example.org/investimenti?lang=en#linee"' in en
    assert "Data version: 25 November 2026" in en and "How to cite:" in en


def test_nothing_is_loaded_from_outside_and_no_web_font():
    page = embed_page.page_html(_chart())
    for tag, attr in re.findall(r"<(script|link|img|iframe|image|use|source|object|embed)\b[^>]*\s(src|href)=", page):
        pytest.fail(f"{tag} loads {attr}")
    assert "@import" not in page and "@font-face" not in page and "url(http" not in page
    assert "WebSocket" not in page and "fetch(" not in page


def test_resize_script_is_small_and_the_page_within_budget():
    assert len(embed_page.RESIZE_JS.encode()) <= 1024
    page = embed_page.page_html(_chart())
    assert len(page.encode()) < 300 * 1024


def test_prepare_svg_scales_is_stable_and_unlinked():
    out = embed_page.prepare_svg(SYNTH_SVG, "linee-n", 'a "quoted" <summary>', "T")
    head = out[: out.index(">") + 1]
    assert 'viewBox="0 0 360 200"' in head and "width=" not in head and "height=" not in head
    assert "1a2b3c" not in out and 'id="defs-linee-n"' in out and "url(#cliplinee-nxyplot)" in out
    assert "<a" not in out and "evil.example" not in out and "<text>label</text>" in out
    assert 'aria-label="a &quot;quoted&quot; &lt;summary&gt;"' in out
    assert 'd="M0.1,6L10.5,20.2Z"' in out  # one decimal, trailing zeros dropped
    assert 'd="M0,6L10,20Z"' in embed_page.prepare_svg(SYNTH_SVG, "m", "s", "t", decimals=0)
    assert embed_page.svg_height(out) == 200.0


def test_stable_ids_leave_numbers_alone():
    svg = '<svg><defs id="defs-123456"/><path d="M0.123456,1123456"/><g id="x123456"/></svg>'
    out = embed_page.stable_ids(svg, "k")
    assert 'id="defs-k"' in out and 'id="xk"' in out and "0.123456,1123456" in out


def test_snippet_and_links():
    code = embed_page.snippet("flusso", "en", 'Flow "<b>"', "https://dash.example.org", 700)
    assert code.startswith('<iframe src="https://dash.example.org/app/static/embed/en/flusso.html"')
    assert 'title="Flow &quot;&lt;b&gt;&quot;"' in code and 'height="700"' in code
    assert 'style="width:100%;border:0"' in code and 'loading="lazy"' in code and "dc-embed-height" in code
    assert embed_page.snippet("linee", "it", "T").startswith('<iframe src="/app/static/embed/linee.html"')
    assert embed_page.live_url("cronologia", "en") == "../../../../?lang=en#cronologia"
    assert embed_page.live_url("mappa", "it", "https://x.org/") == "https://x.org/mappa#mappa"
    assert embed_page.fallback_height(300) % 50 == 0 and embed_page.fallback_height(300) >= 300 * 0.82 + 600


def test_index_lists_every_chart_with_its_snippet():
    entries = [embed_page.IndexEntry("linee", EVIL, 650), embed_page.IndexEntry("mappa", "Mappa", 900)]
    page = embed_page.index_html(entries, "it")
    assert page.count("<textarea") == 2 and "<script>alert" not in page
    assert 'href="linee.html"' in page and 'href="mappa-kit.zip"' in page and "en/index.html" in page
    doc = embed_page.snippet_doc_html(entries[1], "en", "https://x.org")
    assert "dc-embed-height" in doc and "https://x.org/app/static/embed/en/mappa.html" in doc
    assert "<script>" not in doc  # with a known address nothing is rewritten in the browser


def test_readable_table_names_codes_and_formats_numbers():
    frame = pd.DataFrame(
        {
            "group": ["TO", "urbano"],
            "amount_eur": [1234567.0, 0.5],
            "share": [0.291, 0.0],
            "n_districts": [24, 3],
            "source_urls": ["https://x", "https://y"],
            "confidence": ["high", "low"],
            "is_minimum": [True, False],
        }
    )
    table = readable(frame, "it", {"TO": "Torino"})
    assert table.headers == ["Gruppo", "Importo", "Quota", "Distretti", "Affidabilità", "È un minimo"]
    assert table.rows[0] == ["Torino", "1.234.567 €", "29,1%", "24", "alta", "sì"]
    assert table.rows[1][0] == "distretti urbani" and table.rows[1][1] == "0,50 €"
    assert table.numeric == [False, True, True, True, False, False]
    assert readable(frame, "en").rows[0][4:] == ["high", "yes"]


def test_a_table_in_words_writes_dates_as_dates_and_missing_amounts_as_not_found():
    frame = pd.DataFrame(
        {
            "label_it": ["Bando"],
            "label_en": ["Call"],
            "event_date": pd.to_datetime(["2020-12-11"]),
            "amount_eur": [None],
            "n_districts": [1234],
        }
    )
    table = from_display(humanize(frame, "it"), "it")
    assert table.rows == [["Bando", "11 dicembre 2020", "non trovato", "1.234"]]
    assert from_display(humanize(frame, "en"), "en").rows[0][1] == "11 December 2020"
