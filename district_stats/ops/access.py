"""Who may use the web update form: the policy, without Streamlit (the form itself is ``app/update_view.py``).

The form replaces the data a whole audience sees, so it always needs a secret a remote visitor
cannot have; the peer address is never the only check (a reverse proxy on the same machine makes
every visitor look local).

| ``DC_UPDATE`` | the form | secret |
|---|---|---|
| unset or ``local`` | only for a browser on the same machine | ``DC_UPDATE_TOKEN``, or else a code generated at start-up and printed in the terminal that started the dashboard |
| ``on`` | for any browser | ``DC_UPDATE_TOKEN`` (required: without it the form stays off) |
| ``off`` (or anything else) | nobody | - |

A configured token shorter than :data:`MIN_TOKEN_LENGTH` keeps the form off. Wrong codes are
limited per browser session and per process (:class:`AttemptLimiter`) and compared in constant time.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass

from district_stats.content.text.i18n import t

MIN_TOKEN_LENGTH = 16  # characters; the generated code has 32 (24 random bytes)
SESSION_MAX_FAILURES = 10  # a browser session is locked out after this many wrong codes
PROCESS_MAX_FAILURES = 20  # wrong codes accepted per window from all sessions together...
PROCESS_WINDOW_S = 600.0  # ...in this many seconds
MAX_BACKOFF_S = 300.0


@dataclass(frozen=True)
class UpdateAccess:
    """The form's configuration. ``refusal`` is '' when the form can be used, else the reason it is off:
    'off' (DC_UPDATE=off or unknown), 'on_without_token', 'short_token'."""

    mode: str
    token: str = ""
    generated: bool = False
    refusal: str = ""

    @property
    def enabled(self) -> bool:
        return not self.refusal


def access(mode: str, token: str, generated_token: str = "") -> UpdateAccess:
    """Decide the form's configuration from ``DC_UPDATE`` and ``DC_UPDATE_TOKEN``.

    ``generated_token`` is the code this process generated (used only when no token is configured
    and the mode is local).
    """
    mode = (mode or "local").strip().lower()
    if mode not in ("local", "on"):
        return UpdateAccess("off", refusal="off")
    if token and len(token) < MIN_TOKEN_LENGTH:
        return UpdateAccess(mode, refusal="short_token")
    if token:
        return UpdateAccess(mode, token)
    if mode == "on":
        return UpdateAccess(mode, refusal="on_without_token")
    return UpdateAccess(mode, generated_token or new_token(), generated=True)


def new_token() -> str:
    """A fresh code: 24 random bytes, 32 URL-safe characters."""
    return secrets.token_urlsafe(24)


def token_matches(entered: str, token: str) -> bool:
    """Constant-time comparison (the time taken says nothing about how much of the code is right)."""
    return bool(token) and hmac.compare_digest(entered.encode("utf-8"), token.encode("utf-8"))


def refusal_text(a: UpdateAccess, lang: str = "it") -> str:
    """Why the form is off, in words (terminal and page)."""
    key = {"short_token": "upd_short_token", "on_without_token": "upd_on_without_token"}.get(a.refusal, "upd_off")
    return t(key, lang, n=MIN_TOKEN_LENGTH) if key != "upd_off" else t(key, lang)


def banner(a: UpdateAccess, url: str) -> str:
    """What the terminal shows at start-up about the update form (never a URL with the code in it)."""
    line = "=" * 78
    if not a.enabled:
        return f"{line}\n  {refusal_text(a)}\n{line}"
    where = "da questo computer" if a.mode == "local" else "da qualunque browser (DC_UPDATE=on)"
    if a.generated:
        return (f"{line}\n  Aggiornamento dei dati dal browser ({where}): codice di questa esecuzione\n\n"
                f"      {a.token}\n\n  Aprire {url} e incollare il codice nel modulo in fondo alla pagina.\n"
                f"  Il codice cambia a ogni avvio; per fissarlo: DC_UPDATE_TOKEN. Per spegnere il modulo: "
                f"DC_UPDATE=off.\n{line}")
    return (f"{line}\n  Aggiornamento dei dati dal browser ({where}) con il codice DC_UPDATE_TOKEN: {url}\n{line}")


class AttemptLimiter:
    """Wrong codes: a back-off per session (1, 2, 4 ... s, at most 5 min; locked after
    :data:`SESSION_MAX_FAILURES`) and a cap per process (:data:`PROCESS_MAX_FAILURES` per
    :data:`PROCESS_WINDOW_S` from all sessions together). Thread-safe; times in seconds
    (``time.monotonic``)."""

    def __init__(self, clock=time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: deque[float] = deque()

    def wait_s(self, session_failures: int, last_failure: float | None) -> float:
        """Seconds before this session may try again (``inf`` when it is locked out)."""
        now = self._clock()
        if session_failures >= SESSION_MAX_FAILURES:
            return float("inf")
        wait = 0.0
        if session_failures and last_failure is not None:
            wait = max(0.0, last_failure + min(2.0 ** (session_failures - 1), MAX_BACKOFF_S) - now)
        with self._lock:
            self._expire(now)
            if len(self._failures) >= PROCESS_MAX_FAILURES:
                wait = max(wait, self._failures[0] + PROCESS_WINDOW_S - now)
        return wait

    def record_failure(self) -> tuple[float, int]:
        """Count one wrong code; returns (its time, wrong codes in the process window)."""
        now = self._clock()
        with self._lock:
            self._expire(now)
            self._failures.append(now)
            return now, len(self._failures)

    def _expire(self, now: float) -> None:
        while self._failures and self._failures[0] <= now - PROCESS_WINDOW_S:
            self._failures.popleft()
