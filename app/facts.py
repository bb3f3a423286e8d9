"""A district's facts with their status, money per round and sources: the same blocks on the profile,
the comune card, the map card and the presenter drill-down.

Wording comes from :mod:`district_stats.content.text.wording` (the one place for it); data text is
escaped with :func:`app.ui.esc`; sources are cited by publisher, date and title.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import cache, ui
from district_stats.content.text import fmt, wording
from district_stats.content.text.i18n import t


def members_short(row: pd.Series, lang: str) -> str:
    """The member count for a metric: «11», «9 di 81», «solo il capofila» (comuni named by any list;
    the metric's help says which rest on an old list)."""
    status = str(row["members_status"])
    known = pd.notna(row.get("n_comuni_reported"))
    named = int(row["n_comuni_mapped"]) + int(row.get("n_comuni_historic", 0) or 0)
    key = f"members_short_{status}" + ("" if status == "complete" or known else "_unknown")
    return t(key, lang, n=fmt.num(row["n_comuni_reported"] if known and status != "complete" else named, lang),
             mapped=fmt.num(named, lang))


def status_line(row: pd.Series, lang: str) -> None:
    """«9 di 81 comuni noti · nell'elenco del 2021, nessuna conferma dopo il 2021» as one line."""
    st.markdown(" · ".join(ui.esc(x) for x in wording.status_lines(row, lang)))


def listing_badge(row: pd.Series, lang: str) -> None:
    """Confidence of the district's listing and status: it describes those facts, not the money."""
    level = str(row["confidence"])
    color = {"high": "green", "medium": "orange", "low": "red"}.get(level, "gray")
    text = t("badge_listing", lang, level=t(f"conf_{level}", lang)) if level in ("high", "medium", "low") else ""
    if text:
        st.markdown(ui.badge_md(text, color))


def money_metric(col, rounds: pd.DataFrame, lang: str) -> wording.MoneyHeadline:
    """The regional money found (or «non trovati») as a metric, with what it covers as help text."""
    head = wording.money_headline(rounds, lang)
    col.metric(t("money_label", lang), ui.esc(head.value), help=f"{ui.esc(head.note)}\n\n{t('gl_tornata', lang)}")
    return head


def calls_metric(col, row: pd.Series, lang: str) -> None:
    """The district's calls for shops found: amount, or «nessuno trovato»."""
    head = wording.calls_headline(row, lang)
    col.metric(t("calls_label", lang), ui.esc(head.value), help=ui.esc(head.note))


def rounds_list(rounds: pd.DataFrame, lang: str, compact: bool = False) -> None:
    """One bullet per round open to the district: what was found, or in words what is missing, with sources.

    ``compact`` (the projector, where a screen must not scroll): one caption line, rounds separated by «·».
    """
    if rounds.empty:
        st.caption(t("money_no_rounds", lang))
        return
    if compact:
        st.caption(" · ".join(f"{ui.esc(wording.round_label(r, lang))}: {ui.esc(wording.round_text(r, lang))}"
                              for _, r in rounds.iterrows()))
        return
    lines = []
    for _, r in rounds.iterrows():
        src = ui.sources_md(r["source_urls"], 2, lang) if r["source_urls"] else ""
        lines.append(f"- {ui.esc(wording.round_label(r, lang))}: {ui.esc(wording.round_text(r, lang))}"
                     + (f" ({src})" if src else ""))
    st.markdown("\n".join(lines))


def money_block(row: pd.Series, rounds: pd.DataFrame, lang: str, note_key: str = "", compact: bool = False) -> None:
    """Members, regional money and business calls as three metrics, then the rounds one by one."""
    c1, c2, c3 = st.columns(3)
    c1.metric(t("h_members_known", lang), ui.esc(members_short(row, lang)), help=ui.esc(wording.members_text(row, lang)))
    head = money_metric(c2, rounds, lang)
    if compact:  # projector type: «nessuno trovato» would not fit a third of the screen at 64 px
        calls = wording.calls_headline(row, lang)
        c3.markdown(f"{t('calls_label', lang)}: **{ui.esc(calls.value)}**")
    else:
        calls_metric(c3, row, lang)
    st.caption(ui.esc(head.coverage) + (f" · {t(note_key, lang)}" if note_key else ""))
    rounds_list(rounds, lang, compact)  # names every round, found or not


def fact_sources(row: pd.Series, members_urls: list[str], rounds: pd.DataFrame, lang: str) -> None:
    """Which sources back which fact: listing and status, comuni, amounts, residents."""
    none = t("none_found", lang)
    money_urls = [u for cell in rounds["source_urls"] for u in cell]
    st.caption(t("sources_by_fact", lang, listing=ui.sources_md(str(row["source_urls"]).split(";"), 3, lang) or none,
                 members=ui.sources_md(members_urls, 3, lang) or none,
                 money=ui.sources_md(money_urls, 3, lang) or none,
                 residents=ui.sources_md(list(cache.views().residents_urls()), 2, lang) or none))  # type: ignore[union-attr]
