"""Label placement: no overlap, inside the plot, most important first, leaders or omission when crowded,
and (``grow``) still apart when the map is drawn larger."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from district_stats.content.figures.map_labels import (
    ON_AREA,
    LabelSpec,
    any_overlap,
    place_labels,
    place_on_map,
    scaled,
)
from district_stats.content.figures.mercator import Mercator
from district_stats.content.figures.text_boxes import (
    ASCENT,
    DESCENT,
    overlaps,
    plotly_text_box,
    segment_hits,
    text_box,
    text_width,
)


def test_text_width_grows_with_text_and_size_and_is_wider_for_capitals_and_bold():
    assert text_width("Alba", 12) < text_width("Alba-Bra", 12) < text_width("Alba-Bra", 18)
    assert text_width("MMMM", 10) > text_width("iiii", 10)
    assert text_width("Mondovì", 14, bold=True) > text_width("Mondovì", 14)
    assert text_box("a\nb", 10)[1] == pytest.approx((ASCENT + DESCENT + 1.3) * 10)


def test_plotly_text_box_follows_plotlys_offsets():
    # A marker of radius 4: plotly moves the text 4 / 0.8 + 1 = 6 px from the point.
    x0, y0, x1, y1 = plotly_text_box(100, 100, "Torino", 12, "middle right", 4)
    assert x0 == pytest.approx(106) and x1 - x0 == pytest.approx(text_width("Torino", 12))
    assert y0 < 100 < y1  # vertically around the point (baseline 0.25 em below it)
    x0, y0, x1, y1 = plotly_text_box(100, 100, "Torino", 12, "top center", 4)
    assert (x0 + x1) / 2 == pytest.approx(100) and y1 < 100 - 4  # above the marker
    # Text only (no marker): no offset, the text starts at the point.
    assert plotly_text_box(100, 100, "Bra", 12, "middle left")[2] == pytest.approx(100)


def test_a_lone_label_goes_right_of_its_point():
    [p] = place_labels([LabelSpec("a", "Torino", 100, 100, 12, marker_px=4)], 400, 300)
    assert p.position == "middle right" and p.x0 > 104 and not p.leader
    assert (p.anchor_x, p.anchor_y) == (100, 100)


def test_an_area_name_goes_over_its_area_first():
    [p] = place_labels([LabelSpec("a", "Pianfei", 100, 100, 12, positions=ON_AREA)], 400, 300)
    assert p.position == "middle center" and p.x0 < 100 < p.x1


def test_two_close_labels_do_not_overlap():
    """«Alba-Bra» ran into «Nizza-Canelli (DOC Valley)»: two points 10 px apart get their names on either side."""
    specs = [
        LabelSpec("a", "Alba-Bra", 200, 150, 14, priority=2, marker_px=3),
        LabelSpec("b", "Nizza-Canelli (DOC Valley)", 190, 152, 14, marker_px=3),
    ]
    placed = place_labels(specs, 500, 300)
    assert [p.key for p in placed] == ["a", "b"] and not any_overlap(placed)
    assert placed[1].position == "middle left"


def test_a_point_under_an_earlier_name_gets_no_name():
    specs = [LabelSpec("a", "Alba-Bra", 200, 150, 14, priority=2), LabelSpec("b", "Bra", 202, 151, 14)]
    assert [p.key for p in place_labels(specs, 400, 300)] == ["a"]


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


def test_a_leader_line_when_there_is_no_room_next_to_the_point():
    blocked = [(106, 90, 160, 110)]  # something right of the point, where its only direct place is
    first = LabelSpec("a", "Nome", 100, 100, 12, priority=2, marker_px=3, positions=("middle right",))
    [p] = place_labels([first], 300, 300, obstacles=blocked)
    assert (
        p.leader and not any_overlap([p]) and (p.box[2] <= 104 or p.box[0] >= 162 or p.box[3] <= 88 or p.box[1] >= 112)
    )
    assert math.hypot(p.anchor_x - p.point_x, p.anchor_y - p.point_y) > 12
    assert not segment_hits((p.point_x, p.point_y), (p.anchor_x, p.anchor_y), blocked[0], 0.0)
    alone = place_labels([first], 300, 300)
    assert not alone[0].leader  # with room next to it, no line


def test_a_name_leaves_the_next_dot_visible_when_it_can():
    first = LabelSpec("big", "Alessandria", 100, 100, 14, priority=2, marker_px=4)
    near = LabelSpec("small", "Valenza", 130, 100, 14, priority=1, marker_px=4)  # right of «big»'s dot
    placed = {p.key: p for p in place_labels([first, near], 400, 300)}
    assert placed["big"].position == "middle left" and "small" in placed


def test_a_dot_is_never_under_a_name():
    specs = [LabelSpec(str(i), "Nome lungo", 100 + 16 * i, 150, 12, priority=-i, marker_px=3) for i in range(8)]
    placed = place_labels(specs, 400, 300)
    for p in placed:
        dot = (p.point_x - 3, p.point_y - 3, p.point_x + 3, p.point_y + 3)
        assert not any(overlaps(dot, q.box, 0.0) for q in placed if q is not p)


def test_obstacles_are_kept_clear():
    legend = (0, 0, 400, 60)
    [p] = place_labels([LabelSpec("a", "Verbania", 200, 62, 14)], 400, 300, obstacles=[legend])
    assert p.y0 >= 60


@given(
    st.lists(
        st.tuples(
            st.floats(0, 500), st.floats(0, 400), st.text("abcdeMN -", min_size=1, max_size=18), st.floats(-5, 5)
        ),
        min_size=1,
        max_size=40,
    )
)
def test_any_input_gives_no_overlap_and_nothing_outside(points):
    specs = [LabelSpec(str(i), t, x, y, 13, p, 3) for i, (x, y, t, p) in enumerate(points)]
    placed = place_labels(specs, 500, 400)
    assert not any_overlap(placed)
    assert all(p.x0 >= 2 and p.y0 >= 2 and p.x1 <= 498 and p.y1 <= 398 for p in placed)
    for p in placed:  # no leader line through a name, no dot under a name
        dot = (p.point_x - 3, p.point_y - 3, p.point_x + 3, p.point_y + 3)
        assert not any(overlaps(dot, q.box, 0.0) for q in placed if q is not p)
        if p.leader:
            assert not any(
                segment_hits((p.point_x, p.point_y), (p.anchor_x, p.anchor_y), q.box, 0.0) for q in placed if q is not p
            )


@given(
    st.lists(
        st.tuples(
            st.floats(0, 300), st.floats(0, 300), st.text("abcdeMN -", min_size=1, max_size=14), st.floats(-5, 5)
        ),
        min_size=2,
        max_size=40,
    ),
    st.floats(1.0, 4.0),
    st.floats(0, 300),
    st.floats(0, 300),
)
def test_grown_labels_stay_apart_on_any_larger_map(points, k, cx, cy):
    """Placed for a 300 px map, drawn k times larger around any centre (a wider column, a zoom): still apart."""
    specs = [LabelSpec(str(i), t, x, y, 12, p, 3) for i, (x, y, t, p) in enumerate(points)]
    placed = place_labels(specs, 300, 300, grow=True)
    assert not any_overlap(placed)
    assert not any_overlap(scaled(placed, k, cx, cy))


def test_without_grow_labels_may_collide_on_a_larger_map():
    """The reason for ``grow``: two names whose boxes are in the opposite order of their points."""
    a = LabelSpec("a", "Nome lungo", 100, 100, 12, priority=2, marker_px=3)
    b = LabelSpec("b", "Altro", 90, 80, 12, priority=1, marker_px=3, positions=("middle right",))
    free = place_labels([a, b], 300, 300)
    grown = place_labels([a, b], 300, 300, grow=True)
    assert not any_overlap(free) and not any_overlap(grown)
    assert not any_overlap(scaled(grown, 3.0, 0, 0))


def test_mercator_fits_the_ranges_like_plotly_and_inverts():
    frame = Mercator((6.55, 9.30), (43.98, 46.50), 600, 800)
    w, h = frame.drawn_size
    assert w == pytest.approx(600) and h < 800  # Piemonte in a tall frame: width-bound
    x0, y0 = frame.to_px(6.55, 46.50)
    x1, y1 = frame.to_px(9.30, 43.98)
    assert x0 == pytest.approx(0) and x1 == pytest.approx(600) and y1 - y0 == pytest.approx(h)
    # plotly puts the middle of the ranges at the centre: measured in Chromium, Torino at (246.5, 452.6)
    tx, ty = frame.to_px(7.68, 45.07)
    assert (tx, ty) == (pytest.approx(246.5, abs=1), pytest.approx(452.6, abs=1))
    lon, lat = frame.to_lonlat(tx, ty)
    assert (lon, lat) == (pytest.approx(7.68), pytest.approx(45.07))
    wide = Mercator((6.55, 9.30), (43.98, 46.50), 2000, 500)
    assert wide.drawn_size[1] == pytest.approx(500) and wide.drawn_size[0] < 2000
    assert math.isfinite(wide.scale)
    bx0, by0, bx1, by1 = wide.region_box
    assert bx1 - bx0 == pytest.approx(wide.drawn_size[0]) and by0 >= 0 and by1 <= 500


def test_place_on_map_uses_the_projection():
    frame = Mercator((7.0, 8.0), (44.0, 45.0), 400, 400)
    placed = place_on_map([("out", "Alba", 8.30, 44.70, 1), ("b", "Bra", 7.85, 44.70, 0)], frame, 14, marker_px=3)
    assert [p.key for p in placed] == ["b"]  # a point east of the frame cannot be labelled inside it
    x, y = frame.to_px(7.85, 44.70)
    assert (placed[0].point_x, placed[0].point_y) == (pytest.approx(x), pytest.approx(y))


def test_place_on_map_sets_the_capofila_bold_and_bigger():
    frame = Mercator((7.0, 8.0), (44.0, 45.0), 400, 400)
    placed = place_on_map(
        [("cap", "Mondovì", 7.8, 44.4, 9), ("m", "Briaglia", 7.3, 44.6, 1)],
        frame,
        14,
        marker_px=3,
        bold=["cap"],
        big=["cap"],
    )
    cap = next(p for p in placed if p.key == "cap")
    assert cap.bold and cap.size_px == 16
