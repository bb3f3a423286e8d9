"""User-interface text in Italian (default) and English.

``t(key, lang, **params)`` returns the text for ``key``; a missing English text falls
back to Italian, and a missing key raises KeyError (a test walks every key used).
Texts are plain strings: data values are inserted by ``str.format`` and rendered by
Streamlit as text or Markdown, never as HTML.
"""

from __future__ import annotations

from district_stats.texts_pages import TEXTS_PAGES
from district_stats.texts_ui import TEXTS_UI
from district_stats.texts_update import TEXTS_UPDATE

LANGS = ("it", "en")

TEXT: dict[str, tuple[str, str]] = {**TEXTS_UI, **TEXTS_PAGES, **TEXTS_UPDATE}


def t(key: str, lang: str = "it", **params: object) -> str:
    """Text for ``key`` in ``lang`` with ``params`` filled in.

    Raises:
        KeyError: if ``key`` is not defined.
    """
    it, en = TEXT[key]
    text = en if lang == "en" and en else it
    return text.format(**params) if params else text


def norm_lang(value: object) -> str:
    """'en' if value is 'en', else 'it' (the default)."""
    return "en" if value == "en" else "it"
