"""Invisible and format characters around a URL value are removed before the lookup, on every page that reads one.

A link copied from a document or a chat can carry a right-to-left override or a zero-width space
around an id: the reader cannot see them, so the page opens what the link visibly names.
"""

from __future__ import annotations

import pytest

from tests.apptest import run_app as run

pytestmark = pytest.mark.slow  # AppTest runs of three pages (~6 s in all)

AROUND = "\u202e004003\u200b"  # the example of the report: RLO before, zero-width space after


def text(at) -> str:
    return "\n".join(str(e.value) for kind in ("markdown", "warning", "header", "success") for e in getattr(at, kind))


def test_a_comune_code_wrapped_in_invisible_characters_opens_that_comune():
    at = run("pages/comuni.py", c=AROUND)
    assert not at.exception
    assert at.selectbox(key="u_c").value == "004003"
    assert "Nessun comune del Piemonte con codice" not in text(at) and "Alba" in text(at)
    assert at.query_params["c"] == "004003"  # the address bar gets the clean link back


def test_a_district_id_and_the_language_are_cleaned_too():
    at = run("pages/distretti.py", d="\ufeffD039\u2060", lang="\u200een\u200f")
    assert not at.exception
    assert at.session_state["u_lang"] == "en" and at.session_state["u_d"] == "D039"
    assert not [w for w in at.warning if "D039" in str(w.value)]


def test_the_presenter_mode_is_read_clean():
    at = run(None, modo="presenta\u200b", passo="\u00ad2")
    assert not at.exception
    assert at.session_state["u_passo"] == "2"
