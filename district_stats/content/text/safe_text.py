"""The one escaping path for text that comes from outside (URLs, data files, uploads).

Pure functions, one per place a value can end up:

- :func:`plain` for any text shown as text: control characters (CR, LF, NUL...) and invisible
  formatting characters (zero-width, bidirectional overrides) become spaces or go; optional length cap;
- :func:`md` for Streamlit Markdown (``st.markdown``, ``st.caption``, titles, metric labels and values,
  alerts, toasts, expander labels): every Markdown character is backslash-escaped, and the
  patterns that Streamlit turns into links or icons *after* escapes are resolved (``www.`` domains,
  ``scheme:`` URLs, e-mail addresses, ``:emoji:`` and ``:material/...:`` codes) are broken with an
  invisible word joiner (U+2060), so the value shows literally and never becomes a link;
- :func:`plotly` for plotly's pseudo-HTML (labels, hover text, titles, legend names, annotations):
  ``&``, ``<`` and ``>`` become entities, so ``<a href>``, ``<b>``, ``<br>`` or ``<span style>``
  in a name show as typed;
- :func:`filename` for an uploaded file's name before it is stored (changelog): no path, no control
  characters, no markup characters, no leading ``=+-@`` (spreadsheet formulas), at most 80 characters.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

#: Invisible, zero-width, no line break: splits a pattern without changing what the reader sees.
WORD_JOINER = "\u2060"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~&:=\"'^%@])")
_AUTOLINK = (
    (re.compile(r"(?i)(www)(?=\.)"), r"\1" + WORD_JOINER),  # www.example.com
    (re.compile(r":(?=\S)"), ":" + WORD_JOINER),  # http://..., javascript:..., :smile:, :material/x:
    (re.compile(r"@"), "@" + WORD_JOINER),  # name@example.com
)
ELLIPSIS = "…"
MAX_FILENAME = 80


def plain(text: object, limit: int | None = None) -> str:
    """``text`` as one line of plain text: control characters become spaces, invisible ones are dropped.

    ``None`` and NaN give ''. With ``limit``, text longer than ``limit`` characters is cut and ends
    with '…' (the result has at most ``limit`` characters).
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    s = _INVISIBLE.sub("", _CONTROL.sub(" ", str(text)))
    if limit is not None and len(s) > limit:
        s = s[: max(0, limit - 1)] + ELLIPSIS
    return s


def md(text: object, limit: int | None = None) -> str:
    """``text`` for Streamlit Markdown: shows literally, creates no link, emphasis, heading, icon or HTML."""
    s = plain(text, limit)
    for rx, repl in _AUTOLINK:
        s = rx.sub(repl, s)
    return _MD_SPECIAL.sub(r"\\\1", s)


def plotly(text: object, limit: int | None = None) -> str:
    """``text`` for plotly's pseudo-HTML (tags and entities show as typed)."""
    return plain(text, limit).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plotly_all(values: Iterable[object], limit: int | None = None) -> list[str]:
    """:func:`plotly` over an iterable (a column of names)."""
    return [plotly(v, limit) for v in values]


def filename(name: object) -> str:
    """An uploaded file's name, safe to store and show: base name only, letters, digits, space and ``.-_``."""
    base = re.split(r"[\\/]", plain(name))[-1].strip().lstrip("=+-@ .")
    s = re.sub(r"[^\w .-]", "_", base).strip()
    return plain(s or "file", MAX_FILENAME)


def visible(text: str) -> str:
    """What a reader sees of :func:`md` output: the escapes and word joiners removed (for tests and alt texts)."""
    return re.sub(r"\\(.)", r"\1", text).replace(WORD_JOINER, "")
