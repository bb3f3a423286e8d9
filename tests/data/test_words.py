"""Words, not codes, outside the pages' AppTest scan: the presenter's screens and cover, every district's facts
(profile, map card, comune card, presenter drill-down, the room's phone pages) and every chart's table and
summary (the static embeds), in both languages."""

import pytest

from district_stats.content import catalog, district_page, story
from tests.words import codes_in


def _screen_texts(s: story.Screen) -> list[str]:
    return [s.title, s.message, s.source, *s.bullets, *(f"{k} {v}" for k, v in s.kpis)]


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_presenter_story_reads_in_words(views, lang):
    texts = [x for s in story.screens(views, lang) for x in _screen_texts(s)]
    cover = story.cover(views, lang)
    texts += _screen_texts(cover) if cover else []
    assert not codes_in(texts), codes_in(texts)[:5]


@pytest.mark.slow  # the facts of every district in each language (~1.2 s each)
@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_district_s_facts_read_in_words(views, lang):
    texts = []
    for did in views.districts["district_id"]:
        f = district_page.district_card(views, did, lang)
        texts += [
            f.members_text,
            f.money.value,
            f.money.note,
            f.calls.value,
            f.calls.note,
            *f.status_lines,
            *(f"{r.label}: {r.text}" for r in f.round_lines),
            *(b.text for b in f.badges),
        ]
    assert not codes_in(texts), codes_in(texts)[:5]


@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_chart_s_table_and_summary_read_in_words(views, lang):
    """What the static embeds print: the summary, the table's headers and cells (links left to the CSV)."""
    for chart_id in catalog.CHARTS:
        out = catalog.make_chart(chart_id, views, lang)
        shown = out.display.frame.drop(columns=list(out.display.links))
        texts = [
            out.title,
            out.summary,
            " | ".join(map(str, shown.columns)),
            *(" | ".join(map(str, r)) for r in shown.astype(str).itertuples(index=False)),
        ]
        assert not codes_in(texts), (chart_id, codes_in(texts)[:5])
