"""Refusals that help: a file that cannot be an act's table is refused with what was found and what to do."""

from __future__ import annotations

import pytest

from district_stats.acts import pdf as pdf_module
from district_stats.acts import read_act
from district_stats.data.reader import MAX_BYTES
from tests.acts_samples import URL

CASES = {  # sample -> (problem code, words the Italian message must say)
    "scanned": ("pdf_no_text", ["nessuna delle sue pagine (2)", "scansione", "PDF originale", "CSV"]),
    "encrypted": ("pdf_encrypted", ["password", "copia senza protezione"]),
    "truncated": ("pdf_truncated", ["incompleto", "manca la fine", "scaricarlo di nuovo"]),
    "damaged": ("pdf_damaged", ["danneggiato", "scaricarlo di nuovo"]),
    "not_a_pdf": ("pdf_not_pdf", ["non è un PDF", "PNG", "CSV o XLSX"]),
    "many_pages": ("pdf_too_many_pages", ["200 pagine", "limite di 100", "solo l'allegato"]),
    "text_only": ("pdf_no_table", ["pagine: 1", "righe di testo:", "non c'è una tabella", "CSV"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_refusal_says_what_was_found_and_what_to_do(act_pdf, act_reference, name):
    code, words = CASES[name]
    r = read_act(act_pdf(name), "members", URL, reference=act_reference, filename=f"{name}.pdf")
    assert [p.code for p in r.problems] == [code] and not r.rows and not r.ok
    it, en = r.problems[0].message("it"), r.problems[0].message("en")
    assert it.startswith(f"{name}.pdf: ") and en.startswith(f"{name}.pdf: ") and it != en
    for word in words:
        assert word in it, (word, it)
    assert "{" not in it and "{" not in en and "problema:" not in it  # every placeholder filled, a known code


def test_two_hundred_pages_are_refused_before_any_page_is_read(act_pdf, act_reference, monkeypatch):
    def no_pages(*_a, **_k):
        raise AssertionError("pages parsed")

    monkeypatch.setattr(pdf_module, "_read_pages", no_pages)
    r = read_act(act_pdf("many_pages"), "members", URL, reference=act_reference)
    assert [p.code for p in r.problems] == ["pdf_too_many_pages"] and r.problems[0].params == (
        ("limit", 100),
        ("pages", 200),
    )


def test_a_file_over_the_upload_limit_is_refused_unread(act_reference, monkeypatch):
    monkeypatch.setattr(pdf_module, "_count_pages", lambda *_: pytest.fail("parsed"))
    r = read_act(b"%PDF-1.7\n" + b"0" * MAX_BYTES, "members", URL, reference=act_reference)
    assert [p.code for p in r.problems] == ["file_too_large"]
    assert "oltre il limite di 20,0 MB" in r.problems[0].message()


def test_empty_and_html_files(act_reference):
    assert [p.code for p in read_act(b"  ", "grants", URL, reference=act_reference).problems] == ["file_empty"]
    html = read_act(b"<html><body>errore 404</body></html>", "grants", URL, reference=act_reference)
    assert [p.code for p in html.problems] == ["pdf_not_pdf"] and "HTML" in html.problems[0].message()


def test_a_scanned_annex_after_a_text_page_is_named(act_reference):
    """Pages without text among pages with text: the message lists them, so the official knows the list is there."""
    from tests.acts_samples import scanned_annex

    r = read_act(scanned_annex(), "members", URL, reference=act_reference)
    assert [p.code for p in r.problems] == ["pdf_no_table", "pdf_pages_without_text"]
    assert r.pages_without_text == [2, 3] and "2, 3" in r.problems[1].message()
