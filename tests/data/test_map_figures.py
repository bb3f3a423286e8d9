"""The maps drawn from the committed data and geometry: the page map's names per canvas never overlap and
never leave the map, its legend names every colour; the presenter's pictures at their sizes, the drill-down
over its neighbours with the capofila as a star (the label placement is checked on the real districts)."""

from __future__ import annotations

import html

import plotly.graph_objects as go
import pytest

from district_stats.content import story, style
from district_stats.content.figures import district_maps, map_frame, map_key, screen_sizes
from district_stats.content.figures.mercator import Mercator
from district_stats.content.figures.text_boxes import plotly_text_box
from district_stats.content.text import fmt
from district_stats.data.schema import PROVINCES
from tests import figure_checks


def _boxes(group: list[go.Scattergeo], frame: Mercator) -> list[tuple[str, tuple[float, float, float, float]]]:
    """The boxes plotly draws the names of one canvas in (px of ``frame``)."""
    _, near, far = group
    out = []
    for i, (x, y, text) in enumerate(zip(near.lon, near.lat, near.text)):
        if text and x is not None:
            size = near.textfont.size[i]
            radius = (near.marker.size[i] or 0) / 2
            plain = html.unescape(text.removeprefix("<b>").removesuffix("</b>"))
            out.append(
                (
                    plain,
                    plotly_text_box(
                        *frame.to_px(x, y), plain, size, near.textposition[i], radius, bold=text.startswith("<b>")
                    ),
                )
            )
    for i, (x, y, text) in enumerate(zip(far.lon, far.lat, far.text)):
        if text and x is not None:
            plain = html.unescape(text.removeprefix("<b>").removesuffix("</b>"))
            out.append(
                (
                    plain,
                    plotly_text_box(
                        *frame.to_px(x, y),
                        plain,
                        far.textfont.size[i],
                        far.textposition[i],
                        bold=text.startswith("<b>"),
                    ),
                )
            )
    return out


def _apart_and_inside(named, frame: Mercator) -> None:
    rx0, ry0, rx1, ry1 = frame.region_box
    for text, (x0, y0, x1, y1) in named:
        assert rx0 <= x0 and x1 <= rx1 and ry0 <= y0 and y1 <= ry1, f"«{text}» leaves the map"
    for i, (a, ba) in enumerate(named):
        for b, bb in named[i + 1 :]:
            assert ba[2] <= bb[0] or bb[2] <= ba[0] or ba[3] <= bb[1] or bb[3] <= ba[1], f"«{a}» over «{b}»"


def _picture_frame(fig: go.Figure) -> Mercator:
    dom = fig.layout.geo.domain
    w = fig.layout.width * (dom.x[1] - dom.x[0])
    h = fig.layout.height * (dom.y[1] - dom.y[0])
    return Mercator(tuple(fig.layout.geo.lonaxis.range), tuple(fig.layout.geo.lataxis.range), w, h)


@pytest.fixture(scope="module")
def page_map(views):
    return district_maps.districts_map(
        views.districts, "d", "p", list(PROVINCES), canvases=map_frame.PAGE_CANVASES, rounds_of=views.district_rounds
    )


def test_the_page_map_has_one_set_of_names_per_canvas_in_order_and_no_legend(page_map):
    sets = figure_checks.label_sets(page_map)
    assert [g[0].name for g in sets] == [f"labels-{c.name}" for c in map_frame.PAGE_CANVASES]
    assert [[tr.mode for tr in g] for g in sets] == [["lines", "markers+text", "text"]] * len(sets)
    # the names come first among the scattergeo traces: the page's CSS picks a set by position
    first = [tr.name for tr in page_map.data if tr.type == "scattergeo"][: len(sets) * 3]
    assert all(str(n).startswith("labels-") for n in first)
    assert page_map.layout.showlegend is False and page_map.layout.height is None
    assert not any(tr.showscale for tr in page_map.data if tr.type == "choropleth")


@pytest.mark.parametrize("k", [1.0, 1.37, 2.4])
def test_page_names_never_overlap_nor_leave_the_map_at_their_canvas_and_larger(page_map, k):
    lon, lat = map_frame.REGION_LON, map_frame.REGION_LAT
    for canvas, group in zip(map_frame.PAGE_CANVASES, figure_checks.label_sets(page_map)):
        frame = Mercator(lon, lat, canvas.width * k, canvas.height * k)
        named = _boxes(group, frame)
        assert len(named) >= 12, canvas.name
        _apart_and_inside(named, frame)
        assert set(group[1].textfont.size) == {canvas.font_px}


def test_names_are_dark_with_a_white_halo_and_clickable(page_map):
    near = figure_checks.label_sets(page_map)[1][1]
    assert near.textfont.color == style.INK and "#FFFFFF" in near.textfont.shadow
    assert style.contrast_ratio(style.INK, "#FFFFFF") >= 7
    assert all(str(c).startswith("D") for c in near.customdata) and near.hoverinfo == "none"


def test_the_biggest_districts_are_named_first(page_map, views):
    near = figure_checks.label_sets(page_map)[0][1]  # the phone: the fewest names
    first = [c for c, t in zip(near.customdata, near.text) if t][:3]
    top = views.districts.sort_values("population", ascending=False)["district_id"].head(6).tolist()
    assert set(first) <= set(top)


def test_hover_says_type_status_and_money(page_map):
    detail = next(tr for tr in page_map.data if tr.type == "choropleth" and tr.customdata is not None).customdata[0][2]
    assert "fondi regionali trovati" in detail.lower() or "Fondi regionali trovati" in detail


def test_the_page_legend_is_plain_html_with_every_entry_and_the_scale(views):
    key = district_maps.district_key(views.districts, "funding", "it")
    out = map_key.key_html(key, "it")
    assert out.count("<li>") == len(key.entries)
    assert all(html.escape(e.label) in out for e in key.entries)
    assert "linear-gradient" in out and fmt.num(key.scale.high, "it", 2) in out and "<br>" not in out


@pytest.fixture(scope="module")
def geo():
    import json

    from district_stats import paths

    names = ("districts.geojson", "provinces.geojson", "comuni.geojson", f"districts/{story.STORY_DISTRICT}.geojson")
    return {n: json.loads((paths.DATA_DIR / "derived" / "geo" / n).read_text(encoding="utf-8")) for n in names}


def test_drill_down_over_the_neighbours_with_the_capofila_as_a_star_and_no_frame(views, geo):
    fig = story.district_figure(views.ds, story.STORY_DISTRICT, "it", geo)
    chor = [tr for tr in fig.data if tr.type == "choropleth"]
    assert [tr.name for tr in chor] == ["context", "members"]  # no province layer: no outline clipped into a frame
    context, members = chor
    assert context.colorscale[0][1] == map_frame.CONTEXT_FILL and context.marker.line.color == "#FFFFFF"
    assert map_frame.CONTEXT_FILL not in style.TYPE_COLORS.values() and map_frame.CONTEXT_FILL != style.NOT_FOUND
    assert members.colorscale[0][1] == style.BLUE  # the capofila has the members' fill, not the «diffuso» colour
    assert not fig.layout.shapes
    near = figure_checks.label_sets(fig)[0][1]
    star = [(t, s) for t, s, sym in zip(near.text, near.marker.size, near.marker.symbol) if sym == "star"]
    assert star and star[0][0] == "<b>Mondovì</b>" and star[0][1] >= 14
    hover = " ".join(str(c[1]) for c in members.customdata)
    assert "abitanti" in hover and "capofila" in hover and "membro" in hover
    assert "non nel distretto" in str(context.customdata[0][1])


def test_screen_two_draws_the_region_480_px_tall_with_names_of_18_px(views, geo):
    screen = next(s for s in story.screens(views, "it") if s.kind == "map")
    fig = story.screen_figure(screen, views, "it", geo)
    assert (fig.layout.width, fig.layout.height) == screen_sizes.MAP_VISUAL
    frame = _picture_frame(fig)
    piemonte = Mercator(map_frame.REGION_LON, map_frame.REGION_LAT, frame.width, frame.height)
    assert piemonte.drawn_size[1] >= 480
    named = _boxes(figure_checks.label_sets(fig)[0], frame)
    assert len(named) >= 15
    _apart_and_inside(named, frame)
    assert min(figure_checks.label_sets(fig)[0][1].textfont.size) >= 18
    # the legend is in its own zone left of the map
    assert fig.layout.geo.domain.x[0] > 0 and fig.layout.legend.x == 0


def test_the_district_screen_draws_its_map_420_px_tall(views, geo):
    fig = story.district_figure(views.ds, story.STORY_DISTRICT, "it", geo)
    frame = _picture_frame(fig)
    assert frame.height >= 420 and min(frame.drawn_size) >= 420
    named = _boxes(figure_checks.label_sets(fig)[0], frame)
    assert len(named) >= 5
    _apart_and_inside(named, frame)


def test_phone_pictures_are_drawn_for_a_phone(views, geo):
    for screen in story.screens(views, "it"):
        fig = story.screen_figure(screen, views, "it", geo, narrow=True)
        if fig is not None:
            assert fig.layout.width == screen_sizes.SCREEN_NARROW[0], screen.screen_id
    fig = story.screen_figure(next(s for s in story.screens(views, "it") if s.kind == "map"), views, "it", geo, True)
    assert fig.layout.geo.domain.y[0] > 0  # the legend under the map
    _apart_and_inside(_boxes(figure_checks.label_sets(fig)[0], _picture_frame(fig)), _picture_frame(fig))


def test_the_cover_map_has_no_names(views, geo):
    cover = story.cover(views, "it")
    fig = story.screen_figure(cover, views, "it", geo)
    assert (fig.layout.width, fig.layout.height) == screen_sizes.COVER_VISUAL
    assert not any(t for t in figure_checks.label_sets(fig)[0][1].text)


def test_inside_outside_map_has_no_names_and_its_legend_counts(views):
    figure_checks.inside_outside_map_has_no_names_and_its_legend_counts(views)
