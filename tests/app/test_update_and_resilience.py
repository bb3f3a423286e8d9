"""The /dati update form and the app's behaviour with broken data, on a scratch copy of data/.

Each test points the app at its own copy (``district_stats.paths.DATA_DIR``), so uploads,
corrupt files and deletions never touch the bundled data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.update_helpers import TEXT_KINDS, scratch_app, texts, unlocked, upload
from tests.apptest import change_rows
from tests.apptest import run_app as run
from tests.scratch import snapshot
from tests.updating import grants_file

pytestmark = pytest.mark.slow  # AppTest on scratch copies of data/, every page per case (~40 s in all)

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))
OPTIONAL = ("timeline", "contradictions", "line_interventions", "known_gaps", "changelog")


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch) -> Iterator[Path]:
    yield from scratch_app(tmp_path, monkeypatch)


def all_text(at: AppTest) -> str:
    return texts(at, *TEXT_KINDS, "title", "subheader")


def test_rejected_upload_shows_every_problem_and_changes_nothing(scratch):
    before = snapshot(scratch)
    at = upload(unlocked(), "brutto.csv", grants_file(scratch, "-5"))
    assert not at.exception
    assert any("non è stato applicato" in e.value for e in at.error)
    assert "brutto.csv, riga 2, colonna amount_eur: importo negativo (-5)" in all_text(at)
    assert not [b for b in at.button if b.key == "upd_apply"]
    assert snapshot(scratch) == before


def test_upload_preview_apply_then_pages_show_the_new_amount_and_restore(scratch):
    original = (scratch / "grants.csv").read_bytes()
    at = upload(unlocked(), "ufficiale.csv", grants_file(scratch, "1292000"))
    assert any("modificate: 1;" in i.value for i in at.info)
    # The change by name, old -> new; the dashboard's own figures before -> after; no sum across kinds of amount.
    assert change_rows(at) == [
        [
            "modificata",
            "Distretto del Commercio di Torino",
            "Progetti strategici 2022-24 (L03) · assegnato · 2022",
            "Importo (€)",
            "292.000,00 €",
            "1.292.000,00 €",
        ]
    ]
    text = all_text(at)
    assert "importo totale" not in text and "G001" not in text
    assert re.search(
        r"\*\*Progetti strategici 2022-24: importi attribuiti ai distretti\*\*: [\d.]+ € di [\d.]+ € "
        r"\([\d,]+%\), \d+ distretti → \*\*",
        text,
    ), text
    assert "Investimenti 2020–2027: 30.201.125 € (invariato)" in text
    assert "Comuni nei distretti: 330 (28,0%) (invariato)" in text
    assert at.button(key="upd_apply").disabled  # needs the confirmation first
    at.checkbox(key="upd_confirm").check()
    at.run()
    at.button(key="upd_apply").click()
    at.run()
    assert not at.exception
    assert any("Aggiornamento applicato" in s.value for s in at.success)
    assert (scratch / "grants.csv").read_bytes() != original
    # no restart: a fresh session sees the new data (cache keyed by data version)
    profile = run("pages/distretti.py", d="D001")
    tables = " ".join(m.value.replace("\\", "") for m in profile.markdown if m.value.startswith("| "))
    assert "1.292.000 €" in tables and "| 292.000 €" not in tables
    # restore from the saved version: the same preview first, then a confirmation
    at = unlocked()
    at.button(key="upd_restore_preview").click().run()
    assert [r[3:] for r in change_rows(at)] == [["Importo (€)", "1.292.000,00 €", "292.000,00 €"]]
    assert (scratch / "grants.csv").read_bytes() != original  # nothing applied by the preview
    at.checkbox(key="upd_restore_confirm").check().run()
    at.button(key="upd_restore").click().run()
    assert any("ripristinata" in s.value for s in at.success)
    assert (scratch / "grants.csv").read_bytes() == original


def test_identical_file_has_nothing_to_apply(scratch):
    at = upload(unlocked(), "uguale.csv", (scratch / "grants.csv").read_bytes())
    assert any("nulla da applicare" in i.value for i in at.info)


@pytest.mark.parametrize("damage", ["junk", "missing"])
def test_app_serves_every_page_with_broken_optional_files(scratch, damage):
    for name in OPTIONAL:
        path = scratch / f"{name}.csv"
        if damage == "junk":
            path.write_bytes(b"\x00\x01garbage" * 50)
        else:
            path.unlink()
    for page in PAGES:
        at = run(page)
        assert not at.exception, (page, [e.message for e in at.exception])
        assert "Traceback" not in all_text(at)
        assert any("facoltativo" in w.value for w in at.warning), page
    presenter = run("pages/panoramica.py", modo="presenta", passo="2")
    assert not presenter.exception


@pytest.mark.parametrize("name", OPTIONAL)
def test_each_optional_file_alone_can_be_broken(scratch, name):
    (scratch / f"{name}.csv").write_text("colonna_sbagliata\nx\n", encoding="utf-8")
    at = run("pages/panoramica.py")
    assert not at.exception, [e.message for e in at.exception]
    assert any(f"{name}.csv" in w.value for w in at.warning)


def test_broken_required_file_explains_without_traceback(scratch):
    before = snapshot(scratch)
    (scratch / "districts.csv").write_bytes(b"\xff\xfe\x00junk")
    changed = snapshot(scratch)
    for page in PAGES:
        at = run(page)
        assert not at.exception, page
        assert any("non si possono caricare" in e.value for e in at.error), page
    assert snapshot(scratch) == changed != before  # loading never rewrites anything
