"""How to cite a chart or a view (OWID-style), in Italian and English.

One function for every place that offers a citation: the static embeds, the press kit's
``citazione.txt``, the images' licence line and (later) every page of the app.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from district_stats.content.text import fmt

PROJECT = "Distretti del Commercio in Piemonte"
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
#: The credit the licence asks for (the wording of the app's licence texts).
CREDIT = {"it": "Distretti del Commercio – dati da fonti pubbliche",
          "en": "Distretti del Commercio – data from public sources"}


def citation(title: str, data_date: dt.date | pd.Timestamp | str | None, url: str = "", lang: str = "it") -> str:
    """«Distretti del Commercio in Piemonte — <titolo>. Dati al <data>. Licenza CC BY 4.0. <URL>».

    ``data_date`` is the date of the latest data change (written in words, '–' when unknown:
    no date is better than an invented one); ``url`` the address of the view, left out when
    empty. English: "… Data as of <date>. Licence CC BY 4.0. <URL>". Plain text: callers
    escape it for HTML.
    """
    en = lang == "en"
    head = f"{PROJECT} — {title.strip().rstrip('.')}."
    date = f"{'Data as of' if en else 'Dati al'} {fmt.date_long(data_date, 'en' if en else 'it')}."
    licence = f"{'Licence' if en else 'Licenza'} {LICENCE}."
    return " ".join(part for part in (head, date, licence, url.strip()) if part)


def licence_line(lang: str = "it") -> str:
    """'Licenza CC BY 4.0 · citare «Distretti del Commercio – dati da fonti pubbliche»' (drawn into images)."""
    if lang == "en":
        return f"Licence {LICENCE} · credit '{CREDIT['en']}'"
    return f"Licenza {LICENCE} · citare «{CREDIT['it']}»"
