"""The presenter story: 6-8 screens, every text filled in from the data, in both languages (on the made-up
tables of tests/frames.py; the checks themselves are tests/figure_checks.py, run on the committed data by
tests/data/test_figures.py)."""

import pytest

from district_stats.content import story
from tests import figure_checks
from tests.frames import tiny_views


def test_clamp_step():
    assert story.clamp_step(0, 8) == 1 and story.clamp_step(99, 8) == 8 and story.clamp_step(3, 8) == 3


@pytest.fixture(scope="module")
def views():
    return tiny_views()


@pytest.mark.parametrize("check,args", figure_checks.STORY_CHECKS)
def test_story_reads_true(views, check, args):
    check(views, *args)


def test_story_numbers_match_the_data(views):
    screens = figure_checks.story_numbers_match_the_data(views, "880 mila €", "180 mila €", "5")
    assert "Monte Chiaro" in screens["storia"].title  # the story's district (D041 in the settings)
