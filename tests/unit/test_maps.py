"""Map pieces on made-up input (tests/frames.py): the legend is plain HTML with every entry and escapes its
labels, widening the clip keeps the view, the inside/outside map has no names (the maps drawn from the committed
data and geometry, names placed on the real districts: tests/data/test_map_figures.py)."""

from __future__ import annotations

import html

import pytest

from district_stats.content.figures import district_maps, map_frame, map_key
from district_stats.content.figures.mercator import Mercator
from district_stats.content.text import fmt
from tests import figure_checks
from tests.frames import tiny_views


def test_the_page_legend_escapes_its_labels():
    key = map_key.MapKey(
        (
            map_key.KeyEntry("<img src=x onerror=alert(1)> urbano (3)", "#0072B2"),
            map_key.KeyEntry("capofila", "#0072B2", kind="star"),
            map_key.KeyEntry("bordo spesso", "#000000", kind="line"),
        )
    )
    out = map_key.key_html(key, "en")
    assert "<img" not in out and "&lt;img src=x onerror=alert(1)&gt; urbano (3)" in out
    assert "\u2606" in out and "dc-key-line" in out and 'aria-label="' in out


def test_fill_ranges_keeps_the_view_and_widens_the_clip():
    lon, lat = map_frame.REGION_LON, map_frame.REGION_LAT
    wide_lon, wide_lat = map_frame.fill_ranges(lon, lat, 700, 530)
    before, after = Mercator(lon, lat, 700, 530), Mercator(wide_lon, wide_lat, 700, 530)
    assert after.scale == pytest.approx(before.scale)
    assert after.to_px(7.68, 45.07) == pytest.approx(before.to_px(7.68, 45.07))
    assert after.region_box[0] == pytest.approx(0, abs=0.5) and after.region_box[2] == pytest.approx(700, abs=0.5)


@pytest.fixture(scope="module")
def views():
    return tiny_views()


def test_the_page_legend_is_plain_html_with_every_entry_and_the_scale(views):
    key = district_maps.district_key(views.districts, "funding", "it")
    out = map_key.key_html(key, "it")
    assert out.count("<li>") == len(key.entries) >= 3  # the colours of the made-up districts and the outline
    assert all(html.escape(e.label) in out for e in key.entries)
    assert "linear-gradient" in out and fmt.num(key.scale.high, "it", 2) in out and "<br>" not in out


def test_inside_outside_map_has_no_names_and_its_legend_counts(views):
    figure_checks.inside_outside_map_has_no_names_and_its_legend_counts(views)
