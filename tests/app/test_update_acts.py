"""An official act's PDF through the /dati form, as an official meets it: the act's address asked for, a name
resolved from its suggestions, the preview (changes by name, the dashboard's figures, a map per district), the
apply and the restore; every refusal in plain Italian with nothing changed; hostile names read from a PDF shown
as text. On scratch copies of data/ (the bundled files are never touched); sample acts from tests/acts_samples.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from district_stats.data.reader import MAX_BYTES
from district_stats.ops import build as build_mod
from tests import acts_samples
from tests.app.test_hostile import problems
from tests.app.update_helpers import scratch_app, texts, unlocked, upload
from tests.apptest import change_rows
from tests.markup import HOSTILE, shows
from tests.scratch import snapshot
from tests.updating import fake_build_changes

pytestmark = pytest.mark.slow  # AppTest sessions reading sample acts on scratch copies of data/ (~90 s in all)

URL = acts_samples.URL


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch) -> Iterator[Path]:
    yield from scratch_app(tmp_path, monkeypatch)


def with_act(table: str, name: str, data: bytes, url: str | None = URL) -> AppTest:
    at = upload(unlocked(table), name, data, "application/pdf")
    if url is not None:
        at.text_input(key="upd_act_url").input(url).run()
    return at


def name_boxes(at: AppTest) -> list:
    return [s for s in at.selectbox if str(s.key).startswith("upd_act_name_")]


def test_an_act_from_upload_to_a_resolved_name_a_preview_an_apply_and_a_restore(scratch, act_pdf, monkeypatch):
    # The geometry rebuild (~13 s, the same path as a CSV's) is replaced: this test is about the form.
    monkeypatch.setattr(build_mod, "build_changes", fake_build_changes)
    members, register = (scratch / "district_members.csv").read_bytes(), (scratch / "sources.csv").read_bytes()
    at = with_act("district_members", "atto.pdf", act_pdf("real_members"), url=None)
    assert "Indicare l'indirizzo pubblico dell'atto per leggerlo." in texts(at, "info")
    at.text_input(key="upd_act_url").input("javascript:alert(1)").run()
    assert "deve cominciare con http:// o https://" in texts(at, "error")
    at.text_input(key="upd_act_url").input(URL).run()
    [box] = name_boxes(at)
    assert box.label == "«Serralunga Dalba» (pagina 1): quale comune?"
    assert box.options[1] == "Serralunga d'Alba (CN)? (codice 004218, 94%)"
    assert not [b for b in at.button if b.key == "upd_apply"]  # an unresolved name blocks the apply
    box.set_value("004218").run()
    at.button(key="upd_act_reread").click().run()
    assert not at.exception and not name_boxes(at)
    rows = change_rows(at)
    assert ["aggiunta", "Distretto Diffuso del Commercio Alba-Bra", "Serralunga d'Alba", "Ruolo", "–", "membro"] in rows
    assert [
        "non nell'atto (resta)",
        "Distretto Diffuso del Commercio Alba-Bra",
        "Santo Stefano Belbo",
        "–",
        "–",
        "–",
    ] in rows
    shown = texts(at)
    assert "**Comuni nei distretti**: 330 (28,0%) → **340 (28,8%)**" in shown
    assert "comuni prima 9, dopo 15 (aggiunti 6, tolti 0)" in shown and len(at.get("plotly_chart")) == 2
    assert "la lista dei comuni resta «lista comuni parziale» in districts.csv" in shown
    captions = texts(at, "caption")  # the act's summary names districts, never their codes
    assert "Santo Stefano Belbo (Distretto Diffuso del Commercio Alba-Bra)" in captions and "(D039)" not in captions
    assert not at.checkbox(key="upd_act_remove").value
    at.checkbox(key="upd_confirm").check().run()
    at.button(key="upd_apply").click().run()
    assert "Aggiornamento applicato" in texts(at, "success"), texts(at)
    assert (scratch / "district_members.csv").read_bytes() != members and URL in (scratch / "sources.csv").read_text(
        encoding="utf-8"
    )
    at.button(key="upd_restore_preview").click().run()
    assert ["tolta", "Registro delle fonti", URL, "–", "–", "–"] in change_rows(at)  # the restore shows it too
    at.checkbox(key="upd_restore_confirm").check().run()
    at.button(key="upd_restore").click().run()
    assert "ripristinata" in texts(at, "success")
    assert (scratch / "district_members.csv").read_bytes() == members and (
        scratch / "sources.csv"
    ).read_bytes() == register


def test_a_graduatoria_proposes_the_call_the_act_names_and_another_can_be_chosen(scratch, act_pdf):
    at = with_act("grants", "graduatoria.pdf", act_pdf("real_graduatoria"))
    call = at.selectbox(key="upd_act_call")
    assert call.value == "" and call.options[0] == "Quello indicato dall'atto: L08 · Progetti strategici 2025-27"
    rows = change_rows(at)
    assert [
        "aggiunta",
        "Distretto Urbano del Commercio di Cuneo",
        "Progetti strategici 2025-27 (L08) · assegnato · 2025",
        "Importo (€)",
        "–",
        "250.000,00 €",
    ] in rows
    assert any(r[0] == "non nell'atto (resta)" and r[2] == "Progetti strategici 2025-27 (L08)" for r in rows)
    call.set_value("L07").run()
    assert not at.exception and all("(L07)" in r[2] for r in change_rows(at) if r[1] != "Registro delle fonti")


REFUSED = {
    "scanned": "è una scansione",
    "encrypted": "protetto da una password",
    "damaged": "è danneggiato",
    "text_only": "non c'è una tabella",
    "many_pages": "ha 200 pagine, oltre il limite di 100",
}


def test_every_refused_act_is_explained_in_italian_and_nothing_changes(scratch, act_pdf):
    before = snapshot(scratch)
    at = with_act("district_members", "scanned.pdf", act_pdf("scanned"))
    for name, said in REFUSED.items():
        at.file_uploader(key="upd_file_0").set_value((f"{name}.pdf", act_pdf(name), "application/pdf")).run()
        assert not at.exception and said in texts(at, "markdown"), name
        assert "Il file non è stato applicato" in texts(at, "error") and not [
            b for b in at.button if b.key == "upd_apply"
        ]
    big = act_pdf("ruled_members") + b"\0" * (MAX_BYTES + 1 - len(act_pdf("ruled_members")))
    at.file_uploader(key="upd_file_0").set_value(("grande.pdf", big, "application/pdf")).run()
    assert "oltre il limite di 20" in texts(at, "markdown")
    assert snapshot(scratch) == before


NAMES = (HOSTILE["md_link"], HOSTILE["md_emphasis"], HOSTILE["html"], HOSTILE["autolink_http"], HOSTILE["icons"])


def test_hostile_names_read_from_an_act_show_as_text(scratch):
    district = "Distretto Diffuso del Commercio Alba-Bra"
    pdf = acts_samples.members_act(
        [(district, "Alba", "CN"), *((district, n, "CN") for n in NAMES), (HOSTILE["md_emphasis"], "Bra", "CN")]
    )
    at = with_act("district_members", HOSTILE["md_link"] + ".pdf", pdf)
    assert problems(at) == []
    labels = [b.proto.label for b in name_boxes(at)]
    assert any(shows(label, "**EVIL bold** _EVIL em_ ~~EVIL~~") for label in labels), labels
    for box in name_boxes(at):
        box.set_value("-")
    at.run()
    at.button(key="upd_act_reread").click().run()
    assert not name_boxes(at) and change_rows(at), texts(at)
    assert problems(at) == []
