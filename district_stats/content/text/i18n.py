"""User-interface text in Italian (default) and English, from the one catalogue ``texts.toml``.

``t(key, lang, **params)`` returns the text for ``key``; a missing key raises KeyError
(a unit test walks every key used in the code). Texts are plain strings: data values are
inserted by ``str.format`` and rendered as text or escaped Markdown, never as HTML.

A text that depends on a count is a table of CLDR plural forms (``one``, ``many``,
``other``) chosen by the ``n`` parameter with Babel's plural rules, so «1 distretto» and
«2 distretti», "1 district" and "2 districts" come from the same key.
"""

from __future__ import annotations

import numbers
import re
import tomllib
from functools import cache
from pathlib import Path

from babel import Locale

LANGS = ("it", "en")
CATALOGUE = Path(__file__).parent.parent / "texts.toml"

Entry = str | dict[str, str]


def _load() -> dict[str, dict[str, Entry]]:
    with open(CATALOGUE, "rb") as fh:
        return tomllib.load(fh)


TEXT: dict[str, dict[str, Entry]] = _load()


@cache
def _plural_rule(lang: str):
    return Locale.parse("en" if lang == "en" else "it").plural_form


def plural_form(n: float, lang: str = "it") -> str:
    """CLDR plural category of ``n`` in ``lang``: 'one', 'many' or 'other'."""
    return _plural_rule(lang)(abs(n))


def t(key: str, lang: str = "it", **params: object) -> str:
    """Text for ``key`` in ``lang`` with ``params`` filled in.

    A plural entry picks its form from ``params['n']``: a count, or a count already
    formatted for display («1.234»: its digits are read); when the form is not written for
    that language, ``other`` is used.

    Raises:
        KeyError: if ``key`` is not defined (or a plural entry is used without ``n``).
    """
    entry = TEXT[key]
    text = entry["en"] if lang == "en" else entry["it"]
    if isinstance(text, dict):
        text = text.get(plural_form(_count(params["n"]), lang), text["other"])
    return text.format(**params) if params else text


def _count(n: object) -> float:
    """The count a plural form is chosen by: a number, or a number already formatted («1.234»: its digits)."""
    if isinstance(n, numbers.Real):
        return float(n)
    return int(re.sub(r"\D", "", str(n)) or 0)


def norm_lang(value: object) -> str:
    """'en' if value is 'en', else 'it' (the default)."""
    return "en" if value == "en" else "it"


#: Terms of art with a glossary entry (``glt_<term>`` is the word, ``gl_<term>`` its definition).
GLOSSARY = (
    "capofila",
    "bandi_strategici",
    "prime_attivita",
    "tornata",
    "graduatoria",
    "scorrimento",
    "linea",
    "ricostruito",
    "riserva_minima",
)


def glossary(lang: str = "it", terms: tuple[str, ...] = GLOSSARY) -> list[tuple[str, str]]:
    """(term, definition) pairs for ``terms``, in the catalogue's words."""
    return [(t(f"glt_{k}", lang), t(f"gl_{k}", lang)) for k in terms]
