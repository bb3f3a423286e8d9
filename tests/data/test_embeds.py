"""The committed artefacts (static/embed/) match the committed data and code, and keep their promises."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from district_stats.content.embeds import embed_page
from district_stats.data.files import file_md5
from district_stats.ops import artefacts
from district_stats.ops.publish import CHART_IDS, LANGS

EMBED = artefacts.EMBED_DIR
PAGES = [embed_page.page_path(cid, lang) for lang in LANGS for cid in CHART_IDS]


@pytest.fixture(scope="module")
def manifest() -> dict:
    doc = artefacts.read_manifest()
    assert doc is not None, f"static/embed/manifest.json is missing: run {artefacts.REBUILD_COMMAND}"
    return doc


WHY = {"missing": "never published", "data": "the data changed", "code": "the figure-building code changed"}


def test_artefacts_were_built_from_the_committed_data_and_code(manifest):
    stale = artefacts.stale_reasons()
    said = "; ".join(f"{lang}: {', '.join(WHY[w] for w in why)}" for lang, why in stale.items())
    assert not stale, f"static/embed/ is out of date ({said}): run {artefacts.REBUILD_COMMAND} and commit static/embed/"
    assert manifest["data_version"] == artefacts.data_fingerprint()
    assert manifest["code_version"] == artefacts.code_fingerprint()


def test_every_chart_has_page_images_and_kit_in_both_languages(manifest):
    assert manifest["charts"] == list(CHART_IDS)
    for lang in LANGS:
        for cid in CHART_IDS:
            for ext in ("html", "png", "svg"):
                assert embed_page.page_path(cid, lang, ext) in manifest["files"], (cid, lang, ext)
            assert embed_page.page_path(f"{cid}-kit", lang, "zip") in manifest["files"], (cid, lang)
        assert embed_page.page_path("index", lang) in manifest["files"]
        assert embed_page.page_path("snippet", lang) in manifest["files"]


def test_files_match_their_manifest(manifest):
    on_disk = {p.relative_to(EMBED).as_posix() for p in EMBED.rglob("*") if p.is_file()} - {artefacts.MANIFEST}
    assert on_disk == set(manifest["files"]), "static/embed/ and its manifest disagree: publish again"
    for rel, info in manifest["files"].items():
        assert file_md5(EMBED / rel) == info["md5"], rel


@pytest.mark.parametrize("rel", PAGES)
def test_page_is_light_self_contained_and_complete(rel):
    page = (EMBED / rel).read_text(encoding="utf-8")
    assert len(page.encode()) <= 300 * 1024, f"{rel}: {len(page.encode()) // 1024} KB"
    assert not re.search(r"<(script|link|img|iframe|image|use|source)\b[^>]*\s(src|href)=", page), rel
    assert "@import" not in page and "@font-face" not in page and "url(http" not in page
    assert page.count("<script>") == 1 and page.count('role="img"') == 2 and "<table>" in page
    assert "CC BY 4.0" in page and "dc-embed-height" in page and "dc-licence" in page


@pytest.mark.parametrize("lang", LANGS)
def test_press_kit_has_images_table_and_citation(lang):
    data = (EMBED / embed_page.page_path("linee-kit", lang, "zip")).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        stem = "citation" if lang == "en" else "citazione"
        readme = f"{stem}.txt"
        # the citation as text, and for reference managers as CSL-JSON and BibTeX
        assert names == {"linee.png", "linee.svg", "linee.csv", readme, f"{stem}.json", f"{stem}.bib"}
        csv = z.read("linee.csv")
        cite = z.read(readme).decode("utf-8")
    assert csv.startswith(b"\xef\xbb\xbf") and (b";" if lang == "it" else b",") in csv.splitlines()[0]
    assert (
        cite.startswith(
            ("Distretti del Commercio, «Distretti del Commercio", "Distretti del Commercio, “Distretti del Commercio")
        )
        and "CC BY 4.0" in cite
    )


@pytest.mark.parametrize("lang", LANGS)
def test_every_chart_has_its_page_drawings(manifest, lang):
    """The phone and column drawings the app's pages show (the same SVGs as the embed page's)."""
    for cid in CHART_IDS:
        page = (EMBED / embed_page.page_path(cid, lang)).read_text(encoding="utf-8")
        for v in ("n", "w"):
            svg = (EMBED / embed_page.page_path(f"{cid}-{v}", lang, "svg")).read_text(encoding="utf-8")
            assert svg.startswith("<svg") and 'xmlns="http://www.w3.org/2000/svg"' in svg[:300], (cid, v)
            assert 'role="img"' in svg and "<desc>" in svg and svg in page, (cid, v)


@pytest.mark.parametrize("lang", LANGS)
def test_every_presenter_screen_with_a_figure_has_its_projector_and_phone_image(manifest, views, lang):
    from district_stats.content import story
    from district_stats.content.story import screen_path

    with_figure = [s for s in story.screens(views, lang) if s.chart_id or s.kind in ("map", "district")]
    assert len(with_figure) >= 6
    for s in with_figure:
        for narrow in (False, True):
            data = (EMBED / screen_path(s.screen_id, lang, narrow)).read_bytes()
            assert data[:8] == b"\x89PNG\r\n\x1a\n", (s.screen_id, narrow)
    ids = {s.screen_id for s in with_figure}
    without = [s for s in story.screens(views, lang) if s.screen_id not in ids]
    assert all(screen_path(s.screen_id, lang) not in manifest["files"] for s in without)


@pytest.mark.parametrize("lang", LANGS)
def test_every_district_with_mapped_comuni_has_its_drill_down_map(manifest, views, lang):
    from district_stats.content.story import members_path

    mapped = set(views.ds["district_geo"]["district_id"])
    assert len(mapped) > 80
    for did in sorted(views.districts["district_id"]):
        assert (members_path(did, lang) in manifest["files"]) == (did in mapped), did
