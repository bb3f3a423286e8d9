"""The room's phone pages for the committed data: every story screen and every district, in Italian and English,
each at most 150 KB with its picture, with no script.

``test_pages_from_the_committed_pictures`` builds them into a scratch folder from the committed phone pictures
(no browser), so it checks the builder on the real data whatever the state of ``static/embed/``;
``test_every_screen_has_its_published_phone_page`` checks the committed artefacts themselves and, like
tests/data/test_embeds.py, fails until ``python -m district_stats publish`` has run for the current code.
"""

from __future__ import annotations

import re
import shutil
from html import escape
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from district_stats.content import story
from district_stats.content.story import members_path, screen_path
from district_stats.ops import artefacts, phone_pages
from district_stats.ops.publish import LANGS
from tests.scratch import copy_tree

EMBED = artefacts.EMBED_DIR


def _screens(views, lang):
    cover = story.cover(views, lang)
    return ([cover] if cover is not None else []) + story.screens(views, lang)


def _live(rel: str, html: str) -> dict[str, str]:
    href = re.search(r'<p class="go"><a href="([^"]+)"', html).group(1).replace("&amp;", "&")
    opened = urlsplit(urljoin(f"https://example.org/base/app/static/embed/{rel}", href))
    assert opened.path == "/base/", (rel, href)
    return {k: v[0] for k, v in parse_qs(opened.query).items()}


@pytest.fixture(scope="module")
def built(tmp_path_factory, views):
    folder = tmp_path_factory.mktemp("embed")
    for lang in LANGS:
        src = EMBED / ("en/presenter" if lang == "en" else "presenter")
        copy_tree(src, folder / src.relative_to(EMBED), ignore=shutil.ignore_patterns("*.html"))
    sizes = phone_pages.render(views, LANGS, folder, progress=lambda m: None)
    return folder, sizes


@pytest.mark.slow  # the pages of 9 screens and 98 districts in two languages (~3 s)
def test_pages_from_the_committed_pictures(built, views):
    folder, sizes = built
    mapped = set(views.ds["district_geo"]["district_id"])
    for lang in LANGS:
        for s in _screens(views, lang):
            rel = phone_pages.screen_page(s.screen_id, lang)
            html = (folder / rel).read_text(encoding="utf-8")
            assert f'<html lang="{lang}">' in html and "<script" not in html, rel
            assert sizes[rel] <= phone_pages.BUDGET, (rel, sizes[rel])
            assert _live(rel, html) == phone_pages.live_query(lang, passo=str(s.step)), rel
            if (folder / screen_path(s.screen_id, lang, narrow=True)).exists():
                src = re.search(r'<img src="([^"?]+)\?v=[0-9a-f]{10}"', html).group(1)
                assert (folder / rel).parent.joinpath(src).resolve() == (
                    folder / screen_path(s.screen_id, lang, narrow=True)
                ).resolve()
                assert f'alt="{escape(s.message)}"' in html, rel
            else:
                assert not s.chart_id and s.kind not in ("map", "district", "cover"), rel  # a screen without picture
        for did in sorted(views.districts["district_id"]):
            rel = phone_pages.members_page(did, lang)
            html = (folder / rel).read_text(encoding="utf-8")
            assert sizes[rel] <= phone_pages.BUDGET and "<script" not in html, rel
            assert ("<img " in html) == (did in mapped) == (folder / members_path(did, lang, True)).exists(), did
            assert _live(rel, html) == phone_pages.live_query(lang, d=did), rel
        index = (folder / phone_pages.index_page(lang)).read_text(encoding="utf-8")
        assert index.count("-phone.html") == len(_screens(views, lang))


@pytest.mark.parametrize("lang", LANGS)
def test_every_screen_has_its_published_phone_page(views, lang):
    """The committed artefacts: fails until the artefacts are published again for the current code."""
    files = (artefacts.read_manifest() or {}).get("files", {})
    for s in _screens(views, lang):
        rel = phone_pages.screen_page(s.screen_id, lang)
        assert rel in files, f"{rel} is not published: run {artefacts.REBUILD_COMMAND}"
        picture = files.get(screen_path(s.screen_id, lang, narrow=True), {}).get("bytes", 0)
        assert files[rel]["bytes"] + picture <= phone_pages.BUDGET, (rel, files[rel]["bytes"] + picture)
        assert "<script" not in (EMBED / rel).read_text(encoding="utf-8")
    mapped = set(views.ds["district_geo"]["district_id"])
    for did in views.districts["district_id"]:
        assert phone_pages.members_page(did, lang) in files, did
        # Every district with comuni on the map has its projector and phone picture (none without).
        assert {members_path(did, lang, False), members_path(did, lang, True)} <= set(files) or did not in mapped, did
