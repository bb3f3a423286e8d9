"""URL <-> widget state for every view (the checking itself is in district_stats.urlstate).

``bind(view, params)`` is called at the top of a view: when the URL is new (first load,
a shared link, back/forward) its valid values are copied into the widgets' session
state and invalid ones produce notices. Widgets use ``key=wkey(param)``. ``write``
is called at the end: the URL then holds exactly the non-default widget values.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from district_stats import urlstate
from district_stats.content.district_page import PROVINCE_CODES, TYPE_CODES
from district_stats.content.text import safe_text
from district_stats.content.text.i18n import norm_lang, t
from district_stats.urlstate import Param, one_of, pattern

LANG = Param("lang", "it", one_of(("it", "en")))
PROV = Param("prov", "", one_of(PROVINCE_CODES))
TIPO = Param("tipo", "", one_of(TYPE_CODES))
#: The tables opened on a page (``ui.table_toggle`` keys, comma-separated), so a shared link shows them too.
TABLES = Param("tabelle", "", pattern(r"[a-z_]{1,40}(,[a-z_]{1,40}){0,19}"))
#: The charts and maps switched from their published picture to the interactive figure (chart ids, ``mappa``,
#: comma-separated): a page loads the plotly library only for them, and a shared link opens them the same way.
EXPLORE = Param("esplora", "", pattern(r"[a-z_]{1,40}(,[a-z_]{1,40}){0,19}"))
#: Session-state prefixes of the switches kept in a list parameter: the parameter and its switches' prefix.
LISTED = {"tabelle": "tg_", "esplora": "ex_"}


def wkey(key: str) -> str:
    """Session-state key of the widget bound to URL parameter ``key``."""
    return f"u_{key}"


def _address() -> dict[str, list[str]]:
    """The query parameters exactly as in the address bar."""
    return {k: st.query_params.get_all(k) for k in st.query_params.keys()}


def _raw() -> dict[str, list[str]]:
    """The query parameters as they are looked up: invisible and format characters and surrounding
    whitespace removed from every key and value (:func:`district_stats.urlstate.clean_value`)."""
    return urlstate.clean_params(_address())


def param(key: str, default: str = "") -> str:
    """The first value of ``key`` in the URL, cleaned (for the few parameters read outside :func:`bind`)."""
    values = _raw().get(key)
    return values[0] if values else default


def has(key: str) -> bool:
    """True if the URL has ``key`` (cleaned)."""
    return key in _raw()


def params() -> dict[str, str]:
    """Every parameter of the URL with its first value, cleaned (the current view's share link)."""
    return {k: v[0] for k, v in _raw().items() if v}


def _sig(view: str, raw: dict[str, list[str]]) -> tuple:
    return (view, tuple(sorted((k, tuple(v)) for k, v in raw.items())))


def bind(view: str, params: Sequence[Param]) -> list[urlstate.Notice]:
    """Load the URL into widget state if it changed from outside; return notices to show.

    Also remembers the view and its parameters for :func:`view_query` (the exact view a citation gives)."""
    st.session_state["_view_params"] = (view, tuple(params))
    raw = _raw()
    if st.session_state.get("_url_sig") != _sig(view, raw):
        values, notices = urlstate.parse(raw, params)
        for p in params:
            st.session_state[wkey(p.key)] = values[p.key]
        for k in [k for k in st.session_state if str(k).startswith(tuple(LISTED.values()))]:
            del st.session_state[k]  # table and picture switches follow the new URL's lists (listed_toggle)
        st.session_state["_url_notices"] = notices
        st.session_state["_url_sig"] = _sig(view, raw)
    return list(st.session_state.get("_url_notices", []))


def get(key: str, default: str = "") -> str:
    """Current value of a bound parameter."""
    value = st.session_state.get(wkey(key), default)
    return default if value is None else str(value)


def set_value(key: str, value: str) -> None:
    """Set a bound parameter (use only in callbacks or before its widget is drawn)."""
    st.session_state[wkey(key)] = value


def write(view: str, params: Sequence[Param], extra: dict[str, str] | None = None) -> None:
    """Make the URL hold exactly the non-default values (plus ``extra``, e.g. modo=presenta)."""
    values = {p.key: get(p.key, p.default) for p in params}
    enc = dict(extra or {})
    enc.update(urlstate.encode(values, params))
    raw = {k: [v] for k, v in enc.items()}
    if _address() != raw:  # also when only invisible characters differ: the address bar gets the clean link
        st.query_params.from_dict(enc)
        st.session_state["_url_notices"] = []
    st.session_state["_url_sig"] = _sig(view, raw)


#: URL path of each view bound by a page ('' is the overview); other views (the presenter, the embed) have none.
PAGE_PATHS = {
    "panoramica": "",
    "mappa": "mappa",
    "investimenti": "investimenti",
    "distretti": "distretti",
    "comuni": "comuni",
    "confronti": "confronti",
    "dati": "dati",
}


def view_query() -> dict[str, str]:
    """The query string of the view on screen as :func:`write` will write it: every bound parameter that differs
    from its default, read from the widgets now (a switch turned on in this run included)."""
    _, params = st.session_state.get("_view_params", ("", ()))
    return urlstate.encode({p.key: get(p.key, p.default) for p in params}, params)


def view_path() -> str | None:
    """URL path of the page on screen ('' for the overview), None outside the pages (presenter, embed)."""
    view, _ = st.session_state.get("_view_params", ("", ()))
    return PAGE_PATHS.get(view)


def sync_lang_from_url() -> None:
    """Before anything is drawn: when the URL is new (first load, shared link), take ``lang`` from it.

    Pages read the language before binding their own parameters (titles come first), so
    the entry point applies the URL's language once, up front.
    """
    raw = _raw()
    last = st.session_state.get("_url_sig")
    if last is None or tuple(sorted((k, tuple(v)) for k, v in raw.items())) != last[1]:
        value = (raw.get("lang") or ["it"])[0]
        st.session_state[wkey("lang")] = value if value in ("it", "en") else "it"


def listed(param: str) -> set[str]:
    """The keys a list parameter of the URL (``tabelle``, ``esplora``) holds."""
    return {k for k in get(param).split(",") if k}


def open_tables() -> set[str]:
    """Keys of the tables the URL (``tabelle``) asks to show."""
    return listed("tabelle")


def set_listed(param: str, key: str, widget_key: str) -> None:
    """Callback of a switch kept in a list parameter: add or remove ``key`` (the URL is written at the end of
    the run)."""
    opened = listed(param)
    opened = opened | {key} if st.session_state.get(widget_key) else opened - {key}
    st.session_state[wkey(param)] = ",".join(sorted(opened))


def listed_toggle(label: str, param: str, key: str, tip: str | None = None) -> bool:
    """A switch whose state is ``key`` in the list parameter ``param`` of the URL (``tabelle``, ``esplora``),
    so a shared link opens the same tables and interactive figures. The page lists ``param`` in its PARAMS."""
    wkey_ = f"{LISTED[param]}{key}"
    if wkey_ not in st.session_state:  # first draw, or bind just loaded a new URL
        st.session_state[wkey_] = key in listed(param)
    return st.toggle(label, key=wkey_, help=tip, on_change=set_listed, args=(param, key, wkey_))


def explored(key: str) -> bool:
    """True when the reader asked for the interactive figure of ``key`` (its switch on, or ``esplora`` in the
    URL before the switch is drawn)."""
    value = st.session_state.get(f"{LISTED['esplora']}{key}")
    return key in listed("esplora") if value is None else bool(value)


def lang() -> str:
    """Current interface language ('it' or 'en')."""
    return norm_lang(st.session_state.get(wkey("lang"), "it"))


def notice_text(n: urlstate.Notice, lng: str) -> str:
    """Friendly message for an ignored parameter (the value is shown as plain text, never HTML)."""
    return t("bad_param", lng, param=safe_text.md(n.key, 40))


def share_url(path: str, params: dict[str, str]) -> str:
    """Absolute link to ``path`` with ``params`` (base taken from the browser's URL)."""
    base = ""
    try:
        url = st.context.url or ""
        # st.context.url is the page URL; keep scheme://host[:port][/base] only.
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    except Exception:  # noqa: BLE001 - no browser context (tests): relative link
        base = ""
    from urllib.parse import urlencode

    query = urlencode(params, safe=",")  # «tabelle=linee,anni» stays readable in a pasted link
    return f"{base}/{path.lstrip('/')}" + (f"?{query}" if query else "")
