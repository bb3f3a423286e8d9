"""A district's facts laid out: the same blocks on the profile, the comune card, the map card and the presenter.

Everything shown comes ready from :class:`district_stats.content.district_facts.DistrictFacts`, as
:mod:`district_stats.content.district_page` hands it (words, badges, money per round, sources); this module
only places it. Data text is escaped with
:func:`app.ui.esc`; sources are cited by publisher, date and title.
"""

from __future__ import annotations

import streamlit as st

from app import ui
from district_stats.content.district_page import Badge, DistrictFacts  # the profile's facts and badges
from district_stats.content.text.i18n import t


def badges(items: tuple[Badge, ...]) -> None:
    """A row of badges (the words carry the meaning; colour only repeats it)."""
    st.markdown(" ".join(ui.badge_md(b.text, b.color) for b in items))


def status_line(f: DistrictFacts) -> None:
    """«9 di 81 comuni noti · nell'elenco del 2021, nessuna conferma dopo il 2021» as one line."""
    st.markdown(" · ".join(ui.esc(x) for x in f.status_lines))


def listing_badge(f: DistrictFacts) -> None:
    """Confidence of the district's listing and status: it describes those facts, not the money."""
    if f.listing is not None:
        st.markdown(ui.badge_md(f.listing.text, f.listing.color))


def money_metric(col, f: DistrictFacts, lang: str) -> None:
    """The regional money found (or «non trovati») as a metric, with what it covers as help text."""
    col.metric(t("money_label", lang), ui.esc(f.money.value), help=f"{ui.esc(f.money.note)}\n\n{t('gl_tornata', lang)}")


def calls_metric(col, f: DistrictFacts, lang: str) -> None:
    """The district's calls for shops found: amount, or «nessuno trovato»."""
    col.metric(t("calls_label", lang), ui.esc(f.calls.value), help=ui.esc(f.calls.note))


def rounds_list(f: DistrictFacts, lang: str, compact: bool = False) -> None:
    """One bullet per round open to the district: what was found, or in words what is missing, with sources.

    ``compact`` (the projector, where a screen must not scroll): one caption line, rounds separated by «·».
    """
    if not f.round_lines:
        st.caption(t("money_no_rounds", lang))
        return
    if compact:
        st.caption(" · ".join(f"{ui.esc(r.label)}: {ui.esc(r.text)}" for r in f.round_lines))
        return
    lines = []
    for r in f.round_lines:
        src = ui.sources_md(r.source_urls, 2, lang) if r.source_urls else ""
        lines.append(f"- {ui.esc(r.label)}: {ui.esc(r.text)}" + (f" ({src})" if src else ""))
    st.markdown("\n".join(lines))


def money_block(f: DistrictFacts, lang: str, note_key: str = "", compact: bool = False) -> None:
    """Members, regional money and business calls as three metrics, then the rounds one by one."""
    c1, c2, c3 = st.columns(3)
    c1.metric(t("h_members_known", lang), ui.esc(f.members_short), help=ui.esc(f.members_text))
    money_metric(c2, f, lang)
    if compact:  # projector type: «nessuno trovato» would not fit a third of the screen at 64 px
        c3.markdown(f"{t('calls_label', lang)}: **{ui.esc(f.calls.value)}**")
    else:
        calls_metric(c3, f, lang)
    st.caption(ui.esc(f.money.coverage) + (f" · {t(note_key, lang)}" if note_key else ""))
    rounds_list(f, lang, compact)  # names every round, found or not


def fact_sources(by_fact: dict[str, tuple[str, ...]], lang: str) -> None:
    """Which sources back which fact: listing and status, comuni, amounts, residents."""
    none = t("none_found", lang)
    limits = {"listing": 3, "members": 3, "money": 3, "residents": 2}
    st.caption(t("sources_by_fact", lang, **{k: ui.sources_md(by_fact[k], n, lang) or none for k, n in limits.items()}))


def card(f: DistrictFacts, lang: str) -> None:
    """The map page's card of one district: type, status, capofila, residents, money per round, sources,
    and the link to its profile."""
    with st.container(border=True):
        st.markdown(f"#### {ui.esc(f.short_name)}")
        st.caption(ui.esc(f.name))
        badges(f.badges)
        status_line(f)
        listing_badge(f)
        st.markdown(
            f"**{t('col_capofila', lang)}:** {ui.esc(f.capofila)}  \n**{t('residents_label', lang)}:** {f.population}"
        )
        st.markdown(
            f"**{t('money_label', lang)}:** {ui.esc(f.money.value)}  \n"
            f"**{t('calls_label', lang)}:** {ui.esc(f.calls.value)} ({ui.esc(f.calls.note)})"
        )
        rounds_list(f, lang)
        st.caption(f"{t('sources', lang)}: {ui.sources_md(f.listing_urls, 4, lang)}")
        st.page_link(
            "pages/distretti.py",
            label=t("open_profile", lang),
            icon=":material/open_in_new:",
            query_params={"d": f.district_id, **({"lang": "en"} if lang == "en" else {})},
        )
