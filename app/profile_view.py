"""District profile, comune card and the searchable district list."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import cache, state, ui
from district_stats.analysis import filters
from district_stats.analysis.profiles import ComuneProfile, DistrictProfile
from district_stats.analysis.views import Views
from district_stats.content import fmt, maps
from district_stats.content.i18n import t


def _lang_q(lang: str) -> dict[str, str]:
    return {"lang": "en"} if lang == "en" else {}


def district_list(views: Views, lang: str) -> None:
    """Searchable, sortable table of districts; picking a row opens its profile."""
    table = filters.districts_in(views.districts, state.get("prov"), state.get("tipo"), state.get("q"))
    shown = table.assign(
        tipo=[t(k, lang) for k in table["district_type"]], lista=[t(k, lang) for k in table["members_status"]],
        stato=[t(k, lang) for k in table["active_status"]])
    cols = {"district_id": "ID", "short_name": t("col_district", lang), "tipo": t("col_type", lang),
            "province_code": t("col_province", lang), "capofila_ente": t("col_capofila", lang),
            "n_comuni_mapped": t("col_comuni", lang), "n_comuni_reported": t("col_reported", lang),
            "lista": t("col_list", lang), "stato": t("col_status", lang), "population": t("col_pop", lang),
            "strategic_eur": t("col_strategic", lang), "business_calls_eur": t("col_calls", lang),
            "confidence": t("col_conf", lang)}
    st.caption(t("list_count", lang, n=len(shown), total=len(views.districts)))
    event = ui.table_view(shown[list(cols)], key="district_table", lang=lang, labels=cols,
                          formats={"n_comuni_mapped": "int", "n_comuni_reported": "int", "population": "int",
                                   "strategic_eur": "eur", "business_calls_eur": "eur"},
                          on_select="rerun", selection_mode="single-row", height=560)
    rows = getattr(getattr(event, "selection", None), "rows", []) or []
    if rows:
        state.set_value("d", str(shown.iloc[rows[0]]["district_id"]))
        st.rerun()
    ui.downloads(shown[list(cols)].rename(columns=cols), "distretti", lang, key="dlist")


def district_profile(p: DistrictProfile, lang: str) -> None:
    """Everything known about one district, each block with its sources."""
    r = p.row
    st.button(t("back_to_list", lang), on_click=lambda: state.set_value("d", ""), icon=":material/arrow_back:",
              key="back_list")
    st.title(ui.esc(r["short_name"]), anchor=False)  # the page heading (h1) of a profile
    st.caption(ui.esc(r["district_name"]))
    st.markdown(" ".join(ui.badge_md(t(k, lang), c) for k, c in (
        (r["district_type"], "blue" if r["district_type"] == "urbano" else "orange"),
        (r["members_status"], "green" if r["members_status"] == "complete" else "red"),
        (r["active_status"], "green" if r["active_status"] == "confirmed" else "gray"),
        (r["established_round"], "violet"))))
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("col_capofila", lang), ui.esc(str(r["capofila_ente"]).split(" (")[0]))
    reported = fmt.num(r["n_comuni_reported"], lang) if pd.notna(r["n_comuni_reported"]) else "?"
    c2.metric(t("col_comuni", lang), f"{fmt.num(r['n_comuni_mapped'], lang)} / {reported}")
    c3.metric(t("col_pop", lang), fmt.num(r["population"], lang))
    c4.metric(t("col_strategic", lang), fmt.eur_short(r["strategic_eur"], lang))
    ui.confidence_badge(str(r["confidence"]), lang)
    left, right = st.columns([1.4, 1])
    with left:
        st.subheader(t("prof_members", lang), anchor=False)
        m = p.members.assign(ruolo=[t(k, lang) for k in p.members["role"]])
        ui.table_view(m[["comune_name", "ruolo", "province_code", "population", "confidence", "source_urls"]],
                      key="prof_members", lang=lang, formats={"population": "int"},
                      labels={"comune_name": t("col_comune", lang), "ruolo": t("col_role", lang),
                              "province_code": t("col_province", lang), "population": t("col_pop", lang),
                              "confidence": t("col_conf", lang), "source_urls": t("col_source", lang)})
        if r["members_status"] != "complete":
            st.warning(t("prof_partial", lang, n=reported), icon=":material/warning:")
    with right:
        inset(p, lang)
    st.subheader(t("prof_money", lang), anchor=False)
    if p.grants.empty:
        st.info(t("prof_no_money", lang))
    else:
        g = p.grants.assign(linea=[(r2["label_en"] if lang == "en" else r2["label_it"]) if pd.notna(r2["line_id"])
                                   else t("no_line", lang) for _, r2 in p.grants.iterrows()],
                            natura=[t(k, lang) for k in p.grants["amount_kind"]])
        ui.table_view(g[["linea", "year", "amount_eur", "natura", "rank", "confidence", "source_urls"]],
                      key="prof_grants", lang=lang, formats={"amount_eur": "eur"},
                      labels={"linea": t("col_line", lang), "year": t("col_year", lang),
                              "amount_eur": t("col_amount", lang), "natura": t("col_kind", lang),
                              "rank": t("prof_rank", lang), "confidence": t("col_conf", lang),
                              "source_urls": t("col_source", lang)})
        st.caption(t("prof_money_note", lang))
    if not p.contradictions.empty:
        st.subheader(t("prof_contradictions", lang), anchor=False)
        for _, c in p.contradictions.iterrows():
            topic = c["topic_en"] if lang == "en" else c["topic_it"]
            st.markdown(f"- **{ui.esc(topic)}**: {ui.esc(c['claim_a'])} ({ui.link(ui.host(c['source_url_a']), c['source_url_a'])})"
                        f" · {ui.esc(c['claim_b'])} ({ui.link(ui.host(c['source_url_b']), c['source_url_b'])})")
    st.subheader(t("sources", lang), anchor=False)
    st.markdown(ui.sources_md(p.sources, 40))
    with st.expander(t("prof_notes", lang)):
        st.text(str(r["notes"]) if pd.notna(r["notes"]) else "–")
    st.page_link("pages/mappa.py", label=t("prof_on_map", lang), icon=":material/map:",
                 query_params={"d": str(r["district_id"]), **_lang_q(lang)})


def inset(p: DistrictProfile, lang: str) -> None:
    """Small WebGL map of the district's comuni (data inline, a few KB; no basemap)."""
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
    cap = p.members[p.members["role"] == "capofila"]["istat_code"]
    deck = maps.inset_deck(gj, str(cap.iloc[0]) if not cap.empty else None, maps.extent_of(row.iloc[0]))
    st.pydeck_chart(deck, height=320, key="inset", alt=t("prof_map_alt", lang, name=str(p.row["short_name"])))
    st.caption(t("prof_map_legend", lang))


def comune_card(p: ComuneProfile, lang: str) -> None:
    """Is this comune in a district, which one, its role, the money that reached the district."""
    c = p.comune
    st.header(ui.esc(c["comune_name"]), anchor=False)
    st.caption(t("com_caption", lang, prov=ui.esc(c["province_code"]), code=ui.esc(c["istat_code"]),
                 pop=fmt.num(c["population"], lang), year=int(c["population_year"])))
    if p.current is not None:
        d = p.current
        st.success(t("com_in", lang, name=ui.esc(d["short_name"]), role=t(str(p.role), lang),
                     kind=t(str(d["district_type"]), lang)), icon=":material/check_circle:")
        c1, c2, c3 = st.columns(3)
        c1.metric(t("col_comuni", lang), fmt.num(d["n_comuni_mapped"], lang))
        c2.metric(t("col_strategic", lang), fmt.eur_short(d["strategic_eur"], lang))
        c3.metric(t("col_calls", lang), fmt.eur_short(d["business_calls_eur"], lang))
        st.caption(t("com_money_note", lang))
        st.page_link("pages/distretti.py", label=t("open_profile", lang), icon=":material/open_in_new:",
                     query_params={"d": str(d["district_id"]), **_lang_q(lang)})
    else:
        st.warning(t("com_out", lang, n=p.partial_in_province), icon=":material/info:")
    past = p.memberships[(p.memberships["role"] == "former_member") | (p.memberships["active_status"] == "not_renewed")]
    for _, m in past.iterrows():
        key = "com_former" if m["role"] == "former_member" else "com_not_renewed"
        st.info(t(key, lang, name=ui.esc(m["short_name"])), icon=":material/history:")
    if not p.memberships.empty:
        st.caption(f"{t('sources', lang)}: {ui.sources_md(';'.join(p.memberships['source_urls']).split(';'), 5)}")
