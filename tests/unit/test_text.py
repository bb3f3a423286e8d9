"""Every chart summary states numbers that match the frame the chart draws (on the made-up tables of
tests/frames.py; the checks themselves are tests/figure_checks.py, run on the committed data by
tests/data/test_figures.py)."""

import pytest

from district_stats.content.text import summaries
from tests import figure_checks
from tests.frames import tiny_views


@pytest.fixture(scope="module")
def views():
    return tiny_views()


@pytest.mark.parametrize("check,args", figure_checks.SUMMARY_CHECKS)
def test_summary_matches_data(views, check, args):
    check(views, *args)


def test_timeline_summary(views):
    s = summaries.timeline_summary(views.ds["timeline"], "it")
    assert "da 2 il 28 giugno 2021 a 5 il 15 dicembre 2025" in s


def test_official_summary(views):
    s = summaries.official_summary(views.recon.total_eur, views.reserve.reserve_eur, "it")
    assert "880 mila €" in s and "180 mila €" in s
