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

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def ensure_navigation() -> None:
    """Rerun through dashboard.py if Streamlit is still in legacy pages/ mode."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
