"""Figures re-laid for the static embeds: labels that fit a phone, the Sankey as bars, stable ids."""

import pandas as pd
import plotly.graph_objects as go
import pytest

from district_stats.content.figures import chart_text, fixed_width, group_charts, money_charts

SYNTH_LINES = pd.DataFrame(
    {
        "label_it": ["Bando A molto lungo per un telefono stretto", "Bando B", "Bando C"],
        "label_en": ["Call A", "Call B", "Call C"],
        "amount_eur": [8_832_990.0, 1_506_904.0, 7_223_562.0],
        "share": [0.5, 0.09, 0.41],
    }
)
SYNTH_FLOW = pd.DataFrame(
    {
        "source": ["regione", "L1", "L1", "regione", "L2", "L2"],
        "target": ["L1", "imprese", "interventi", "L2", "imprese", "interventi"],
        "amount_eur": [10e6, 3e6, 7e6, 5e6, 1.5e6, 3.5e6],
    }
)
SYNTH_LINE_NAMES = pd.DataFrame(
    {"line_id": ["L1", "L2"], "label_it": ["Bando uno", "Bando due"], "label_en": ["Call one", "Call two"]}
)


def _annotations(fig: go.Figure) -> list[str]:
    return [a.text for a in fig.layout.annotations]


def test_text_px_and_wrap():
    assert chart_text.text_px("8,8 mln €", 14) < chart_text.text_px("8,8 mln € · 29%", 14)
    assert chart_text.text_px("a<br>much longer line", 10) == chart_text.text_px("much longer line", 10)
    assert chart_text.wrap("Progetti strategici 2022-24", 12) == "Progetti<br>strategici<br>2022-24"
    assert chart_text.wrap("parola", 2) == "parola"  # a long word is never cut
    assert chart_text.wrap_px("uno due tre", chart_text.text_px("uno due", 10), 10) == "uno due<br>tre"


def test_narrow_bars_put_names_above_and_keep_every_value_label_inside():
    fig = money_charts.lines_figure(SYNTH_LINES, "it")
    out = fixed_width.for_width(fig, fixed_width.NARROW, "it")
    assert out.layout.width == fixed_width.NARROW and out.layout.yaxis.visible is False
    assert [t.replace("<br>", " ") for t in _annotations(out)] == list(SYNTH_LINES["label_it"])
    bar = out.data[0]
    plot_px = fixed_width.NARROW - 10
    scale = plot_px / out.layout.xaxis.range[1]
    for value, text in zip(bar.x, bar.text):  # bar end + label within the drawing
        assert value * scale + chart_text.text_px(text, fixed_width.SIZES["narrow"]["label"]) + 8 <= plot_px + 0.5
    assert out.layout.height >= 3 * 40
    assert fig.layout.width is None and fig.layout.yaxis.visible is None  # the input is not changed


def test_wide_bars_keep_their_names_on_the_left_and_fit_labels():
    out = fixed_width.for_width(money_charts.lines_figure(SYNTH_LINES, "it"), fixed_width.WIDE, "it")
    assert out.layout.yaxis.visible is not False and not out.layout.annotations
    assert out.layout.xaxis.range[1] > max(SYNTH_LINES["amount_eur"])


def test_vertical_bars_turn_horizontal_on_a_phone():
    years = pd.DataFrame({"year": [2021, 2022], "amount_eur": [2.7e6, 11.5e6]})
    out = fixed_width.for_width(money_charts.years_figure(years, "it"), fixed_width.NARROW, "it")
    assert out.data[0].orientation == "h"
    assert _annotations(out) == ["2021", "2022"]


def test_sankey_becomes_stacked_bars_with_the_same_money():
    fig = money_charts.flow_figure(SYNTH_FLOW, SYNTH_LINE_NAMES, 0.3, "it")
    out = fixed_width.for_width(fig, fixed_width.NARROW, "it")
    assert {tr.type for tr in out.data} == {"bar"} and out.layout.barmode == "stack"
    assert sum(sum(tr.x) for tr in out.data) == pytest.approx(15e6)
    names = " ".join(_annotations(out))
    assert "Bando uno · 10,0 mln €" in names and "Bando due · 5,0 mln €" in names
    assert out.layout.legend.title.text.startswith("Regione Piemonte: 15,0 mln €")
    assert {tr.name for tr in out.data} == {"Imprese (almeno 30%)", "Interventi pubblici e azioni dei distretti"}


def test_flow_bars_refuse_a_figure_without_sankey():
    with pytest.raises(ValueError):
        fixed_width.flow_bars(go.Figure(go.Bar(x=[1], y=["a"])))


def test_numbers_after_stacked_bars_join_the_name_on_a_phone():
    frame = pd.DataFrame(
        {"group": ["BI", "TO"], "n_inside": [3, 125], "n_outside": [71, 187], "share_inside": [0.04, 0.4]}
    )
    out = fixed_width.for_width(group_charts.inside_figure(frame, "it", False, str), fixed_width.NARROW, "it")
    assert {tr.type for tr in out.data} == {"bar"}
    names = [n.replace("<br>", " ") for n in _annotations(out)]
    assert names == ["BI — 3 di 74 · 4%", "TO — 125 di 312 · 40%"]


def test_step_line_does_not_repeat_a_label_and_edge_labels_lean_left():
    tl = pd.DataFrame(
        {
            "event_date": pd.to_datetime(["2021-06-01", "2023-01-01", "2026-03-01"]),
            "n_districts": [25, 25, 98],
            "line_id": [None, None, None],
        }
    )
    lines = pd.DataFrame(columns=["line_id", "label_it", "label_en", "start_year", "end_year", "amount_eur"])
    out = fixed_width.for_width(money_charts.timeline_figure(tl, lines, "it", money_lines=()), fixed_width.NARROW, "it")
    assert list(out.data[0].text) == ["25", "", "98"]


SYNTH_DISTRICTS = pd.DataFrame(
    {
        "district_id": [f"D{i:03d}" for i in range(1, 13)],
        "short_name": [f"Distretto numero {i}" for i in range(1, 13)],
        "district_type": ["urbano", "diffuso"] * 6,
        "active_status": ["confirmed"] * 12,
        "members_status": ["complete"] * 12,
        "n_comuni_mapped": [3] * 12,
        "n_comuni_historic": [0] * 12,
        "n_comuni_reported": [3] * 12,
        "list_basis": ["current"] * 12,
        "list_year": [None] * 12,
        "population": [1000 * i for i in range(12, 0, -1)],
        "strategic_eur": [None] * 12,
        "label_lon": [7.0 + 0.12 * (i % 4) for i in range(12)],
        "label_lat": [44.5 + 0.1 * (i // 4) for i in range(12)],
    }
)


def test_ids_are_stable_and_the_narrow_map_places_its_names_again():
    from district_stats.content.figures import district_maps, mercator, text_boxes

    wide = district_maps.districts_map(SYNTH_DISTRICTS, "d", "p", ["TO"], height=560)
    out = fixed_width.for_width(wide, fixed_width.NARROW, "it")
    assert [tr.uid for tr in out.data] == [f"t{i}" for i in range(len(out.data))]
    assert out.layout.width == fixed_width.NARROW and out.layout.height > fixed_width.NARROW
    near = next(tr for tr in out.data if tr.name == "labels-picture" and tr.mode == "markers+text")
    shown = [t for t in near.text if t]
    assert 0 < len(shown) <= 12 and shown[0] == "Distretto numero 1"  # the biggest first
    # the names drawn do not overlap at the narrow size
    lon, lat = tuple(out.layout.geo.lonaxis.range), tuple(out.layout.geo.lataxis.range)
    frame = mercator.Mercator(lon, lat, fixed_width.NARROW, round(fixed_width.NARROW * 1.2))
    boxes = [
        text_boxes.plotly_text_box(*frame.to_px(x, y), t, near.textfont.size[i], near.textposition[i], 3.5)
        for i, (x, y, t) in enumerate(zip(near.lon, near.lat, near.text))
        if t
    ]
    assert not any(
        not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
    )


def test_left_labels_room():
    assert chart_text.left_labels_px(money_charts.lines_figure(SYNTH_LINES, "it")) > chart_text.text_px("Bando B", 13)
    assert chart_text.left_labels_px(go.Figure(go.Sankey())) == 0.0


def test_labels_of_close_markers_do_not_share_a_place_and_stay_inside():
    fig = go.Figure(
        go.Scatter(
            x=pd.to_datetime(["2023-01-01", "2023-06-01", "2025-12-01"]),
            y=[10, 10, 10],
            mode="markers+text",
            text=["bando 2022-24<br>8,8 mln €"] * 3,
            textposition="top center",
        )
    )
    fig.update_xaxes(range=[pd.Timestamp("2020-09-01"), pd.Timestamp("2026-06-30")])
    fig.update_yaxes(range=[0, 40])
    out = fixed_width.for_width(fig, fixed_width.NARROW, "it")
    where = list(out.data[0].textposition)
    assert where[0] != where[1]  # too close to sit side by side: one goes below
    # at the right edge a label leans left or takes one word a line instead of being cut
    assert "left" in where[2] or out.data[0].text[2] == "bando<br>2022-24<br>8,8 mln €"
    assert out.data[0].text[0] == "bando 2022-24<br>8,8 mln €"  # labels with room keep their lines


#: Three rankings a year apart, the last near the end of the axis (like the strategic calls): made up.
SYNTH_TIMELINE = pd.DataFrame(
    {
        "event_date": pd.to_datetime(["2021-06-01", "2022-12-13", "2023-12-06", "2025-12-18"]),
        "n_districts": [25.0, None, None, 98.0],
        "line_id": [None, "A", "B", "C"],
    }
)
SYNTH_CALLS = pd.DataFrame(
    {
        "line_id": ["A", "B", "C"],
        "start_year": [2022, 2023, 2025],
        "end_year": [2024, 2025, 2027],
        "amount_eur": [8_832_990.0, 8_700_000.0, 7_223_562.0],
    }
)


def _crossings(fig: go.Figure, width: int) -> list[tuple[str, str]]:
    """(note, line) pairs where a dashed line of the figure passes through a note, by the notes' estimated boxes."""
    lo, hi = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    m = fig.layout.margin
    plot_w = width - (m.l or 0) - (m.r or 0)
    plot_h = (fig.layout.height or 360) - (m.t or 40) - (m.b or 80)
    out = []
    for a in fig.layout.annotations:
        if a.xref != "x":
            continue
        x = (pd.Timestamp(a.x) - lo) / (hi - lo) + (a.xshift or 0) / plot_w
        w = chart_text.text_px(a.text, a.font.size) / plot_w
        left, right = (x, x + w) if a.xanchor == "left" else (x - w, x)
        top = a.y + a.font.size * 1.3 / plot_h
        for sh in fig.layout.shapes:
            lx = (pd.Timestamp(sh.x0) - lo) / (hi - lo)
            if (
                sh.type == "line"
                and pd.Timestamp(sh.x0) != pd.Timestamp(a.x)
                and left < lx < right
                and sh.y0 < top
                and sh.y1 > a.y
            ):
                out.append((a.text, str(sh.x0)))
    return out


@pytest.mark.parametrize("width", [fixed_width.NARROW, fixed_width.WIDE, 1020])
def test_no_dashed_line_crosses_a_note_of_the_timeline(width):
    projector = width == 1020  # the projector's picture (story.screen_figure): its type, its size
    fig = money_charts.timeline_figure(SYNTH_TIMELINE, SYNTH_CALLS, "it", projector, money_lines=("A", "B", "C"))
    if projector:
        out = fig.update_layout(width=width, height=290)
        fixed_width.place_notes(out, width)
    else:
        out = fixed_width.for_width(fig, width, "it")
    notes = [a for a in out.layout.annotations if a.xref == "x"]
    assert len(notes) == 3 and not _crossings(out, width), _crossings(out, width)
    for a in notes:  # each line starts at or above its note, never through it
        line = next(sh for sh in out.layout.shapes if pd.Timestamp(sh.x0) == pd.Timestamp(a.x))
        assert line.y0 >= a.y
