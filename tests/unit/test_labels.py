"""Label placement: no overlap, inside the plot, most important first, leaders or omission when crowded."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from district_stats.content.labels import (
    LabelSpec,
    Mercator,
    any_overlap,
    place_labels,
    place_on_map,
    text_box,
    text_width,
)


def test_text_width_grows_with_text_and_size_and_is_wider_for_capitals():
    assert text_width("Alba", 12) < text_width("Alba-Bra", 12) < text_width("Alba-Bra", 18)
    assert text_width("MMMM", 10) > text_width("iiii", 10)
    assert text_box("a\nb", 10)[1] == pytest.approx(24.0)


def test_a_lone_label_goes_right_of_its_point():
    [p] = place_labels([LabelSpec("a", "Torino", 100, 100, 12, marker_px=4)], 400, 300)
    assert p.xanchor == "left" and p.x0 > 104 and not p.leader
    assert p.plotly_position == "middle right"


def test_two_labels_on_the_same_point_do_not_overlap():
    specs = [LabelSpec("a", "Alba-Bra", 200, 150, 14, priority=2), LabelSpec("b", "Nizza-Canelli", 202, 151, 14)]
    placed = place_labels(specs, 400, 300)
    assert [p.key for p in placed] == ["a", "b"] and not any_overlap(placed)


def test_labels_never_leave_the_plot():
    placed = place_labels([LabelSpec("edge", "Terre del Monviso", 3, 150, 18)], 400, 300)
    assert placed and placed[0].x0 >= 2 and placed[0].x1 <= 398  # the text goes right, not off the left edge


def test_crowded_labels_are_omitted_lowest_priority_first():
    specs = [LabelSpec(f"k{i}", "Distretto lungo", 50, 50, 14, priority=-i) for i in range(30)]
    placed = place_labels(specs, 120, 100, leaders=True)
    keys = [p.key for p in placed]
    assert 0 < len(keys) < 30
    assert keys == [f"k{i}" for i in range(len(keys))]  # the most important ones are kept
    assert not any_overlap(placed)


def test_leader_lines_only_when_the_label_moved_away():
    specs = [LabelSpec(str(i), "Nome", 100, 100, 12, priority=10 - i, marker_px=3) for i in range(10)]
    placed = place_labels(specs, 300, 300)
    assert any(p.leader for p in placed) and not placed[0].leader


def test_obstacles_are_kept_clear():
    legend = (0, 0, 400, 60)
    [p] = place_labels([LabelSpec("a", "Verbania", 200, 62, 14)], 400, 300, obstacles=[legend])
    assert p.y0 >= 60


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 500), st.floats(0, 400), st.text("abcdeMN -", min_size=1, max_size=18),
                          st.floats(-5, 5)), min_size=1, max_size=40))
def test_any_input_gives_no_overlap_and_nothing_outside(points):
    specs = [LabelSpec(str(i), t, x, y, 13, p, 3) for i, (x, y, t, p) in enumerate(points)]
    placed = place_labels(specs, 500, 400)
    assert not any_overlap(placed)
    assert all(p.x0 >= 2 and p.y0 >= 2 and p.x1 <= 498 and p.y1 <= 398 for p in placed)


def test_mercator_fits_the_ranges_and_inverts():
    frame = Mercator((6.55, 9.30), (43.98, 46.50), 600, 900)
    w, h = frame.drawn_size
    assert w == pytest.approx(600) and h < 900  # Piemonte in a tall frame: width-bound
    x0, y0 = frame.to_px(6.55, 46.50)
    x1, y1 = frame.to_px(9.30, 43.98)
    assert x0 == pytest.approx(0) and x1 == pytest.approx(600) and y1 - y0 == pytest.approx(h)
    lon, lat = frame.to_lonlat(*frame.to_px(7.68, 45.07))
    assert (lon, lat) == (pytest.approx(7.68), pytest.approx(45.07))
    wide = Mercator((6.55, 9.30), (43.98, 46.50), 2000, 500)
    assert wide.drawn_size[1] == pytest.approx(500) and wide.drawn_size[0] < 2000
    assert math.isfinite(wide.scale)


def test_place_on_map_uses_the_projection():
    frame = Mercator((7.0, 8.0), (44.0, 45.0), 400, 400)
    placed = place_on_map([("out", "Alba", 8.30, 44.70, 1), ("b", "Bra", 7.85, 44.70, 0)], frame, 14, marker_px=3)
    assert [p.key for p in placed] == ["b"]  # a point east of the frame cannot be labelled inside it
    x, y = frame.to_px(7.85, 44.70)
    assert (placed[0].point_x, placed[0].point_y) == (pytest.approx(x), pytest.approx(y))
