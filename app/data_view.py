"""Dati e metodo page parts: coverage, table provenance, contradictions, downloads."""

from __future__ import annotations

import streamlit as st

from app import cache, state, ui
from district_stats import paths
from district_stats.analysis.views import Views
from district_stats.content import data_page
from district_stats.content.spreadsheets import to_csv_bytes, to_xlsx_bytes
from district_stats.content.text import fmt
from district_stats.content.text.i18n import t
from district_stats.data import package, schema
from district_stats.geo import geojson as geo_downloads


def coverage(views: Views, lang: str) -> None:
    st.subheader(t("cov_title", lang), anchor=False)
    st.markdown(data_page.coverage_md(views, lang))


def tables(views: Views, lang: str) -> None:
    st.subheader(t("tables_title", lang), anchor=False)
    for spec in schema.CURATED + schema.DERIVED:
        meta = cache.meta(spec.name)  # {} when the .meta.yml is missing or unreadable
        gen = meta.get("generated") if isinstance(meta.get("generated"), dict) else {}
        title = meta.get("title_en" if lang == "en" else "title", spec.title_it)
        with st.expander(f"{ui.esc(title, 120)} · {spec.filename}"):
            if not meta:
                st.warning(t("meta_missing", lang, file=spec.filename.replace(".csv", ".meta.yml")))
            st.markdown(ui.esc(meta.get("description", "")))
            st.caption(
                t(
                    "table_meta",
                    lang,
                    rows=fmt.num(len(views.ds[spec.name]), lang),
                    date=_date(meta, lang),
                    licence=ui.esc(meta.get("licence", "–"), 120),
                    md5=ui.esc(str(gen.get("md5", "–"))[:12]),
                )
            )
            srcs = meta.get("sources")
            srcs = [s for s in srcs if isinstance(s, str)] if isinstance(srcs, list) else []
            st.markdown(
                "\n".join(
                    ui.sources_list_md([u for u in srcs if u.startswith("http")], lang)
                    + [f"- {ui.esc(u)}" for u in srcs if not u.startswith("http")]
                )
            )
    specs = {s.name: s for s in schema.CURATED + schema.DERIVED}
    choice = st.selectbox(
        t("dl_one_table", lang),
        list(specs),
        key="dl_table",
        format_func=lambda n: f"{specs[n].title_en if lang == 'en' else specs[n].title_it} ({specs[n].filename})",
    )
    st.caption(t("dl_schema_note", lang))
    ui.downloads(views.ds[choice], choice, lang, key="dl_one")


def _date(meta: dict, lang: str) -> str:
    try:
        return fmt.date_long(str(meta.get("date_accessed", ""))[:10] or None, lang)
    except (ValueError, TypeError):  # a hand-edited sidecar with a date that is not a date
        return "–"


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


def downloads(views: Views, lang: str) -> None:
    st.subheader(t("downloads_title", lang), anchor=False)
    ver = cache.version()
    c1, c2, c3 = st.columns(3)
    c1.download_button(
        t("dl_all_xlsx", lang),
        data=lambda: to_xlsx_bytes(dict(views.ds.tables)),
        file_name="distretti_commercio.xlsx",
        on_click="ignore",
        key="dl_all",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
    )
    ok_d, ok_c = cache.geo_available(("districts.geojson",)), cache.geo_available(("comuni.geojson",))
    c2.download_button(
        t("dl_geo_districts", lang),
        data=lambda: geo_downloads.districts_geojson(
            cache.geojson_text("districts.geojson", ver), views.districts
        ).encode(),
        file_name="distretti.geojson",
        mime="application/geo+json",
        on_click="ignore",
        key="dl_geo_d",
        icon=":material/map:",
        disabled=not ok_d,
        help=None if ok_d else t("geo_missing", lang),
    )
    c3.download_button(
        t("dl_geo_comuni", lang),
        data=lambda: geo_downloads.comuni_geojson(
            cache.geojson_text("comuni.geojson", ver), views.ds["comuni"]
        ).encode(),
        file_name="comuni_piemonte.geojson",
        mime="application/geo+json",
        on_click="ignore",
        key="dl_geo_c",
        icon=":material/map:",
        disabled=not ok_c,
        help=None if ok_c else t("geo_missing", lang),
    )
    gaps = package.missing_files(paths.DATA_DIR)  # a package that names a missing file is not offered
    st.download_button(
        t("dl_package", lang),
        data=lambda: package.package_zip(paths.DATA_DIR),
        file_name="distretti_commercio_datapackage.zip",
        mime="application/zip",
        on_click="ignore",
        key="dl_package",
        icon=":material/folder_zip:",
        disabled=bool(gaps),
        help=t("dl_package_missing", lang) if gaps else t("dl_package_help", lang),
    )
    n, sheets = data_page.filtered_tables(views, state.get("prov"), state.get("tipo"))
    st.markdown(f"**{t('dl_filtered', lang)}**: {t('n_districts', lang, n=n)}")
    st.caption(t("dl_schema_note", lang))
    d1, d2 = st.columns(2)
    d1.download_button(
        t("download_xlsx", lang),
        data=lambda: to_xlsx_bytes(sheets),
        file_name="distretti_filtrati.xlsx",
        on_click="ignore",
        key="dl_f_xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    d2.download_button(
        t("download_csv_districts", lang),
        data=lambda: to_csv_bytes(sheets["districts"], lang),
        file_name="distretti_filtrati.csv",
        mime="text/csv",
        on_click="ignore",
        key="dl_f_csv",
    )


def changelog(views: Views, lang: str) -> None:
    st.subheader(t("changelog_title", lang), anchor=False)
    log = views.ds["changelog"].sort_values("change_date", ascending=False)
    st.markdown(
        "\n".join(
            f"- **{fmt.date_long(r['change_date'], lang)}** ({ui.esc(_table_names(r['tables'], lang))}): "
            f"{ui.esc(r['description_en' if lang == 'en' else 'description_it'])}"
            for _, r in log.iterrows()
        )
    )


def _table_names(cell: object, lang: str) -> str:
    """'districts; grants' as the tables' titles («Distretti del Commercio; Importi per distretto»)."""
    names = [x.strip() for x in str(cell).split(";") if x.strip()]
    titles = [
        (schema.TABLES[n].title_en if lang == "en" else schema.TABLES[n].title_it)
        if n in schema.TABLES
        else (t("all_f", lang).lower() if n == "tutte" else n)
        for n in names
    ]
    return "; ".join(titles)
