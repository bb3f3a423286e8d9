"""How to cite the compiled data, a chart or a view: as text, as CSL-JSON and as BibTeX, in Italian and English.

One reference for every place that offers «Come citare» (every chart and page of the app, the interactive
embed, the static embeds and the press kit's ``citazione.txt``): the publisher and title of the compiled
dataset, what is cited (a page, a chart, a district), the data version date, the access date and the
address that reopens exactly that view. :func:`csl_json` is CSL-JSON (the format Zotero, Mendeley and
pandoc read: ``type``, ``title``, ``publisher``, ``issued``, ``accessed``, ``URL``); :func:`bibtex` a
``@misc`` entry with BibTeX's special characters escaped.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

import pandas as pd

from district_stats.content.text import fmt
from district_stats.content.text.i18n import LANGS, t

#: Who publishes the compiled data: the producer every table's metadata names (``producer`` in ``*.meta.yml``).
PUBLISHER = "Distretti del Commercio"
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
#: The credit the licence asks for, which is also the compiled dataset's title, by language.
CREDIT = {lang: t("cite_credit", lang) for lang in LANGS}


@dataclass(frozen=True)
class Reference:
    """What a citation says: ``what`` is cited (a page or chart title, «Distretti: Mondovì»), the data
    version (``data_date``, the latest change of the data; None when unknown), the day it was read
    (``accessed``; None when unknown, e.g. a file published in advance) and the address of the view."""

    what: str
    data_date: dt.date | None
    accessed: dt.date | None
    url: str
    lang: str = "it"

    @property
    def title(self) -> str:
        """«Distretti del Commercio – dati da fonti pubbliche: <what>» (the dataset's title alone without ``what``)."""
        what = self.what.strip().rstrip(".")
        return f"{CREDIT.get(self.lang, CREDIT['it'])}: {what}" if what else CREDIT.get(self.lang, CREDIT["it"])


def _day(value: dt.date | pd.Timestamp | str | None) -> dt.date | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10]) if value else None
    return value


def reference(
    what: str,
    data_date: dt.date | pd.Timestamp | str | None,
    url: str = "",
    lang: str = "it",
    accessed: dt.date | pd.Timestamp | str | None = None,
) -> Reference:
    """A :class:`Reference` from the values pages have at hand (a Timestamp, an ISO date, None).

    Raises:
        ValueError: for a string that is not an ISO date.
    """
    return Reference(what, _day(data_date), _day(accessed), url.strip(), lang)


def text(ref: Reference) -> str:
    """«Distretti del Commercio, «Distretti del Commercio – dati da fonti pubbliche: Confronti». Versione dei dati:
    7 dicembre 2026; consultato: 8 dicembre 2026. Licenza CC BY 4.0. https://…».

    An unknown data date reads '–' (no date is better than an invented one); an unknown access date and an
    empty address are left out. English: "… Data version: …; accessed: …. Licence CC BY 4.0. …". Plain
    text: callers escape it for HTML.
    """
    head, version, accessed, licence = parts(ref)
    when = f"{version}; {accessed}." if accessed else f"{version}."
    return " ".join(part for part in (head, when, licence, ref.url) if part)


def parts(ref: Reference) -> tuple[str, str, str, str]:
    """The pieces of :func:`text`: «Publisher, «Title».», «Versione dei dati: <date>», «consultato: <date>»
    ('' when unknown) and «Licenza CC BY 4.0.» (for a page that writes the access date itself)."""
    lang = ref.lang
    accessed = t("cite_accessed", lang, date=fmt.date_long(ref.accessed, lang)) if ref.accessed else ""
    return (
        t("cite_head", lang, publisher=PUBLISHER, title=ref.title) + ".",
        t("cite_version", lang, date=fmt.date_long(ref.data_date, lang)),
        accessed,
        t("cite_licence", lang, licence=LICENCE),
    )


def citation(
    title: str,
    data_date: dt.date | pd.Timestamp | str | None,
    url: str = "",
    lang: str = "it",
    accessed: dt.date | pd.Timestamp | str | None = None,
) -> str:
    """The text citation (:func:`text`) of ``title`` (a chart, a page) in one call."""
    return text(reference(title, data_date, url, lang, accessed))


def _parts(day: dt.date) -> dict:
    return {"date-parts": [[day.year, day.month, day.day]]}


def key(ref: Reference) -> str:
    """The entry's key: ``distretti_commercio_2026_12_07`` (the data version), stable for the same data."""
    return "distretti_commercio" + (ref.data_date.strftime("_%Y_%m_%d") if ref.data_date else "")


def csl_item(ref: Reference) -> dict:
    """The reference as one CSL-JSON item (type ``dataset``)."""
    item: dict = {
        "id": key(ref),
        "type": "dataset",
        "title": ref.title,
        "publisher": PUBLISHER,
        "language": ref.lang,
        "note": f"{t('cite_licence', ref.lang, licence=LICENCE)} {LICENCE_URL}",
    }
    if ref.data_date is not None:
        item["issued"] = _parts(ref.data_date)
        item["version"] = ref.data_date.isoformat()
    if ref.accessed is not None:
        item["accessed"] = _parts(ref.accessed)
    if ref.url:
        item["URL"] = ref.url
    return item


def csl_json(ref: Reference) -> str:
    """The reference as a CSL-JSON document (a list of one item), as reference managers import it."""
    return json.dumps([csl_item(ref)], ensure_ascii=False, indent=2)


#: BibTeX's special characters outside the URL (braces, and what LaTeX reads as commands).
_BIB_SPECIAL = re.compile(r"([{}%&#_$\\])")
_BIB_WORDS = {"\\": r"\textbackslash{}"}


def bib_escape(value: str) -> str:
    r"""A value for a BibTeX field in braces: ``{`` ``}`` ``%`` ``&`` ``#`` ``_`` ``$`` escaped, ``\`` as
    ``\\textbackslash{}``."""
    return _BIB_SPECIAL.sub(lambda m: _BIB_WORDS.get(m.group(1), "\\" + m.group(1)), value)


def _bib_url(url: str) -> str:
    """A URL for BibTeX's verbatim ``url`` field: braces and spaces percent-encoded (they cannot be escaped)."""
    return url.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def bibtex(ref: Reference) -> str:
    """The reference as a BibTeX ``@misc`` entry (biblatex reads ``urldate`` and ``version`` too)."""
    fields = [
        ("title", bib_escape(ref.title)),
        ("publisher", bib_escape(PUBLISHER)),
        ("howpublished", bib_escape(t("cite_howpublished", ref.lang))),
    ]
    if ref.data_date is not None:
        fields += [("year", str(ref.data_date.year)), ("version", ref.data_date.isoformat())]
    if ref.url:
        fields.append(("url", _bib_url(ref.url)))
    if ref.accessed is not None:
        fields.append(("urldate", ref.accessed.isoformat()))
    fields.append(("note", bib_escape(t("cite_licence", ref.lang, licence=LICENCE))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key(ref)},\n{body}\n}}"


def licence_line(lang: str = "it") -> str:
    """'Licenza CC BY 4.0 · citare «Distretti del Commercio – dati da fonti pubbliche»' (drawn into images)."""
    return t("cite_licence_line", lang, licence=LICENCE, credit=t("cite_credit", lang))
