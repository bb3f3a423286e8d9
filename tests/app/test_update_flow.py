"""The /dati update form as officials meet it: two sessions on one table, the versions list after every apply
and restore, damaged side files. On scratch copies of data/ (the bundled files are never touched).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from app import cache
from district_stats.ops import artefacts, update
from tests.app.update_helpers import TOKEN, scratch_app, texts, unlocked, upload
from tests.apptest import change_rows
from tests.apptest import run_app as run
from tests.updating import amount_of, grants_file, next_change_ids

pytestmark = pytest.mark.slow  # AppTest sessions on scratch copies of data/ (~35 s in all)


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch) -> Iterator[Path]:
    yield from scratch_app(tmp_path, monkeypatch)


def confirm_and_apply(at: AppTest, kind: str = "upload") -> AppTest:
    at.checkbox(key="upd_confirm" if kind == "upload" else "upd_restore_confirm").check().run()
    at.button(key="upd_apply" if kind == "upload" else "upd_restore").click().run()
    return at


def versions_box(at: AppTest):
    return next(s for s in at.selectbox if str(s.key).startswith("upd_version_"))


def api_update(folder: Path, amount: str, grant: str, name: str) -> str:
    """An update applied by someone else (the command line, another tab); the saved version's name."""
    plan = update.plan_update("grants", grants_file(folder, amount, grant), name, folder)
    name = update.apply_update(plan, folder).name
    cache.refresh()
    return name


def test_two_officials_on_one_table_nothing_is_lost_and_the_second_sees_a_new_preview(scratch):
    ids = next_change_ids(scratch, 3)
    a = upload(unlocked(), "ufficio-a.csv", grants_file(scratch, "111111", "G001"))
    b = upload(unlocked(), "ufficio-b.csv", grants_file(scratch, "222222", "G002"))  # same table, same moment
    a.checkbox(key="upd_confirm").check().run()
    b.checkbox(key="upd_confirm").check().run()
    a.button(key="upd_apply").click().run()
    assert f"Aggiornamento applicato ({ids[0]})" in texts(a, "success")
    b.button(key="upd_apply").click().run()  # B's preview was made before A's apply
    assert not b.exception and not b.success
    assert "La tabella è cambiata dopo la tua anteprima: rifai l'anteprima" in texts(b, "warning")
    assert amount_of(scratch, "G001") == "111111" and amount_of(scratch, "G002") != "222222"
    # the same file previewed again against the table as it is now: it would also undo A's amount, and says so
    assert [(r[3], r[4], r[5]) for r in change_rows(b)][0] == ("Importo (€)", "111.111,00 €", "292.000,00 €")
    assert len(change_rows(b)) == 2
    assert b.checkbox(key="upd_confirm").value is False and b.button(key="upd_apply").disabled
    # B ticks the box; a third official applies before B clicks: the next rerun previews again, unticked
    b.checkbox(key="upd_confirm").check().run()
    api_update(scratch, "333333", "G003", "terzo.csv")
    b.run()
    assert "La tabella è cambiata dopo la tua anteprima" in texts(b, "warning")
    assert len(change_rows(b)) == 3 and not b.checkbox(key="upd_confirm").value
    confirm_and_apply(b)
    assert f"Aggiornamento applicato ({ids[2]})" in texts(b, "success")
    log = pd.read_csv(scratch / "changelog.csv", dtype="str", keep_default_na=False)
    assert list(log["change_id"].iloc[-3:]) == ids
    assert "modificate 1" in log["description_it"].iloc[-2] and "modificate 3" in log["description_it"].iloc[-1]
    assert amount_of(scratch, "G002") == "222222"  # the last row's change is what the table holds


def test_the_versions_list_follows_every_apply_and_restore_and_restores_what_it_shows(scratch):
    """The wrong restore of the report: after a second update the list kept the old newest entry selected."""
    ids = next_change_ids(scratch, 3)
    api_update(scratch, "50000", "G001", "primo.csv")
    at = unlocked()
    first = versions_box(at)
    assert len(first.options) == 1
    second = api_update(scratch, "60000", "G001", "secondo.csv")  # while this page stays open
    at.run()
    box = versions_box(at)
    assert box.value == second and len(box.options) == 2 and box.key != first.key
    assert (
        f"salvata dalla modifica {ids[1]} (secondo.csv; righe: +0 aggiunte, −0 tolte, ~1 modificate)" in box.options[0]
    )
    at.button(key="upd_restore_preview").click().run()
    assert f"Ripristino di {second}" in texts(at, "markdown")
    assert [r[4:] for r in change_rows(at)] == [["60.000,00 €", "50.000,00 €"]] and amount_of(
        scratch, "G001"
    ) == "60000"
    confirm_and_apply(at, "restore")
    assert f"Versione {second} ripristinata ({ids[2]})" in texts(at, "success")
    assert amount_of(scratch, "G001") == "50000"  # the state the chosen version holds, not an older one
    box = versions_box(at)
    assert len(box.options) == 3 and "ripristino di" in box.options[0] and box.value != second
    (scratch / ".versions" / box.value).unlink()  # removed by hand while the page is open
    at.button(key="upd_restore_preview").click().run()
    assert "non è più tra quelle salvate" in texts(at, "error")
    assert not [b for b in at.button if b.key == "upd_restore"]


def test_a_damaged_sidecar_is_named_and_the_form_repairs_it(scratch):
    (scratch / "grants.meta.yml").write_bytes(os.urandom(300) + b"\xff\xfe")
    at = run("pages/dati.py")
    assert not at.exception
    warned = texts(at, "warning")
    assert "grants.meta.yml: non è testo UTF-8" in warned and "meta --rebuild" in warned
    at.text_input(key="upd_token").input(TOKEN).run()
    at.selectbox(key="upd_table").set_value("grants").run()
    assert [e for e in at.expander if "Versioni precedenti" in e.label]  # the restore is there too
    upload(at, "ufficiale.csv", grants_file(scratch, "1292000"))
    assert "grants.meta.yml è danneggiato: l'aggiornamento lo ricostruisce" in texts(at, "warning")
    confirm_and_apply(at)
    assert "Aggiornamento applicato" in texts(at, "success"), texts(at)
    meta = (scratch / "grants.meta.yml").read_text(encoding="utf-8")
    assert "title: Importi per distretto" in meta and "rebuilt:" in meta
    at.run()
    assert "grants.meta.yml" not in texts(at, "warning")


def test_a_damaged_lock_file_and_manifest_are_named_and_the_page_still_works(scratch, tmp_path, monkeypatch):
    (scratch / ".update.lock").mkdir()
    embed = tmp_path / "static" / "embed"
    embed.mkdir(parents=True)
    (embed / "manifest.json").write_bytes(b"\x00{ non json")
    monkeypatch.setattr(artefacts, "EMBED_DIR", embed)
    monkeypatch.setattr(artefacts, "default_root", lambda d: tmp_path / "static")
    at = unlocked()
    assert not at.exception
    warned = texts(at, "warning")
    assert ".update.lock: non è un file che si può usare" in warned and "static/embed/manifest.json" in warned
    upload(at, "ufficiale.csv", grants_file(scratch, "1292000"))
    confirm_and_apply(at)
    assert ".update.lock non si può usare" in texts(at, "error") and amount_of(scratch, "G001") != "1292000"
