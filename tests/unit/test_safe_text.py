"""The one escaping path (district_stats.content.text.safe_text): every hostile class shows literally, creates nothing."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from district_stats.content.text import safe_text
from tests.markup import HOSTILE, figure_problems, markdown_problems, shows


def test_the_oracle_sees_what_raw_values_would_create():
    """Without escaping, each class does create markup (so the tests below can fail)."""
    for name in (
        "md_link",
        "md_emphasis",
        "heading",
        "autolink_www",
        "autolink_http",
        "autolink_mail",
        "html",
        "javascript_url",
        "icons",
    ):
        assert markdown_problems(HOSTILE[name]), name
    assert markdown_problems(safe_text.plain(HOSTILE["autolink_www"]).replace(".", "\\."))  # escaping is not enough
    fig = go.Figure(go.Bar(x=[1], y=[HOSTILE["plotly_tags"]]))
    assert figure_problems(fig.to_json())


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_md_creates_no_markup_and_shows_the_value_literally(name):
    value = HOSTILE[name]
    out = safe_text.md(value)
    assert markdown_problems(out) == [], out
    assert markdown_problems(f"- **Etichetta**: {out}") == []  # inside a list item and next to bold
    assert shows(out, safe_text.plain(value))
    assert safe_text.visible(out) == safe_text.plain(value)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_plotly_text_shows_tags_as_typed(name):
    value = HOSTILE[name]
    label = safe_text.plotly(value)
    fig = go.Figure(
        go.Bar(
            x=[1],
            y=[label],
            text=[label],
            customdata=[label],
            hovertemplate="<b>%{customdata}</b><br>%{text}<extra></extra>",
        )
    )
    fig.add_annotation(text=label)
    assert figure_problems(fig.to_json()) == []
    assert "<" not in label and ">" not in label
    assert label.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == safe_text.plain(value)


def test_plain_removes_control_and_invisible_characters_and_caps_length():
    assert safe_text.plain("a\r\nb\x00c\x1b[1m\u202ed\u200be") == "a  b c [1mde"
    assert safe_text.plain(None) == "" and safe_text.plain(float("nan")) == ""
    cut = safe_text.plain("x" * 5000, 40)
    assert len(cut) == 40 and cut.endswith("…")
    assert len(safe_text.md(HOSTILE["long"], 60)) < 200


@pytest.mark.parametrize(
    "name,expected",
    [
        ("nuovi importi.csv", "nuovi importi.csv"),
        ("C:\\Users\\uff\\Mondovì 2026.xlsx", "Mondovì 2026.xlsx"),
        ("../../etc/passwd", "passwd"),
        ("[EVIL](javascript:alert(1)).csv", "_EVIL__javascript_alert_1__.csv"),
        ("a\r\nb.csv", "a  b.csv"),
        ('=HYPERLINK("x").csv', "HYPERLINK__x__.csv"),
        ("", "file"),
    ],
)
def test_filename_is_safe_to_store(name, expected):
    out = safe_text.filename(name)
    assert out == expected
    assert len(safe_text.filename("x" * 500 + ".csv")) == safe_text.MAX_FILENAME
    assert markdown_problems(safe_text.md(out)) == [] and "\n" not in out and "\r" not in out


def test_figure_json_round_trip_keeps_entities():
    fig = go.Figure(go.Bar(x=[1], y=[safe_text.plotly("<b>EVIL</b> & co")]))
    assert json.loads(fig.to_json())["data"][0]["y"] == ["&lt;b&gt;EVIL&lt;/b&gt; &amp; co"]
