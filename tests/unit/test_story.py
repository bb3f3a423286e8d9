"""The presenter story: 6-8 screens, every text filled in from the data, in both languages (on the made-up
tables of tests/frames.py; on the committed data: tests/data/test_figures.py)."""


import pytest

from district_stats.content import story
from tests.frames import tiny_views


def test_clamp_step():
    assert story.clamp_step(0, 8) == 1 and story.clamp_step(99, 8) == 8 and story.clamp_step(3, 8) == 3


@pytest.fixture(scope="module")
def views():
    return tiny_views()


@pytest.mark.parametrize("lang", ["it", "en"])
def test_story_screens_are_complete(views, lang):
    screens = story.screens(views, lang)
    assert 6 <= len(screens) <= 8
    assert [s.step for s in screens] == list(range(1, len(screens) + 1))
    for s in screens:
        assert s.title and s.message and s.source
        assert "{" not in s.title + s.message, s.screen_id
        assert not s.table.empty, s.screen_id


def test_story_numbers_match_the_data(views):
    screens = {s.screen_id: s for s in story.screens(views, "it")}
    assert "880 mila €" in screens["soldi"].title
    assert "180 mila €" in screens["imprese"].title
    assert f"{views.coverage.n_covered}" in screens["rete"].message
    assert dict(screens["manca"].kpis)["Distretti identificati"] == f"{views.coverage.n_districts} di 5"
    assert "Monte Chiaro" in screens["storia"].title  # the story's district (D041 in the settings)
