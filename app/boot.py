"""Keep Streamlit in st.navigation mode even on the very first request of a process.

Streamlit treats a ``pages/`` folder next to the entry point as a legacy (v1) multipage
app until the entry point has called ``st.navigation`` once in the process. A first
visit straight to ``/mappa`` on a fresh server would therefore run ``pages/mappa.py``
alone: no page config, no shared sidebar, file names as menu. Each page and the entry
point call :func:`ensure_navigation` first: it switches the process to navigation mode
and reruns, and the rerun executes ``dashboard.py``, which routes back to the same
page (the URL path names it).
"""

from __future__ import annotations

import sys
import threading

import streamlit as st
from streamlit import config
from streamlit.runtime.pages_manager import PagesManager

from district_stats.ops import desk


def ensure_navigation() -> None:
    """Rerun through dashboard.py if Streamlit is still in legacy pages/ mode."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def fast_config_reads() -> None:
    """Read Streamlit's (immutable after start-up) config without its global lock.

    ``streamlit.config.get_option`` takes a process-wide RLock on every call, and Streamlit
    calls it for every message a script sends. With 50 sessions running at once the
    threads queue on that lock behind the GIL: a py-spy profile of 50 concurrent page
    loads showed 83% of samples waiting there, and every page finished only when all
    had (p50 = p95 = 19 s for a 0.11 s page). Reading the parsed options dict needs no
    lock (the dict is replaced, never mutated, when config is re-parsed), so the fast
    path reads it directly and falls back to the original before the first parse.
    """
    original = config.get_option
    # Only wrap the real function: under AppTest, config.get_option is a mock carrying test overrides.
    if getattr(original, "_fast", False) or getattr(original, "__module__", "") != "streamlit.config":
        return

    def get_option(key: str):
        options = config._config_options
        if options is not None:
            opt = options.get(key)
            if opt is not None:
                return opt.value
        return original(key)

    get_option._fast = True  # type: ignore[attr-defined]
    config.get_option = get_option


_STARTED: dict[str, desk.Recovery | None] = {}  # data folder -> what start-up found there (once per process and folder)
_START_LOCK = threading.Lock()


def startup() -> desk.Recovery | None:
    """Once per process (and per data folder): repair an interrupted update, and tell the terminal how
    the update form can be used (the code it needs, never in a URL). Returns what the repair found
    (a :class:`district_stats.ops.desk.Recovery` or None), for the /dati page to show.

    Streamlit runs no code before the first visit, so this happens when the first page is served.
    """
    key = desk.data_folder()
    if key in _STARTED:
        return _STARTED[key]
    with _START_LOCK:
        if key in _STARTED:
            return _STARTED[key]
        found = desk.recover()
        if found is not None:
            print(found.message("it"), file=sys.stderr, flush=True)
        if not _STARTED:  # the banner once per process
            port = st.get_option("server.port")
            base = str(st.get_option("server.baseUrlPath") or "").strip("/")
            url = f"http://localhost:{port}/{base + '/' if base else ''}dati"
            print(desk.banner(desk.current_access(), url), file=sys.stderr, flush=True)
        _STARTED[key] = found
        return found
