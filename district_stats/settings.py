"""Every environment variable the dashboard and its commands read, and the few editorial choices, in one place.

Read on each call (cheap), so a test or a process that changes its environment sees the
change; nothing else in the code reads ``os.environ``.

| variable | meaning | default |
|---|---|---|
| ``DC_DATA_DIR`` | another copy of ``data/`` for the app and the commands | the bundled ``data/`` |
| ``DC_UPDATE`` | who may use the update form on /dati: ``local`` (this computer), ``on`` (any browser, needs ``DC_UPDATE_TOKEN``) or ``off``; the form always asks for a code (``district_stats.ops.access``) | ``local`` |
| ``DC_UPDATE_TOKEN`` | the code the update form asks for (at least 16 characters) | none: a code generated at start-up, printed in the terminal |
| ``PUBLIC_URL`` | address the presenter's QR code and short link point to | the browser's address |
| ``DC_ROOM_PORT`` | port of the room's file server (``python -m district_stats room-files``, started by ``start.sh`` / ``start.ps1``): the QR code opens the phone pages there | unset: the dashboard serves them |
| ``DC_DECK`` | ``1``: the presenter without buttons or QR code (for screenshots of the screens) | unset |
| ``BROWSER_PATH`` / ``CHROMIUM`` | the Chromium used to render images and by the test tools | Debian's ``chromium`` |
"""

from __future__ import annotations

import os
from pathlib import Path


def data_dir(default: Path) -> Path:
    """The data folder: ``DC_DATA_DIR`` if set, else ``default``."""
    return Path(os.environ.get("DC_DATA_DIR") or default).resolve()


def update_mode() -> str:
    """``DC_UPDATE`` lower-cased ('local', 'on', 'off'; anything else is treated as 'off' by the form)."""
    return os.environ.get("DC_UPDATE", "local").strip().lower()


def update_token() -> str:
    """``DC_UPDATE_TOKEN`` (empty when unset)."""
    return os.environ.get("DC_UPDATE_TOKEN", "")


def public_url() -> str:
    """``PUBLIC_URL`` without a trailing slash (empty when unset)."""
    return os.environ.get("PUBLIC_URL", "").rstrip("/")


def room_port() -> int | None:
    """``DC_ROOM_PORT`` as a port number (None when unset or not a port)."""
    value = os.environ.get("DC_ROOM_PORT", "").strip()
    return int(value) if value.isdigit() and 0 < int(value) < 65536 else None


def deck_mode() -> bool:
    """True when the presenter is drawn for screenshots, without controls (``DC_DECK=1``)."""
    return os.environ.get("DC_DECK") == "1"


def browser_path() -> str:
    """A Chromium named by ``BROWSER_PATH`` or ``CHROMIUM`` (empty when neither is set)."""
    return os.environ.get("BROWSER_PATH") or os.environ.get("CHROMIUM") or ""


# --- Editorial choices (not facts: facts live in data/) ------------------------------------------
#: The district whose story the presenter tells (Mondovì and the Monregalese: complete member list,
#: three strategic rounds and a business call in the sources).
STORY_DISTRICT = "D041"
#: The event of the presenter's optional cover screen (timeline.csv): the round table's conference.
COVER_EVENT = "E17"
#: Problems listed on a page before "… and N more" (the count always says how many were left out).
MAX_PROBLEMS_SHOWN = 50
#: Problems collected per file before validation stops looking (a broken file would list thousands).
MAX_PROBLEMS_COLLECTED = 200
#: Fewest districts with an amount found that a group (a province, a type) needs before its per-resident,
#: per-comune or per-district value is compared with the others: one district is not a province.
MIN_COMPARE_DISTRICTS = 3
