"""The /dati update form is closed by default: it always asks for a code, never shows it, limits wrong codes.

AppTest sessions have no real peer: the ``peer`` fixture says which address Streamlit reports.
The attempt limiter runs on a fake clock, so back-offs are checked without waiting.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from app import boot, cache, update_view
from district_stats import paths
from district_stats.ops import access
from tests.scratch import copy_data

pytestmark = pytest.mark.slow  # AppTest of the update form on scratch copies of data/ (~28 s in all)

ROOT = Path(__file__).resolve().parents[2]


class Clock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(update_view, "LIMITER", access.AttemptLimiter(c))
    return c


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch, clock) -> Path:
    dst = copy_data(tmp_path / "data")
    monkeypatch.setattr(paths, "DATA_DIR", dst)
    monkeypatch.delenv("DC_UPDATE", raising=False)
    monkeypatch.delenv("DC_UPDATE_TOKEN", raising=False)
    cache.refresh()
    yield dst
    cache.refresh()


def peer(monkeypatch, ip: str | None) -> None:
    monkeypatch.setattr(type(st.context), "ip_address", property(lambda self: ip))


def dati() -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.switch_page("pages/dati.py")
    at.run()
    return at


def form_open(at: AppTest) -> bool:
    return bool([s for s in at.selectbox if s.key == "upd_table"]) or bool(list(at.get("file_uploader")))


def page_strings(at: AppTest) -> str:
    out = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "SerializeToString"):
            out.append(proto.SerializeToString().decode("utf-8", "replace"))
        for child in (getattr(node, "children", None) or {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(out)


def notices(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in ("warning", "error", "info", "caption") for e in getattr(at, kind))


def test_default_settings_show_no_upload_form_even_from_this_computer(scratch, monkeypatch):
    peer(monkeypatch, "127.0.0.1")
    at = dati()
    assert not at.exception and not form_open(at)
    assert at.text_input(key="upd_token").value == ""
    assert "terminale" in notices(at)
    assert update_view._GENERATED not in page_strings(at)  # the code is never sent to the browser


def test_the_code_from_the_terminal_opens_the_form_and_is_never_shown(scratch, monkeypatch):
    peer(monkeypatch, "::1")
    at = dati()
    at.text_input(key="upd_token").input(update_view._GENERATED).run()
    assert form_open(at)
    assert update_view._GENERATED not in page_strings(at)


def test_a_remote_browser_gets_no_form_even_with_the_code(scratch, monkeypatch):
    peer(monkeypatch, "192.168.1.50")
    at = dati()
    assert not form_open(at) and not [t for t in at.text_input if t.key == "upd_token"]
    assert "solo dal computer" in notices(at)


def test_a_same_host_proxy_is_not_enough(scratch, monkeypatch):
    """Behind a reverse proxy on the same machine every visitor is a loopback peer: still a code."""
    peer(monkeypatch, None)
    at = dati()
    assert not form_open(at) and [t for t in at.text_input if t.key == "upd_token"]


@pytest.mark.parametrize("mode,token,says", [("on", "", "richiede DC_UPDATE_TOKEN"), ("on", "corto", "troppo corto"),
                                             ("local", "ancora-corto", "troppo corto"), ("off", "", "disattivato"),
                                             ("boh", "", "disattivato")])
def test_unsafe_or_off_configurations_keep_the_form_closed_and_say_why(scratch, monkeypatch, mode, token, says):
    peer(monkeypatch, "127.0.0.1")
    monkeypatch.setenv("DC_UPDATE", mode)
    monkeypatch.setenv("DC_UPDATE_TOKEN", token)
    at = dati()
    assert not form_open(at) and not [t for t in at.text_input if t.key == "upd_token"]
    assert says in notices(at)


def test_wrong_codes_wait_longer_each_time_are_logged_without_the_code_then_lock(scratch, monkeypatch, clock,
                                                                                 caplog):
    token = "configurato-dall-amministratore"
    monkeypatch.setenv("DC_UPDATE", "on")
    monkeypatch.setenv("DC_UPDATE_TOKEN", token)
    peer(monkeypatch, "203.0.113.9")
    caplog.set_level(logging.WARNING, logger="district_stats.update")
    at = dati()
    at.text_input(key="upd_token").input("sbagliato-1").run()
    assert any("Codice non valido" in e.value for e in at.error)
    assert "riprova tra 1 secondi" in notices(at) and not [t for t in at.text_input if t.key == "upd_token"]
    clock.now += 1
    at.run()
    at.text_input(key="upd_token").input("sbagliato-2").run()
    assert "riprova tra 2 secondi" in notices(at)
    lines = [r.getMessage() for r in caplog.records if "errato" in r.getMessage()]
    assert len(lines) == 2 and "203.0.113.9" in lines[0] and "tentativo 1" in lines[0]
    assert not [ln for ln in lines if "sbagliato" in ln or token in ln]
    for n in range(3, 11):
        clock.now += 600
        at.run()
        at.text_input(key="upd_token").input(f"sbagliato-{n}").run()
    assert "Troppi codici errati in questa sessione" in notices(at)
    clock.now += 10_000
    at.run()
    assert not [t for t in at.text_input if t.key == "upd_token"] and not form_open(at)  # still locked


def test_the_right_code_typed_during_a_wait_is_not_even_compared(scratch, monkeypatch, clock):
    token = "configurato-dall-amministratore"
    monkeypatch.setenv("DC_UPDATE", "on")
    monkeypatch.setenv("DC_UPDATE_TOKEN", token)
    at = dati()
    at.text_input(key="upd_token").input("sbagliato").run()
    # a scripted client sets the field anyway, without waiting
    at.session_state["upd_token"] = token
    at.run()
    assert not form_open(at)
    clock.now += 1
    at.run()
    at.text_input(key="upd_token").input(token).run()
    assert form_open(at)


def test_start_up_prints_the_banner_once_with_the_local_link(scratch, monkeypatch, capsys):
    monkeypatch.setattr(boot, "_STARTED", {})
    boot.startup()
    boot.startup()
    err = capsys.readouterr().err
    assert err.count(update_view._GENERATED) == 1
    assert "/dati" in err and f"dati?{update_view._GENERATED}" not in err
