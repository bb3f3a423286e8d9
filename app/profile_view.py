"""District profile, comune card and the searchable district list, laid out.

What they show comes ready from :mod:`district_stats.content.district_page` and
:mod:`district_stats.content.comune_card` (through :mod:`app.cache`); this module places it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import cache, facts, state, ui
from district_stats.analysis.views import Views
from district_stats.content.comune_card import ComuneCard
from district_stats.content.district_page import DistrictPage, district_list
from district_stats.content.text.i18n import t


def _lang_q(lang: str) -> dict[str, str]:
    return {"lang": "en"} if lang == "en" else {}


def districts(views: Views, lang: str) -> None:
    """The districts found: a picker that opens one's profile and a plain table; the sortable table (a row
    opens the profile) when the reader asks for it (``tabelle=elenco``: its data grid is the largest script
    a page loads)."""
    found = district_list(views, state.get("prov"), state.get("tipo"), state.get("q"), lang)
    st.caption(found.count)
    names = found.names
    st.selectbox(
        t("open_district", lang),
        ["", *names],
        key="dist_open",
        format_func=lambda d: names.get(d, "—"),
        filter_mode="fuzzy",
        on_change=_open_picked,
    )
    if state.listed_toggle(t("sortable_list", lang), "tabelle", "elenco"):
        event = ui.table_view(
            found.shown, key="district_table", lang=lang, on_select="rerun", selection_mode="single-row", height=560
        )
        rows = getattr(getattr(event, "selection", None), "rows", []) or []
        if rows:
            state.set_value("d", str(found.shown.iloc[rows[0]]["district_id"]))
            st.rerun()
    else:
        ui.light_table(found.brief, lang)
    ui.downloads(found.download, "distretti", lang, key="dlist")


def _open_picked() -> None:
    """The picker's choice opens that district's profile (the URL then says ``d=``)."""
    picked = st.session_state.get("dist_open")
    if picked:
        state.set_value("d", str(picked))
        st.session_state["dist_open"] = ""


def district_profile(p: DistrictPage, lang: str) -> None:
    """Everything known about one district, each block with its sources."""
    f = p.facts
    st.button(
        t("back_to_list", lang),
        on_click=lambda: state.set_value("d", ""),
        icon=":material/arrow_back:",
        key="back_list",
    )
    st.title(ui.esc(f.short_name), anchor=False)  # the page heading (h1) of a profile
    st.caption(ui.esc(f.name))
    facts.badges(p.badges)
    facts.status_line(f)
    facts.listing_badge(f)
    c1, c2, c3 = st.columns(3)
    c1.metric(t("col_capofila", lang), ui.esc(f.capofila_short), help=t("gl_capofila", lang))
    c2.metric(t("h_members_known", lang), ui.esc(f.members_short), help=ui.esc(f.members_text))
    c3.metric(t("residents_label", lang), f.population, help=t("residents_note", lang))
    c4, c5, _ = st.columns(3)
    facts.money_metric(c4, f, lang)
    facts.calls_metric(c5, f, lang)
    st.caption(ui.esc(f.money.note))  # names every round without an amount, right under the figure
    facts.fact_sources(dict(p.sources_by_fact), lang)
    left, right = st.columns([1.4, 1])
    with left:
        st.subheader(t("prof_members", lang), anchor=False)
        # A profile's tables are short (at most a few dozen rows): plain tables, no data grid to load.
        ui.light_table(p.members, lang, headers={"population": t("h_residents", lang)})
        if not f.complete:
            st.warning(t("prof_partial_note", lang, text=ui.esc(f.members_text)), icon=":material/warning:")
    with right:
        inset(p, lang)
    _titled_table(
        t("prof_rounds_title", lang), p.round_rows, t("money_no_rounds", lang), t("prof_rounds_note", lang), lang
    )
    _titled_table(t("prof_all_amounts", lang), p.grants, t("prof_no_money", lang), t("prof_money_note", lang), lang)
    if p.contradictions:
        st.subheader(t("prof_contradictions", lang), anchor=False)
        for c in p.contradictions:
            st.markdown(
                f"- **{ui.esc(c.topic)}**: {ui.esc(c.claim_a)} ({ui.sources_md([c.url_a], 1, lang)})"
                f" · {ui.esc(c.claim_b)} ({ui.sources_md([c.url_b], 1, lang)})"
            )
    st.subheader(t("sources", lang), anchor=False)
    st.markdown(
        "\n".join(
            line for u, what in p.backs for line in ui.sources_list_md([u], lang, t("sources_for", lang, what=what))
        )
    )
    with st.expander(t("prof_notes", lang)):
        st.text(p.notes)
    st.page_link(
        "pages/mappa.py",
        label=t("prof_on_map", lang),
        icon=":material/map:",
        query_params={"d": f.district_id, **_lang_q(lang)},
    )


def _titled_table(title: str, frame: pd.DataFrame, none: str, note: str, lang: str) -> None:
    """A profile's short table under its title with its note, or the sentence ``none`` when it has no rows."""
    st.subheader(title, anchor=False)
    if frame.empty:
        st.info(none)
    else:
        ui.light_table(frame, lang)
        st.caption(note)


def inset(p: DistrictPage, lang: str) -> None:
    """The district's comuni: the published picture, or on «Esplora» a small WebGL map (data inline, a few KB;
    no basemap)."""
    if p.inset is None:  # no mapped comune, or a missing or damaged geometry file
        st.info(t("prof_no_map", lang))
        return
    # The published picture of the district's comuni over its neighbours, drawn for a narrow column (the
    # presenter's phone drill-down: legend under the map), unless the reader asks to explore: the WebGL map
    # costs the page its largest script (measured with bench/run.py).
    url = cache.members_image_url(p.facts.district_id, lang, narrow=True)
    if url is not None and not state.explored("inset"):
        with st.container(key="prof_inset"):
            st.image(url, width="stretch", alt=p.map_alt)
        st.caption(t("prof_map_legend_picture", lang))
    else:
        st.pydeck_chart(p.inset, height=320, key="inset", alt=p.map_alt)
        st.caption(t("prof_map_legend", lang))
    if url is not None:
        state.listed_toggle(t("explore", lang), "esplora", "inset", tip=t("explore_map_help", lang))


def comune_card(c: ComuneCard, lang: str, compact: bool = False) -> None:
    """Is this comune in a district, which one and in what state, its role, the money that reached the district."""
    st.header(ui.esc(c.name), anchor=False)
    st.caption(c.caption_md)
    if c.district is not None:
        sentence = ui.esc(c.membership)
        if c.confirmed:
            st.success(sentence, icon=":material/check_circle:")
        else:
            st.info(sentence, icon=":material/help:")
        facts.status_line(c.district)
        facts.money_block(c.district, lang, note_key="com_money_note", compact=compact)
        if not compact:  # the projector stays in the story (the picker opens the district there)
            st.page_link(
                "pages/distretti.py",
                label=t("open_profile", lang),
                icon=":material/open_in_new:",
                query_params={"d": c.district.district_id, **_lang_q(lang)},
            )
    else:
        st.warning(c.outside, icon=":material/info:")
    for line in c.history_md:
        st.info(line, icon=":material/history:")
    if c.source_urls:  # on the projector one source (the rest on the district's page): a screen must not scroll
        st.caption(f"{t('sources', lang)}: {ui.sources_md(c.source_urls, 1 if compact else 5, lang)}")
