"""The room's phone pages on made-up inputs: escaping, the size budget, links that work under any base path,
no script."""

from __future__ import annotations

import io
import random
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

import pandas as pd
import pytest

from district_stats.ops import phone_pages as pp

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)> **bold** [link](http://evil.example) &amp;'


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Tags:
    p = Tags()
    p.feed(html)
    return p


def png(width: int, height: int, lines: int = 0) -> bytes:
    """A PNG of ``width``×``height`` px; ``lines`` random coloured strokes make it large."""
    from PIL import Image, ImageDraw

    rnd = random.Random(3)
    im = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(im)
    for _ in range(lines):
        x, y = rnd.randrange(width), rnd.randrange(height)
        draw.line(
            (x, y, x + rnd.randrange(-60, 60), y + rnd.randrange(-60, 60)),
            width=3,
            fill=(rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)),
        )
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def page(**kw) -> pp.Page:
    base = {
        "lang": "it",
        "title": HOSTILE,
        "message": HOSTILE,
        "source": HOSTILE,
        "live": "../../../../?modo=presenta",
        "step": HOSTILE,
        "picture": "x-phone.png?v=0123456789",
        "size": (360, 560),
        "kpis": ((HOSTILE, HOSTILE),),
        "bullets": (HOSTILE,),
        "notes": (HOSTILE,),
        "links": (('https://a.example/"onmouseover="x', HOSTILE),),
        "index": "index.html",
        "other": "../en/presenter/x-phone.html",
    }
    return pp.Page(**{**base, **kw})


def test_hostile_values_stay_text():
    html = pp.page_html(page())
    tags = parse(html)
    names = [t for t, _ in tags.tags]
    assert "script" not in names and names.count("img") == 1  # the picture only, never one from the data
    assert "<script" not in html.lower() and "<img src=x" not in html  # only escaped: &lt;img src=x …
    assert not [a for _, attrs in tags.tags for a in attrs if a.startswith("on")]  # no event handler attribute
    hrefs = [a["href"] for t, a in tags.tags if t == "a"]
    assert hrefs[0] == 'https://a.example/"onmouseover="x'  # the quote stayed inside the attribute
    assert all(not h.lower().startswith("javascript") for h in hrefs)
    text = "".join(tags.text)
    assert text.count(HOSTILE) >= 7  # title, step, message, figure, bullet, note, source: shown literally
    img = next(a for t, a in tags.tags if t == "img")
    assert img["alt"] == HOSTILE and img["width"] == "360" and img["height"] == "560"


def test_a_page_is_plain_html_for_a_phone():
    html = pp.page_html(page(title="Il titolo", message="La frase dello schermo.", lang="en"))
    tags = parse(html)
    assert tags.tags[0] == ("html", {"lang": "en"})
    assert ("meta", {"name": "viewport", "content": "width=device-width,initial-scale=1"}) in tags.tags
    assert not [t for t, a in tags.tags if t in ("script", "link", "iframe") or "style" in a]  # inline CSS only
    assert [t for t, _ in tags.tags].count("style") == 1
    assert "@import" not in html and "url(" not in html and "@font-face" not in html  # nothing from outside
    img = next(a for t, a in tags.tags if t == "img")
    assert img["alt"] == "La frase dello schermo." and img["src"] == "x-phone.png?v=0123456789"
    assert "Open the interactive version" in html and "Versione italiana" in html


def test_without_a_picture_no_img_and_the_note_says_why(tmp_path):
    p = page(picture="", message="Frase.", title="T", step="", kpis=(), bullets=(), notes=(), links=(), source="S")
    total = pp.write_page(tmp_path, "presenter/x-phone.html", p, "presenter/x-phone.png", "Mappa mancante.")
    html = (tmp_path / "presenter" / "x-phone.html").read_text(encoding="utf-8")
    assert "<img" not in html and "Mappa mancante." in html and total == len(html.encode("utf-8"))


@pytest.mark.parametrize(
    ("rel", "query", "expected"),
    [
        (
            "presenter/soldi-phone.html",
            {"modo": "presenta", "passo": "3", "vista": "telefono"},
            "../../../../?modo=presenta&passo=3&vista=telefono",
        ),
        (
            "en/presenter/members/D041-phone.html",
            {"modo": "presenta", "d": "D041", "lang": "en", "vista": "telefono"},
            "../../../../../../?modo=presenta&d=D041&lang=en&vista=telefono",
        ),
    ],
)
def test_the_live_view_is_relative_and_works_under_any_base_path(rel, query, expected):
    assert pp.live_url(rel, query) == expected
    for base in ("http://192.168.1.20:8501", "https://example.org/distretti"):
        served = f"{base}/app/static/embed/{rel}"
        opened = urlsplit(urljoin(served, expected))
        assert f"{opened.scheme}://{opened.netloc}{opened.path}" == base + "/"
        assert {k: v[0] for k, v in parse_qs(opened.query).items()} == query


def test_paths_and_links_between_pages():
    assert pp.screen_page("soldi", "it") == "presenter/soldi-phone.html"
    assert pp.members_page("D041", "en") == "en/presenter/members/D041-phone.html"
    assert pp.index_page("en") == "en/presenter/index.html"
    assert (
        pp.relative(pp.members_page("D041", "en"), pp.members_page("D041", "it"))
        == "../../en/presenter/members/D041-phone.html"
    )
    assert pp.relative(pp.index_page("it"), pp.members_page("D041", "it")) == "../index.html"


def test_picture_size_and_version_come_from_the_file(tmp_path):
    data = png(720, 1120)
    assert pp.png_size(data) == (360, 560) and pp.png_size(b"GIF89a") == (0, 0)
    (tmp_path / "presenter").mkdir()
    (tmp_path / "presenter" / "x-phone.png").write_bytes(data)
    total = pp.write_page(tmp_path, "presenter/x-phone.html", page(picture=""), "presenter/x-phone.png")
    html = (tmp_path / "presenter" / "x-phone.html").read_text(encoding="utf-8")
    img = next(a for t, a in parse(html).tags if t == "img")
    assert img["src"].startswith("x-phone.png?v=") and len(img["src"]) == len("x-phone.png?v=") + 10
    assert (img["width"], img["height"]) == ("360", "560")
    assert total == len(html.encode("utf-8")) + len(data) <= pp.BUDGET


def test_a_picture_over_the_budget_is_re_encoded_to_fit(tmp_path, monkeypatch):
    data = png(720, 1120, lines=1500)
    (tmp_path / "presenter").mkdir()
    (tmp_path / "presenter" / "x-phone.png").write_bytes(data)
    monkeypatch.setattr(pp, "BUDGET", 125_000)
    assert len(data) > pp.BUDGET
    total = pp.write_page(tmp_path, "presenter/x-phone.html", page(picture=""), "presenter/x-phone.png")
    smaller = (tmp_path / "presenter" / "x-phone.png").read_bytes()
    assert total <= pp.BUDGET and len(smaller) < len(data) and smaller[:8] == b"\x89PNG\r\n\x1a\n"
    html = (tmp_path / "presenter" / "x-phone.html").read_text(encoding="utf-8")
    assert 'width="360" height="560"' in html  # laid out at the size it was drawn for
    assert pp.fit_picture(data, len(data)) is data  # a picture that fits is left alone


def test_district_page_escapes_names_and_links_only_web_sources():
    row = pd.Series(
        {
            "short_name": HOSTILE,
            "members_status": "complete",
            "n_comuni_mapped": 3,
            "n_comuni_historic": 0,
            "n_comuni_reported": None,
            "list_basis": "current",
            "list_year": None,
            "active_status": "confirmed",
            "n_business_calls": 0,
            "business_calls_eur": None,
            "capofila_ente": HOSTILE + " (comune)",
            "source_urls": "javascript:alert(1);https://www.targatocn.it/2022/02/02/x.html",
        }
    )
    rounds = pd.DataFrame({"status": pd.Series(dtype="str"), "amount_eur": pd.Series(dtype="float")})
    p = pp.district_page(row, rounds, "it", "Fonte: prova", "../../../../../?d=D1")
    assert p.title == HOSTILE and HOSTILE in p.alt
    assert [u for u, _ in p.links] == ["https://www.targatocn.it/2022/02/02/x.html"]
    html = pp.page_html(p)
    assert "javascript:" not in html and "<script" not in html
    assert "non trovat" in html.lower()  # nothing found is said in words, never as 0 €


def test_index_lists_the_screens_in_order():
    html = pp.index_html(
        [("", "Copertina", "copertina-phone.html"), ("1 / 8", HOSTILE, "rete-phone.html")],
        "it",
        "../../../../?modo=presenta&passo=1&vista=telefono",
        "../en/presenter/index.html",
    )
    tags = parse(html)
    assert [a["href"] for t, a in tags.tags if t == "a"] == [
        "copertina-phone.html",
        "rete-phone.html",
        "../../../../?modo=presenta&passo=1&vista=telefono",
        "../en/presenter/index.html",
    ]
    assert "script" not in [t for t, _ in tags.tags] and HOSTILE in "".join(tags.text)
