"""The card of one comune (/comuni, the presenter's drill-down): is it in a district, which one and in what
state, its role, the money that reached the district, and the districts it was part of before.

Texts are plain (the app escapes them), except the fields ending in ``_md``: Markdown with every value
from the data escaped (:func:`~district_stats.content.text.safe_text.md`). A comune no current source names is never shown as outside
every district without saying that lists are partial in its province.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from district_stats.analysis import stats
from district_stats.analysis.profiles import comune_profile
from district_stats.analysis.views import Views
from district_stats.content.district_facts import DistrictFacts, facts_of
from district_stats.content.text import fmt, wording
from district_stats.content.text.i18n import TEXT, t
from district_stats.content.text.safe_text import md
from district_stats.data.schema import PROVINCES


@dataclass(frozen=True)
class ComuneCard:
    """One comune for one language. ``district`` is its current district's facts (None when no current
    source names it in an active district: ``outside`` then says so, with the partial lists around it);
    ``history`` the districts it was part of, or is named in by an old list only."""

    istat_code: str
    name: str
    caption_md: str
    membership: str
    confirmed: bool
    district: DistrictFacts | None
    outside: str
    history_md: tuple[str, ...]
    source_urls: tuple[str, ...]


def comune_names(views: Views) -> dict[str, str]:
    """The comune picker's options: ISTAT code -> «Name (PR)», sorted by name."""
    comuni = views.ds["comuni"]
    labels = dict(zip(comuni["istat_code"], comuni["comune_name"] + " (" + comuni["province_code"] + ")"))
    return {c: labels[c] for c in sorted(labels, key=lambda c: labels[c])}


def intro(views: Views, lang: str = "it") -> str:
    """The page's opening sentence (how many comuni can be looked up)."""
    return t("com_intro", lang, n=fmt.num(len(views.ds["comuni"]), lang))


def _history(memberships: pd.DataFrame, current: pd.Series | None, lang: str) -> tuple[str, ...]:
    """Former memberships, listings not renewed, and districts that name it in a candidacy or founding act only
    (Markdown, names escaped)."""
    out = []
    past = memberships[(memberships["role"] == "former_member") | (memberships["active_status"] == "not_renewed")]
    for _, m in past.iterrows():
        key = "com_former" if m["role"] == "former_member" else "com_not_renewed"
        out.append(t(key, lang, name=md(m["short_name"])))
    for _, m in stats.historic_rows(memberships).iterrows():  # named by a candidacy or a founding act only
        key = f"com_historic_{m['list_basis']}"
        if key in TEXT and (current is None or m["district_id"] != current["district_id"]):
            year = m.get("stated_year")
            out.append(t(key, lang, name=md(m["short_name"]), year=str(year) if pd.notna(year) else "–"))
    return tuple(out)


def comune_card(views: Views, istat_code: str, lang: str = "it") -> ComuneCard | None:
    """The card of the comune ``istat_code`` (None when it is not a comune of Piemonte)."""
    p = comune_profile(views, istat_code)
    if p is None:
        return None
    c, d = p.comune, p.current
    caption = t(
        "com_caption",
        lang,
        prov=PROVINCES.get(str(c["province_code"]), str(c["province_code"])),
        code=md(c["istat_code"]),
        pop=fmt.num(c["population"], lang),
        year=int(c["population_year"]),
    )
    facts = None if d is None else facts_of(d, views.district_rounds(str(d["district_id"])), lang)
    urls = tuple(";".join(p.memberships["source_urls"]).split(";")) if not p.memberships.empty else ()
    return ComuneCard(
        istat_code=str(c["istat_code"]),
        name=str(c["comune_name"]),
        caption_md=caption,
        membership="" if d is None else wording.membership_sentence(d, str(p.role), lang),
        confirmed=d is not None and d["active_status"] == "confirmed",
        district=facts,
        outside=t("com_out", lang, n=p.partial_in_province) if d is None else "",
        history_md=_history(p.memberships, d, lang),
        source_urls=urls,
    )
