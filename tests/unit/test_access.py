"""Who may use the web update form (district_stats.ops.access): modes, token length, attempt limits, banner."""

from __future__ import annotations

import math

import pytest

from district_stats.ops import access

LONG = "x" * access.MIN_TOKEN_LENGTH


@pytest.mark.parametrize("mode,token,enabled,refusal,generated", [
    ("", "", True, "", True),            # default: local, with a code generated at start-up
    ("local", "", True, "", True),
    ("LOCAL ", LONG, True, "", False),   # configured token wins
    ("on", "", False, "on_without_token", False),
    ("on", LONG, True, "", False),
    ("on", "corto", False, "short_token", False),
    ("local", "x" * (access.MIN_TOKEN_LENGTH - 1), False, "short_token", False),
    ("off", LONG, False, "off", False),
    ("garbage", "", False, "off", False),
])
def test_modes(mode, token, enabled, refusal, generated):
    a = access.access(mode, token, "generato" * 4)
    assert a.enabled is enabled and a.refusal == refusal and a.generated is generated
    if enabled:
        assert len(a.token) >= access.MIN_TOKEN_LENGTH
    else:
        assert a.token == ""


def test_generated_codes_are_long_random_and_url_safe():
    codes = {access.new_token() for _ in range(50)}
    assert len(codes) == 50 and all(len(c) == 32 and c.replace("-", "").replace("_", "").isalnum() for c in codes)


def test_token_comparison():
    assert access.token_matches(LONG, LONG)
    assert not access.token_matches(LONG + "y", LONG) and not access.token_matches("", LONG)
    assert not access.token_matches("", "")  # no configured code never matches
    assert not access.token_matches("è" * 16, LONG)  # non-ASCII input is compared, not an error


def test_refusals_say_why_in_both_languages():
    short = access.access("on", "corto")
    assert "troppo corto" in access.refusal_text(short, "it") and "16" in access.refusal_text(short, "it")
    assert "too short" in access.refusal_text(short, "en")
    assert "DC_UPDATE_TOKEN" in access.refusal_text(access.access("on", ""), "it")
    assert "disattivato" in access.refusal_text(access.access("off", ""), "it")


def test_banner_prints_the_code_but_never_inside_a_url():
    a = access.access("local", "", "codice-generato-per-la-prova-123")
    text = access.banner(a, "http://localhost:8501/dati")
    assert "codice-generato-per-la-prova-123" in text and "http://localhost:8501/dati " in text
    assert not [w for w in text.split() if w.startswith("http") and "codice" in w]
    configured = access.banner(access.access("on", LONG), "http://localhost:8501/dati")
    assert LONG not in configured  # a configured secret is never echoed
    assert "troppo corto" in access.banner(access.access("on", "corto"), "http://x/dati")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_session_back_off_grows_and_locks_out():
    clock = Clock()
    lim = access.AttemptLimiter(clock)
    assert lim.wait_s(0, None) == 0
    waits = []
    for n in range(1, access.SESSION_MAX_FAILURES):
        last, _ = lim.record_failure()
        waits.append(lim.wait_s(n, last))
        clock.now += waits[-1]  # wait exactly as long as asked
        assert lim.wait_s(n, last) == 0
        clock.now += access.PROCESS_WINDOW_S  # keep the process window empty for this test
    assert waits[:4] == [1, 2, 4, 8] and max(waits) <= access.MAX_BACKOFF_S
    assert math.isinf(lim.wait_s(access.SESSION_MAX_FAILURES, clock.now))


def test_process_cap_applies_to_every_session_and_expires():
    clock = Clock()
    lim = access.AttemptLimiter(clock)
    for _ in range(access.PROCESS_MAX_FAILURES):
        lim.record_failure()
        clock.now += 1
    wait = lim.wait_s(0, None)  # a brand-new session (a new tab) waits too
    assert 0 < wait <= access.PROCESS_WINDOW_S
    clock.now += wait
    assert lim.wait_s(0, None) == 0
