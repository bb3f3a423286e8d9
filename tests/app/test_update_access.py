"""The /dati update form is closed by default: it always asks for a code, never shows it, and never locks out.

AppTest sessions have no real peer: the ``peer`` fixture says which address Streamlit reports.
The attempt limiter runs on a fake clock, so waits are checked without waiting. Many sessions at
the code box (from other clients and from the same one, as behind a proxy) never stop the right
code; a first typo shows only «Codice non valido.»; every attempt is logged, never the code.
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
    assert access.process_token() not in page_strings(at)  # the code is never sent to the browser


def test_the_code_from_the_terminal_opens_the_form_and_is_never_shown(scratch, monkeypatch):
    peer(monkeypatch, "::1")
    at = dati()
    at.text_input(key="upd_token").input(access.process_token()).run()
    assert form_open(at)
    assert access.process_token() not in page_strings(at)


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


@pytest.mark.parametrize(
    "mode,token,says",
    [
        ("on", "", "richiede DC_UPDATE_TOKEN"),
        ("on", "corto", "troppo corto"),
        ("local", "ancora-corto", "troppo corto"),
        ("off", "", "disattivato"),
        ("boh", "", "disattivato"),
        ("on", "aaaaaaaaaaaaaaaa", "troppo debole"),
        ("on", " " * 16, "troppo debole"),
        ("local", "password12345678", "troppo debole"),
    ],
)
def test_unsafe_or_off_configurations_keep_the_form_closed_and_say_why(scratch, monkeypatch, mode, token, says):
    peer(monkeypatch, "127.0.0.1")
    monkeypatch.setenv("DC_UPDATE", mode)
    monkeypatch.setenv("DC_UPDATE_TOKEN", token)
    at = dati()
    assert not form_open(at) and not [t for t in at.text_input if t.key == "upd_token"]
    assert says in notices(at)


def field(at: AppTest) -> bool:
    return bool([t for t in at.text_input if t.key == "upd_token"])


def test_a_first_typo_says_only_invalid_then_waits_grow_in_correct_italian_and_are_logged(
    scratch, monkeypatch, clock, caplog
):
    token = "configurato-dall-amministratore"
    monkeypatch.setenv("DC_UPDATE", "on")
    monkeypatch.setenv("DC_UPDATE_TOKEN", token)
    peer(monkeypatch, "203.0.113.9")
    caplog.set_level(logging.WARNING, logger="district_stats.update")
    at = dati()
    at.text_input(key="upd_token").input("sbagliato-1").run()
    assert [e.value for e in at.error] == ["Codice non valido."]
    assert "riprova" not in notices(at) and field(at)  # no alarm after a single typo
    at.text_input(key="upd_token").input("sbagliato-2").run()
    assert "riprova tra 1 secondo." in notices(at) and not field(at)
    clock.now += 1
    at.run()
    at.text_input(key="upd_token").input("sbagliato-3").run()
    assert "riprova tra 2 secondi." in notices(at)
    clock.now += 2
    at.run()
    at.text_input(key="upd_token").input(f" {token}\n").run()  # pasted with a space and a line break
    assert form_open(at)  # no lock-out: the right code opens once the wait is over
    lines = [r.getMessage() for r in caplog.records if "codice di aggiornamento" in r.getMessage()]
    assert len(lines) == 4 and sum("errato" in ln for ln in lines) == 3 and "corretto" in lines[-1]
    assert all("203.0.113.9" in ln and ln[:4].isdigit() for ln in lines)  # client and time on every line
    assert not [ln for ln in lines if "sbagliato" in ln or token in ln]


def test_many_wrong_codes_from_other_sessions_never_stop_the_right_code(scratch, monkeypatch, clock):
    """The attack of the issue, and worse: wrong codes from sessions of other clients and of the same client
    (behind a same-host proxy every visitor is 'locale'): three sessions typing here, 400 more wrong codes
    counted as other sessions would. The official's new session opens at once."""
    token = "configurato-dall-amministratore"
    monkeypatch.setenv("DC_UPDATE", "on")
    monkeypatch.setenv("DC_UPDATE_TOKEN", token)
    for i, ip in enumerate(("198.51.100.7", "198.51.100.8", None)):
        peer(monkeypatch, ip)
        attacker = dati()
        for n in range(3):
            clock.now += 60
            attacker.run()
            attacker.text_input(key="upd_token").input(f"tentativo-{i}-{n}").run()
        assert not form_open(attacker)
    for i in range(200):
        update_view.LIMITER.record_failure("locale")
        update_view.LIMITER.record_failure(f"203.0.113.{i}")
    peer(monkeypatch, None)
    official = dati()
    assert field(official) and "riprova" not in notices(official)
    official.text_input(key="upd_token").input(token).run()
    assert form_open(official)


def test_start_up_prints_the_banner_once_with_the_local_link(scratch, monkeypatch, capsys):
    monkeypatch.setattr(boot, "_STARTED", {})
    boot.startup()
    boot.startup()
    err = capsys.readouterr().err
    assert err.count(access.process_token()) == 1
    assert "/dati" in err and f"dati?{access.process_token()}" not in err
