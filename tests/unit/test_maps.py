"""Map pieces on made-up input: the legend escapes its labels, widening the clip keeps the view (the maps
drawn from the committed data and geometry are checked in tests/data/test_map_figures.py)."""

from __future__ import annotations

import pytest

from district_stats.content.figures import map_frame, map_key, maps
from district_stats.content.figures.map_labels import Mercator


def test_the_page_legend_escapes_its_labels():
    key = map_key.MapKey((map_key.KeyEntry("<img src=x onerror=alert(1)> urbano (3)", "#0072B2"),
                           map_key.KeyEntry("capofila", "#0072B2", kind="star"),
                           map_key.KeyEntry("bordo spesso", "#000000", kind="line")))
    out = map_key.key_html(key, "en")
    assert "<img" not in out and "&lt;img src=x onerror=alert(1)&gt; urbano (3)" in out
    assert "\u2606" in out and "dc-key-line" in out and 'aria-label="' in out


def test_fill_ranges_keeps_the_view_and_widens_the_clip():
    lon, lat = maps.REGION_LON, maps.REGION_LAT
    wide_lon, wide_lat = map_frame.fill_ranges(lon, lat, 700, 530)
    before, after = Mercator(lon, lat, 700, 530), Mercator(wide_lon, wide_lat, 700, 530)
    assert after.scale == pytest.approx(before.scale)
    assert after.to_px(7.68, 45.07) == pytest.approx(before.to_px(7.68, 45.07))
    assert after.region_box[0] == pytest.approx(0, abs=0.5) and after.region_box[2] == pytest.approx(700, abs=0.5)


