"""Who may use the web update form (district_stats.ops.access): modes, weak tokens, waits that never lock out,
the log line, the banner."""

from __future__ import annotations

import datetime as dt

import pytest

from district_stats.content.text.i18n import t
from district_stats.ops import access

STRONG = "Zq8#mvL2@pR7tW4k"  # 16 characters, 16 different ones, no word, no run


@pytest.mark.parametrize(
    "mode,token,enabled,refusal,generated",
    [
        ("", "", True, "", True),  # default: local, with a code generated at start-up
        ("local", "", True, "", True),
        ("LOCAL ", STRONG, True, "", False),  # configured token wins
        ("on", "", False, "on_without_token", False),
        ("on", STRONG, True, "", False),
        ("on", "corto", False, "short_token", False),
        ("local", STRONG[:-1], False, "short_token", False),
        ("on", "aaaaaaaaaaaaaaaa", False, "weak_token", False),
        ("off", STRONG, False, "off", False),
        ("garbage", "", False, "off", False),
    ],
)
def test_modes(mode, token, enabled, refusal, generated):
    a = access.access(mode, token, "generato" * 4)
    assert a.enabled is enabled and a.refusal == refusal and a.generated is generated
    if enabled:
        assert len(a.token) >= access.MIN_TOKEN_LENGTH
    else:
        assert a.token == ""


WEAK = [
    ("aaaaaaaaaaaaaaaa", "few_distinct"),
    (" " * 16, "whitespace"),
    ("password12345678", "common"),
    ("Password-Lunga-99", "common"),
    ("Distretti2025!xyz", "common"),
    ("piemonte-2025-abc", "common"),
    ("qwertyuiop987!XY", "common"),
    ("zQ8#mvL2 pR7tW4kk", "whitespace"),
    ("zQ8#mvL2pR7tW4k\t", "whitespace"),
    ("Xk9!Xk9!Xk9!Xk9!", "few_distinct"),
    ("1111Zq8#mvL2@pR7", "repeated"),
    ("Zq8#34567mvL2@pR", "sequence"),
    ("Zq8#hgfedmvL2@pR", "sequence"),
    ("abcdefghijklmnop", "common"),
    ("0123456789ABCDEFG", "common"),
    ("Zq8#mvL2@pR7tW4k\u200b", "whitespace"),
    ("Zq8#mvL2@pR7tW4k\xa0", "whitespace"),
    ("corto", "short"),
]


@pytest.mark.parametrize("token,why", WEAK, ids=[w for _, w in WEAK])
def test_weak_tokens_are_refused_and_the_page_says_why_without_quoting_them(token, why):
    assert access.weakness(token) == why
    a = access.access("on", token)
    assert not a.enabled and a.token == ""
    for lang in ("it", "en"):
        text = access.refusal_text(a, lang)
        assert access.TOKEN_COMMAND in text
        assert token.strip() not in text or token in (" " * 16, "corto")  # ('corto' is also an Italian word)
    assert "debole" in access.refusal_text(a, "it") or why == "short"


@pytest.mark.parametrize(
    "token",
    [STRONG, "codice-di-prova-per-i-test", "configurato-dall-amministratore", "un-codice-lungo-abbastanza-1234"],
)
def test_strong_enough_tokens_open_the_form(token):
    assert access.weakness(token) == "" and access.access("on", token).enabled


def test_generated_codes_are_long_random_url_safe_and_pass_the_same_check():
    codes = {access.new_token() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 32 and c.replace("-", "").replace("_", "").isalnum() and not access.weakness(c) for c in codes)
    assert access.process_token() == access.process_token()  # one per process


def test_what_a_paste_adds_around_the_code_is_removed_before_comparing():
    for pasted in (f" {STRONG}\n", f"\ufeff{STRONG}\u200b", f"\t{STRONG} "):
        assert access.token_matches(access.entered_code(pasted), STRONG)
    assert not access.token_matches(access.entered_code(STRONG[:-1] + " "), STRONG)


def test_token_comparison():
    assert access.token_matches(STRONG, STRONG)
    assert not access.token_matches(STRONG + "y", STRONG) and not access.token_matches("", STRONG)
    assert not access.token_matches("", "")  # no configured code never matches
    assert not access.token_matches("è" * 16, STRONG)  # non-ASCII input is compared, not an error


def test_refusals_say_why_in_both_languages():
    short = access.access("on", "corto")
    assert "troppo corto" in access.refusal_text(short, "it") and "16" in access.refusal_text(short, "it")
    assert "too short" in access.refusal_text(short, "en")
    assert "DC_UPDATE_TOKEN" in access.refusal_text(access.access("on", ""), "it")
    assert access.TOKEN_COMMAND in access.refusal_text(access.access("on", ""), "it")
    assert "disattivato" in access.refusal_text(access.access("off", ""), "it")


def test_banner_prints_the_code_but_never_inside_a_url():
    a = access.access("local", "", "codice-generato-per-la-prova-123")
    text = access.banner(a, "http://localhost:8501/dati")
    assert "codice-generato-per-la-prova-123" in text and "http://localhost:8501/dati " in text
    assert not [w for w in text.split() if w.startswith("http") and "codice" in w]
    configured = access.banner(access.access("on", STRONG), "http://localhost:8501/dati")
    assert STRONG not in configured  # a configured secret is never echoed
    assert "troppo corto" in access.banner(access.access("on", "corto"), "http://x/dati")
    weak = access.banner(access.access("on", "password-password"), "http://x/dati")
    assert "debole" in weak and access.TOKEN_COMMAND in weak and "password-password" not in weak


def test_the_log_line_has_time_and_client_and_never_the_code():
    when = dt.datetime(2026, 11, 30, 10, 0, 5)
    bad = access.attempt_line(False, "ab12", "203.0.113.9", 2, 7, when)
    good = access.attempt_line(True, "ab12", "locale", 0, 7, when)
    assert "2026-11-30T10:00:05" in bad and "203.0.113.9" in bad and "errato" in bad and " 7)" in bad
    assert "corretto" in good and "locale" in good


def test_italian_plurals_of_the_wait():
    assert t("upd_wait", "it", n=1).endswith("riprova tra 1 secondo.")
    assert t("upd_wait", "it", n=2).endswith("riprova tra 2 secondi.")
    assert t("upd_wait", "en", n=1).endswith("in 1 second.") and t("upd_wait", "en", n=5).endswith("5 seconds.")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def fail(lim: access.AttemptLimiter, n: int, client: str) -> float:
    last = 0.0
    for _ in range(n):
        last, _count = lim.record_failure(client)
    return last


def test_a_first_typo_costs_no_wait_then_the_session_waits_longer_up_to_a_minute_and_never_for_good():
    clock = Clock()
    lim = access.AttemptLimiter(clock)
    assert lim.wait_s(0, None, "a") == 0
    waits = []
    for n in range(1, 30):
        last, _ = lim.record_failure("a")
        waits.append(lim.wait_s(n, last, "a"))
        clock.now += waits[-1]  # wait exactly as long as asked
        assert lim.wait_s(n, last, "a") == 0  # then the field comes back: no lock-out
        clock.now += access.CLIENT_WINDOW_S  # keep the client's window empty for this part
    assert waits[:5] == [0, 1, 2, 4, 8] and max(waits) == access.MAX_WAIT_S


def test_foreign_failures_never_make_a_session_wait_that_has_not_failed():
    """The attack of the issue: many wrong codes from other sessions and clients, even from the same client
    (a same-host proxy makes every visitor 'locale'); the official's fresh session may type at once."""
    clock = Clock()
    lim = access.AttemptLimiter(clock)
    for i in range(500):
        lim.record_failure(f"198.51.100.{i % 250}")
    fail(lim, 300, "locale")
    assert lim.wait_s(0, None, "locale") == 0 and lim.wait_s(0, None, "203.0.113.1") == 0
    assert lim.wait_s(1, clock.now, "locale") == 0  # and a single typo of the official costs nothing either


def test_a_client_that_keeps_failing_waits_longer_in_each_of_its_sessions():
    clock = Clock()
    lim = access.AttemptLimiter(clock)
    last = fail(lim, access.CLIENT_FREE_FAILURES, "203.0.113.9")
    assert lim.wait_s(2, last, "203.0.113.9") == 1  # within the free allowance: the session's own wait
    last = fail(lim, 4, "203.0.113.9")
    assert lim.wait_s(2, last, "203.0.113.9") == 16 and lim.wait_s(2, last, "203.0.113.10") == 1
    clock.now += access.CLIENT_WINDOW_S + 1  # the window passes: the client is forgiven
    assert lim.client_failures("203.0.113.9") == 0


def test_the_memory_of_clients_is_bounded(monkeypatch):
    monkeypatch.setattr(access, "MAX_CLIENTS", 50)
    lim = access.AttemptLimiter(Clock())
    for i in range(500):
        lim.record_failure(f"client-{i}")
    assert len(lim._clients) == 50 and lim.client_failures("client-499") == 1 and lim.client_failures("client-0") == 0
