"""A cited page as a reader cites it: «Publisher, «Title», date», from the sources register.

Every place that shows a source (tables, profiles, cards, KPIs, the presenter, the static embeds and the
room's phone pages) names it through :func:`label`, from the register's row for its address
(:func:`district_stats.data.source_rules.register_pages`, held by the views as ``views.sources``). The
title and the date appear only as read on the page; what nobody read is said plainly, never made up
from the address: «TargatoCN, articolo (titolo e data non verificati)». An address the register lacks
is named by its site only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from district_stats.content.text import fmt
from district_stats.content.text.i18n import t
from district_stats.data.source_rules import SourcePage

#: The sources register by address (``views.sources``).
Register = Mapping[str, SourcePage]


def host(url: str) -> str:
    """The site of a URL without 'www.', port or a mirror prefix ('wwwrm1.ansa.it' -> 'ansa.it')."""
    netloc = urlsplit(url.strip()).hostname or ""
    return re.sub(r"^www\w*\.", "", netloc.lower())


def _key(url: str) -> str:
    """An address as compared when looking it up or removing repeats: https, no trailing slash."""
    return url.strip().rstrip("/").replace("http://", "https://", 1)


def cite(url: str, register: Register) -> SourcePage:
    """The register's entry for ``url`` (exactly as cited, else the same address over http/https or with a
    trailing slash); an address the register lacks gets an entry with its site as publisher and nothing
    verified (``registered`` False)."""
    url = url.strip()
    found = register.get(url)
    if found is None:
        key = _key(url)
        found = next((p for u, p in register.items() if _key(u) == key), None)
    return found if found is not None else SourcePage(url, host(url) or url, registered=False)


def citations(urls: object, register: Register) -> list[SourcePage]:
    """The pages of URLs given as a list or ';'-separated cells, each page once, in order of first mention
    (only http(s) addresses)."""
    seen: dict[str, SourcePage] = {}
    items = urls if isinstance(urls, (list, tuple, set)) else [urls]
    for cell in items:
        for u in str(cell or "").split(";"):
            u = u.strip()
            if u.startswith(("http://", "https://")) and _key(u) not in seen:
                seen[_key(u)] = cite(u, register)
    return list(seen.values())


def date_text(c: SourcePage, lang: str = "it") -> str:
    """The page's publication date in words at its precision ('' when there is none to show)."""
    return fmt.date_long(c.published, lang, c.precision) if c.published is not None else ""


def label(c: SourcePage, lang: str = "it") -> str:
    """«Publisher, «Title», 24 luglio 2021», or in words what was not verified:
    «Casale Notizie, articolo, dicembre 2021 (titolo non verificato)», «TargatoCN, articolo (titolo e data non
    verificati)», «Comune di Biella, «…» (data non verificata)», «…, «…», senza data» (a page read that
    carries no date). Plain text: callers escape it."""
    kind = t(f"src_kind_{c.source_type}" if c.registered else "src_kind_altro", lang)
    date = date_text(c, lang)
    title = t("src_title", lang, title=c.title) if c.title and c.title_basis != "not_verified" else ""
    if title and date:
        return t("src_full", lang, publisher=c.publisher, title=title, date=date)
    if title:
        undated = c.published_basis == "page" and c.precision == "none"
        return t("src_undated" if undated else "src_no_date", lang, publisher=c.publisher, title=title)
    if date:
        return t("src_no_title", lang, publisher=c.publisher, kind=kind, date=date)
    return t("src_nothing", lang, publisher=c.publisher, kind=kind)


def labels(urls: object, register: Register, lang: str = "it") -> list[tuple[str, str]]:
    """(label, address) of each page of ``urls`` (see :func:`citations`), for a list of linked sources."""
    return [(label(c, lang), c.url) for c in citations(urls, register)]


def verified_share(register: Register) -> tuple[int, int, int, int]:
    """(pages with a title read, pages with a date, pages with both, pages) in the register: how many sources
    can be cited with their title and date."""
    pages = list(register.values())
    titled = [bool(p.title) and p.title_basis != "not_verified" for p in pages]
    dated = [p.published is not None for p in pages]
    return sum(titled), sum(dated), sum(a and b for a, b in zip(titled, dated)), len(pages)
