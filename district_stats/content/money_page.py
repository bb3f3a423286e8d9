"""The /investimenti page's notes and tables (its charts come from :mod:`~district_stats.content.catalog`).

How much of each strategic call the per-district amounts account for, how the rebuilt total relates to
the lines and years drawn, what was paid against what was allocated, and the per-district amounts
under the page's pickers. Texts are plain (the app escapes them); tables keep the schema's column names.
"""

from __future__ import annotations

import pandas as pd

from district_stats.analysis import filters
from district_stats.analysis.views import Views
from district_stats.content.text import fmt
from district_stats.content.text.i18n import t
from district_stats.content.text.wording import about

GRANT_COLUMNS = [
    "short_name",
    "province_code",
    "label_it",
    "label_en",
    "year",
    "amount_eur",
    "amount_kind",
    "confidence",
    "amount_approximate",
    "source_urls",
    "grant_id",
    "district_id",
    "line_id",
]
PAID_COLUMNS = [
    "short_name",
    "year",
    "reference_kind",
    "reference_eur",
    "paid_eur",
    "share_paid",
    "reference_line_ids",
    "grant_id",
    "district_id",
]


def years(views: Views) -> list[str]:
    """The years with a per-district amount (the year picker's options)."""
    return sorted({str(int(y)) for y in views.ds["grants"]["year"].dropna()})


def extended_note(views: Views, lang: str = "it") -> str:
    """What the lines chart leaves out: the total with the lines outside the headline figure."""
    return t("inv_extended", lang, value=fmt.eur(views.recon.extended_eur, lang))


def year_note(views: Views, lang: str = "it") -> str:
    """How far the years chart is from the rebuilt total (amounts without a year)."""
    diff = views.recon.total_eur - views.by_year["amount_eur"].sum()
    return t("inv_year_note", lang, diff=fmt.eur(diff, lang, 2))


def traced_notes(views: Views, lang: str = "it") -> list[str]:
    """One sentence per strategic call: how much of it the per-district amounts found account for."""
    return [
        t(
            "inv_traced_note",
            lang,
            line=r["label_en" if lang == "en" else "label_it"],
            traced=about(fmt.eur_short(r["traced_eur"], lang), r["n_approximate"] > 0, lang),
            total=fmt.eur_short(r["line_total_eur"], lang),
            share=about(fmt.pct(r["share"], lang, 0), r["n_approximate"] > 0, lang),
            n=r["n_traced"],
            nb=fmt.num(r["n_beneficiaries"], lang),
        )
        for _, r in views.traced_share.iterrows()
    ]


def paid_note(views: Views, lang: str = "it") -> str:
    """How many district calls have an amount actually paid (every other amount is an allocation)."""
    return t("inv_paid_note", lang, n=len(views.paid))


def paid_table(views: Views, lang: str = "it") -> pd.DataFrame:
    """Allocated vs paid, where a source gives a paid amount; the reference's kinds and lines in words
    (``reference_lines``: the lines' names, their codes stay in the download)."""
    paid = views.paid[PAID_COLUMNS]
    words = [
        " + ".join(t(k, lang) for k in str(x).split("/") if k) if pd.notna(x) else x for x in paid["reference_kind"]
    ]
    named = views.line_names
    names = dict(zip(named["line_id"], named["label_en" if lang == "en" else "label_it"]))
    lines = [
        " + ".join(dict.fromkeys(str(names.get(i, i)) for i in ids)) if isinstance(ids, tuple) else None
        for ids in paid["reference_line_ids"]
    ]
    return paid.assign(reference_kind=words).assign(reference_lines=lines)


def grants_table(views: Views, prov: str = "", tipo: str = "", year: str = "") -> pd.DataFrame:
    """Per-district amounts of the districts in ``prov`` and of type ``tipo``, in ``year`` (empty: any), with
    the funding line's names."""
    g = filters.grants_in(views.ds["grants"], views.districts, prov, tipo, year)
    g = g.merge(views.line_names, on="line_id", how="left")  # one name per line: its round's
    return g[GRANT_COLUMNS]
