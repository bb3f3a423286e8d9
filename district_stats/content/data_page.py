"""The /dati page: the coverage paragraph, the tables with their provenance, the contradictions (both versions
side by side), the changelog and every download the page offers.

:func:`coverage_md` gives the same counts as the KPIs, the map and the presenter (districts, lists, comuni,
residents, amounts) and how many sources are cited with their title and date. :func:`contradictions` gives
each contradiction as a reader compares it: the topic, its status, the first and the second version each
with its source cited from the register, and the note. :func:`table_parts` reads each table's provenance
sidecar; :func:`downloads` and :func:`filtered_downloads` hand the files (workbooks, GeoJSON with the tables'
columns, the data package), built only when clicked. Texts are plain, except ``coverage_md`` (Markdown of
numbers and catalogue words only).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from district_stats import paths
from district_stats.analysis import counts, filters
from district_stats.analysis.views import Views
from district_stats.content.spreadsheets import CSV, XLSX, Download, to_csv_bytes, to_xlsx_bytes
from district_stats.content.text import display, fmt, sources, wording
from district_stats.content.text.i18n import t
from district_stats.data import package, provenance, schema
from district_stats.geo import geojson


def coverage_md(v: Views, lang: str = "it") -> str:
    """/dati's coverage paragraph (Markdown, numbers only: nothing from outside), with the same counts as the
    KPIs, the map and the presenter: districts, lists (complete, incomplete), comuni, residents, amounts, and
    the pages of the sources register cited with their title and date."""
    cov, d = v.coverage, v.ds["districts"]
    tr = counts.traced_total(v.traced_share)
    titled, dated, both, n_pages = sources.verified_share(v.sources)
    return (
        t(
            "cov_text",
            lang,
            n=cov.n_districts,
            nr=int((d["active_status"] == "not_renewed").sum()),
            off=fmt.num(v.headline("districts_2025_12")["value"], lang),
            complete=cov.n_complete,
            partial=cov.n_partial,
            cap=cov.n_capofila_only,
            incomplete=cov.n_incomplete,
            comuni=fmt.num(cov.n_covered, lang),
            total=fmt.num(cov.n_comuni, lang),
            share=fmt.pct(cov.share_comuni, lang),
            pop=fmt.num(cov.population_covered, lang),
            share_pop=fmt.pct(cov.share_population, lang),
            grants=len(v.ds["grants"]),
            traced=wording.about(fmt.pct(tr.share, lang, 0), tr.approximate, lang),
        )
        + " "
        + t("cov_sources", lang, n=n_pages, titled=titled, dated=dated, both=both)
    )


@dataclass(frozen=True)
class Version:
    """One version of a contested figure: what the source says, and the source as readers cite it (label and
    address; none when the row gives no address)."""

    claim: str
    sources: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ContradictionItem:
    """Two sources that disagree: the topic, its status in words, both versions and the note."""

    topic: str
    status: str
    first: Version
    second: Version
    note: str


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def contradictions(v: Views, lang: str = "it") -> list[ContradictionItem]:
    """Every contradiction of the data, in the table's order, both versions with their sources."""
    c = v.ds["contradictions"]
    out = []
    for _, r in c.iterrows():
        status = display.enum_text("resolution", _text(r.get("resolution")) or "unresolved", lang)
        out.append(
            ContradictionItem(
                topic=_text(r["topic_en" if lang == "en" else "topic_it"]),
                status=str(status),
                first=Version(_text(r["claim_a"]), tuple(sources.labels(r["source_url_a"], v.sources, lang))),
                second=Version(_text(r["claim_b"]), tuple(sources.labels(r["source_url_b"], v.sources, lang))),
                note=_text(r.get("note_en" if lang == "en" else "note_it")),
            )
        )
    return out


def filtered_tables(v: Views, prov: str = "", tipo: str = "") -> tuple[int, dict[str, pd.DataFrame]]:
    """The download of the districts in province ``prov`` of type ``tipo`` (empty: any): how many districts, and
    every table restricted to them (schema column names: they go back into the update flow)."""
    ids = set(filters.districts_in(v.districts, prov, tipo)["district_id"])
    return len(ids), filters.tables_of(v.ds.tables, ids)


def filtered_downloads(v: Views, lang: str, prov: str = "", tipo: str = "") -> tuple[int, Download, Download]:
    """How many districts the filters keep, the workbook of every table restricted to them and the CSV of the
    districts (:func:`filtered_tables`)."""
    n, sheets = filtered_tables(v, prov, tipo)
    return (
        n,
        Download(t("download_xlsx", lang), lambda: to_xlsx_bytes(sheets), "distretti_filtrati.xlsx", XLSX),
        Download(
            t("download_csv_districts", lang),
            lambda: to_csv_bytes(sheets["districts"], lang),
            "distretti_filtrati.csv",
            CSV,
        ),
    )


def downloads(v: Views, lang: str, geo_text: Callable[[str], str], geo_ok: Callable[[str], bool]) -> list[Download]:
    """/dati's whole-data downloads: the workbook of every table, the districts' and the comuni's GeoJSON (with
    the tables' columns; ``geo_text`` reads a derived file, ``geo_ok`` says whether it can be read) and the
    data package (not offered while it names a missing file)."""

    def geo(label: str, rel: str, name: str, with_table: Callable[[str], str]) -> Download:
        missing = "" if geo_ok(rel) else t("geo_missing", lang)
        data = lambda: with_table(geo_text(rel)).encode()  # noqa: E731 - read only when clicked
        return Download(t(label, lang), data, name, "application/geo+json", missing, missing or None)

    data_dir = paths.DATA_DIR  # read when asked: the app may point at another copy of the data
    gaps = package.missing_files(data_dir)
    return [
        Download(t("dl_all_xlsx", lang), lambda: to_xlsx_bytes(dict(v.ds.tables)), "distretti_commercio.xlsx", XLSX),
        geo(
            "dl_geo_districts",
            "districts.geojson",
            "distretti.geojson",
            lambda g: geojson.districts_geojson(g, v.districts),
        ),
        geo(
            "dl_geo_comuni",
            "comuni.geojson",
            "comuni_piemonte.geojson",
            lambda g: geojson.comuni_geojson(g, v.ds["comuni"]),
        ),
        Download(
            t("dl_package", lang),
            lambda: package.package_zip(data_dir),
            "distretti_commercio_datapackage.zip",
            "application/zip",
            t("dl_package_missing", lang) if gaps else "",
            t("dl_package_missing", lang) if gaps else t("dl_package_help", lang),
        ),
    ]


@dataclass(frozen=True)
class TablePart:
    """One table as /dati presents it, from its provenance sidecar: title, file, description, rows, date
    accessed, licence, md5 and sources (values of the sidecar as written: the app escapes them);
    ``meta_missing`` names the sidecar when it is missing or unreadable (empty otherwise)."""

    name: str
    title: object
    filename: str
    meta_missing: str
    description: object
    rows: str
    date: str
    licence: object
    md5: str
    web_sources: tuple[str, ...]
    other_sources: tuple[str, ...]


def _date(meta: dict, lang: str) -> str:
    try:
        return fmt.date_long(str(meta.get("date_accessed", ""))[:10] or None, lang)
    except (ValueError, TypeError):  # a hand-edited sidecar with a date that is not a date
        return "–"


def table_parts(v: Views, lang: str = "it") -> list[TablePart]:
    """Every curated and derived table with its provenance (each sidecar read from the data folder on show)."""
    out = []
    for spec in schema.CURATED + schema.DERIVED:
        meta = provenance.load_meta(spec, paths.DATA_DIR)  # {} when the .meta.yml is missing or unreadable
        gen = meta.get("generated")
        gen = gen if isinstance(gen, dict) else {}
        srcs = meta.get("sources")
        srcs = [s for s in srcs if isinstance(s, str)] if isinstance(srcs, list) else []
        out.append(
            TablePart(
                name=spec.name,
                title=meta.get("title_en" if lang == "en" else "title", spec.title_it),
                filename=spec.filename,
                meta_missing="" if meta else spec.filename.replace(".csv", ".meta.yml"),
                description=meta.get("description", ""),
                rows=fmt.num(len(v.ds[spec.name]), lang),
                date=_date(meta, lang),
                licence=meta.get("licence", "–"),
                md5=str(gen.get("md5", "–"))[:12],
                web_sources=tuple(u for u in srcs if u.startswith("http")),
                other_sources=tuple(u for u in srcs if not u.startswith("http")),
            )
        )
    return out


def table_choices(lang: str = "it") -> dict[str, str]:
    """The tables one can download alone: name -> «Distretti del Commercio (districts.csv)»."""
    return {
        s.name: f"{s.title_en if lang == 'en' else s.title_it} ({s.filename})" for s in schema.CURATED + schema.DERIVED
    }


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


def changelog(v: Views, lang: str = "it") -> list[tuple[str, str, object]]:
    """The data's changes, newest first: (date in words, the tables' titles, the description; plain text)."""
    log = v.ds["changelog"].sort_values("change_date", ascending=False)
    return [
        (
            fmt.date_long(r["change_date"], lang),
            _table_names(r["tables"], lang),
            r["description_en" if lang == "en" else "description_it"],
        )
        for _, r in log.iterrows()
    ]
