"""Every district's profile and one comune card of each, in both languages, read as plain language: every
sentence, badge, figure and table the builders hand the page (tables as the page shows them, with human
headers), checked with the app sweep's rules (tests/words.py). The app sweep (tests/app/test_sweep.py) renders
the profile of one district of each kind, so the page's own wording around these values is checked too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping

import pandas as pd
import pytest

from district_stats.content import comune_card, district_page, shown_table
from tests.conftest import a_comune_of_each
from tests.words import MACHINE, plain, reading_problems

#: Fields that are not text a reader sees: the inset map (drawn, its description is ``map_alt``), badge colours,
#: the facts' own table of rounds (the page shows the profile's ``round_rows``).
NOT_SHOWN = {"inset", "color", "rounds"}


def shown_texts(obj: object, lang: str, where: str = "") -> Iterator[tuple[str, str]]:
    """(where, text) for every text in a builder's result, a table as its page shows it (Markdown)."""
    if isinstance(obj, str):
        yield where, plain(obj)
    elif isinstance(obj, pd.DataFrame):
        if not obj.empty:
            yield where, shown_table.markdown(obj, lang)
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            if f.name not in NOT_SHOWN:
                yield from shown_texts(getattr(obj, f.name), lang, f"{where}.{f.name}")
    elif isinstance(obj, Mapping):
        for k, v in obj.items():
            yield from shown_texts(v, lang, f"{where}[{k}]")
    elif isinstance(obj, (tuple, list)):
        for i, v in enumerate(obj):
            yield from shown_texts(v, lang, f"{where}[{i}]")


def problems(obj: object, lang: str, where: str) -> list[str]:
    found = []
    for at, text in shown_texts(obj, lang, where):
        found += reading_problems(text, at)
        if text.startswith("|"):  # a table: its header row in words
            headers = [h.strip() for h in text.splitlines()[0].strip("|").split("|")]
            found += [f"{at}: machine header {h!r}" for h in headers if MACHINE.fullmatch(h)]
    return found


@pytest.mark.slow  # every district's profile built and read (~9 s a language)
@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_district_profile_and_a_comune_card_of_each_read_as_plain_language(views, lang):
    comuni = a_comune_of_each(views)
    out = []
    for did in views.districts["district_id"]:
        page = district_page.district_page(views, did, lang)
        assert page is not None, did
        out += problems(page, lang, did)
        if did in comuni:
            card = comune_card.comune_card(views, comuni[did], lang)
            assert card is not None, comuni[did]
            out += problems(card, lang, f"{did} comune {comuni[did]}")
    assert not out, "\n".join(out[:40])


def test_the_check_sees_what_a_reader_must_not():
    """The walk reaches nested texts and tables, and the rules fail on what they must."""

    @dataclasses.dataclass
    class Inner:
        text: str
        color: str

    @dataclasses.dataclass
    class Outer:
        title: str
        inner: tuple[Inner, ...]
        table: pd.DataFrame

    bad = Outer("1 distretti", (Inner("Posizione: None", "#000000"),), pd.DataFrame({"grant_id": ["G1"]}))
    found = " ".join(problems(bad, "it", "x"))
    assert "plural after 1" in found and "raw value in 'Posizione" in found
    assert "x.inner[0].text" in found and "color" not in found
