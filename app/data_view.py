"""Dati e metodo page parts: coverage, table provenance, contradictions, downloads."""

from __future__ import annotations

import streamlit as st

from app import cache, state, ui
from district_stats.analysis.views import Views
from district_stats.content import data_page
from district_stats.content.text.i18n import t


def coverage(views: Views, lang: str) -> None:
    st.subheader(t("cov_title", lang), anchor=False)
    st.markdown(data_page.coverage_md(views, lang))


def tables(views: Views, lang: str) -> None:
    st.subheader(t("tables_title", lang), anchor=False)
    for part in cache.table_parts(lang):
        with st.expander(f"{ui.esc(part.title, 120)} · {part.filename}"):
            if part.meta_missing:
                st.warning(t("meta_missing", lang, file=part.meta_missing))
            st.markdown(ui.esc(part.description))
            st.caption(
                t(
                    "table_meta",
                    lang,
                    rows=part.rows,
                    date=part.date,
                    licence=ui.esc(part.licence, 120),
                    md5=ui.esc(part.md5),
                )
            )
            st.markdown(
                "\n".join(ui.sources_list_md(part.web_sources, lang) + [f"- {ui.esc(u)}" for u in part.other_sources])
            )
    labels = data_page.table_choices(lang)
    choice = st.selectbox(t("dl_one_table", lang), list(labels), key="dl_table", format_func=labels.__getitem__)
    st.caption(t("dl_schema_note", lang))
    ui.downloads(views.ds[choice], choice, lang, key="dl_one")


def contradictions(views: Views, lang: str) -> None:
    """Each contradiction with both versions one under the other, each with its source (one Markdown block:
    readable at any width, no table to scroll sideways)."""
    st.subheader(t("contr_title", lang), anchor=False)
    st.caption(t("contr_intro", lang))
    lines = []
    for c in data_page.contradictions(views, lang):
        lines.append(f"- **{ui.esc(c.topic)}** · {ui.esc(c.status)}")
        for key, v in (("h_claim_a", c.first), ("h_claim_b", c.second)):
            cited = "; ".join(ui.link(text, url) for text, url in v.sources) or "–"
            lines.append(f"    - {t(key, lang)}: {ui.esc(v.claim)} — {cited}")
        if c.note:
            lines.append(f"    - {t('h_note', lang)}: {ui.esc(c.note)}")
    st.markdown("\n".join(lines))


#: Each whole-data download's widget key and icon, in the order :func:`data_page.downloads` gives them.
_WHOLE = (("dl_all", ":material/download:"), ("dl_geo_d", ":material/map:"), ("dl_geo_c", ":material/map:"))


def downloads(views: Views, lang: str) -> None:
    st.subheader(t("downloads_title", lang), anchor=False)
    ver = cache.version()
    *whole, pack = data_page.downloads(
        views, lang, lambda rel: cache.geojson_text(rel, ver), lambda rel: cache.geo_available((rel,))
    )
    for col, d, (key, icon) in zip(st.columns(3), whole, _WHOLE):
        ui.download_button(d, key, icon, col)
    ui.download_button(pack, "dl_package", ":material/folder_zip:")
    n, xlsx, csv = data_page.filtered_downloads(views, lang, state.get("prov"), state.get("tipo"))
    st.markdown(f"**{t('dl_filtered', lang)}**: {t('n_districts', lang, n=n)}")
    st.caption(t("dl_schema_note", lang))
    d1, d2 = st.columns(2)
    ui.download_button(xlsx, "dl_f_xlsx", where=d1)
    ui.download_button(csv, "dl_f_csv", where=d2)


def changelog(views: Views, lang: str) -> None:
    st.subheader(t("changelog_title", lang), anchor=False)
    st.markdown(
        "\n".join(
            f"- **{date}** ({ui.esc(tables)}): {ui.esc(text)}"
            for date, tables, text in data_page.changelog(views, lang)
        )
    )
