"""The presenter story's step arithmetic (its screens on the committed data: tests/data/test_figures.py)."""


from district_stats.content import story


def test_clamp_step():
    assert story.clamp_step(0, 8) == 1 and story.clamp_step(99, 8) == 8 and story.clamp_step(3, 8) == 3
