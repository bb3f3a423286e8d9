"""District profile, comune card and the searchable district list."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import cache, facts, state, ui
from district_stats.analysis import filters, stats
from district_stats.analysis.profiles import ComuneProfile, DistrictProfile
from district_stats.analysis.views import Views
from district_stats.content.figures import maps
from district_stats.content.text import fmt, wording
from district_stats.content.text.i18n import TEXT, t
from district_stats.data.schema import PROVINCES


def _lang_q(lang: str) -> dict[str, str]:
    return {"lang": "en"} if lang == "en" else {}


def district_list(views: Views, lang: str) -> None:
    """Searchable, sortable table of districts; picking a row opens its profile."""
    table = filters.districts_in(views.districts, state.get("prov"), state.get("tipo"), state.get("q"))
    shown = table.assign(rounds_found=[t("rounds_of", lang, found=f, n=n) for f, n in
                                       zip(table["n_rounds_found"], table["n_rounds_open"])])
    cols = ["short_name", "district_type", "province_code", "capofila_ente", "n_comuni_mapped", "n_comuni_historic",
            "n_comuni_reported", "members_status", "active_status", "population", "allocated_eur", "rounds_found",
            "business_calls_eur", "confidence", "district_id"]
    cols = [c for c in cols if c in shown.columns]
    st.caption(t("list_count", lang, n=len(shown), total=len(views.districts)))
    event = ui.table_view(shown[cols], key="district_table", lang=lang, on_select="rerun",
                          selection_mode="single-row", height=560)
    rows = getattr(getattr(event, "selection", None), "rows", []) or []
    if rows:
        state.set_value("d", str(shown.iloc[rows[0]]["district_id"]))
        st.rerun()
    ui.downloads(table.drop(columns=["label_lon", "label_lat"]), "distretti", lang, key="dlist")


def _backs(p: DistrictProfile, lang: str) -> dict[str, list[str]]:
    """Each source of a profile with the facts it backs (listing, comuni, amounts), in order of first use."""
    out: dict[str, list[str]] = {}
    for what, cells in (("src_what_list", [p.row["source_urls"]]), ("src_what_members", p.members["source_urls"]),
                        ("src_what_money", p.grants["source_urls"])):
        for cell in cells:
            for u in str(cell).split(";") if pd.notna(cell) else []:
                if u and t(what, lang) not in out.setdefault(u, []):
                    out[u].append(t(what, lang))
    return out


def district_profile(p: DistrictProfile, lang: str) -> None:
    """Everything known about one district, each block with its sources."""
    r = p.row
    rounds = cache.views().district_rounds(str(r["district_id"]))  # type: ignore[union-attr]
    st.button(t("back_to_list", lang), on_click=lambda: state.set_value("d", ""), icon=":material/arrow_back:",
              key="back_list")
    st.title(ui.esc(r["short_name"]), anchor=False)  # the page heading (h1) of a profile
    st.caption(ui.esc(r["district_name"]))
    st.markdown(" ".join(ui.badge_md(t(k, lang), c) for k, c in (
        (r["district_type"], "blue" if r["district_type"] == "urbano" else "orange"),
        (r["members_status"], "green" if r["members_status"] == "complete" else "red"),
        (r["active_status"], "green" if r["active_status"] == "confirmed" else "gray"),
        (r["established_round"], "violet"))))
    facts.status_line(r, lang)
    facts.listing_badge(r, lang)
    c1, c2, c3 = st.columns(3)
    c1.metric(t("col_capofila", lang), ui.esc(str(r["capofila_ente"]).split(" (")[0]), help=t("gl_capofila", lang))
    c2.metric(t("h_members_known", lang), ui.esc(facts.members_short(r, lang)), help=ui.esc(wording.members_text(r, lang)))
    c3.metric(t("residents_label", lang), fmt.num(r["population"], lang), help=t("residents_note", lang))
    c4, c5, _ = st.columns(3)
    head = facts.money_metric(c4, rounds, lang)
    facts.calls_metric(c5, r, lang)
    st.caption(ui.esc(head.note))  # names every round without an amount, right under the figure
    facts.fact_sources(r, list(p.members["source_urls"]), rounds, lang)
    left, right = st.columns([1.4, 1])
    with left:
        st.subheader(t("prof_members", lang), anchor=False)
        cols = ["comune_name", "role", "list_basis", "stated_year", "province_code", "population", "confidence",
                "source_urls", "istat_code"]
        ui.table_view(p.members[[c for c in cols if c in p.members.columns]], key="prof_members", lang=lang,
                      headers={"population": t("h_residents", lang)})
        if r["members_status"] != "complete":
            st.warning(t("prof_partial_note", lang, text=ui.esc(wording.members_text(r, lang))),
                       icon=":material/warning:")
    with right:
        inset(p, lang)
    st.subheader(t("prof_rounds_title", lang), anchor=False)
    if rounds.empty:
        st.info(t("money_no_rounds", lang))
    else:
        ui.table_view(wording.round_rows(rounds, lang), key="prof_rounds", lang=lang)
        st.caption(t("prof_rounds_note", lang))
    st.subheader(t("prof_all_amounts", lang), anchor=False)
    if p.grants.empty:
        st.info(t("prof_no_money", lang))
    else:
        g = p.grants.assign(line=[(r2["label_en"] if lang == "en" else r2["label_it"]) if pd.notna(r2["line_id"])
                                  else t("no_line", lang) for _, r2 in p.grants.iterrows()])
        ui.table_view(g[["line", "year", "amount_eur", "amount_kind", "rank", "confidence", "source_urls", "grant_id",
                         "line_id"]], key="prof_grants", lang=lang)
        st.caption(t("prof_money_note", lang))
    if not p.contradictions.empty:
        st.subheader(t("prof_contradictions", lang), anchor=False)
        for _, c in p.contradictions.iterrows():
            topic = c["topic_en"] if lang == "en" else c["topic_it"]
            st.markdown(f"- **{ui.esc(topic)}**: {ui.esc(c['claim_a'])} ({ui.sources_md([c['source_url_a']], 1, lang)})"
                        f" · {ui.esc(c['claim_b'])} ({ui.sources_md([c['source_url_b']], 1, lang)})")
    st.subheader(t("sources", lang), anchor=False)
    lines = [line for u, what in _backs(p, lang).items()
             for line in ui.sources_list_md([u], lang, t("sources_for", lang, what=", ".join(what)))]
    st.markdown("\n".join(lines))
    with st.expander(t("prof_notes", lang)):
        st.text(str(r["notes"]) if pd.notna(r["notes"]) else "–")
    st.page_link("pages/mappa.py", label=t("prof_on_map", lang), icon=":material/map:",
                 query_params={"d": str(r["district_id"]), **_lang_q(lang)})


def inset(p: DistrictProfile, lang: str) -> None:
    """The district's comuni: the published picture, or on «Esplora» a small WebGL map (data inline, a few KB;
    no basemap)."""
    did = str(p.row["district_id"])
    ds_geo = cache.views().ds["district_geo"]  # type: ignore[union-attr]
    row = ds_geo[ds_geo["district_id"] == did]
    if row.empty:
        st.info(t("prof_no_map", lang))
        return
    gj = cache.geo(f"districts/{did}.geojson")
    if gj is None:  # missing or damaged geometry file
        st.info(t("prof_no_map", lang))
        return
    # The published picture of the district's comuni over its neighbours, drawn for a narrow column (the
    # presenter's phone drill-down: legend under the map), unless the reader asks to explore: the WebGL map
    # costs the page its largest script (measured with bench/run.py).
    url = cache.members_image_url(did, lang, narrow=True)
    alt = t("prof_map_alt", lang, name=str(p.row["short_name"]))
    if url is not None and not st.session_state.get("ex_inset", False):
        with st.container(key="prof_inset"):
            st.image(url, width="stretch", alt=alt)
        st.caption(t("prof_map_legend_picture", lang))
    else:
        cap = p.members[p.members["role"] == "capofila"]["istat_code"]
        deck = maps.inset_deck(gj, str(cap.iloc[0]) if not cap.empty else None, maps.extent_of(row.iloc[0]))
        st.pydeck_chart(deck, height=320, key="inset", alt=alt)
        st.caption(t("prof_map_legend", lang))
    if url is not None:
        st.toggle(t("explore", lang), key="ex_inset", help=t("explore_map_help", lang))


def comune_card(p: ComuneProfile, lang: str, compact: bool = False) -> None:
    """Is this comune in a district, which one and in what state, its role, the money that reached the district."""
    c = p.comune
    st.header(ui.esc(c["comune_name"]), anchor=False)
    st.caption(t("com_caption", lang, prov=PROVINCES.get(str(c["province_code"]), str(c["province_code"])),
                 code=ui.esc(c["istat_code"]), pop=fmt.num(c["population"], lang), year=int(c["population_year"])))
    if p.current is not None:
        d = p.current
        sentence = ui.esc(wording.membership_sentence(d, str(p.role), lang))
        if d["active_status"] == "confirmed":
            st.success(sentence, icon=":material/check_circle:")
        else:
            st.info(sentence, icon=":material/help:")
        facts.status_line(d, lang)
        rounds = cache.views().district_rounds(str(d["district_id"]))  # type: ignore[union-attr]
        facts.money_block(d, rounds, lang, note_key="com_money_note", compact=compact)
        st.page_link("pages/distretti.py", label=t("open_profile", lang), icon=":material/open_in_new:",
                     query_params={"d": str(d["district_id"]), **_lang_q(lang)})
    else:
        st.warning(t("com_out", lang, n=p.partial_in_province), icon=":material/info:")
    past = p.memberships[(p.memberships["role"] == "former_member") | (p.memberships["active_status"] == "not_renewed")]
    for _, m in past.iterrows():
        key = "com_former" if m["role"] == "former_member" else "com_not_renewed"
        st.info(t(key, lang, name=ui.esc(m["short_name"])), icon=":material/history:")
    for _, m in stats.historic_rows(p.memberships).iterrows():  # named by a candidacy or a founding act only
        key = f"com_historic_{m['list_basis']}"
        if key in TEXT and (p.current is None or m["district_id"] != p.current["district_id"]):
            year = m.get("stated_year")
            st.info(t(key, lang, name=ui.esc(m["short_name"]), year=str(year) if pd.notna(year) else "–"),
                    icon=":material/history:")
    if not p.memberships.empty:
        st.caption(f"{t('sources', lang)}: "
                   f"{ui.sources_md(';'.join(p.memberships['source_urls']).split(';'), 5, lang)}")
