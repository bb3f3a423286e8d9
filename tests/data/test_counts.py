"""One count per concept: the map's legend and summary, the KPIs, the presenter and /dati give the same numbers
for the districts drawn, the incomplete lists and the comuni covered (computed once in analysis/counts.py)."""

import re

import pytest

from district_stats.analysis import counts
from district_stats.content import data_page, kpis, region_map, story
from district_stats.content.figures import district_maps


def _ints(text: str) -> list[int]:
    """Every whole number of a text as written (Italian or English thousands separators)."""
    return [int(re.sub(r"[.,]", "", n)) for n in re.findall(r"\d{1,3}(?:[.,]\d{3})+|\d+", text)]


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_map_legend_adds_up_to_the_districts_the_summary_says_are_drawn(views, lang):
    c = counts.map_counts(views.districts)
    key = district_maps.district_key(views.districts, "type", lang)
    fills = [e for e in key.entries if e.kind == "fill"]
    assert sum(_ints(e.label)[-1] for e in fills) == c.n_drawn == len(views.districts[counts.is_drawn(views.districts)])
    outline = next(e for e in key.entries if e.kind == "line")
    assert _ints(outline.label) == [c.n_drawn_incomplete]
    said = _ints(region_map.summary(views, lang))
    assert said[:3] == [c.n_drawn, c.n_drawn_active, c.n_active]
    assert c.n_drawn_not_renewed in said and c.n_drawn_incomplete == said[-1]
    assert c.n_drawn_active + c.n_drawn_not_renewed == c.n_drawn and c.n_comuni == views.coverage.n_covered
    funding = district_maps.district_key(views.districts, "funding", lang)  # the money map: found (scale) + the others
    assert (
        sum(_ints(e.label)[-1] for e in funding.entries if e.kind == "fill") + _ints(funding.scale.title)[0]
        == c.n_drawn
    )


@pytest.mark.parametrize("lang", ["it", "en"])
def test_kpis_presenter_and_data_page_say_the_same_counts(views, lang):
    cov, c = views.coverage, counts.map_counts(views.districts)
    by_id = {k.kpi_id: k for k in kpis.headline_kpis(views, lang)}
    partial = [_ints(text)[0] for k in by_id.values() for text, _ in k.badges if "incomplet" in text]
    assert (
        set(partial)
        == {cov.n_incomplete}
        == {int(counts.is_incomplete(views.districts)[counts.is_active(views.districts)].sum())}
    )
    assert _ints(by_id["comuni"].value) == [cov.n_covered]
    coverage_badge = next(text for text, _ in by_id["comuni"].badges if _ints(text))
    assert _ints(coverage_badge) == [cov.n_covered, cov.n_comuni] == [c.n_comuni, 1180]
    data_md = data_page.coverage_md(views, lang)
    lists = data_md.split("**")[4]  # «69 complete, 24 incomplete (16 parziali, 8 con il solo capofila)»
    assert _ints(lists) == [cov.n_complete, cov.n_incomplete, cov.n_partial, cov.n_capofila_only]
    assert cov.n_complete + cov.n_incomplete == cov.n_districts
    assert _ints(data_md.split("**")[6])[:2] == [cov.n_covered, cov.n_comuni]
    screens = {s.screen_id: s for s in story.screens(views, lang)}
    assert _ints(screens["mappa"].message) == [c.n_drawn, c.n_drawn_not_renewed, c.n_drawn_incomplete]
    label, value = screens["manca"].kpis[1]
    assert _ints(value) == [cov.n_covered] and _ints(label) == [cov.n_comuni]
    assert [cov.n_covered] in [_ints(v) for _, v in screens["rete"].kpis]
    assert cov.n_covered in _ints(screens["rete"].message)


def test_the_announced_half_is_a_claim_not_a_denominator(views):
    """«circa la metà» is stated as the announcement it is; no place counts the comuni against half of 1,180."""
    half = round(views.coverage.n_comuni / 2)
    texts = [t for k in kpis.headline_kpis(views, "it") for t in (k.note, *(b for b, _ in k.badges))]
    texts += [v for s in story.screens(views, "it") for _, v in s.kpis]
    assert not [t for t in texts if str(half) in t.replace(".", "")]
    assert any("circa la metà" in t for t in texts)
