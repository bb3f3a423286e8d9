"""The presenter as a moderator uses it in a real room: arrows during a drill-down, back to the step it left,
a picker that says district or comune, the room's address for the QR code, the phone view, the cover."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from district_stats.content.text.safe_text import visible

ROOT = Path(__file__).resolve().parents[2]


def app(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for k, v in {"modo": "presenta", **params}.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _param(at: AppTest, key: str) -> str:
    value = at.query_params.get(key, "")
    return value[0] if isinstance(value, list) else value


@pytest.fixture
def live_link(tmp_path, monkeypatch):
    """No published phone pages: the QR opens the live phone view (tests/app/test_published.py has the pages)."""
    from app import cache
    from district_stats.ops import artefacts

    monkeypatch.setattr(artefacts, "EMBED_DIR", tmp_path / "nothing")
    cache.refresh()
    yield
    cache.refresh()


def captions(at: AppTest) -> str:
    return "\n".join(visible(c.value) for c in at.caption)


@pytest.mark.parametrize("key", ["pr_back_Right", "pr_back_Left", "pr_back_PageDown", "pr_back_PageUp", "pr_back"])
def test_during_a_drill_down_every_arrow_returns_to_the_step_it_left(key):
    at = app(passo="5", d="D041")
    assert any(t.value == "Mondovì" for t in at.title)
    keys = {b.key for b in at.button}
    assert "pr_next" not in keys and "pr_prev" not in keys  # no step button that could move a hidden step
    at.button(key=key).click().run()
    assert at.title[0].value.startswith("I bandi")  # step 5, not 4 or 6
    assert _param(at, "passo") == "5" and not _param(at, "d")


def test_drill_down_keys_are_the_arrows_and_esc():
    at = app(passo="3", c="004078")
    shortcuts = {b.proto.shortcut for b in at.button}
    assert {"escape", "left", "right", "pageup", "pagedown", "home"} <= shortcuts
    at.button(key="pr_back_home").click().run()
    assert at.title[0].value == "La rete oggi" and not _param(at, "c")


def test_back_to_story_names_the_step():
    at = app(passo="7", d="D039")
    assert at.button(key="pr_back").label == "Torna alla storia (passo 7)"


def test_the_picker_marks_districts_and_comuni_apart():
    at = app()
    picker = at.selectbox(key="pr_pick")
    labels = list(picker.options)  # as shown
    assert "Cuneo — distretto" in labels and "Cuneo (CN) — comune" in labels
    assert labels.index("Cuneo — distretto") + 1 == labels.index("Cuneo (CN) — comune")  # side by side
    assert len(set(labels)) == len(labels)  # no two entries read the same
    picker.set_value("004078").run()
    assert at.header[0].value == "Cuneo" and _param(at, "c") == "004078"  # the comune card


def test_the_qr_link_uses_the_network_address_and_opens_the_phone_view(monkeypatch, live_link):
    from streamlit import net_util

    monkeypatch.setattr(net_util, "get_internal_ip", lambda: "192.168.1.20")
    at = app(passo="3")
    text = captions(at)
    assert "http://192.168.1.20:" in text and "modo=presenta&passo=3&vista=telefono" in text
    assert at.get("image")  # the QR code (the only picture when the visuals cannot be rendered here)


def test_the_moderator_is_told_when_only_this_computer_can_open_the_link(monkeypatch):
    from streamlit import net_util

    monkeypatch.setattr(net_util, "get_internal_ip", lambda: "127.0.0.1")
    at = app(passo="3")
    text = captions(at)
    assert "solo per questo computer" in text.lower() and "PUBLIC_URL" in text
    assert "vista=telefono" not in text  # no link that would not open
    assert not at.get("image") or all(
        "QR" not in (i.proto.imgs[0].alt if i.proto.imgs else "") for i in at.get("image")
    )


def test_public_url_wins(monkeypatch, live_link):
    monkeypatch.setenv("PUBLIC_URL", "https://distretti.example.org/")
    at = app(passo="2", lang="en")
    assert "https://distretti.example.org/?modo=presenta&passo=2&lang=en&vista=telefono" in captions(at)


def test_the_phone_view_has_no_keys_no_qr_and_no_picker():
    at = app(passo="2", vista="telefono")
    assert at.title[0].value == "La mappa dei distretti"
    assert all(not b.proto.shortcut for b in at.button)
    assert "pr_pick" not in {s.key for s in at.selectbox}
    assert "vista=telefono" not in captions(at)
    at.button(key="pr_next").click().run()
    assert _param(at, "passo") == "3" and _param(at, "vista") == "telefono"


def test_the_cover_is_step_zero_and_comes_from_the_data():
    at = app(passo="0")
    assert "Commercio e Distretti: un patto per lo sviluppo" in visible(at.title[0].value)
    body = "\n".join(visible(m.value) for m in at.markdown)
    assert "14 ottobre 2025" in body and "Città Metropolitana di Torino" in body
    assert "Regione Piemonte con Confesercenti e Confcommercio" in body
    assert "2022-23" in body and "2024-25" in body and "quasi 30 mln €" in body
    assert "Fonte:" in captions(at)
    assert at.button(key="pr_prev").disabled
    at.button(key="pr_next").click().run()
    assert at.title[0].value == "La rete oggi"
    at.button(key="pr_prev").click().run()
    assert _param(at, "passo") == "0"
