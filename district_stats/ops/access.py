"""Who may use the web update form: the policy, without Streamlit (the form itself is ``app/update_view.py``).

The form replaces the data a whole audience sees, so it always needs a secret a remote visitor
cannot have; the peer address is never the only check (a reverse proxy on the same machine makes
every visitor look local).

| ``DC_UPDATE`` | the form | secret |
|---|---|---|
| unset or ``local`` | only for a browser on the same machine | ``DC_UPDATE_TOKEN``, or else a code generated at start-up and printed in the terminal that started the dashboard |
| ``on`` | for any browser | ``DC_UPDATE_TOKEN`` (required: without it the form stays off) |
| ``off`` (or anything else) | nobody | - |

A weak configured token (:func:`weakness`: shorter than :data:`MIN_TOKEN_LENGTH`, whitespace, fewer
than :data:`MIN_DISTINCT` different characters, a common word or sequence) keeps the form off, and
``python -m district_stats token`` prints a strong one. The code is compared in constant time.

The code box protects and never locks out: guessing a 32-character random code (or a checked
configured one) is infeasible, so the right code always opens a session that is not waiting; wrong
codes make only the session that typed them wait (never after a first typo; growing with that
session's and that client's wrong codes; at most :data:`MAX_WAIT_S`), never the whole process.
Every attempt is logged with time and client, never with the code.
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
import secrets
import threading
import time
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass

from district_stats import settings
from district_stats.content.text.i18n import t

MIN_TOKEN_LENGTH = 16  # characters; the generated code has 32 (24 random bytes)
MIN_DISTINCT = 8  # different characters a configured token must use
TOKEN_COMMAND = "python -m district_stats token"
#: Words and sequences a configured token must not contain (compared lower-case).
COMMON = (
    "password",
    "passw0rd",
    "qwerty",
    "qwertz",
    "azerty",
    "asdfgh",
    "zxcvbn",
    "123456",
    "654321",
    "abcdef",
    "letmein",
    "welcome",
    "changeme",
    "admin",
    "secret",
    "segreto",
    "distretti",
    "distretto",
    "piemonte",
    "regione",
    "commercio",
    "torino",
    "token",
)
FREE_FAILURES = 1  # a session's wrong codes that cost no wait (a typo)
CLIENT_FREE_FAILURES = 5  # wrong codes from one client in the window before its sessions wait longer
CLIENT_WINDOW_S = 600.0
MAX_WAIT_S = 60.0
MAX_CLIENTS = 10_000  # clients remembered (the oldest are forgotten first): memory stays bounded


@dataclass(frozen=True)
class UpdateAccess:
    """The form's configuration. ``refusal`` is '' when the form can be used, else the reason it is off:
    'off' (DC_UPDATE=off or unknown), 'on_without_token', 'short_token', 'weak_token' (``weakness`` says why)."""

    mode: str
    token: str = ""
    generated: bool = False
    refusal: str = ""
    weakness: str = ""

    @property
    def enabled(self) -> bool:
        return not self.refusal


def weakness(token: str) -> str:
    """'' for a strong enough configured token; else why not: 'short', 'whitespace' (also line breaks and
    invisible or control characters: nobody could type them in the code box), 'few_distinct',
    'common' (a common word or sequence), 'repeated' (the same character 4 times running) or
    'sequence' (5 consecutive characters such as 12345 or abcde)."""
    if len(token) < MIN_TOKEN_LENGTH:
        return "short"
    if any(c.isspace() or unicodedata.category(c)[0] in "CZ" for c in token):  # spaces, line breaks, invisibles
        return "whitespace"
    if len(set(token)) < MIN_DISTINCT:
        return "few_distinct"
    low = token.lower()
    if any(w in low for w in COMMON):
        return "common"
    if re.search(r"(.)\1{3}", low):
        return "repeated"
    codes = [ord(c) for c in low]
    for i in range(len(codes) - 4):
        steps = {codes[j + 1] - codes[j] for j in range(i, i + 4)}
        if steps in ({1}, {-1}):
            return "sequence"
    return ""


def access(mode: str, token: str, generated_token: str = "") -> UpdateAccess:
    """Decide the form's configuration from ``DC_UPDATE`` and ``DC_UPDATE_TOKEN``.

    ``generated_token`` is the code this process generated (used only when no token is configured
    and the mode is local).
    """
    mode = (mode or "local").strip().lower()
    if mode not in ("local", "on"):
        return UpdateAccess("off", refusal="off")
    if token:
        why = weakness(token)
        if why:
            return UpdateAccess(mode, refusal="short_token" if why == "short" else "weak_token", weakness=why)
        return UpdateAccess(mode, token)
    if mode == "on":
        return UpdateAccess(mode, refusal="on_without_token")
    return UpdateAccess(mode, generated_token or new_token(), generated=True)


def new_token() -> str:
    """A fresh code: 24 random bytes, 32 URL-safe characters (one that :func:`weakness` accepts)."""
    while True:
        code = secrets.token_urlsafe(24)
        if not weakness(code):
            return code


_PROCESS = {"token": ""}
_PROCESS_LOCK = threading.Lock()


def process_token() -> str:
    """The code generated for this process (used when DC_UPDATE_TOKEN is not set). It exists only here
    and in the terminal banner: never in a page, a URL or a log line."""
    with _PROCESS_LOCK:
        if not _PROCESS["token"]:
            _PROCESS["token"] = new_token()
        return _PROCESS["token"]


def current() -> UpdateAccess:
    """The form's configuration for this process (environment read on each call, code generated once)."""
    return access(settings.update_mode(), settings.update_token(), process_token())


def entered_code(text: str) -> str:
    """What was typed or pasted in the code box, without the spaces, line breaks and invisible characters a
    copy from the terminal or a document adds around it (a valid code never contains any: :func:`weakness`)."""
    return "".join(c for c in str(text) if unicodedata.category(c) != "Cf").strip()


def token_matches(entered: str, token: str) -> bool:
    """Constant-time comparison (the time taken says nothing about how much of the code is right)."""
    return bool(token) and hmac.compare_digest(entered.encode("utf-8"), token.encode("utf-8"))


def refusal_text(a: UpdateAccess, lang: str = "it") -> str:
    """Why the form is off, in words (terminal and page); never quotes the token."""
    if a.refusal == "weak_token":
        return t("upd_weak_token", lang, why=t(f"token_why_{a.weakness}", lang, n=MIN_DISTINCT), command=TOKEN_COMMAND)
    if a.refusal in ("short_token", "on_without_token"):
        return t(f"upd_{a.refusal}", lang, n=MIN_TOKEN_LENGTH, command=TOKEN_COMMAND)
    return t("upd_off", lang)


def banner(a: UpdateAccess, url: str) -> str:
    """What the terminal shows at start-up about the update form (never a URL with the code in it)."""
    line = "=" * 78
    if not a.enabled:
        return f"{line}\n  {refusal_text(a)}\n{line}"
    where = "da questo computer" if a.mode == "local" else "da qualunque browser (DC_UPDATE=on)"
    if a.generated:
        return (
            f"{line}\n  Aggiornamento dei dati dal browser ({where}): codice di questa esecuzione\n\n"
            f"      {a.token}\n\n  Aprire {url} e incollare il codice nel modulo in fondo alla pagina.\n"
            f"  Il codice cambia a ogni avvio; per fissarlo: DC_UPDATE_TOKEN ({TOKEN_COMMAND} ne stampa uno "
            f"robusto). Per spegnere il modulo: DC_UPDATE=off.\n{line}"
        )
    return f"{line}\n  Aggiornamento dei dati dal browser ({where}) con il codice DC_UPDATE_TOKEN: {url}\n{line}"


def attempt_line(
    ok: bool, session: str, client: str, session_failures: int, client_failures: int, when: dt.datetime | None = None
) -> str:
    """The log line of one attempt at the code box: time, session, client and counts, never the code."""
    stamp = (when or dt.datetime.now()).isoformat(timespec="seconds")
    what = "codice di aggiornamento corretto: modulo aperto" if ok else "codice di aggiornamento errato"
    return (
        f"{stamp} {what} (sessione {session}, client {client}, errori della sessione {session_failures}, "
        f"errori di questo client negli ultimi {int(CLIENT_WINDOW_S // 60)} minuti {client_failures})"
    )


class AttemptLimiter:
    """Wrong codes per client (thread-safe; times in seconds, ``time.monotonic``).

    A session waits only after its own wrong codes: none after the first (:data:`FREE_FAILURES`), then
    1, 2, 4 ... s, longer when its client has made more than :data:`CLIENT_FREE_FAILURES` wrong codes in
    :data:`CLIENT_WINDOW_S`, never more than :data:`MAX_WAIT_S`. A session that has not failed never
    waits, whatever other sessions or clients did: there is no process-wide cap and no lock-out.
    """

    def __init__(self, clock=time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._clients: OrderedDict[str, list[float]] = OrderedDict()

    def now(self) -> float:
        """The limiter's clock."""
        return self._clock()

    def client_failures(self, client: str) -> int:
        """Wrong codes from ``client`` in the window."""
        with self._lock:
            return len(self._recent(client, self._clock()))

    def wait_s(self, session_failures: int, last_failure: float | None, client: str = "") -> float:
        """Seconds before this session may try again (0: it may type a code now)."""
        if session_failures <= FREE_FAILURES or last_failure is None:
            return 0.0
        now = self._clock()
        with self._lock:
            extra = max(0, len(self._recent(client, now)) - CLIENT_FREE_FAILURES)
        n = session_failures - FREE_FAILURES - 1 + extra
        return max(0.0, last_failure + min(2.0**n, MAX_WAIT_S) - now)

    def record_failure(self, client: str = "") -> tuple[float, int]:
        """Count one wrong code from ``client``; returns (its time, wrong codes of the client in the window)."""
        now = self._clock()
        with self._lock:
            times = self._recent(client, now)
            times.append(now)
            self._clients[client] = times
            self._clients.move_to_end(client)
            while len(self._clients) > MAX_CLIENTS:
                self._clients.popitem(last=False)
            return now, len(times)

    def _recent(self, client: str, now: float) -> list[float]:
        times = [x for x in self._clients.get(client, []) if x > now - CLIENT_WINDOW_S]
        if client in self._clients:
            self._clients[client] = times
        return times
