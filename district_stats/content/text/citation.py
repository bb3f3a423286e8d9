"""How to cite a chart or a view (OWID-style), in Italian and English.

One function for every place that offers a citation: the static embeds, the press kit's
``citazione.txt``, the images' licence line and (later) every page of the app.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from district_stats.content.text import fmt
from district_stats.content.text.i18n import LANGS, t

PROJECT = "Distretti del Commercio in Piemonte"  # the project's name, the same in every language
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
#: The credit the licence asks for (the wording of the app's licence texts), by language.
CREDIT = {lang: t("cite_credit", lang) for lang in LANGS}


def citation(title: str, data_date: dt.date | pd.Timestamp | str | None, url: str = "", lang: str = "it") -> str:
    """«Distretti del Commercio in Piemonte — <titolo>. Dati al <data>. Licenza CC BY 4.0. <URL>».

    ``data_date`` is the date of the latest data change (written in words, '–' when unknown:
    no date is better than an invented one); ``url`` the address of the view, left out when
    empty. English: "… Data as of <date>. Licence CC BY 4.0. <URL>". Plain text: callers
    escape it for HTML.
    """
    head = f"{PROJECT} — {title.strip().rstrip('.')}."
    date = t("cite_data_as_of", lang, date=fmt.date_long(data_date, lang))
    return " ".join(part for part in (head, date, t("cite_licence", lang, licence=LICENCE), url.strip()) if part)


def licence_line(lang: str = "it") -> str:
    """'Licenza CC BY 4.0 · citare «Distretti del Commercio – dati da fonti pubbliche»' (drawn into images)."""
    return t("cite_licence_line", lang, licence=LICENCE, credit=t("cite_credit", lang))
